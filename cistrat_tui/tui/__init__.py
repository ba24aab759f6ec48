"""The Textual user interface: a thin layer over the core and the exporters."""

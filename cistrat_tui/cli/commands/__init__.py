"""Subcommands of the ``cistrat-tui`` command line, one module each, each defining ``COMMAND``."""

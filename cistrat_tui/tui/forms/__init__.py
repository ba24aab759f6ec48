"""Record forms (activity, site, trainee) and their Textual-free rules."""

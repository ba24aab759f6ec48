"""Reference facts and the sample workshop, installed as the package ``cistrat_tui.data``."""

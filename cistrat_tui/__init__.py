"""cistrat-tui: the logistics coordinator's terminal app for an STI policy training workshop."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("cistrat-tui")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+unknown"

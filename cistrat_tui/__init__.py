"""cistrat-tui: the logistics coordinator's terminal app for an STI policy training workshop."""

from __future__ import annotations

from functools import cache


@cache
def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cistrat-tui")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    """``__version__``, looked up in the installed metadata only when asked for: reading it
    costs a scan of site-packages, which the app's first screen should not wait for."""
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

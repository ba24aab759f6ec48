"""Default locations of the database and the exports, overridable by option and environment.

Relative defaults are taken from the working directory, so a coordinator who runs the app in a
folder finds ``data/workshop.json`` and ``exports/`` there.
"""

from __future__ import annotations

import os
from pathlib import Path

from cistrat_tui.core.errors import StoreError

DB_ENV = "CISTRAT_DB"
EXPORTS_ENV = "CISTRAT_EXPORTS"
DEFAULT_DB = Path("data") / "workshop.json"
DEFAULT_EXPORTS = Path("exports")


def database_path(option: str | os.PathLike[str] | None = None) -> Path:
    """The database to open: ``--db``, else ``$CISTRAT_DB``, else ``data/workshop.json``.

    An empty ``--db ""`` is refused rather than taken for "the default": a script whose
    variable came out empty would otherwise change another database than it meant."""
    if option is not None and not os.fspath(option).strip():
        raise StoreError("--db is empty; give the database file's path, or leave the option "
                         "out to use $CISTRAT_DB or data/workshop.json")
    chosen = option or os.environ.get(DB_ENV) or DEFAULT_DB
    return Path(chosen).expanduser()


def exports_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """Where exports go: ``--out``, else ``$CISTRAT_EXPORTS``, else ``exports/``."""
    chosen = option or os.environ.get(EXPORTS_ENV) or DEFAULT_EXPORTS
    return Path(chosen).expanduser()

"""Opening the coordinator's database by the path the user chose (or the default), and writing
a new one.

Both front ends open the database through :func:`open_database`, so the rules for which file
and when it is created are the same in the app and on the command line: only the default
database (no ``--db``, no ``$CISTRAT_DB``) is created from the bundled sample when it is absent,
so that the app always opens on something; any other missing path is a typo until shown
otherwise, and is refused (no file, no folder made) with a line that names ``cistrat-tui new``.
"""

from __future__ import annotations

import os
from pathlib import Path

from cistrat_tui.core.errors import StoreError
from cistrat_tui.core.paths import DB_ENV, database_path
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore

NEW_COMMAND = "cistrat-tui new"


class MissingDatabaseError(StoreError):
    """A database path the user chose does not exist; nothing was created."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"there is no database at {path}; to start one, run '{NEW_COMMAND} --db {path} "
            f"--title TITLE --start YYYY-MM-DD --end YYYY-MM-DD' (or '--from OLD.json --start "
            f"YYYY-MM-DD' to copy last year's, '--sample' for the sample workshop)")


def chosen_explicitly(option: str | os.PathLike[str] | None) -> bool:
    """Whether the user named the database (``--db`` or ``$CISTRAT_DB``) rather than taking
    the default ``data/workshop.json``."""
    return bool(option or os.environ.get(DB_ENV))


def open_database(option: str | None, *, readonly: bool) -> tuple[WorkshopStore, bool]:
    """Open the database at ``option`` (else ``$CISTRAT_DB``, else the default). Only the
    default is created from the bundled sample when it does not exist yet; a missing chosen
    path raises :class:`MissingDatabaseError`. Returns the store and whether the file was just
    created."""
    path = database_path(option)
    created = not path.exists()
    if created:
        if chosen_explicitly(option):
            raise MissingDatabaseError(path)
        WorkshopStore.open(path, create_from=sample_workshop).close()
    return WorkshopStore.open(path, readonly=readonly), created


def create_database(path: str | os.PathLike[str], workshop: Workshop) -> Path:
    """Write ``workshop`` as a new database at ``path`` (making its folder); refuses to touch
    a file that is already there. Returns the path written."""
    target = Path(path).expanduser()
    if target.exists() or target.is_symlink():
        raise StoreError(f"{target} already exists; {NEW_COMMAND} never overwrites a "
                         "database: choose another --db")
    with WorkshopStore.open(target, create_from=lambda: workshop) as store:
        if store.workshop.programme.id != workshop.programme.id:  # made meanwhile by another
            raise StoreError(f"{target} was created by another program meanwhile; it was "
                             "left as it is")
    return target

"""Opening the coordinator's database by the path the user chose (or the default).

Both front ends open the database through :func:`open_database`, so the rules for which file
and when it is created are the same in the app and on the command line.
"""

from __future__ import annotations

from cistrat_tui.core.paths import database_path
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore


def open_database(option: str | None, *, readonly: bool) -> tuple[WorkshopStore, bool]:
    """Open the database at ``option`` (else ``$CISTRAT_DB``, else the default), creating it
    from the bundled sample when it does not exist yet. Returns the store and whether the file
    was just created."""
    path = database_path(option)
    created = not path.exists()
    if created:
        WorkshopStore.open(path, create_from=sample_workshop).close()
    return WorkshopStore.open(path, readonly=readonly), created

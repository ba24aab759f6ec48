"""Opening the app on a database: what `cistrat-tui` with no subcommand does, on the TUI side."""

from __future__ import annotations

import sys

from cistrat_tui.core.errors import StoreError
from cistrat_tui.core.paths import database_path
from cistrat_tui.core.store.opening import open_database


def run_app(db: str | None, *, read_only: bool) -> int:
    """Open the Textual app on the database. Unless ``read_only``, the app holds the database's
    write lock while it runs. A database that cannot be opened (locked by another copy,
    unreadable, too new) gets an explaining screen at a terminal, then the error is raised for
    the one-line message."""
    try:
        store, created = open_database(db, readonly=read_only)
    except StoreError as error:
        if sys.stdin.isatty() and sys.stdout.isatty():
            from cistrat_tui.tui.screens.db_problem import DatabaseProblemApp

            DatabaseProblemApp(error, str(database_path(db))).run()
        raise
    with store:
        from cistrat_tui.tui.app import CistratApp

        notice = f"Created {store.path} from the bundled sample workshop." if created else ""
        if store.stale_lock_holder:
            notice += (f" Took over the lock left by {store.stale_lock_holder}, which ended "
                       "without closing the database.").rstrip()
        app = CistratApp(store, notice=notice)
        try:
            app.run()
        finally:
            app.store.close()  # the database opened last (New programme, Copy...)
        return app.return_code or 0

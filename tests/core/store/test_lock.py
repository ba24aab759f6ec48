"""The write lock: a deleted lock file cannot let a second writer in unnoticed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cistrat_tui.core.errors import DatabaseLockedError
from cistrat_tui.core.records.model import Trainee
from cistrat_tui.core.store.backups import list_backups
from cistrat_tui.core.store.lock import DatabaseLock, lock_path_for
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.core.store.storage import ChangedElsewhere
from tests.core.store.store_helpers import small_workshop


def test_a_deleted_lock_file_is_taken_again_before_the_next_save(tmp_path: Path) -> None:
    db = tmp_path / "w.json"
    with WorkshopStore.open(db, create_from=small_workshop) as store:
        lock_path_for(db).unlink()
        store.put(Trainee("Ana Gonçalves"))  # nobody else wrote: the save goes through
        assert lock_path_for(db).exists()
        assert json.loads(lock_path_for(db).read_text())["pid"] > 0
        with pytest.raises(DatabaseLockedError):
            WorkshopStore.open(db)  # the new lock file is held
    assert "Ana Gonçalves" in {t.name for t in WorkshopStore.open(db, readonly=True)
                               .workshop.trainees.values()}


def test_a_change_made_through_a_deleted_lock_is_never_overwritten(tmp_path: Path) -> None:
    """The TUI holds the database; the lock file is deleted; a CLI import succeeds. The TUI's
    next save must neither drop the import nor lose its own change."""
    db = tmp_path / "w.json"
    with WorkshopStore.open(db, create_from=small_workshop) as app:
        lock_path_for(db).unlink()
        with WorkshopStore.open(db) as other:
            other.put(Trainee("Imported By CLI"))
        with pytest.raises(ChangedElsewhere) as refused:
            app.put(Trainee("Typed In TUI"))
        kept = refused.value.kept
        assert kept is not None and kept in list_backups(db)
        assert "Typed In TUI" in kept.read_text(encoding="utf-8")
        assert "kept in" in str(refused.value)
        names = {t.name for t in app.workshop.trainees.values()}
        assert "Imported By CLI" in names and "Typed In TUI" not in names  # shown as it is
        app.put(Trainee("After Reload"))  # the lock is held again: saving works
    on_disk = {t.name for t in WorkshopStore.open(db, readonly=True).workshop.trainees.values()}
    assert {"Imported By CLI", "After Reload"} <= on_disk


def test_verify_reports_a_new_holder_of_a_replaced_lock_file(tmp_path: Path) -> None:
    db = tmp_path / "w.json"
    held = DatabaseLock(db).acquire()
    lock_path_for(db).unlink()
    intruder = DatabaseLock(db).acquire()
    with pytest.raises(DatabaseLockedError, match="another copy"):
        held.verify()
    intruder.release()
    assert held.verify() is False  # the lock is now on the current file
    assert held.verify() is True
    held.release()


def test_a_lock_file_naming_its_holder_with_escapes_gives_a_printable_line(
        tmp_path: Path) -> None:
    db = tmp_path / "w.json"
    held = DatabaseLock(db).acquire()
    lock_path_for(db).write_text(json.dumps({"pid": 7, "host": "\x1b]0;owned\x07pc",
                                             "user": "x" * 10_000, "since": "today"}))
    with pytest.raises(DatabaseLockedError) as refused:
        DatabaseLock(db).acquire()
    message = str(refused.value)
    assert message.isprintable() and len(message) < 600
    assert "on ]0;ownedpc" in message
    held.release()

"""The migration chain, step 2 -> 3 on a real schema-2 file: the ledger table appears, empty."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from cistrat_tui.core.records.ledger import LedgerEntry
from cistrat_tui.core.store import backups
from cistrat_tui.core.store.migrations import MIGRATIONS, SCHEMA_VERSION, migrate
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.core.store.storage import read_tables

FIXTURES = Path(__file__).parents[2] / "fixtures"


def _entry(calendar: str, uid: str, sequence: int = 0) -> LedgerEntry:
    return LedgerEntry(calendar, uid, "f" * 16, sequence,
                       datetime(2026, 11, 20, 2, 0, tzinfo=UTC), "Visit", "2027-03-08",
                       "2027-03-09")


def test_step_two_adds_an_empty_ledger_and_keeps_every_other_table() -> None:
    tables, _sealed = read_tables(FIXTURES / "workshop_v2.json")
    before = json.loads(json.dumps(tables))
    migrated = migrate(tables, 2)
    assert SCHEMA_VERSION == 3 and 2 in MIGRATIONS
    assert migrated["ledger"] == {}
    assert migrated["_meta"]["1"]["schema_version"] == 3
    for name, table in before.items():
        if name != "_meta":
            assert migrated[name] == table


def test_a_v2_file_opens_migrated_after_a_backup_and_then_keeps_a_ledger(tmp_path: Path) -> None:
    db = tmp_path / "workshop.json"
    shutil.copy(FIXTURES / "workshop_v2.json", db)
    original = db.read_bytes()
    with WorkshopStore.open(db) as store:
        copies = [p for p in store.backups() if "v2-before-migration" in p.name]
        assert len(copies) == 1 and copies[0].read_bytes() == original
        assert store.workshop.ledger == {}
        activities = len(store.workshop.activities)
        store.put_all([_entry("group", "a@x"), _entry("staff", "a@x", 2)])
    raw = json.loads(db.read_text(encoding="utf-8"))
    assert raw["_meta"]["1"]["schema_version"] == 3
    assert len(raw["ledger"]) == 2
    with WorkshopStore.open(db) as again:  # sealed fast path and full path agree
        assert again.workshop.ledger["staff a@x"].sequence == 2
        assert len(again.workshop.activities) == activities
        assert len([p for p in backups.list_backups(db) if "migration" in p.name]) == 1


def test_put_all_inserts_updates_and_removes_in_one_save(tmp_path: Path,
                                                          monkeypatch: object) -> None:
    db = tmp_path / "workshop.json"
    shutil.copy(FIXTURES / "workshop_v2.json", db)
    with WorkshopStore.open(db) as store:
        saves: list[int] = []
        original = store._storage.save

        def counting() -> None:
            saves.append(1)
            original()

        store._storage.save = counting  # type: ignore[method-assign]
        store.put_all([_entry("group", f"u{n}@x") for n in range(50)])
        store.put_all([_entry("group", "u1@x", 5), _entry("staff", "new@x")],
                      removed=[store.workshop.ledger["group u2@x"]])
        assert len(saves) == 2
    with WorkshopStore.open(db) as again:
        ledger = again.workshop.ledger
        assert len(ledger) == 50 and ledger["group u1@x"].sequence == 5
        assert "group u2@x" not in ledger and "staff new@x" in ledger

"""The migration chain, each step from a fixture of an older version, after a backup."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from cistrat_tui.core.records.closure import Closure
from cistrat_tui.core.records.cost import BudgetRules, CostLine
from cistrat_tui.core.records.ledger import LedgerEntry
from cistrat_tui.core.store import backups
from cistrat_tui.core.store.migrations import MIGRATIONS, SCHEMA_VERSION, migrate
from cistrat_tui.core.store.repository import WorkshopStore

FIXTURES = Path(__file__).parents[2] / "fixtures"


# The tables that schema 3 and later added: empty in a migrated version-2 file.
NEW_SINCE_V2 = ("bookings", "booking_rules", "closures", "costs", "budget_rules", "resources",
                "ledger")


def test_the_chain_has_a_step_from_every_older_version() -> None:
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))


def test_a_version_2_file_gains_the_new_tables_empty_and_keeps_the_rest() -> None:
    raw = json.loads((FIXTURES / "workshop_v2.json").read_text(encoding="utf-8"))
    before = {name: table for name, table in raw.items() if name != "_meta"}
    migrated = migrate(json.loads(json.dumps(raw)), 2)
    assert all(migrated[name] == {} for name in NEW_SINCE_V2)
    assert migrated["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    # Later steps add fields to old records (a stay's room rate and rooms, a trainee's passport
    # and flights...); no value the old file held changes.
    for name, table in before.items():
        assert set(migrated[name]) == set(table), name
        for key, doc in table.items():
            assert {field: migrated[name][key][field] for field in doc} == doc, (name, key)


def test_a_version_2_file_migrates_after_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "workshop.json"
    shutil.copy(FIXTURES / "workshop_v2.json", db)
    original = db.read_bytes()
    with WorkshopStore.open(db) as store:
        copies = [p for p in store.backups() if "v2-before-migration" in p.name]
        assert len(copies) == 1 and copies[0].read_bytes() == original
        assert store.workshop.closures == {}
        assert set(store.workshop.activities) == {doc["id"] for doc in json.loads(
            original)["activities"].values()}
        park = next(s for s in store.workshop.sites.values() if s.kind == "science_park")
        closure = store.put(Closure(date(2027, 3, 9), date(2027, 3, 10), "Open day", park.id))
    raw = json.loads(db.read_text(encoding="utf-8"))
    assert raw["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert list(raw["closures"].values()) == [closure.to_dict()]
    with WorkshopStore.open(db) as again:  # no second migration, the closure kept
        assert again.workshop.closures == {closure.id: closure}
        assert len([p for p in again.backups() if "migration" in p.name]) == 1


def test_a_read_only_open_of_a_version_2_file_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "workshop.json"
    shutil.copy(FIXTURES / "workshop_v2.json", db)
    original = db.read_bytes()
    with WorkshopStore.open(db, readonly=True) as store:
        assert store.workshop.closures == {}
    assert db.read_bytes() == original and backups.list_backups(db) == []


def test_a_version_2_file_gains_empty_bookings_after_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "w.json"
    shutil.copy(FIXTURES / "workshop_v2.json", db)
    original = db.read_bytes()
    before = json.loads(original)
    assert before["_meta"]["1"]["schema_version"] == 2 and "bookings" not in before
    with WorkshopStore.open(db) as store:
        copies = [p for p in store.backups() if "v2-before-migration" in p.name]
        assert len(copies) == 1 and copies[0].read_bytes() == original
        assert store.workshop.bookings == {} and store.workshop.booking_rules == {}
        assert len(store.workshop.activities) == len(before["activities"])
    after = json.loads(db.read_text(encoding="utf-8"))
    assert after["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert after["bookings"] == {} and after["booking_rules"] == {}


def test_step_4_to_5_adds_the_money_tables_and_room_rates(tmp_path: Path) -> None:
    raw = json.loads((FIXTURES / "workshop_v2.json").read_text(encoding="utf-8"))
    assert raw["_meta"]["1"]["schema_version"] == 2 and "costs" not in raw
    stays = len(raw["stays"])
    step = MIGRATIONS[4](raw)
    assert step["costs"] == {} and step["budget_rules"] == {}
    assert all(doc["room_rate"] is None for doc in step["stays"].values())
    assert len(step["stays"]) == stays


def test_a_v2_file_opens_migrated_after_a_backup_and_stores_money_exactly(
        tmp_path: Path) -> None:
    db = tmp_path / "workshop.json"
    shutil.copy(FIXTURES / "workshop_v2.json", db)
    original = db.read_bytes()
    with WorkshopStore.open(db) as store:
        assert [p.read_bytes() for p in store.backups()
                if "v2-before-migration" in p.name] == [original]
        assert store.workshop.costs == {} and store.workshop.rules.ceiling is None
        stay = next(iter(store.workshop.stays.values()))
        store.put(BudgetRules(per_diem="300.00", currency_rates={"USD": "7.123456"},
                              ceiling="250000"))
        line = store.put(CostLine("accommodation", "Hotel contract", owner="stay",
                                  owner_id=stay.id, quantity="16", unit_price="0.10",
                                  actual="1.70", invoice_number="INV-7"))
    assert json.loads(db.read_text(encoding="utf-8"))["_meta"]["1"]["schema_version"] == \
        SCHEMA_VERSION
    with WorkshopStore.open(db) as again:  # sealed: the fast loader reads the text amounts
        assert again.workshop.costs[line.id] == line
        assert again.workshop.costs[line.id].planned == Decimal("1.60")
        assert again.workshop.rules.currency_rates == {"USD": Decimal("7.123456")}
        assert len([p for p in backups.list_backups(db) if "migration" in p.name]) == 1


def test_version_2_gains_the_weekend_option_and_the_make_up_day_flag(tmp_path: Path) -> None:
    db = tmp_path / "workshop.json"
    shutil.copy(FIXTURES / "workshop_v2.json", db)
    original = db.read_bytes()
    raw = json.loads(original)
    assert "weekend_travel" not in raw["programme"]["1"]
    with WorkshopStore.open(db) as store:
        workshop = store.workshop
        copies = [p for p in store.backups() if "v2-before-migration" in p.name]
        assert len(copies) == 1 and copies[0].read_bytes() == original
    assert workshop.programme.weekend_travel is True
    assert workshop.sites and all(s.closed_on_makeup_days is False
                                  for s in workshop.sites.values())
    assert len(workshop.activities) == len(raw["activities"])
    written = json.loads(db.read_text(encoding="utf-8"))
    assert written["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert written["programme"]["1"]["weekend_travel"] is True
    with WorkshopStore.open(db) as again:  # the sealed file loads through the fast loader
        assert again.workshop.to_tables() == workshop.to_tables()


def test_the_step_keeps_a_value_already_there() -> None:
    tables = {"programme": {"1": {"weekend_travel": False}},
              "sites": {"1": {"closed_on_makeup_days": True}}}
    out = MIGRATIONS[6](tables)
    assert out["programme"]["1"]["weekend_travel"] is False
    assert out["sites"]["1"]["closed_on_makeup_days"] is True


def _entry(calendar: str, uid: str, sequence: int = 0) -> LedgerEntry:
    return LedgerEntry(calendar, uid, "f" * 16, sequence,
                       datetime(2026, 11, 20, 2, 0, tzinfo=UTC), "Visit", "2027-03-08",
                       "2027-03-09")


def test_step_7_to_8_adds_an_empty_ledger() -> None:
    assert MIGRATIONS[7]({})["ledger"] == {}
    assert MIGRATIONS[7]({"ledger": {"1": {"kept": True}}})["ledger"] == {"1": {"kept": True}}


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
    assert raw["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
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

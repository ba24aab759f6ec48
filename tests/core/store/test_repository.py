"""The store: round trips, atomic saves, backups, migrations and files it must not touch."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from cistrat_tui.core.errors import (
    CorruptDatabaseError,
    SchemaTooNewError,
    StoreError,
    ValidationError,
)
from cistrat_tui.core.records.model import Site, Trainee
from cistrat_tui.core.store import backups
from cistrat_tui.core.store.migrations import SCHEMA_VERSION
from cistrat_tui.core.store.repository import WorkshopStore
from tests.core.store.store_helpers import small_workshop

FIXTURES = Path(__file__).parents[2] / "fixtures"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "workshop.json"


def test_new_database_is_created_from_the_given_workshop(db: Path) -> None:
    workshop = small_workshop()
    with WorkshopStore.open(db, create_from=lambda: workshop) as store:
        assert store.workshop.to_tables() == workshop.to_tables()
    raw = json.loads(db.read_text(encoding="utf-8"))
    assert raw["_meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_missing_database_without_a_source_is_an_error(db: Path) -> None:
    with pytest.raises(StoreError, match="no database at"):
        WorkshopStore.open(db)
    assert not db.exists()


def test_round_trip_keeps_chinese_as_characters(db: Path) -> None:
    workshop = small_workshop()
    WorkshopStore.open(db, create_from=lambda: workshop).close()
    text = db.read_text(encoding="utf-8")
    assert "张江高科技园区" in text and "陈静" in text
    assert "\\u" not in text
    assert not db.read_bytes().startswith(b"\xef\xbb\xbf")
    with WorkshopStore.open(db, readonly=True) as store:
        assert store.workshop.to_tables() == workshop.to_tables()


def test_put_saves_at_once_and_reopens_equal(db: Path) -> None:
    with WorkshopStore.open(db, create_from=small_workshop) as store:
        site = store.put(Site("research_institute", "CASTED", "Beijing",
                              name_zh="中国科学技术发展战略研究院", lat=39.907, lon=116.316))
        trainee = next(iter(store.workshop.trainees.values()))
        store.put(dataclasses.replace(trainee, name="Amina B. Bekele"))
        expected = store.workshop.to_tables()
        # A second, read-only look sees the change without the first store closing.
        with WorkshopStore.open(db, readonly=True) as other:
            assert other.workshop.sites[site.id] == site
            assert other.workshop.to_tables() == expected


def test_activity_revision_rises_only_for_visible_changes(db: Path) -> None:
    with WorkshopStore.open(db, create_from=small_workshop) as store:
        activity = store.workshop.ordered_activities()[0]
        assert activity.revision == 0
        moved = store.put(dataclasses.replace(activity, title="Visit: Zhangjiang"))
        assert moved.revision == 1
        noted = store.put(dataclasses.replace(moved, internal_notes="bus 2 is late"))
        assert noted.revision == 1
        same = store.put(noted)
        assert same.revision == 1
    with WorkshopStore.open(db, readonly=True) as store:
        assert store.workshop.activities[activity.id].revision == 1
        assert store.workshop.activities[activity.id].internal_notes == "bus 2 is late"


def test_remove_and_reinsert_never_reuses_a_record_id(db: Path) -> None:
    with WorkshopStore.open(db, create_from=small_workshop) as store:
        first = store.workshop.ordered_activities()[-1]
        store.remove(first)
        store.put(dataclasses.replace(first, id=Site("venue", "x", "y").id))
        assert first.id not in store.workshop.activities
    with WorkshopStore.open(db, readonly=True) as store:
        assert first.id not in store.workshop.activities
        assert len(store.workshop.activities) == 3


def test_a_bad_reference_is_refused_and_nothing_is_written(db: Path) -> None:
    with WorkshopStore.open(db, create_from=small_workshop) as store:
        before = db.read_bytes()
        activity = store.workshop.ordered_activities()[0]
        with pytest.raises(ValidationError, match="no site has the id"):
            store.put(dataclasses.replace(activity, site_id=Site("venue", "x", "y").id))
        site = next(iter(store.workshop.sites.values()))
        with pytest.raises(ValidationError, match="still used"):
            store.remove(site)
        assert db.read_bytes() == before
        assert store.workshop.activities[activity.id] == activity


def test_batch_saves_once_and_rolls_back_on_error(db: Path) -> None:
    with WorkshopStore.open(db, create_from=small_workshop) as store:
        before = db.read_bytes()
        with pytest.raises(ValidationError), store.batch():
            store.put(Trainee("Kwame Mensah", country="Ghana"))
            store.put(Trainee("Bad", email="x@"))
        assert db.read_bytes() == before
        assert [t.name for t in store.workshop.trainees.values()] == ["Amina Bekele", "陈静"]
        with store.batch():
            for n in range(5):
                store.put(Trainee(f"Trainee {n}"))
            assert db.read_bytes() == before  # nothing on disk until the batch ends
        assert len(store.workshop.trainees) == 7
    with WorkshopStore.open(db, readonly=True) as store:
        assert len(store.workshop.trainees) == 7


def test_failed_save_keeps_the_old_file_and_memory(db: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    with WorkshopStore.open(db, create_from=small_workshop) as store:
        before = db.read_bytes()
        import cistrat_tui.core.store.storage as storage

        def disk_full(path: Path, data: bytes) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(storage, "atomic_write_bytes", disk_full)
        with pytest.raises(StoreError, match=r"No space left on device.*not saved"):
            store.put(Trainee("Kwame Mensah"))
        assert db.read_bytes() == before
        assert "Kwame Mensah" not in {t.name for t in store.workshop.trainees.values()}


def test_readonly_store_refuses_changes(db: Path) -> None:
    WorkshopStore.open(db, create_from=small_workshop).close()
    with WorkshopStore.open(db, readonly=True) as store, \
            pytest.raises(StoreError, match="read-only"):
        store.put(Trainee("Kwame Mensah"))


def test_saves_make_rotating_backups(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backups, "BACKUP_INTERVAL", backups.timedelta(0))
    with WorkshopStore.open(db, create_from=small_workshop) as store:
        first = db.read_bytes()
        store.put(Trainee("One"))
        assert store.backups() and store.backups()[0].read_bytes() == first
    # A new sitting backs up before its first save; only the newest KEEP stay.
    for n in range(backups.KEEP + 3):
        with WorkshopStore.open(db) as store:
            store.put(Trainee(f"Trainee {n}"))
    found = backups.list_backups(db)
    assert len(found) == backups.KEEP
    newest = json.loads(found[0].read_text(encoding="utf-8"))
    names = {d["name"] for d in newest["trainees"].values()}
    assert f"Trainee {backups.KEEP + 1}" in names and f"Trainee {backups.KEEP + 2}" not in names


def test_migrates_an_older_file_after_a_backup(db: Path) -> None:
    db.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "workshop_v1.json", db)
    original = db.read_bytes()
    with WorkshopStore.open(db) as store:
        workshop = store.workshop
        copies = [p for p in store.backups() if "v1-before-migration" in p.name]
        assert len(copies) == 1 and copies[0].read_bytes() == original
    visit = next(a for a in workshop.activities.values() if a.kind == "visit")
    assert visit.participants.audience == "everyone"
    assert visit.status == "confirmed" and visit.revision == 0
    dinner = next(a for a in workshop.activities.values() if a.kind == "meal")
    assert dinner.participants.audience == "named" and len(dinner.participants.trainee_ids) == 1
    park = next(s for s in workshop.sites.values() if s.kind == "science_park")
    assert (park.lat, park.lon) == (39.9934, 116.3246)
    raw = json.loads(db.read_text(encoding="utf-8"))
    assert raw["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    with WorkshopStore.open(db) as again:  # no second migration, no second backup
        assert again.workshop.to_tables() == workshop.to_tables()
        assert len([p for p in again.backups() if "migration" in p.name]) == 1


def test_readonly_open_migrates_in_memory_only(db: Path) -> None:
    db.parent.mkdir(parents=True)
    shutil.copy(FIXTURES / "workshop_v1.json", db)
    original = db.read_bytes()
    with WorkshopStore.open(db, readonly=True) as store:
        assert len(store.workshop.activities) == 2
    assert db.read_bytes() == original
    assert backups.list_backups(db) == []


def test_newer_schema_is_refused_untouched(db: Path) -> None:
    WorkshopStore.open(db, create_from=small_workshop).close()
    raw = json.loads(db.read_text(encoding="utf-8"))
    raw["_meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    db.write_text(json.dumps(raw), encoding="utf-8")
    before = db.read_bytes()
    with pytest.raises(SchemaTooNewError, match="Upgrade cistrat-tui"):
        WorkshopStore.open(db)
    assert db.read_bytes() == before


def _corruptions(valid: bytes) -> dict[str, bytes]:
    raw = json.loads(valid)
    no_meta = {k: v for k, v in raw.items() if k != "_meta"}
    bad_record = json.loads(valid)
    next(iter(bad_record["sites"].values()))["lat"] = 123.0
    return {
        "truncated": valid[: len(valid) // 2],
        "empty": b"",
        "not json": b"this is not a database\n",
        "not utf-8": valid.replace(b'"sites"', b'"\xff\xfe"'),
        "a list": b"[1, 2, 3]",
        "no meta": json.dumps(no_meta).encode(),
        "table not a dict": json.dumps({**raw, "sites": [1]}).encode(),
        "invalid record": json.dumps(bad_record).encode(),
    }


@pytest.mark.parametrize("case", ["truncated", "empty", "not json", "not utf-8", "a list",
                                  "no meta", "table not a dict", "invalid record"])
def test_unreadable_file_is_never_overwritten(db: Path, case: str) -> None:
    with WorkshopStore.open(db, create_from=small_workshop) as store:
        store.put(Trainee("Backed Up"))  # makes a backup to point the user at
    damaged = _corruptions(db.read_bytes())[case]
    db.write_bytes(damaged)
    for readonly in (False, True):
        with pytest.raises(CorruptDatabaseError) as caught:
            WorkshopStore.open(db, readonly=readonly, create_from=small_workshop)
        message = str(caught.value)
        assert str(db) in message and "has not been changed" in message
        assert "backup" in message and str(backups.backup_dir(db)) in message
        assert db.read_bytes() == damaged
    assert "latitude" in str(caught.value) or case != "invalid record"


def test_a_folder_or_an_unwritable_place_gives_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "is-a-folder.json"
    folder.mkdir()
    with pytest.raises(StoreError, match="is a folder"):
        WorkshopStore.open(folder, readonly=True)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the folder"):
        WorkshopStore.open(blocker / "sub" / "w.json", create_from=small_workshop)

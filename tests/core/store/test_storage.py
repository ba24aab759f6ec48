"""Files the store is handed that it must not get wrong: links, read-only files, leftovers of
killed saves, hand-edited files (repeated keys, malformed old versions, huge values, a seal
taken away)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from cistrat_tui.core.errors import CorruptDatabaseError, StoreError
from cistrat_tui.core.paths import database_path
from cistrat_tui.core.records.model import Trainee
from cistrat_tui.core.store import backups
from cistrat_tui.core.store.lock import lock_path_for
from cistrat_tui.core.store.repository import WorkshopStore
from tests.core.store.store_helpers import small_workshop

FIXTURES = Path(__file__).parents[2] / "fixtures"


def created(tmp_path: Path, name: str = "w.json") -> Path:
    db = tmp_path / name
    WorkshopStore.open(db, create_from=small_workshop).close()
    return db


def test_a_symlinked_database_is_saved_through_the_link_and_locked_once(tmp_path: Path) -> None:
    real = created(tmp_path / "real")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with WorkshopStore.open(link) as store:
        store.put(Trainee("Through The Link"))
        with pytest.raises(StoreError, match="open for writing"):
            WorkshopStore.open(real)  # the real name is locked too
    assert link.is_symlink() and os.readlink(link) == str(real)
    names = {t.name for t in WorkshopStore.open(real, readonly=True).workshop.trainees.values()}
    assert "Through The Link" in names
    assert not lock_path_for(link).exists() and lock_path_for(real).exists()


def test_a_read_only_file_is_not_rewritten(tmp_path: Path) -> None:
    db = created(tmp_path)
    before = db.read_bytes()
    db.chmod(0o444)
    with pytest.raises(StoreError, match=r"read-only \(permissions r--r--r--\).*--read-only"):
        WorkshopStore.open(db)
    assert db.read_bytes() == before and stat.S_IMODE(db.stat().st_mode) == 0o444
    with WorkshopStore.open(db, readonly=True) as store:  # reading it is still fine
        assert store.workshop.trainees


def test_leftovers_of_killed_saves_are_removed_on_opening(tmp_path: Path) -> None:
    db = created(tmp_path)
    with WorkshopStore.open(db) as store:
        store.put(Trainee("Makes A Backup"))
    folder = backups.backup_dir(db)
    leftovers = [tmp_path / ".w.json.4242.tmp", folder / ".w-save-20260101.json.17.tmp"]
    unrelated = [tmp_path / ".other.json.4242.tmp", tmp_path / "notes.tmp",
                 tmp_path / ".w.json.lock"]
    for path in leftovers + unrelated:
        path.write_bytes(b"{half a save")
    WorkshopStore.open(db, readonly=True).close()
    assert all(p.exists() for p in leftovers)  # a reader holds no lock: it leaves them
    WorkshopStore.open(db).close()
    assert not any(p.exists() for p in leftovers)
    assert all(p.exists() for p in unrelated)


def test_an_empty_database_option_is_refused_not_taken_for_the_default() -> None:
    with pytest.raises(StoreError, match="--db is empty"):
        database_path("")
    with pytest.raises(StoreError, match="empty"):
        WorkshopStore.open("  ")


def test_a_new_database_in_missing_nested_folders_is_created(tmp_path: Path) -> None:
    db = tmp_path / "a" / "b" / "w.json"
    WorkshopStore.open(db, create_from=small_workshop).close()
    assert db.is_file()


def _hand_edited(db: Path, edit: str) -> bytes:
    """The database's text with one trainee document repeated under the same number."""
    return db.read_bytes().replace(b'"trainees":{', b'"trainees":{' + edit.encode() + b",", 1)


def test_a_record_number_given_twice_is_refused_not_dropped(tmp_path: Path) -> None:
    db = created(tmp_path)
    data = json.loads(db.read_bytes())
    first_key, first = next(iter(data["trainees"].items()))
    copy = json.dumps({**first, "name": "Copied Record",
                       "id": "00000000-0000-4000-8000-000000000001"})
    damaged = _hand_edited(db, f'"{first_key}":{copy}')
    db.write_bytes(damaged)
    with pytest.raises(CorruptDatabaseError, match=f"key '{first_key}' appears twice"):
        WorkshopStore.open(db)
    assert db.read_bytes() == damaged


@pytest.mark.parametrize(("table", "field", "value"), [
    ("sites", "coordinates", "not a pair"), ("sites", "coordinates", [1, 2, 3]),
    ("activities", "participants", 5), ("activities", "participants", {"a": 1}),
])
def test_a_malformed_version_1_file_gets_a_clear_refusal(tmp_path: Path, table: str,
                                                          field: str, value: object) -> None:
    data = json.loads((FIXTURES / "workshop_v1.json").read_text(encoding="utf-8"))
    next(iter(data[table].values()))[field] = value
    db = tmp_path / "old.json"
    db.write_text(json.dumps(data), encoding="utf-8")
    before = db.read_bytes()
    with pytest.raises(CorruptDatabaseError, match="has not been changed"):
        WorkshopStore.open(db)
    assert db.read_bytes() == before


@pytest.mark.parametrize(("table", "field", "shown"), [
    ("trainees", "name", "at most 200"), ("sites", "lat", "latitude"),
    ("sites", "name_en", "at most 200")])
def test_a_huge_value_gives_a_short_error_line_that_names_the_field(
        tmp_path: Path, table: str, field: str, shown: str) -> None:
    db = created(tmp_path)
    data = json.loads(db.read_bytes())
    next(iter(data[table].values()))[field] = "x" * 5_000_000
    db.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CorruptDatabaseError) as caught:
        WorkshopStore.open(db)
    message = str(caught.value)
    assert len(message) < 1000 and shown in message


def test_a_current_file_whose_seal_was_taken_away_is_validated_in_full(tmp_path: Path) -> None:
    """Without a seal (or with a seal that is not text), the fast loader must not be used: a
    record the fast loader would accept as it is (a latitude of 123) is then refused."""
    db = created(tmp_path)
    for seal in (None, 123, ["x"]):
        data = json.loads(db.read_bytes())
        meta = data["_meta"]["1"]
        if seal is None:
            meta.pop("seal", None)
        else:
            meta["seal"] = seal
        next(iter(data["sites"].values()))["lat"] = 123.0
        damaged = json.dumps(data, separators=(",", ":")).encode()
        assert damaged.startswith(b'{"_meta":')
        bad = tmp_path / "bad.json"
        bad.write_bytes(damaged)
        with pytest.raises(CorruptDatabaseError, match="latitude"):
            WorkshopStore.open(bad, readonly=True)


def test_a_path_that_is_not_a_link_is_kept_as_given(tmp_path: Path) -> None:
    created(tmp_path)
    with WorkshopStore.open("w.json", readonly=True) as store:  # the tests run in tmp_path
        assert store.path == Path("w.json")


def test_a_link_to_a_link_and_a_relative_link_reach_the_real_file(tmp_path: Path) -> None:
    real = created(tmp_path / "real")
    (tmp_path / "one.json").symlink_to(Path("real") / "w.json")
    (tmp_path / "two.json").symlink_to("one.json")
    with WorkshopStore.open(tmp_path / "two.json") as store:
        assert store.path == real
        store.put(Trainee("Two Links Deep"))
    assert (tmp_path / "two.json").is_symlink() and (tmp_path / "one.json").is_symlink()

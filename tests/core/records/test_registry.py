"""One registry of record types; its fingerprint keys the load seal to the validation rules."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from cistrat_tui.core.errors import CorruptDatabaseError
from cistrat_tui.core.records import registry
from cistrat_tui.core.records.activity import Activity, Stay
from cistrat_tui.core.records.model import Programme, Site, Trainee
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.store import storage
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.core.store.storage import encode_tables, read_tables
from tests.core.store.store_helpers import small_workshop


def test_every_table_of_the_workshop_is_registered_once() -> None:
    tables = [rt.table for rt in registry.RECORD_TYPES]
    assert len(tables) == len(set(tables))
    assert {f.name for f in fields(Workshop)} == set(tables)
    assert registry.record_type(Site("venue", "Hall", "Beijing")).table == "sites"
    assert registry.by_table("stays").cls is Stay
    assert [rt.cls for rt in registry.RECORD_TYPES if rt.single] == [Programme]
    assert {Trainee, Activity} <= {rt.cls for rt in registry.RECORD_TYPES}
    with pytest.raises(TypeError, match="not a workshop record"):
        registry.record_type("a string")


def test_the_workshop_round_trips_through_the_registry() -> None:
    workshop = small_workshop()
    assert set(workshop.to_tables()) == set(registry.TABLE_NAMES)
    assert Workshop.from_tables(workshop.to_tables()) == workshop


def test_the_fingerprint_follows_the_validating_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    before = registry.fingerprint()
    registry.fingerprint.cache_clear()
    real = registry._module_text

    def edited(name: str) -> bytes:
        text = real(name)
        return text + b"\n# a tightened rule\n" if name.endswith(".values") else text

    monkeypatch.setattr(registry, "_module_text", edited)
    try:
        assert registry.fingerprint() != before
    finally:
        registry.fingerprint.cache_clear()


def test_a_file_sealed_under_other_rules_is_validated_in_full(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A record that was valid under the old rules but not under today's is caught: the seal
    written under the old fingerprint does not match, so the file is validated in full."""
    db = tmp_path / "w.json"
    monkeypatch.setattr(storage, "fingerprint", lambda: "rules-of-an-older-version")
    WorkshopStore.open(db, create_from=small_workshop).close()
    raw = db.read_bytes()
    assert b'"lat":31.2018' in raw
    # What the old rules let through (here: a latitude today's rules refuse), sealed by them.
    tables, _ = read_tables(db)
    site = next(doc for doc in tables["sites"].values() if doc.get("lat") == 31.2018)
    site["lat"] = 131.2018
    db.write_bytes(encode_tables(tables))
    assert read_tables(db)[1], "sealed under the old fingerprint"
    monkeypatch.undo()
    assert not read_tables(db)[1], "today's fingerprint does not match the old seal"
    with pytest.raises(CorruptDatabaseError, match="latitude"):
        WorkshopStore.open(db)

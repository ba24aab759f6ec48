"""The 2 -> 3 step: the people side (passports, diets, flights, rooms, resources) on a v2 file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cistrat_tui.core.records.people import Diet
from cistrat_tui.core.store.migrations import SCHEMA_VERSION, diets_from_text
from cistrat_tui.core.store.repository import WorkshopStore

FIXTURES = Path(__file__).parents[2] / "fixtures"


def test_a_v2_file_gains_the_people_fields_after_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "workshop.json"
    shutil.copy(FIXTURES / "workshop_v2.json", db)
    original = db.read_bytes()
    before = json.loads(original)
    with WorkshopStore.open(db) as store:
        workshop = store.workshop
        copies = [p for p in store.backups() if "v2-before-migration" in p.name]
        assert len(copies) == 1 and copies[0].read_bytes() == original
    assert len(workshop.trainees) == len(before["trainees"])
    mona = next(t for t in workshop.trainees.values() if t.name == "Mona Abdel-Rahman")
    assert mona.diets == (Diet.HALAL,) and mona.dietary == "Halal"  # the note is kept
    assert mona.passport_number == "" and mona.arrival is None and mona.gender == ""
    assert all(s.rooms == () for s in workshop.stays.values())
    assert all(a.resource_ids == () for a in workshop.activities.values())
    assert workshop.resources == {}
    raw = json.loads(db.read_text(encoding="utf-8"))
    assert raw["_meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert "resources" in raw
    with WorkshopStore.open(db) as again:  # sealed now: the fast loader reads it back alike
        assert again.workshop.to_tables() == workshop.to_tables()


def test_old_dietary_notes_become_structured_needs() -> None:
    assert diets_from_text("Vegetarian, no eggs") == ["vegetarian"]
    assert diets_from_text("Seafood allergy") == ["allergy"]
    assert diets_from_text("Gluten-free") == ["gluten_free"]
    assert diets_from_text("Vegan") == ["vegan"]
    assert diets_from_text("No meat on Wednesdays and Fridays") == []
    assert diets_from_text("清真") == ["halal"]

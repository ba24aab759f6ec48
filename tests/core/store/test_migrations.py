"""Each step of the migration chain, from a fixture of the version before it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cistrat_tui.core.store.migrations import SCHEMA_VERSION
from cistrat_tui.core.store.repository import WorkshopStore

FIXTURES = Path(__file__).parents[2] / "fixtures"


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

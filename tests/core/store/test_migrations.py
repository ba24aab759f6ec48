"""The migration chain's step from version 2 to 3 (the planner's weekend-travel option, the
make-up-day flag of a site), run on the schema-2 fixture."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cistrat_tui.core.store.migrations import MIGRATIONS, SCHEMA_VERSION
from cistrat_tui.core.store.repository import WorkshopStore

FIXTURES = Path(__file__).parents[2] / "fixtures"


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
    out = MIGRATIONS[2](tables)
    assert out["programme"]["1"]["weekend_travel"] is False
    assert out["sites"]["1"]["closed_on_makeup_days"] is True

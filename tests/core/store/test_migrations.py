"""Migrations step by step, on fixtures written by older versions."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

from cistrat_tui.core.records.cost import BudgetRules, CostLine
from cistrat_tui.core.store import backups
from cistrat_tui.core.store.migrations import MIGRATIONS, SCHEMA_VERSION
from cistrat_tui.core.store.repository import WorkshopStore

FIXTURES = Path(__file__).parents[2] / "fixtures"


def test_v2_to_v3_adds_the_money_tables_and_room_rates(tmp_path: Path) -> None:
    raw = json.loads((FIXTURES / "workshop_v2.json").read_text(encoding="utf-8"))
    assert raw["_meta"]["1"]["schema_version"] == 2 and "costs" not in raw
    stays = len(raw["stays"])
    step = MIGRATIONS[2](raw)
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
        SCHEMA_VERSION == 3
    with WorkshopStore.open(db) as again:  # sealed: the fast loader reads the text amounts
        assert again.workshop.costs[line.id] == line
        assert again.workshop.costs[line.id].planned == Decimal("1.60")
        assert again.workshop.rules.currency_rates == {"USD": Decimal("7.123456")}
        assert len([p for p in backups.list_backups(db) if "migration" in p.name]) == 1

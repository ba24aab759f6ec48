"""``cistrat-tui budget`` and ``cistrat-tui export budget`` on the sample."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from cistrat_tui.cli import main as cli
from cistrat_tui.core.budget.budget import build_budget
from cistrat_tui.core.records.cost import CostLine
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "workshop.json"
    WorkshopStore.open(path, create_from=sample_workshop).close()
    return path


def test_summary_prints_the_apps_totals(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    budget = build_budget(sample_workshop())
    assert cli.main(["--db", str(db), "budget", "--by", "category"]) == 0
    out = capsys.readouterr().out
    assert f"{budget.total.planned:,.2f}" in out and "By category" in out
    assert "By city" not in out
    assert "Ceiling 450,000.00: " in out and "remaining" in out
    accommodation = next(t for t in budget.by_category() if t.label == "accommodation")
    assert any(line.split()[:2] == ["accommodation", f"{accommodation.planned:,.2f}"]
               for line in out.splitlines())


def test_json_has_exact_amounts_as_text(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with WorkshopStore.open(db) as store:
        store.put(CostLine("other", "Stamps", quantity="3", unit_price="0.10"))
    assert cli.main(["--db", str(db), "budget", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    stamps = next(line for line in data["lines"] if line["description"] == "Stamps")
    assert stamps["planned"] == "0.30" and stamps["source"] == "entered"
    assert sum(Decimal(line["planned"]) for line in data["lines"]) == \
        Decimal(data["total"]["planned"])
    assert Decimal(data["remaining"]) == Decimal(data["ceiling"]) - \
        Decimal(data["total"]["projected"])
    assert {t["label"] for t in data["by_day"]} >= {"undated", "2027-03-07"}


def test_over_the_ceiling_is_said_and_lines_flagged(db: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    with WorkshopStore.open(db) as store:
        store.put(CostLine("other", "Unexpected repair", unit_price="200000"))
    assert cli.main(["--db", str(db), "budget", "--by", "category", "--lines"]) == 0
    out = capsys.readouterr().out
    assert "OVER by 115,705.00" in out and "OVER CEILING" in out


def test_export_budget_writes_the_workbook(db: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "exports"
    assert cli.main(["--db", str(db), "export", "budget", "--out", str(out_dir)]) == 0
    printed = capsys.readouterr().out
    [path] = out_dir.glob("*/budget.xlsx")
    assert str(path) in printed and "89 budget lines" in printed
    book = CalamineWorkbook.from_path(str(path))
    totals = book.get_sheet_by_name("Totals").to_python()
    total = next(row for row in totals if row[0] == "Total")
    assert Decimal(str(total[1])).quantize(Decimal("0.01")) == \
        build_budget(sample_workshop()).total.planned

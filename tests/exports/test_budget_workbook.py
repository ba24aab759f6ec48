"""The budget workbook: its totals are formulas over its lines, and a spreadsheet program
(LibreOffice, headless) computes from them the same totals the app shows, to the fen."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from cistrat_tui.core.budget.budget import Budget, build_budget
from cistrat_tui.core.records.cost import CostLine
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.exports.budget_workbook import LINE_COLUMNS, budget_workbook

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (Debian: apt-get install "
    "libreoffice-calc; .ci/run installs it): the workbook's formulas cannot be recomputed")
# A LibreOffice profile that recomputes every formula of an .xlsx on load (its default is to
# trust the cached results, which would prove nothing).
RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
# UTF-8, comma-separated, values as shown (the 0.00 formats), every sheet to its own file.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def tricky_workshop() -> Workshop:
    """The sample plus lines whose binary-float products sit near half a fen."""
    workshop = sample_workshop()
    for n, (quantity, price, currency) in enumerate(
            [("3", "0.35", "CNY"), ("3", "1.15", "USD"), ("7", "0.10", "CNY"),
             ("1", "2.675", None), ("1.5", "33.33", "USD"), ("3", "1.00", "USD")]):
        if currency is None:
            continue  # 2.675 has three decimals: refused by the record itself
        workshop.put(CostLine("other", f"Odd amount {n}", quantity=quantity, unit_price=price,
                              currency=currency, id=f"00000000-0000-4000-8000-00000000000{n}"))
    workshop.put(workshop.rules.__class__.from_dict(
        {**workshop.rules.to_dict(), "currency_rates": {"USD": "7.125"}}))
    return workshop


def amount(text: str) -> Decimal:
    return Decimal(text.replace(",", "")) if text else Decimal(0)


def expected_totals(budget: Budget) -> dict[str, tuple[Decimal, Decimal, Decimal, int]]:
    found = {}
    for total in [*budget.by_category(), *budget.by_city(), *budget.by_day()]:
        found.setdefault(total.label, (total.planned, total.actual, total.projected,
                                       total.lines))
    found["Total"] = (budget.total.planned, budget.total.actual, budget.total.projected,
                      budget.total.lines)
    return found


def test_the_totals_sheet_is_formulas_over_the_lines_sheet() -> None:
    workshop = sample_workshop()
    data = budget_workbook(workshop, build_budget(workshop))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        totals_xml = archive.read("xl/worksheets/sheet2.xml").decode("utf-8")
    cells = re.findall(r'<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', totals_xml)
    numbers = [(col, row, body) for col, row, attributes, body in cells
               if "<v>" in body and col != "A" and 't="s"' not in attributes]
    assert len(numbers) > 150
    literal = [(col, row) for col, row, body in numbers if "<f>" not in body]
    assert len(literal) == 1  # the ceiling, the one number the coordinator sets
    assert all("Lines!" in body for col, _, body in numbers
               if "<f>" in body and "SUMIFS" in body)


def test_the_workbook_reads_back_with_the_apps_numbers() -> None:
    workshop = tricky_workshop()
    budget = build_budget(workshop)
    book = CalamineWorkbook.from_filelike(io.BytesIO(budget_workbook(workshop, budget)))
    assert book.sheet_names == ["Lines", "Totals"]
    lines = book.get_sheet_by_name("Lines").to_python()
    assert lines[0] == [name for name, _ in LINE_COLUMNS]
    assert len(lines) == len(budget.lines) + 1
    planned = lines[0].index("Planned CNY")
    assert [Decimal(str(row[planned])).quantize(Decimal("0.01")) for row in lines[1:]] == \
        [line.planned for line in budget.lines]
    # No personal data: no e-mail, phone or dietary text of any trainee.
    text = repr(lines)
    for trainee in workshop.trainees.values():
        assert trainee.email not in text and trainee.phone not in text


def recompute(tmp_path: Path, data: bytes) -> dict[str, list[list[str]]]:
    """The sheets as LibreOffice computes them (formulas recalculated on load)."""
    profile = tmp_path / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_PROFILE, "utf-8")
    source = tmp_path / "budget.xlsx"
    source.write_bytes(data)
    out = tmp_path / "out"
    subprocess.run([SOFFICE or "soffice", f"-env:UserInstallation={profile.as_uri()}",
                    "--headless", "--convert-to", CSV_FILTER, "--outdir", str(out),
                    str(source)], check=True, capture_output=True, timeout=180)
    return {name: list(csv.reader((out / f"budget-{name}.csv").read_text("utf-8")
                                  .splitlines()))
            for name in ("Lines", "Totals")}


@needs_soffice
def test_libreoffice_computes_the_same_totals_as_the_app(tmp_path: Path) -> None:
    workshop = tricky_workshop()
    budget = build_budget(workshop)
    # No cached results: every number below was computed by LibreOffice.
    sheets = recompute(tmp_path, budget_workbook(workshop, budget, cached_results=False))
    header, *rows = sheets["Lines"]
    planned, projected = header.index("Planned CNY"), header.index("Projected CNY")
    assert [amount(row[planned]) for row in rows] == [line.planned for line in budget.lines]
    assert [amount(row[projected]) for row in rows] == [line.projected for line in budget.lines]
    expected = expected_totals(budget)
    computed = {row[0]: (amount(row[1]), amount(row[2]), amount(row[3]), int(row[4]))
                for row in sheets["Totals"] if row[0] in expected and row[4].isdigit()}
    assert computed == expected
    remaining = next(row for row in sheets["Totals"] if row[0].startswith("Remaining"))
    assert amount(remaining[3]) == (budget.rules.ceiling or 0) - budget.total.projected

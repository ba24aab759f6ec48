"""Roster import from a workbook: Chinese headers, Excel date cells, passports and flights.

The same rules as CSV (header synonyms, the preview plan, all or nothing); the fixture was
saved by LibreOffice Calc (see ``roster_workbook.py``)."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
import xlsxwriter

from cistrat_tui.core.io.csv_files import ImportRefused, apply_plan
from cistrat_tui.core.io.roster_csv import plan_trainee_import, roster_csv
from cistrat_tui.core.io.xlsx_files import cell_text
from cistrat_tui.core.records.people import Diet
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference.places import place_id
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from tests.core.io.roster_workbook import roster_workbook

LIBREOFFICE = Path(__file__).parents[2] / "fixtures" / "roster_zh_libreoffice.xlsx"


def workbook(rows: list[list[object]], blank_rows_above: int = 0) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Roster")
    for r, row in enumerate(rows):
        sheet.write_row(r + blank_rows_above, 0, row)
    book.close()
    return buffer.getvalue()


def people_only() -> Workshop:
    workshop = sample_workshop()
    workshop.trainees = {}
    workshop.activities = {}
    for stay in list(workshop.stays.values()):
        workshop.stays[stay.id] = type(stay)(stay.hotel_id, stay.check_in, stay.check_out,
                                             id=stay.id)
    return workshop


@pytest.mark.parametrize("data", [LIBREOFFICE.read_bytes(), roster_workbook()],
                         ids=["saved-by-libreoffice", "written-by-xlsxwriter"])
def test_a_workbook_with_chinese_headers_and_date_cells(data: bytes) -> None:
    plan = plan_trainee_import(data, people_only())
    assert plan.table.describe() == 'Excel workbook, sheet "学员名单"'
    assert plan.summary() == "3 added, 0 updated, 0 unchanged"
    amina, carlos, lan = (c.after for c in plan.changes)
    assert (amina.nationality, amina.country, amina.gender) == ("Ethiopia", "Ethiopia", "female")
    assert amina.date_of_birth == date(1985, 4, 2) and amina.passport_expiry == date(2031, 6, 30)
    assert amina.diets == (Diet.HALAL,) and carlos.diets == (Diet.VEGETARIAN,)
    assert carlos.passport_number == "12345678"  # a number cell, without ".0"
    assert amina.arrival is not None and amina.arrival.airport_id == place_id("PEK")
    assert amina.arrival.at == datetime(2027, 3, 7, 7, 40, tzinfo=SHANGHAI)
    assert amina.arrival.terminal == "T3"
    assert carlos.arrival is not None and carlos.arrival.airport_id == place_id("PKX")  # 大兴
    assert carlos.departure is not None and carlos.departure.airport_id == place_id("PEK")
    assert lan.arrival is None and lan.gender == "female" and lan.diets == ()


def test_applying_the_plan_saves_every_field(tmp_path: Path) -> None:
    db = tmp_path / "w.json"
    with WorkshopStore.open(db, create_from=people_only) as store:
        apply_plan(store, plan_trainee_import(LIBREOFFICE.read_bytes(), store.workshop))
    with WorkshopStore.open(db, readonly=True) as store:
        amina = next(t for t in store.workshop.trainees.values() if t.name == "Amina Bekele")
        assert amina.passport_number == "EP1234567" and amina.departure is not None
        # re-importing the same workbook changes nothing
        again = plan_trainee_import(LIBREOFFICE.read_bytes(), store.workshop)
        assert again.changes == [] and again.unchanged == 3


def test_bad_rows_are_all_reported_and_nothing_planned() -> None:
    data = workbook([
        ["Name", "Arrival flight", "Arrival airport", "Arrival time", "Gender", "DOB"],
        ["Ana Silva", "CA981", "XYZ", "2027-03-07 06:00", "", ""],
        ["Bo Li", "CA982", "PEK", "", "", ""],
        ["Cy Tan", "", "", "", "unknown", ""],
        ["Di Wu", "", "", "", "", "31/02/1990"],
        ["Ed Fox", "CA983", "PEK", "2027-03-07 06:00", "m", "1990-02-28"],
    ])
    with pytest.raises(ImportRefused) as refused:
        plan_trainee_import(data, people_only())
    problems = refused.value.problems
    assert len(problems) == 4
    assert problems[0].startswith("row 2: arrival airport 'XYZ' is not an airport of the "
                                  "workshop (codes: CAN, HGH, PEK, PKX, PVG, SHA, WUH, WUX)")
    assert problems[1] == "row 3: arrival flight give the date and time too (or leave every " \
                          "column of the flight blank)"
    assert problems[2].startswith("row 4: gender 'unknown' is not one of")
    assert problems[3].startswith("row 5: date of birth '31/02/1990' is not a date")


def test_rows_are_numbered_as_the_spreadsheet_shows_them() -> None:
    data = workbook([["Name", "Email"], ["Ana Silva", "ana@"]], blank_rows_above=2)
    with pytest.raises(ImportRefused) as refused:
        plan_trainee_import(data, people_only())
    assert refused.value.problems == ("row 4: email 'ana@' is not an email address",)


def test_a_damaged_workbook_is_one_clear_line() -> None:
    good = roster_workbook()
    with pytest.raises(ImportRefused) as refused:
        plan_trainee_import(good[: len(good) // 2], people_only())
    [problem] = refused.value.problems
    assert problem.startswith("the file looks like a spreadsheet workbook but cannot be read")
    assert "\n" not in problem


def test_the_staff_roster_round_trips_every_personal_field() -> None:
    workshop = sample_workshop()
    again = plan_trainee_import(roster_csv(workshop), workshop)
    assert again.changes == [] and again.unchanged == len(workshop.trainees)


def test_cells_become_the_text_csv_would_hold() -> None:
    assert cell_text(datetime(2027, 3, 7, 0, 0)) == "2027-03-07"
    assert cell_text(datetime(2027, 3, 7, 6, 5)) == "2027-03-07 06:05"
    assert cell_text(8613912345678.0) == "8613912345678" and cell_text(1.5) == "1.5"
    assert cell_text(True) == "yes" and cell_text(None) == "" and cell_text(" x ") == "x"

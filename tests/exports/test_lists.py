"""The people-side lists: rooming, meals, visitors and pickups, read back from .xlsx and PDF."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from datetime import date

import pypdf
from python_calamine import CalamineWorkbook

from cistrat_tui.core.records.model import ActivityKind
from cistrat_tui.core.records.people import Diet
from cistrat_tui.core.reference.places import place_id
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.exports.lists import meals_book, rooming_book
from cistrat_tui.exports.lists_travel import pickups_book, visitor_book
from cistrat_tui.exports.pdf_lists import render_list_pdf
from cistrat_tui.exports.sheets import Book
from cistrat_tui.exports.xlsx import render_xlsx, sheet_names

ZHANGJIANG = place_id("zhangjiang")


def read_back(book: Book) -> dict[str, list[list[object]]]:
    """Every sheet of the rendered workbook, as python-calamine reads it."""
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(render_xlsx(book)))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def table(rows: list[list[object]]) -> tuple[list[object], list[list[object]]]:
    """The header row (the one whose cells hold English and Chinese) and the rows below it."""
    start = next(n for n, row in enumerate(rows) if "\n" in str(row[0]))
    return rows[start], rows[start + 1:]


def test_rooming_has_a_sheet_per_stay_with_bilingual_headers_and_every_guest() -> None:
    workshop = sample_workshop()
    sheets = read_back(rooming_book(workshop))
    assert list(sheets) == ["Beijing 6 Mar", "Beijing 7 Mar", "Guangzhou 15 Mar", "Wuhan 17 Mar",
                            "Hangzhou 18 Mar", "Shanghai 21 Mar", "Suzhou 23 Mar",
                            "Beijing 24 Mar"]
    header, rows = table(sheets["Beijing 7 Mar"])
    assert header[:4] == ["Room\n房号", "Room type\n房型",
                          "Guest (name as in passport)\n客人姓名（与护照一致）",  # noqa: RUF001
                          "Gender\n性别"]
    assert sorted(r[2] for r in rows) == sorted(t.name for t in workshop.trainees.values())
    twin = [r for r in rows if r[0] == "601"]
    assert [r[2] for r in twin] == ["Selamawit Bekele Tadesse", "Chiamaka Grace Okafor"]
    assert {r[1] for r in twin} == {"Twin 双床房"} and {r[3] for r in twin} == {"F 女"}
    assert rows[0][4:6] == ["2027-03-07", "2027-03-15"]


def test_the_header_row_is_frozen_and_columns_fitted() -> None:
    data = render_xlsx(rooming_book(sample_workshop()))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert re.search(r'<pane ySplit="\d+" topLeftCell="A\d+" activePane="bottomLeft" '
                     r'state="frozen"/>', sheet)
    widths = [float(w) for w in re.findall(r'<col [^>]*width="([\d.]+)"', sheet)]
    assert len(widths) >= 5 and max(widths) > 20 > min(widths)  # equal neighbours merge


def test_a_guest_without_a_room_is_listed_as_not_assigned() -> None:
    workshop = sample_workshop()
    stay = next(s for s in workshop.stays.values() if s.check_in == date(2027, 3, 7))
    workshop.stays[stay.id] = dataclasses.replace(stay, rooms=stay.rooms[1:])
    _, rows = table(read_back(rooming_book(workshop))["Beijing 7 Mar"])
    assert [r[2] for r in rows if r[1] == "Not yet assigned 待分配"] == \
        ["Selamawit Bekele Tadesse", "Chiamaka Grace Okafor"]


def test_meal_counts_by_need_include_the_staff() -> None:
    workshop = sample_workshop()
    sheets = read_back(meals_book(workshop))
    header, rows = table(sheets["Tue 16 Mar"])  # lunch hosted by Tianhe Software Park
    [lunch] = [dict(zip(header, r, strict=True)) for r in rows]
    assert lunch["Meal\n餐次"] == "Lunch hosted by the park"
    # 15 trainees, the coordinator and the interpreter (vegetarian).
    assert (lunch["People\n总人数"], lunch["Trainees\n学员"], lunch["Staff\n工作人员"]) == \
        (17.0, 15.0, 2.0)
    assert lunch["Vegetarian\n素食"] == 3.0  # Chiamaka, Sita and the interpreter
    assert lunch["Halal\n清真"] == 2.0 and lunch["Allergy\n过敏"] == 1.0
    assert "allergy: Seafood allergy (1)" in lunch["Notes\n备注"]
    needing = sum(1 for t in workshop.trainees.values() if t.diets) + 1
    assert lunch["No special need\n无特殊要求"] == 17 - needing
    assert not any(t.name in str(lunch) for t in workshop.trainees.values())


def test_every_meal_of_the_programme_is_counted() -> None:
    workshop = sample_workshop()
    meals = [a for a in workshop.activities.values()
             if a.kind is ActivityKind.MEAL and not a.cancelled]
    book = meals_book(workshop)
    assert sum(len(s.rows) for s in book.sheets) == len(meals)
    assert len(book.sheets[0].columns) == 6 + len(Diet) + 2  # a column per need


def test_a_visitor_list_holds_one_host_with_passports_date_time_and_vehicle() -> None:
    workshop = sample_workshop()
    book = visitor_book(workshop, ZHANGJIANG)
    sheets = read_back(book)
    assert list(sheets) == ["22 Mar 0930", "22 Mar 1330"]
    rows = sheets["22 Mar 0930"]
    lines = [str(r[0]) for r in rows[:8]]
    assert "Date 日期: Monday 22 March 2027" in lines and "Time 时间: 09:30-12:00" in lines
    assert any("沪B·D5505" in line and "Xu Lei" in line for line in lines)
    header, people = table(rows)
    assert header == ["No.\n序号", "Name as in passport\n姓名（与护照一致）",  # noqa: RUF001
                      "Nationality\n国籍", "Passport no.\n护照号码", "Organization\n工作单位",
                      "Gender\n性别"]
    passports = {t.name: t.passport_number for t in workshop.trainees.values()}
    assert len(people) == 15 and all(passports[p[1]] == p[3] for p in people)
    assert "Tianhe" not in book.all_text()  # another host's visits are not in this book


def test_birth_dates_only_when_asked() -> None:
    workshop = sample_workshop()
    assert "Date of birth" not in visitor_book(workshop, ZHANGJIANG).all_text()
    header, people = table(read_back(visitor_book(workshop, ZHANGJIANG, birth_dates=True))
                           ["22 Mar 0930"])
    assert header[-1] == "Date of birth\n出生日期"
    born = {t.name: t.date_of_birth.isoformat() for t in workshop.trainees.values()
            if t.date_of_birth}
    assert all(born[p[1]] == p[-1] for p in people)


def test_pickups_list_every_flight_with_its_leg_and_vehicle() -> None:
    workshop = sample_workshop()
    sheets = read_back(pickups_book(workshop))
    assert list(sheets) == ["2027-03-06", "2027-03-07", "2027-03-27"]
    header, eve = table(sheets["2027-03-06"])
    _, rows = table(sheets["2027-03-07"])
    assert sorted(r[6] for r in eve + rows) == sorted(t.name for t in workshop.trainees.values())
    assert [r[6] for r in eve] == ["Imran Qureshi", "Mona Abdel-Rahman", "Batbayar Ganbold"]
    imran = next(dict(zip(header, r, strict=True)) for r in eve if r[6] == "Imran Qureshi")
    assert (imran["Time\n时间"], imran["Flight\n航班"], imran["Flight time\n航班时间"]) == \
        ("15:55", "PK852", "2027-03-06 14:40")
    late = next(r for r in rows if r[6] == "Sokha Chan")
    assert (late[0], late[4], late[5]) == ("23:55", "CZ324", "2027-03-07 22:40")
    assert imran["Vehicle\n车辆"] == "Van 1" and imran["Driver phone\n司机电话"]
    _, drops = table(sheets["2027-03-27"])
    assert {r[1] for r in drops} == {"Drop-off 送机"} and len(drops) == 15


def test_a_trainee_without_a_pickup_is_shown_as_none_yet() -> None:
    workshop = sample_workshop()
    first = next(a for a in workshop.ordered_activities() if a.title.startswith("Airport pickup"))
    del workshop.activities[first.id]
    _, rows = table(read_back(pickups_book(workshop))["2027-03-06"])
    assert sum(1 for r in rows if r[0] == "none yet 未安排") == \
        len(first.participants.trainee_ids)


def test_a_cell_that_looks_like_a_formula_is_written_as_text() -> None:
    workshop = sample_workshop()
    trainee = next(iter(workshop.trainees.values()))
    workshop.trainees[trainee.id] = dataclasses.replace(trainee, name='=HYPERLINK("x","y")')
    data = render_xlsx(rooming_book(workshop))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert all("<f>" not in archive.read(n).decode() for n in archive.namelist()
                   if n.startswith("xl/worksheets/"))
    assert any('=HYPERLINK("x","y")' in r for rows in read_back(rooming_book(workshop)).values()
               for r in map(str, rows))


def test_sheet_names_are_ones_excel_accepts() -> None:
    book = visitor_book(sample_workshop(), ZHANGJIANG)
    long = dataclasses.replace(book.sheets[0], name="a/b:c*d?e[f]g" + "x" * 40)
    names = sheet_names((long, long, book.sheets[1]))
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert len({n.casefold() for n in names}) == 3


def test_the_pdf_sheet_prints_the_same_list() -> None:
    workshop = sample_workshop()
    reader = pypdf.PdfReader(io.BytesIO(render_list_pdf(rooming_book(workshop))))
    assert len(reader.pages) == len(workshop.stays)
    first = reader.pages[0].extract_text()
    assert "Yuyuantan Academic Exchange Hotel" in first and "Mona Abdel-Rahman" in first
    text = pypdf.PdfReader(io.BytesIO(render_list_pdf(visitor_book(workshop, ZHANGJIANG))))
    assert "EP5550101" in text.pages[0].extract_text()

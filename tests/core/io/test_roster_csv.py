"""Roster CSV import and export: encodings, separators, header synonyms, all-or-nothing
checks, re-import that updates, and the export -> import round trip."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import pytest

from cistrat_tui.core.io.csv_files import ImportRefused, apply_plan, decode, detect_separator
from cistrat_tui.core.io.roster_csv import plan_trainee_import, roster_csv
from cistrat_tui.core.records.model import Trainee
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.store.repository import WorkshopStore
from tests.core.store.store_helpers import small_workshop

ROWS = [
    ["Name as in passport", "Country", "Organisation", "E-mail", "Group"],
    ["Kwame Mensah", "Ghana", "Ministry of Environment, Science & Innovation",
     "kwame@example.gh", "A"],
    ["María José Pérez", "Perú", "CONCYTEC", "mjperez@example.pe", "B"],
    ["Nguyễn Thị Hoa", "Viet Nam", "NASATI", "", "A"],
    ["王小明", "中国", "中国科学技术发展战略研究院", "wang@example.cn", "B"],
]


def encode(rows: Sequence[Sequence[str]], encoding: str = "utf-8", separator: str = ",",
           line_end: str = "\r\n") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=separator, lineterminator=line_end).writerows(rows)
    return out.getvalue().encode(encoding)


def empty_workshop() -> Workshop:
    workshop = small_workshop(0)
    workshop.stays.clear()
    workshop.trainees.clear()
    return workshop


def imported(workshop: Workshop, data: bytes) -> Workshop:
    """The workshop after importing ``data`` into it in memory."""
    plan = plan_trainee_import(data, workshop)
    for change in plan.changes:
        workshop.put(change.after)
    return workshop


def refusal(data: bytes, workshop: Workshop | None = None) -> list[str]:
    with pytest.raises(ImportRefused) as caught:
        plan_trainee_import(data, workshop or empty_workshop())
    return list(caught.value.problems)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_every_encoding_and_separator_reads_the_same_roster(encoding: str,
                                                            separator: str) -> None:
    workshop = imported(empty_workshop(), encode(ROWS, encoding, separator))
    got = sorted((t.name, t.country, t.organization, t.email, t.group)
                 for t in workshop.trainees.values())
    assert got == sorted(tuple(row) for row in ROWS[1:])


def test_how_the_file_was_read_is_described() -> None:
    plan = plan_trainee_import(encode(ROWS, "gb18030", ";"), empty_workshop())
    assert plan.table.describe() == "GB18030 (guessed), separated by semicolons"
    assert plan.summary() == "4 added, 0 updated, 0 unchanged"
    plan = plan_trainee_import(encode(ROWS, "utf-8-sig"), empty_workshop())
    assert plan.table.describe() == "UTF-8, separated by commas"


def test_decoding_prefers_utf8_and_falls_back_to_gb18030() -> None:
    assert decode("姓名".encode())[1] == "UTF-8"
    assert decode("姓名".encode("gb18030")) == ("姓名", "GB18030 (guessed)")
    assert decode(b"\xef\xbb\xbfName") == ("Name", "UTF-8")
    with pytest.raises(ImportRefused, match="not text in UTF-8, GB18030 or Windows-1252"):
        decode(b"\x80\xff\xfe\x00")


@pytest.mark.parametrize(("rows", "encoding", "shown"), [
    ([["Name", "Country"], ["Ana Gonçalves", "Moçambique"]], "cp1252", "Windows-1252"),
    ([["Name", "Country"], ["José Ruiz", "Perú"], ["Zoë Brûlé", "Côte d'Ivoire"]], "cp1252",
     "Windows-1252"),
    ([["Name", "Country"], ["Bat-Erdene Дорж", "Монголия"]], "cp1251", "Windows-1251"),
    ([["姓名", "国家"], ["王小明", "中国"], ["李华", "蒙古"]], "gb18030", "GB18030"),
    ([["Name", "Organization"], ["Ana Gonçalves", "中国科学院"]], "gb18030", "GB18030"),
])
def test_a_legacy_encoding_is_detected_not_tried_and_named_as_a_guess(
        rows: list[list[str]], encoding: str, shown: str) -> None:
    """Windows-1252 bytes decode without error as GB18030 (Ana Gon鏰lves): the decoded text
    is judged, and the coordinator is told it was a guess."""
    plan = plan_trainee_import(encode(rows, encoding), empty_workshop())
    assert sorted(c.after.name for c in plan.added) == sorted(row[0] for row in rows[1:])
    assert sorted(c.after.country or c.after.organization for c in plan.added) == \
        sorted(row[1] for row in rows[1:])
    assert plan.table.describe() == f"{shown} (guessed), separated by commas"


def test_excels_sep_line_and_old_mac_line_ends_are_understood() -> None:
    data = b"sep=;\r\nName;Country\rA, B;Ghana\rC;Peru\r"
    plan = plan_trainee_import(data, empty_workshop())
    assert sorted(c.after.name for c in plan.added) == ["A, B", "C"]
    assert plan.table.separator == ";"


def test_the_separator_is_read_from_the_header_not_from_the_data() -> None:
    assert detect_separator('Name;Org\n"A, B";"C, D, E"\n') == ";"
    assert detect_separator('"Name; full",Org\n') == ","
    assert detect_separator("Name\n") == ","


@pytest.mark.parametrize("header", [
    ["Full name", "Nationality", "Institution", "Email address"],
    ["NAME (AS IN PASSPORT)", "country", "Organization", "email"],
    ["姓名", "国籍", "工作单位", "邮箱"],
    ["  Name  ", "Country of origin", "Affiliation", "E-Mail"],
])
def test_headers_match_case_insensitively_with_synonyms(header: list[str]) -> None:
    data = encode([header, ["Amina Bekele", "Ethiopia", "MInT", "amina@example.et"]])
    (trainee,) = imported(empty_workshop(), data).trainees.values()
    assert (trainee.name, trainee.country, trainee.organization, trainee.email) == \
        ("Amina Bekele", "Ethiopia", "MInT", "amina@example.et")


def test_a_name_may_come_as_given_name_and_surname() -> None:
    data = encode([["Surname", "Given names", "Country"], ["BEKELE", "Amina", "Ethiopia"]])
    (trainee,) = imported(empty_workshop(), data).trainees.values()
    assert trainee.name == "Amina BEKELE"


def test_unknown_columns_are_noted_and_ignored() -> None:
    plan = plan_trainee_import(encode([["Name", "Shoe size"], ["A B", "42"]]),
                               empty_workshop())
    assert plan.table.ignored == ["Shoe size"]


def test_every_bad_row_is_reported_and_nothing_planned() -> None:
    rows = [*ROWS, ["", "Chile", "", "", ""], ["Ana Silva", "Brazil", "", "x@", ""],
            ["Bo Li", "China", "", "bo@example.cn", "", "surplus"]]
    problems = refusal(encode(rows))
    assert problems == [
        "row 6: name (as in passport) must not be empty",
        "row 7: email 'x@' is not an email address",
        "row 8: has 6 cells but the header has 5 columns (a separator inside a cell? put the "
        "cell in double quotes)",
    ]


def test_rows_are_numbered_as_the_spreadsheet_shows_them() -> None:
    data = b"\r\n,,\r\nName,Email\r\nA,a@b.cn\r\n,\r\nB,b@\r\n"
    assert refusal(data) == ["row 6: email 'b@' is not an email address"]


def test_file_level_problems() -> None:
    assert "no column for the name" in refusal(encode([["Country"], ["Ghana"]]))[0]
    assert "the file is empty" in refusal(b"\r\n \r\n")[0]
    assert "both give the email" in refusal(encode([["Name", "Email", "E-mail"]]))[0]
    assert "not valid CSV" in refusal(b'Name\n"A "B" C\n')[0]


def test_the_same_person_twice_in_a_file_is_refused() -> None:
    rows = [ROWS[0], ROWS[1], ["kwame  MENSAH", "ghana", "", "", ""],
            ["Other", "X", "", "kwame@example.gh", ""]]
    problems = refusal(encode(rows))
    assert problems == [
        "row 3: 'kwame  MENSAH' from 'ghana' is already on row 2; give each an email if "
        "they are two people",
        "row 4: email 'kwame@example.gh' is also on row 2",
    ]


def test_reimport_updates_matching_trainees_instead_of_duplicating() -> None:
    workshop = imported(empty_workshop(), encode(ROWS))
    ids = {t.name: t.id for t in workshop.trainees.values()}
    again = plan_trainee_import(encode(ROWS), workshop)
    assert again.changes == [] and again.unchanged == 4
    edited = [list(row) for row in ROWS]
    edited[1][4] = "C"  # Kwame, matched by email, changes group
    edited[3][2] = "NASATI (Hanoi)"  # Hoa has no email: matched by name and country
    edited[2][0] = "Maria Jose Perez"  # the same email: a corrected spelling
    plan = plan_trainee_import(encode(edited), workshop)
    assert [(c.after.name, c.changed_fields()) for c in plan.updated] == [
        ("Kwame Mensah", ["group"]), ("Maria Jose Perez", ["name (as in passport)"]),
        ("Nguyễn Thị Hoa", ["organization"])]
    assert plan.added == []
    for change in plan.changes:
        workshop.put(change.after)
    assert len(workshop.trainees) == 4
    assert workshop.trainees[ids["Kwame Mensah"]].group == "C"


def test_name_and_country_match_ignoring_accents_case_and_spacing() -> None:
    workshop = imported(empty_workshop(), encode(ROWS))
    data = encode([["Name", "Country", "Dietary"], ["NGUYEN  thi hoa", "viet nam", "halal"]])
    plan = plan_trainee_import(data, workshop)
    assert [c.changed_fields() for c in plan.updated] == [["name (as in passport)", "country",
                                                                 "dietary needs"]]


def test_columns_the_file_lacks_are_kept_on_update() -> None:
    workshop = imported(empty_workshop(), encode(ROWS))
    data = encode([["Email", "Name", "Phone"], ["kwame@example.gh", "Kwame Mensah", "+233"]])
    (change,) = plan_trainee_import(data, workshop).changes
    assert change.changed_fields() == ["phone"]
    assert change.after.group == "A" and change.after.organization.startswith("Ministry")


def test_a_name_shared_by_two_stored_trainees_needs_an_email() -> None:
    workshop = empty_workshop()
    workshop.put(Trainee("Li Wei", "China", email="a@example.cn"))
    workshop.put(Trainee("Li Wei", "China", email="b@example.cn"))
    problems = refusal(encode([["Name", "Country"], ["Li Wei", "China"]]), workshop)
    assert problems == ["row 2: name 'Li Wei' matches 2 trainees; add their email (or the ID "
                        "column) to tell them apart"]
    data = encode([["Name", "Country", "Email", "Group"], ["Li Wei", "China", "b@example.cn",
                                                           "B"]])
    (change,) = plan_trainee_import(data, workshop).changes
    assert change.before is not None and change.before.email == "b@example.cn"


def test_an_email_that_belongs_to_another_stored_trainee_is_refused() -> None:
    workshop = imported(empty_workshop(), encode(ROWS))
    hoa = next(t for t in workshop.trainees.values() if t.country == "Viet Nam")
    data = encode([["ID", "Name", "Email"], [hoa.id, hoa.name, "kwame@example.gh"]])
    assert refusal(data, workshop) == [
        "row 2: email 'kwame@example.gh' is already the email of 'Kwame Mensah'"]


def test_export_then_import_is_a_round_trip(tmp_path: Path) -> None:
    workshop = imported(empty_workshop(), encode(ROWS))
    workshop.put(Trainee("=HYPERLINK(\"x\")", "@home", notes="line one\nline two, \"quoted\"",
                         phone="+86 138 0000 0000", dietary="'=odd"))
    data = roster_csv(workshop)
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"'=HYPERLINK" in data  # Excel shows it as text, not a formula
    again = plan_trainee_import(data, workshop)
    assert again.changes == [] and again.unchanged == len(workshop.trainees)
    fresh = imported(empty_workshop(), data)
    assert {t.id: t.to_dict() for t in fresh.trainees.values()} == \
        {t.id: t.to_dict() for t in workshop.trainees.values()}


def test_a_bad_row_anywhere_leaves_the_database_byte_for_byte_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "workshop.json"
    WorkshopStore.open(path, create_from=small_workshop).close()
    before = path.read_bytes()
    for bad_row in (1, 3, len(ROWS) - 1):
        rows = [list(row) for row in ROWS]
        rows[bad_row][3] = "not-an-address"
        with WorkshopStore.open(path) as store, \
                pytest.raises(ImportRefused, match=f"row {bad_row + 1}: email"):
            plan_trainee_import(encode(rows), store.workshop)
        assert path.read_bytes() == before


def test_applying_a_plan_saves_once_and_an_unchanged_import_touches_nothing(
        tmp_path: Path) -> None:
    path = tmp_path / "workshop.json"
    WorkshopStore.open(path, create_from=small_workshop).close()
    with WorkshopStore.open(path) as store:
        apply_plan(store, plan_trainee_import(encode(ROWS), store.workshop))
        assert len(store.workshop.trainees) == 6
    after = path.read_bytes()
    backups = sorted(p.name for p in (tmp_path / "workshop.json.backups").glob("*")) \
        if (tmp_path / "workshop.json.backups").exists() else []
    with WorkshopStore.open(path) as store:
        plan = plan_trainee_import(encode(ROWS), store.workshop)
        assert plan.changes == []
        apply_plan(store, plan)
        assert len(store.backups()) == len(backups)
    assert path.read_bytes() == after

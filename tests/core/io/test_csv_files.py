"""The spreadsheet rules shared by roster and sites: cells that a spreadsheet would run as a
formula are written as text, and read back as they were."""

from __future__ import annotations

import csv
import io

import pytest

from cistrat_tui.core.io.csv_files import protect, unprotect, write_csv
from cistrat_tui.core.io.roster_csv import roster_csv
from cistrat_tui.core.io.sites_csv import sites_csv
from cistrat_tui.core.records.model import Site, SiteKind, Trainee
from cistrat_tui.core.sample import sample_workshop

# OWASP's list of formula triggers, each as an attack would use it.
ATTACKS = ["=1+1", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
           "\t=1+1", "\r=1+1", "'=already quoted"]


def cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("attack", ATTACKS)
def test_every_formula_trigger_is_written_as_text_and_read_back(attack: str) -> None:
    written = protect(attack)
    assert written.startswith("'"), written
    assert unprotect(written) == attack.replace("\r", "\n")


@pytest.mark.parametrize("value", ["Kwame Mensah", "-33.8688", "-1", "北京", "a-b", "", "'"])
def test_ordinary_cells_and_negative_numbers_are_left_as_they_are(value: str) -> None:
    assert protect(value) == value
    assert unprotect(protect(value)) == value


def test_a_phone_number_with_a_plus_still_reads_as_the_number() -> None:
    """Unprotected, Excel reads '+976 9911 2233' as a formula and shows #NAME?."""
    assert protect("+976 9911 2233") == "'+976 9911 2233"
    assert unprotect("'+976 9911 2233") == "+976 9911 2233"


def test_no_exported_cell_of_roster_or_sites_starts_a_formula() -> None:
    workshop = sample_workshop()
    for attack in ATTACKS:
        workshop.put(Trainee(attack, attack, attack, phone="+86 138 0000 0000", notes=attack))
        workshop.put(Site(SiteKind.COMPANY, attack, attack, phone="+86 10 6253 3114",
                          notes=attack))
    assert any(t.phone.startswith("+") for t in sample_workshop().trainees.values())
    for data in (roster_csv(workshop), sites_csv(workshop)):
        for row in cells(data)[1:]:
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r", "\n")), cell
                assert not cell.startswith("-") or cell.replace(".", "").lstrip("-").isdigit()


def test_control_characters_never_reach_a_cell() -> None:
    data = write_csv(["Name"], [["Ana\x1b]0;owned\x07 Gonçalves\x9b2J\x00"]])
    assert cells(data)[1] == ["Ana]0;owned Gonçalves2J"]

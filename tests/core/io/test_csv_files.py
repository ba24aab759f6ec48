"""The spreadsheet rules shared by roster and sites: cells that a spreadsheet would run as a
formula are written as text, and read back as they were."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from tinydb.table import Table

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.io.csv_files import apply_plan, protect, unprotect, write_csv
from cistrat_tui.core.io.roster_csv import plan_trainee_import, roster_csv
from cistrat_tui.core.io.sites_csv import sites_csv
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import Site, SiteKind, Trainee
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.core.store.storage import AtomicJSONStorage

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


def _roster(rows: int) -> bytes:
    lines = ["Name,Country,Email"] + [f"Trainee {n},Ghana,t{n}@example.org"
                                      for n in range(rows)]
    return ("\r\n".join(lines) + "\r\n").encode()


def test_an_import_is_one_write_of_the_file_and_no_copy_of_a_table_per_row(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """TinyDB's insert copies the whole table per call: a loop of them made imports
    quadratic (20,000 rows in 147 s)."""
    db = tmp_path / "w.json"
    WorkshopStore.open(db, create_from=sample_workshop).close()
    saves: list[int] = []
    copies: list[str] = []
    real_save, real_update = AtomicJSONStorage.save, Table._update_table

    def counted_save(storage: AtomicJSONStorage) -> None:
        saves.append(1)
        real_save(storage)

    def counted_update(table: Table, updater: object) -> None:
        copies.append(table.name)
        real_update(table, updater)  # type: ignore[arg-type]

    monkeypatch.setattr(AtomicJSONStorage, "save", counted_save)
    monkeypatch.setattr(Table, "_update_table", counted_update)
    with WorkshopStore.open(db) as store:
        before = len(store.workshop.trainees)
        apply_plan(store, plan_trainee_import(_roster(300), store.workshop))
        assert saves == [1] and copies == []
        store.put(Trainee("Added After The Import"))  # a later single save still numbers right
    with WorkshopStore.open(db, readonly=True) as reopened:
        names = {t.name for t in reopened.workshop.trainees.values()}
    assert len(names) == before + 301 and "Added After The Import" in names


def test_an_import_refused_by_the_store_keeps_nothing(tmp_path: Path) -> None:
    db = tmp_path / "w.json"
    WorkshopStore.open(db, create_from=sample_workshop).close()
    before = db.read_bytes()
    with WorkshopStore.open(db) as store:
        good = Trainee("Good One")
        bad = Activity("visit", "Nowhere", datetime(2027, 3, 8, 9, tzinfo=SHANGHAI),
                       datetime(2027, 3, 8, 10, tzinfo=SHANGHAI),
                       site_id="00000000-0000-4000-8000-000000000009")
        with pytest.raises(ValidationError):
            store.put_all([good, bad])
        assert good.id not in store.workshop.trainees
    assert db.read_bytes() == before

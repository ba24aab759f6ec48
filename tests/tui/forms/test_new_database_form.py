""""New programme" and "Copy this programme to new dates" from the command palette: a form,
then the new database written and opened; the old one left as it was and unlocked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Checkbox, Static

from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.commands import CistratCommands
from cistrat_tui.tui.forms.new_database import CopyProgrammeForm, NewProgrammeForm
from cistrat_tui.tui.forms.new_database_rules import build_copy, build_new
from tests.tui.conftest import SIZE
from tests.tui.helpers import error_beside, fill, settle


async def run_palette_command(pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    provider = CistratCommands(pilot.app.screen)
    hits = [hit async for hit in provider.search(name)]
    best = max(hits, key=lambda hit: hit.score)
    assert best.text == name
    await best.command()
    await settle(pilot)


def test_the_rules_refuse_an_existing_file_and_a_shifted_weekday(tmp_path: Path) -> None:
    existing = tmp_path / "old.json"
    existing.write_text("{}", encoding="utf-8")
    texts = {"path": str(existing), "title": "T", "start": "2027-09-06", "end": "2027-09-24",
             "base_city": "Beijing"}
    assert "already exists" in build_new(texts)[1]["path"]
    assert build_new({**texts, "path": str(tmp_path / "x.txt")})[1] == {
        "path": "a database file ends in .json"}
    made, errors = build_new({**texts, "path": str(tmp_path / "new.json")})
    assert errors == {} and made is not None and not made.workshop.activities
    from cistrat_tui.core.sample import sample_workshop

    refused = build_copy({"path": str(tmp_path / "c.json"), "start": "2027-09-06"},
                         sample_workshop(), False)[1]
    assert "start on Sun 2027-09-05 or Sun 2027-09-12" in refused["start"]


async def test_new_programme_from_the_palette_opens_the_new_file(
        store: WorkshopStore, checker, tmp_path: Path) -> None:
    old_path, old_bytes = store.path, store.path.read_bytes()
    target = tmp_path / "2027-09" / "workshop.json"
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await run_palette_command(pilot, "New programme")
        assert isinstance(app.screen, NewProgrammeForm)
        await fill(pilot, "path", str(old_path))
        assert "already exists" in error_beside(app, "path")
        await fill(pilot, "path", str(target))
        await fill(pilot, "title", "STI Policy Workshop, autumn 2027")
        await fill(pilot, "start", "2027-09-06")
        await fill(pilot, "end", "2027-09-24")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.store.path == target
        assert app.store.workshop.programme.title == "STI Policy Workshop, autumn 2027"
        assert not app.store.workshop.activities
        assert not app.history.can_undo  # a new sitting: no undo into the other file
        assert str(target.name) in app.sub_title
    assert old_path.read_bytes() == old_bytes
    with WorkshopStore.open(old_path):  # its lock was released when the new one opened
        pass
    with WorkshopStore.open(target, readonly=True) as made:
        assert made.workshop.programme.start_date == date(2027, 9, 6)


async def test_copy_to_new_dates_from_the_palette(store: WorkshopStore, checker,
                                                  tmp_path: Path) -> None:
    target = tmp_path / "copy.json"
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await run_palette_command(pilot, "Copy this programme to new dates")
        form = app.screen
        assert isinstance(form, CopyProgrammeForm)
        assert form.query_one("#field-path").value == str(
            store.path.parent / "workshop-2028-03.json")  # 52 weeks on, beside this file
        await fill(pilot, "start", "2027-09-05")
        assert form.query_one("#field-path").value == str(
            store.path.parent / "workshop-2027-09.json")  # follows the first day
        await fill(pilot, "path", str(target))
        await fill(pilot, "start", "2027-09-06")
        assert "start on Sun 2027-09-05 or Sun 2027-09-12" in error_beside(app, "start")
        await fill(pilot, "start", "2027-09-05")
        assert form.query_one("#field-path").value == str(target)  # named by hand: kept
        notes = str(form.query_one("#form-notes", Static).render())
        assert "Moved +182 days (+26 weeks)" in notes
        form.query_one("#field-with_trainees", Checkbox).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.store.path == target
        copied = app.store.workshop
        assert copied.programme.start_date == date(2027, 9, 5)
        assert len(copied.activities) == len(sample_workshop().activities)
        assert len(copied.trainees) == 15
        assert not set(copied.activities) & set(store.workshop.activities)

"""The programme form: edit the programme, see what falls outside new dates, undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual.widgets import Static, TextArea

from cistrat_tui.core.records.model import Contact
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.forms.programme import ProgrammeForm
from cistrat_tui.tui.forms.programme_rules import (
    build_programme,
    outside_dates,
    parse_contacts,
    programme_texts,
)
from tests.tui.conftest import SIZE
from tests.tui.helpers import error_beside, fill, settle


def on_disk(store: WorkshopStore):  # type: ignore[no-untyped-def]
    with WorkshopStore.open(store.path, readonly=True) as again:
        return again.workshop.programme


def test_the_texts_round_trip_and_contacts_parse() -> None:
    programme = sample_workshop().programme
    rebuilt, errors = build_programme(programme_texts(programme), programme)
    assert errors == {} and rebuilt == programme
    assert parse_contacts("Desk; 110; 24 h\n\nClinic; 120;; c@example.org") == (
        (Contact("Desk", "110", "", "24 h"), Contact("Clinic", "120", "c@example.org")), "")
    assert parse_contacts("Desk")[1] == "line 1: give a name and a phone, as name; phone; role"
    assert "line 2" in parse_contacts("A; 1\nB; 2; r; not-an-email")[1]


def test_errors_land_beside_their_fields() -> None:
    programme = sample_workshop().programme
    texts = programme_texts(programme)
    for name, value, says in (("end", "2027-03-01", "before the start date"),
                              ("lunch_end", "11:00", "must end after it starts"),
                              ("coordinator_email", "nope", ""), ("title", " ", "")):
        result, errors = build_programme({**texts, name: value}, programme)
        assert result is None and list(errors) == [name], (name, errors)
        assert says in errors[name]


def test_outside_dates_lists_activities_and_stays() -> None:
    workshop = sample_workshop()
    shorter, _ = build_programme({**programme_texts(workshop.programme),
                                  "end": "2027-03-25"}, workshop.programme)
    assert shorter is not None
    found = outside_dates(workshop, shorter)
    assert "'Farewell dinner' (Fri 26 Mar)" in found
    # As in the checks: the flights out on 27 March still need the last nights and the
    # coach to the airport, so they are not "outside".
    assert not any(f.startswith("the stay at Yuyuantan") or "Departure" in f for f in found)
    for trainee in list(workshop.trainees.values()):
        workshop.put(replace(trainee, departure=None))
    found = outside_dates(workshop, shorter)
    assert any(f.startswith("the stay at Yuyuantan") for f in found)
    assert any(f.startswith("'Departure: coach to Beijing Capital Airport'") for f in found)
    assert outside_dates(workshop, workshop.programme) == []


async def test_edit_the_programme_then_undo(store: WorkshopStore, checker) -> None:
    before = store.workshop.programme
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ProgrammeForm)
        await fill(pilot, "title", "STI Policy Workshop, spring 2027")
        await fill(pilot, "end", "2027-03-25")
        outside = str(app.screen.query_one("#programme-outside", Static).render())
        assert outside.startswith("6 would fall outside the new dates:")
        assert "'Farewell dinner' (Fri 26 Mar)" in outside
        await fill(pilot, "lunch_end", "11:00")
        assert "lunch must end after it starts" in error_beside(app, "lunch_end")
        assert app.screen.query_one("#form-save").disabled
        await fill(pilot, "lunch_end", "13:30")
        app.screen.query_one("#field-emergency", TextArea).text = "Duty desk; +86 10 1234"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ProgrammeForm)
        saved = on_disk(store)
        assert saved.title == "STI Policy Workshop, spring 2027"
        assert saved.end_date == date(2027, 3, 25) and saved.id == before.id
        assert saved.emergency_contacts == (Contact("Duty desk", "+86 10 1234"),)
        assert app.title.startswith("STI Policy Wo")  # shortened to fit beside the file
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.workshop.programme == before == on_disk(store)
        assert app.title.startswith("International")
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert on_disk(store).title == "STI Policy Workshop, spring 2027"


async def test_cancel_changes_nothing(store: WorkshopStore, checker) -> None:
    before = store.workshop.programme
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "title", "Changed")
        await pilot.press("escape")
        await settle(pilot)
        assert on_disk(store) == before
        assert not app.history.can_undo

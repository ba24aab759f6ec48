"""Closures in the app: add one for a site or the whole programme, see it in the schedule and
the checks, edit it, undo."""

from __future__ import annotations

from datetime import date

from cistrat_tui.core.checks.runner import check_workshop
from cistrat_tui.core.records.closure import Closure
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.forms.closure import ClosureForm
from cistrat_tui.tui.forms.closure_rules import ClosureValues, build_closure, closure_label
from cistrat_tui.tui.screens.record_lists import ClosuresList
from tests.tui.conftest import SIZE
from tests.tui.helpers import error_beside, fill, settle

TUSPARK_DAY = date(2027, 3, 10)  # the sample's TusPark visit


def closures_on_disk(store: WorkshopStore) -> dict[str, Closure]:
    with WorkshopStore.open(store.path, readonly=True) as again:
        return dict(again.workshop.closures)


def test_the_rules_of_the_closure_form() -> None:
    workshop = sample_workshop()
    closure, errors = build_closure(ClosureValues("", "2027-03-10", "", "Open day"), workshop)
    assert errors == {} and closure is not None
    assert closure.days() == [TUSPARK_DAY]  # a blank last day: one day
    assert closure_label(workshop, closure) == "10 Mar, whole programme: Open day"
    assert build_closure(ClosureValues("", "2027-03-10", "2027-03-09", "x"),
                         workshop)[1] == {"last": "2027-03-09 is before the first date "
                                                  "2027-03-10"}
    assert "reason" in build_closure(ClosureValues("", "2027-03-10", "", ""), workshop)[1]
    assert "outside it" in build_closure(ClosureValues("", "2027-06-01", "", "x"),
                                         workshop)[1]["first"]


async def test_add_a_site_closure_see_it_checked_edit_and_undo(store: WorkshopStore) -> None:
    tuspark = next(s for s in store.workshop.sites.values() if "TusPark" in s.name_en)
    app = CistratApp(store, checker=check_workshop)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not [p for p in app.problems if p.code == "non-working-day"]
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ClosuresList)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ClosureForm)
        await fill(pilot, "site", tuspark.id)
        await fill(pilot, "first", "2027-03-10")
        await fill(pilot, "reason", "")
        assert error_beside(app, "reason")
        await fill(pilot, "reason", "Park open day for investors")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ClosuresList)
        (saved,) = closures_on_disk(store).values()
        assert (saved.site_id, saved.first_date, saved.last_date) == (
            tuspark.id, TUSPARK_DAY, TUSPARK_DAY)
        await pilot.press("escape")
        await settle(pilot)
        closed = [p for p in app.problems if p.code == "non-working-day"]
        assert closed and all("Park open day for investors" in p.message for p in closed)
        assert "Closures:           1" in str(app.screen.query_one("#overview-facts").render())
        # Edit it: the whole programme, two days.
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ClosureForm)
        await fill(pilot, "site", "")
        await fill(pilot, "last", "2027-03-11")
        await pilot.press("ctrl+s")
        await settle(pilot)
        (edited,) = closures_on_disk(store).values()
        assert edited.id == saved.id and edited.site_id is None
        assert edited.last_date == date(2027, 3, 11)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert closures_on_disk(store) == {saved.id: saved}
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert closures_on_disk(store) == {}
        assert not [p for p in app.problems if p.code == "non-working-day"]

"""The route planner screen: pick stops, plan in a worker, preview, apply as one undoable step."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.widgets import Button, Input, SelectionList, Static

from cistrat_tui.core.planning.planner import PlanRequest
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui import app as app_module
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.screens import planner as planner_screen
from cistrat_tui.tui.screens.exports import ExportsScreen
from cistrat_tui.tui.screens.planner import PlannerScreen
from cistrat_tui.tui.widgets.map_view import MapView
from tests.tui.conftest import SIZE
from tests.tui.helpers import settle

ZHANGJIANG = "Shanghai Zhangjiang Hi-Tech Park"
SUZHOU = "Suzhou Science and Technology Town"
GUANGZHOU = "Guangzhou Tianhe Software Park"


class TestApp(CistratApp):
    """The app with the planner and exports areas, as the lead will add them to app.py."""

    __test__ = False
    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))  # relative to the subclass
    MODES: ClassVar = {**CistratApp.MODES, "planner": PlannerScreen, "exports": ExportsScreen}


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[WorkshopStore]:
    """The sample's programme, sites and trainees with no activities or stays yet: a trip
    planned from scratch."""
    def make() -> Workshop:
        sample = sample_workshop()
        return Workshop(sample.programme, dict(sample.sites), dict(sample.trainees), {}, {})

    with WorkshopStore.open(tmp_path / "empty.json", create_from=make) as opened:
        yield opened


def site_id(store: WorkshopStore, name: str) -> str:
    return next(s.id for s in store.workshop.sites.values() if s.name_en == name)


def on_disk(store: WorkshopStore) -> dict[str, list[dict[str, Any]]]:
    with WorkshopStore.open(store.path, readonly=True) as again:
        return again.workshop.to_tables()


def text_of(app: CistratApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def pick(pilot, store: WorkshopStore, *names: str) -> None:
    stops = pilot.app.screen.query_one("#planner-stops", SelectionList)
    for name in names:
        stops.select(site_id(store, name))
    await pilot.pause()


async def test_plan_apply_then_undo_and_redo(empty_store: WorkshopStore, checker) -> None:
    before = empty_store.workshop.to_tables()
    app = TestApp(empty_store, checker=checker, mode="planner")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlannerScreen)
        programme = empty_store.workshop.programme
        assert screen.query_one("#planner-first_day", Input).value == str(programme.start_date)
        assert screen.query_one("#planner-last_day", Input).value == str(programme.end_date)
        await pick(pilot, empty_store, ZHANGJIANG, SUZHOU)
        assert screen.query_one("#planner-stops").border_title.startswith("Stops: 2 picked")
        await pilot.press("ctrl+r")
        await settle(pilot)
        plan = screen.plan
        assert plan is not None
        preview = text_of(app, "#planner-preview")
        assert f"Visit: {SUZHOU}" in preview and f"Visit: {ZHANGJIANG}" in preview
        assert "nights away from base" in preview
        # The same day-by-day as the command line: the claim, transfers, lunch, the nights.
        assert preview.startswith("Order (") and plan.claim in preview
        assert "Lunch" in preview and "Night: " in preview and "door to door" in preview
        assert plan.claim in text_of(app, "#planner-status")
        assert screen.query_one("#planner-map", MapView).visits == (
            "Beijing", "Suzhou", "Shanghai", "Beijing")
        assert empty_store.workshop.to_tables() == before  # a preview writes nothing
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = len(plan.activities)
        assert added > 2
        assert len(empty_store.workshop.activities) == added
        assert len(on_disk(empty_store)["activities"]) == added
        assert len(empty_store.workshop.stays) == len(plan.stays) > 0
        assert screen.plan is None
        await pilot.press("ctrl+z")  # ONE step takes the whole plan back
        await settle(pilot)
        assert empty_store.workshop.to_tables() == before
        assert on_disk(empty_store) == before
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert len(on_disk(empty_store)["activities"]) == added
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert on_disk(empty_store) == before


async def test_a_plan_that_cannot_be_made_says_which_constraint_and_stop(
        store: WorkshopStore, checker) -> None:
    """The sample's programme is full: a stop in Guangzhou on its first day (a Sunday)
    cannot be placed; the screen says why and nothing is written."""
    before = store.workshop.to_tables()
    app = TestApp(store, checker=checker, mode="planner")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pick(pilot, store, GUANGZHOU)
        first = str(store.workshop.programme.start_date)
        app.screen.query_one("#planner-last_day", Input).value = first
        await pilot.press("ctrl+r")
        await settle(pilot)
        status = text_of(app, "#planner-status")
        assert status.startswith("Cannot plan:")
        assert "Constraint: end date" in status
        assert f"Stop: {GUANGZHOU}" in status
        assert app.screen.query_one("#planner-apply", Button).disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.workshop.to_tables() == before


async def test_form_errors_are_named_and_nothing_is_planned(empty_store: WorkshopStore,
                                                            checker) -> None:
    app = TestApp(empty_store, checker=checker, mode="planner")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#planner-first_day", Input).value = "2027-02-30"
        await pilot.press("ctrl+r")
        await settle(pilot)
        errors = text_of(app, "#planner-errors")
        assert "Stops: pick at least one site to visit" in errors
        assert "First day: '2027-02-30' is not a date that exists" in errors
        assert app.screen.plan is None


async def test_plus_and_minus_set_the_visit_length(empty_store: WorkshopStore, checker) -> None:
    app = TestApp(empty_store, checker=checker, mode="planner")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        stops = screen.query_one("#planner-stops", SelectionList)
        stops.focus()
        wanted = site_id(empty_store, SUZHOU)
        stops.highlighted = stops.get_option_index(wanted)
        await pilot.press("plus", "plus", "plus", "minus")  # 2 h + 1 h
        await pilot.press("space")
        await pilot.pause()
        assert wanted in stops.selected
        assert str(stops.get_option(wanted).prompt).lstrip().startswith("3 h")
        await pilot.press("ctrl+r")
        await settle(pilot)
        visit = next(a for a in screen.plan.activities if a.site_id == wanted)
        assert (visit.end - visit.start).total_seconds() == 3 * 3600


async def test_discard_writes_nothing(empty_store: WorkshopStore, checker) -> None:
    before = empty_store.workshop.to_tables()
    app = TestApp(empty_store, checker=checker, mode="planner")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pick(pilot, empty_store, SUZHOU)
        await pilot.click("#planner-plan")
        await settle(pilot)
        assert app.screen.plan is not None
        await pilot.click("#planner-discard")
        await settle(pilot)
        assert app.screen.plan is None
        assert text_of(app, "#planner-preview") == ""
        assert "discarded" in text_of(app, "#planner-status")
        assert on_disk(empty_store) == before


async def test_a_plan_made_before_a_change_is_not_applied(empty_store: WorkshopStore,
                                                         checker) -> None:
    app = TestApp(empty_store, checker=checker, mode="planner")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pick(pilot, empty_store, SUZHOU)
        await pilot.press("ctrl+r")
        await settle(pilot)
        site = empty_store.workshop.sites[site_id(empty_store, SUZHOU)]
        from dataclasses import replace
        app.change(site, replace(site, notes="changed elsewhere"), "Edited a site")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert empty_store.workshop.activities == {}
        assert "changed since this plan" in text_of(app, "#planner-status")


async def test_planning_runs_in_a_worker_and_shows_progress(
        empty_store: WorkshopStore, checker, monkeypatch: pytest.MonkeyPatch) -> None:
    """While the planner works the screen answers keys and shows that it is busy."""
    release = threading.Event()
    real = planner_screen.plan_route

    def slow(workshop: Workshop, request: PlanRequest):  # type: ignore[no-untyped-def]
        assert release.wait(10)
        return real(workshop, request)

    monkeypatch.setattr(planner_screen, "plan_route", slow)
    app = TestApp(empty_store, checker=checker, mode="planner")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pick(pilot, empty_store, SUZHOU)
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#planner-preview-box").loading
        assert text_of(app, "#planner-status") == "Planning 1 stop..."
        assert screen.query_one("#planner-plan", Button).disabled
        await pilot.press("plus")  # the screen still answers
        release.set()
        await settle(pilot)
        assert not screen.query_one("#planner-preview-box").loading
        assert screen.plan is not None

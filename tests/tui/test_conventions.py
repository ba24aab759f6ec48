"""What a Textual user expects of every screen: digits that switch areas never type into a
field (and a field's digits never switch areas), Esc leaves a field, Esc on a changed form
asks, a footer that fits at 80 columns, ticks shown by a glyph, a palette that reaches every
area, and workers whose failures (not cancellations) are said with their own name."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from textual.widgets import Input, SelectionList

from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.areas import AREAS
from cistrat_tui.tui.commands import CistratCommands
from cistrat_tui.tui.forms.site import SiteForm
from cistrat_tui.tui.forms.validated import DiscardChanges
from cistrat_tui.tui.key_bar_layout import Role
from cistrat_tui.tui.problem_source import ProblemLike, overlaps
from cistrat_tui.tui.screens.overview import OverviewScreen
from cistrat_tui.tui.screens.planner import PlannerScreen
from cistrat_tui.tui.screens.problems import ProblemsScreen
from cistrat_tui.tui.screens.schedule import ScheduleScreen
from cistrat_tui.tui.screens.sites import SitesScreen
from cistrat_tui.tui.widgets.key_bar import KeyBar
from cistrat_tui.tui.widgets.ticks import TICKED, UNTICKED
from tests.tui.helpers import first_checks_started, settle


def messages(app: CistratApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


# --- digits, Esc and fields -------------------------------------------------------------------

async def test_digits_in_a_field_type_and_do_not_switch_esc_leaves_alt_digit_switches(
        store: WorkshopStore, checker) -> None:  # type: ignore[no-untyped-def]
    app = CistratApp(store, checker=checker, mode="planner")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        field = app.screen.query_one("#planner-per_day", Input)
        field.focus()
        field.value = ""
        await pilot.press("3")
        await pilot.pause()
        assert field.value == "3"  # a digit in a field is a digit...
        assert isinstance(app.screen, PlannerScreen)  # ...and not an area key
        await pilot.press("alt+2")  # from inside the field: the other binding
        await pilot.pause()
        assert isinstance(app.screen, ScheduleScreen)
        assert field.value == "3"
        await pilot.press("6")
        await pilot.pause()
        assert isinstance(app.screen, PlannerScreen)
        assert field.has_focus
        await pilot.press("escape")  # leaves the field; the area keys work again
        await pilot.pause()
        assert not isinstance(app.screen.focused, Input)
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert field.value == "3"


async def test_after_applying_a_plan_a_digit_switches_instead_of_typing_into_a_date(
        tmp_path: Path, checker) -> None:  # type: ignore[no-untyped-def]
    sample = sample_workshop()  # its programme and people, with days free to plan in
    empty = Workshop(sample.programme, sites=dict(sample.sites), trainees=dict(sample.trainees))
    store = WorkshopStore.open(tmp_path / "free.json", create_from=lambda: empty)
    app = CistratApp(store, checker=checker, mode="planner")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlannerScreen)
        stops = screen.query_one("#planner-stops", SelectionList)
        stops.select(stops.get_option_at_index(0).value)
        first = screen.query_one("#planner-first_day", Input)
        last = screen.query_one("#planner-last_day", Input)
        last.focus()
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert screen.plan is not None
        dates = (first.value, last.value)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        assert (first.value, last.value) == dates
    store.close()


async def test_a_digit_in_a_form_types_and_alt_digit_keeps_the_form_in_its_area(
        store: WorkshopStore, checker) -> None:  # type: ignore[no-untyped-def]
    app = CistratApp(store, checker=checker, mode="sites")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SiteForm)
        await pilot.press("1", "2")
        await pilot.pause()
        assert form.query_one("#field-name_en", Input).value == "12"
        await pilot.press("alt+1")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("4")
        await pilot.pause()
        assert app.screen is form  # the form waited, as it was
        assert form.query_one("#field-name_en", Input).value == "12"


# --- Esc on a form ----------------------------------------------------------------------------

async def test_esc_on_an_unchanged_form_closes_it_at_once(store: WorkshopStore,
                                                          checker) -> None:  # type: ignore[no-untyped-def]
    app = CistratApp(store, checker=checker, mode="sites")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, SiteForm)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SitesScreen)


async def test_esc_on_a_changed_form_asks_before_discarding(store: WorkshopStore,
                                                            checker) -> None:  # type: ignore[no-untyped-def]
    before = store.path.read_bytes()
    app = CistratApp(store, checker=checker, mode="sites")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SiteForm)
        await pilot.press(*"Lab")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DiscardChanges)
        await pilot.press("n")  # keep editing: the form and what was typed are still there
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#field-name_en", Input).value == "Lab"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SitesScreen)
    assert store.path.read_bytes() == before


# --- footer and glyphs ------------------------------------------------------------------------

@pytest.mark.parametrize("mode", AREAS)
async def test_the_footer_fits_at_80_columns(store: WorkshopStore, checker,  # type: ignore[no-untyped-def]
                                             mode: str) -> None:
    app = CistratApp(store, checker=checker, mode=mode)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        line = bar.render().plain
        assert len(line) <= 80 and bar.region.width == 80
        keys = [p for p in bar.pieces if p.role is Role.KEY and p.entry is not None]
        assert keys and all(p.end <= 80 for p in bar.pieces)
        palette = [p for p in keys if p.entry and p.entry.key == "ctrl+p"]
        assert palette, "the palette key shows"
        assert all(p.end < palette[0].start for p in bar.pieces
                   if p.entry != palette[0].entry), mode
        descriptions = {p.entry.description for p in bar.pieces if p.entry is not None}
        shown = [p.entry.key for p in keys if p.entry]
        assert [str(n) for n in range(1, len(AREAS) + 1)] == [k for k in shown if k.isdigit()]
        assert "Areas" in line
        assert "Help" in descriptions, mode  # kept when an area's own keys must give way
        assert "Undo" in descriptions or "…" in line, mode


async def test_ticked_and_unticked_differ_by_glyph(store: WorkshopStore, checker) -> None:  # type: ignore[no-untyped-def]
    app = CistratApp(store, checker=checker, mode="exports")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        kinds = app.screen.query_one("#exports-kinds", SelectionList)
        first = kinds.get_option_at_index(0).value
        kinds.deselect(first)
        await pilot.pause()
        ticked_line = kinds.render_line(1).text  # options: 0 unticked, 1 ticked
        unticked_line = kinds.render_line(0).text
        assert f"▐{TICKED}▌" in ticked_line
        assert f"▐{UNTICKED}▌" in unticked_line and TICKED not in unticked_line
        radio = app.screen.query_one("#whom-everyone")
        other = app.screen.query_one("#whom-group")
        assert "●" in str(radio.render()) and "●" not in str(other.render())


# --- the command palette ----------------------------------------------------------------------

async def test_the_palette_offers_every_areas_actions_and_runs_them_there(
        store: WorkshopStore, checker) -> None:  # type: ignore[no-untyped-def]
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OverviewScreen)
        provider = CistratCommands(app.screen)
        names = [hit.text async for hit in provider.discover()]
        for name in ("Sites: Add site", "Trainees: Import", "Schedule: Go to date",
                     "Route planner: Plan", "Exports: Write files", "Undo", "Schedule"):
            assert name in names, name
        hits = [hit async for hit in provider.search("sites add")]
        best = max(hits, key=lambda hit: hit.score)
        assert best.text == "Sites: Add site"
        await best.command()
        await settle(pilot)
        assert isinstance(app.screen, SiteForm)  # the sites area's action, run there
        assert app.current_mode == "sites"


# --- workers ----------------------------------------------------------------------------------

async def test_a_failed_check_is_named_with_its_reason(store: WorkshopStore) -> None:
    def broken(workshop: Workshop) -> list[ProblemLike]:
        raise KeyError()

    app = CistratApp(store, checker=broken)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "The checks failed: KeyError" in messages(app)


async def test_a_cancelled_check_is_not_a_failure(store: WorkshopStore) -> None:
    """Two changes in quick succession: the first checks are replaced, not failed."""
    release = threading.Event()
    calls: list[int] = []

    def slow_then_quick(workshop: Workshop) -> Sequence[ProblemLike]:
        calls.append(1)
        if len(calls) == 1:
            release.wait(5)
        return overlaps(workshop)

    app = CistratApp(store, checker=slow_then_quick)
    async with app.run_test(size=(120, 40)) as pilot:
        await first_checks_started(pilot)
        app.workshop_changed()  # replaces the first run while it is still busy
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert len(calls) == 2
        assert not [m for m in messages(app) if "failed" in m], messages(app)
        assert app.problems_generation == app.generation


async def test_ctrl_pagedown_and_pageup_switch_areas_from_a_field(store: WorkshopStore,
                                                                  checker) -> None:  # type: ignore[no-untyped-def]
    """For terminals that send alt+digit as a letter: the next and previous area."""
    app = CistratApp(store, checker=checker, mode="sites")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "b")
        await pilot.pause()
        field = app.screen.query_one("#sites-filter", Input)
        assert field.has_focus
        await pilot.press("ctrl+pagedown")
        await pilot.pause()
        assert app.current_mode == "trainees"
        await pilot.press("ctrl+pageup", "ctrl+pageup")
        await pilot.pause()
        assert app.current_mode == "problems"
        assert field.value == "b"

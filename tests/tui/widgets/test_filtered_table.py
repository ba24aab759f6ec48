"""The shared filtered table and the weighted tables: names and titles use the width there is
(whole at 200 columns, cut with "…" at 80), the filter and the detail pane."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.screens.sites import SitesScreen
from cistrat_tui.tui.widgets.filtered_table import FilteredTable
from cistrat_tui.tui.widgets.weighted_table import plain
from tests.tui.helpers import settle

LONGEST_SITE = "Chinese Academy of Science and Technology for Development (CASTED)"


def column(app: CistratApp, table_id: str, key: str) -> list[str]:
    table = app.screen.query_one(f"#{table_id}", DataTable)
    return [plain(cell) for cell in table.get_column(key)]


def right_edge(app: CistratApp, table_id: str) -> int:
    table = app.screen.query_one(f"#{table_id}", DataTable)
    return table.region.right


async def test_at_200_columns_a_long_site_name_shows_whole(store: WorkshopStore,
                                                           checker) -> None:  # type: ignore[no-untyped-def]
    app = CistratApp(store, checker=checker, mode="sites")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        names = column(app, "sites-table", "name")
        assert LONGEST_SITE in names
        table = app.screen.query_one("#sites-table", DataTable)
        assert table.region.width > 120  # the table, not an empty margin, takes the width


async def test_at_80_columns_names_are_cut_with_an_ellipsis_and_fit(store: WorkshopStore,
                                                                    checker) -> None:  # type: ignore[no-untyped-def]
    app = CistratApp(store, checker=checker, mode="sites")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        names = column(app, "sites-table", "name")
        assert LONGEST_SITE not in names
        assert any(name.endswith("…") and LONGEST_SITE.startswith(name[:-1])
                   for name in names)
        table = app.screen.query_one("#sites-table", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width


async def test_resizing_redraws_the_columns_keeping_the_highlighted_row(
        store: WorkshopStore, checker) -> None:  # type: ignore[no-untyped-def]
    app = CistratApp(store, checker=checker, mode="sites")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down")
        screen = app.screen
        assert isinstance(screen, SitesScreen)
        chosen = screen.selected_site
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        assert LONGEST_SITE in column(app, "sites-table", "name")
        assert screen.selected_site == chosen


async def test_the_schedule_uses_the_width_for_titles_and_the_day_list(
        store: WorkshopStore, checker) -> None:  # type: ignore[no-untyped-def]
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        assert "Beijing → Guangzhou" in column(app, "days", "city")
        for _ in range(21):  # a day with a title over 60 characters shown whole (the airport
            titles = column(app, "activities", "title")  # pickups' are longer still)
            if any(len(t) > 60 and not t.endswith("…") for t in titles):
                break
            await pilot.press("n")
            await pilot.pause()
        assert any(len(t) > 60 and not t.endswith("…") for t in titles), titles
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        cities = column(app, "days", "city")
        assert "Beijing → Guangzhou" not in cities
        assert any(c.endswith("…") for c in cities)


@pytest.mark.parametrize(("mode", "typed", "expected"), [
    ("sites", "wuhan hotel", ["Optics Valley Lakeside Hotel"]),
    ("trainees", "selamawit", ["Selamawit Bekele Tadesse"]),
])
async def test_typing_filters_and_esc_goes_back_to_the_table(
        store: WorkshopStore, checker, mode: str, typed: str,  # type: ignore[no-untyped-def]
        expected: list[str]) -> None:
    app = CistratApp(store, checker=checker, mode=mode)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(FilteredTable)
        await pilot.press("slash", *(k if k != " " else "space" for k in typed))
        await pilot.pause()
        names = [getattr(r, "name_en", None) or r.name for r in listing.shown]
        assert names == expected
        total = len(list(listing.spec.records()))
        assert str(listing.table.border_title).endswith(f": 1 of {total}")
        await pilot.press("escape")
        await pilot.pause()
        assert listing.table.has_focus
        assert app.screen.focused is listing.table

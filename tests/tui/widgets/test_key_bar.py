"""The footer drawn by one widget (tui/widgets/key_bar.py): the screen's keys, the user's
keymap, redrawn when the focus changes the keys, clicks and tooltips."""

from __future__ import annotations

from textual.widgets import Input

from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.screens.record_lists import ClosuresList
from cistrat_tui.tui.screens.sites import SitesScreen
from cistrat_tui.tui.widgets.key_bar import KeyBar
from tests.tui.helpers import settle

SIZE = (120, 40)


def keys_shown(app: CistratApp) -> list[str]:
    bar = app.screen.query_one(KeyBar)
    return [p.entry.key for p in bar.pieces if p.entry is not None and p.text == p.entry.display]


async def test_one_widget_draws_the_screens_keys(store: WorkshopStore, checker) -> None:  # type: ignore[no-untyped-def]
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        assert not bar.children
        line = bar.render().plain
        assert line.startswith(" e Programme  c Closures  123456789 Areas")
        assert line.rstrip().endswith("^p palette")
        assert keys_shown(app)[:2] == ["e", "c"]


async def test_the_keys_follow_the_focus(store: WorkshopStore, checker) -> None:  # type: ignore[no-untyped-def]
    app = CistratApp(store, checker=checker, mode="sites")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SitesScreen)
        before = app.screen.query_one(KeyBar).render().plain
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        after = app.screen.query_one(KeyBar).render().plain
        assert after != before  # the filter field's own keys (esc leaves it) replace the table's


async def test_the_keymap_shows_in_the_footer(store: WorkshopStore, checker) -> None:  # type: ignore[no-untyped-def]
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.set_keymap({"app.undo": "ctrl+u"})
        await pilot.pause()
        line = app.screen.query_one(KeyBar).render().plain
        assert "^u Undo" in line and "^z" not in line


async def test_a_click_presses_the_key_and_hovering_tells_what_it_does(  # type: ignore[no-untyped-def]
        store: WorkshopStore, checker) -> None:
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        closures = next(p for p in bar.pieces if p.entry is not None and p.entry.key == "c")
        await pilot.hover(KeyBar, offset=(closures.start, 0))
        await pilot.pause()
        assert bar.tooltip == "Days a site or the whole programme does not work."
        await pilot.hover(KeyBar, offset=(bar.size.width // 2 + 10, 0))  # between keys
        await pilot.pause()
        assert bar.tooltip is None
        await pilot.click(KeyBar, offset=(closures.start, 0))
        await settle(pilot)
        assert isinstance(app.screen, ClosuresList)

"""Publish and send from the exports area: the modal runs the same delivery functions in a
worker, shows progress and a summary, and saves the ledger in the app's thread."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Checkbox, Input, ProgressBar, Static

from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.screens.delivery import DeliveryScreen
from tests.delivery.servers import PASSWORD, USER, radicale_server
from tests.exports.test_ics_workshop import small_workshop
from tests.tui.conftest import SIZE
from tests.tui.helpers import settle
from tests.tui.screens.test_planner import TestApp


def text_of(screen: DeliveryScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_send_as_a_dry_run_writes_one_eml_each(tmp_path: Path, checker) -> None:
    with WorkshopStore.open(tmp_path / "w.json", create_from=small_workshop) as store:
        app = TestApp(store, checker=checker, mode="exports")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.screen.query_one("#exports-folder", Input).value = str(tmp_path / "out")
            await pilot.press("m")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DeliveryScreen)
            assert screen.query_one("#delivery-dry-run", Checkbox).value
            assert screen.query_one("#delivery-sender", Input).value  # the coordinator's
            await pilot.click("#delivery-start")
            await settle(pilot)
            assert "Done" in text_of(screen, "#delivery-status")
            progress = screen.query_one("#delivery-progress", ProgressBar)
            assert progress.progress == progress.total > 0
            summary = text_of(screen, "#delivery-summary")
            emls = sorted((tmp_path / "out").rglob("*.eml"))
            assert emls and all(str(p) in summary.replace("\n", "") or p.name in summary
                                for p in emls)
            assert "no e-mail address" in summary
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, DeliveryScreen)
        assert store.workshop.ledger  # saved by the app's thread


async def test_publish_to_radicale_and_a_bad_setting(tmp_path: Path, checker) -> None:
    with WorkshopStore.open(tmp_path / "w.json", create_from=small_workshop) as store, \
            radicale_server(tmp_path) as url:
        app = TestApp(store, checker=checker, mode="exports")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("u")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DeliveryScreen)
            await pilot.click("#delivery-start")
            await pilot.pause()
            assert "Not started: give the server" in text_of(screen, "#delivery-status")
            screen.query_one("#delivery-url", Input).value = url
            screen.query_one("#delivery-user", Input).value = USER
            screen.query_one("#delivery-password", Input).value = PASSWORD
            await pilot.pause()
            assert screen.value("url") == url
            # A second click at the same spot is a double click, which Button ignores.
            screen.query_one("#delivery-start", Button).press()
            await pilot.pause()
            assert "Not started" not in text_of(screen, "#delivery-status"), screen.value("url")
            await settle(pilot)
            assert "Published: 6 calendars" in text_of(screen, "#delivery-status")
            assert "subscribe: http://127.0.0.1" in text_of(screen, "#delivery-summary")
        assert any(e.published_etag for e in store.workshop.ledger.values())

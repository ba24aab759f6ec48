"""The sites area: filtering, adding a site with Amap (GCJ-02) coordinates, and looking an
address up against a stand-in geocoder on 127.0.0.1 (started here; never the internet)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from geopy.distance import geodesic
from textual.widgets import Button, OptionList, Static

from cistrat_tui.core.geo import geocode
from cistrat_tui.core.geo.datums import wgs84_to_gcj02
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui import app as app_module
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.forms.site import SiteForm
from cistrat_tui.tui.screens.sites import SitesScreen
from tests.core.geo.test_geocode import FakeNominatim, closed_port
from tests.tui.conftest import SIZE
from tests.tui.helpers import error_beside, fill, settle

NEW_PARK = (39.9847, 116.3081)  # WGS84


class SitesApp(CistratApp):
    """The app with the sites area as a mode (until app.py lists it)."""

    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))
    MODES: ClassVar = {**CistratApp.MODES, "sites": SitesScreen}


def on_disk(store: WorkshopStore) -> dict[str, object]:
    """The sites as saved, read by a second, read-only store."""
    with WorkshopStore.open(store.path, readonly=True) as again:
        return dict(again.workshop.sites)


def shown(app: CistratApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, SitesScreen)
    return [s.name_en for s in screen.shown_sites]


def status(app: CistratApp) -> str:
    return str(app.screen.query_one("#lookup-status", Static).render())


async def test_typing_filters_by_city_chinese_name_and_kind(store: WorkshopStore,
                                                            checker) -> None:  # type: ignore[no-untyped-def]
    app = SitesApp(store, checker=checker, mode="sites")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(shown(app)) == len(store.workshop.sites)
        await pilot.press("slash", *"wuhan")
        await pilot.pause()
        assert shown(app) and all(store.workshop.sites[s.id].city == "Wuhan"
                                  for s in app.screen.shown_sites)
        await pilot.press(*" hotel")
        await pilot.pause()
        assert shown(app) == ["Optics Valley Lakeside Hotel"]
        detail = str(app.screen.query_one("#site-detail", Static).render())
        assert "Optics Valley Lakeside Hotel" in detail and "Hotel stays" in detail
        app.screen.query_one("#sites-filter").value = "清华"
        await pilot.pause()
        assert shown(app) == ["TusPark (Tsinghua University Science Park)"]
        app.screen.query_one("#sites-filter").value = "no such place"
        await pilot.pause()
        assert shown(app) == []
        assert "No site matches" in str(app.screen.query_one("#site-detail", Static).render())


async def test_a_site_added_with_amap_coordinates_is_stored_in_wgs84(store: WorkshopStore,
                                                                     checker) -> None:  # type: ignore[no-untyped-def]
    lat, lon = wgs84_to_gcj02(*NEW_PARK)
    app = SitesApp(store, checker=checker, mode="sites")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, SiteForm)
        await fill(pilot, "name_en", "Zhongguancun Robotics Lab")
        await fill(pilot, "name_zh", "中关村机器人实验室")
        await fill(pilot, "kind", "company")
        await fill(pilot, "lat", f"{lat:.7f}")
        await fill(pilot, "lon", "east")
        assert "not a number" in error_beside(app, "lon")
        assert app.screen.query_one("#form-save", Button).disabled
        await fill(pilot, "lon", f"{lon:.7f}")
        await fill(pilot, "datum", "gcj02")
        await fill(pilot, "hours", "Mon-Fri 09:00-17:00")
        assert error_beside(app, "lon") == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SitesScreen)
        saved = [s for s in on_disk(store).values()
                 if s.name_en == "Zhongguancun Robotics Lab"]  # type: ignore[attr-defined]
        assert len(saved) == 1
        site = saved[0]
        assert site.city == "Beijing" and site.name_zh == "中关村机器人实验室"  # type: ignore[attr-defined]
        assert geodesic((site.lat, site.lon), NEW_PARK).km < 0.001  # type: ignore[attr-defined]
        assert app.screen.selected_site.id == site.id  # type: ignore[attr-defined]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert site.id not in on_disk(store)  # type: ignore[attr-defined]


@pytest.fixture
def nominatim(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    with FakeNominatim() as server:
        monkeypatch.setenv(geocode.GEOCODER_URL_ENV, server.url)
        yield server


async def test_looking_up_an_address_offers_candidates_to_pick(
        store: WorkshopStore, checker, nominatim: FakeNominatim) -> None:  # type: ignore[no-untyped-def]
    app = SitesApp(store, checker=checker, mode="sites")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "name_en", "Zhongguancun Square")
        await fill(pilot, "address_zh", "Zhongguancun")
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert len(nominatim.requests) == 1
        assert nominatim.requests[0][1]["q"] == ["Zhongguancun"]
        assert "2 found" in status(app) and "OpenStreetMap" in status(app)
        options = app.screen.query_one("#candidates", OptionList)
        assert options.option_count == 2 and options.has_focus
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "Using Zhongguancun Street" in status(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        site = next(s for s in on_disk(store).values()
                    if s.name_en == "Zhongguancun Square")  # type: ignore[attr-defined]
        assert (site.lat, site.lon) == (39.98, 116.31)  # type: ignore[attr-defined]
        assert geocode.cache_path_for(store.path).exists()


async def test_an_unreachable_geocoder_is_said_plainly(store: WorkshopStore, checker,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(geocode.GEOCODER_URL_ENV, f"http://127.0.0.1:{closed_port()}")
    before = store.path.read_bytes()
    app = SitesApp(store, checker=checker, mode="sites")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("l")  # the highlighted site, looked up at once
        await settle(pilot)
        assert isinstance(app.screen, SiteForm)
        assert "Cannot look the address up" in status(app)
        assert "by hand" in status(app)
        assert app.screen.query_one("#candidates", OptionList).option_count == 0
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SitesScreen)
    assert store.path.read_bytes() == before

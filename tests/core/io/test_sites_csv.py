"""Sites CSV import and export: datums converted to WGS84, opening hours, matching by English
name and city, all-or-nothing checks, and the export -> import round trip."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from geopy.distance import geodesic

from cistrat_tui.core.geo import datums as geo
from cistrat_tui.core.io.csv_files import ImportRefused, apply_plan
from cistrat_tui.core.io.sites_csv import (
    format_hours,
    parse_hours,
    plan_site_import,
    sites_csv,
)
from cistrat_tui.core.records.model import SiteKind
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from tests.core.io.test_roster_csv import encode
from tests.core.store.store_helpers import small_workshop

TUSPARK_WGS = (39.9934, 116.3246)
HEADER = ["Type", "Name", "中文名", "City", "纬度", "经度", "Datum", "Opening hours"]


def site_rows() -> list[list[str]]:
    gcj = geo.wgs84_to_gcj02(*TUSPARK_WGS)
    bd = geo.wgs84_to_bd09(*TUSPARK_WGS)
    return [
        HEADER,
        ["science park", "TusPark A", "清华科技园", "Beijing", f"{gcj[0]}", f"{gcj[1]}",
         "GCJ-02", "Mon-Fri 09:00-17:30"],
        ["Science Park", "TusPark B", "清华科技园", "Beijing", f"{bd[0]}", f"{bd[1]}", "BD-09",
         "周一至周五 09:00-17:30"],
        ["science_park", "TusPark C", "", "Beijing", str(TUSPARK_WGS[0]),
         str(TUSPARK_WGS[1]), "", "Mon-Fri 9:00-17:30"],
        ["酒店", "Hotel D", "某酒店", "Beijing", "", "", "", ""],
    ]


def imported(workshop: Workshop, data: bytes) -> Workshop:
    for change in plan_site_import(data, workshop).changes:
        workshop.put(change.after)
    return workshop


def refusal(data: bytes, workshop: Workshop | None = None) -> list[str]:
    with pytest.raises(ImportRefused) as caught:
        plan_site_import(data, workshop or small_workshop(0))
    return list(caught.value.problems)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("separator", [",", ";"])
def test_coordinates_in_any_datum_are_stored_in_wgs84(encoding: str, separator: str) -> None:
    workshop = imported(small_workshop(0), encode(site_rows(), encoding, separator))
    by_name = {s.name_en: s for s in workshop.sites.values()}
    for name in ("TusPark A", "TusPark B", "TusPark C"):
        site = by_name[name]
        assert geodesic((site.lat, site.lon), TUSPARK_WGS).meters < 0.01, name
        assert site.kind is SiteKind.SCIENCE_PARK
        assert site.opening_hours == {d: (time(9), time(17, 30)) for d in range(5)}
    hotel = by_name["Hotel D"]
    assert hotel.kind is SiteKind.HOTEL and not hotel.has_coordinates
    assert hotel.name_zh == "某酒店" and hotel.opening_hours == {}


def test_decimal_commas_and_degree_signs_are_read() -> None:
    rows = [["Kind", "Name", "City", "Lat", "Lng"],
            ["company", "X", "Wuhan", "30,506°", "114,398"]]
    (site,) = [s for s in imported(small_workshop(0), encode(rows, separator=";"))
               .sites.values() if s.name_en == "X"]
    assert (site.lat, site.lon) == (30.506, 114.398)


def test_opening_hours_parse_and_format_both_ways() -> None:
    hours = parse_hours("Mon-Wed 09:00-17:00; Thu, Fri 09:00-12:00\uff1bSun 10:00 to 16:00")
    assert hours == {0: ("09:00", "17:00"), 1: ("09:00", "17:00"), 2: ("09:00", "17:00"),
                     3: ("09:00", "12:00"), 4: ("09:00", "12:00"), 6: ("10:00", "16:00")}
    as_times = {d: (time.fromisoformat(o), time.fromisoformat(c)) for d, (o, c) in hours.items()}
    assert format_hours(as_times) == "Mon-Wed 09:00-17:00; Thu-Fri 09:00-12:00; Sun 10:00-16:00"
    assert parse_hours("daily 08:00-20:00") == {d: ("08:00", "20:00") for d in range(7)}
    assert parse_hours("") == {}


def test_bad_rows_are_all_reported() -> None:
    rows = site_rows()
    rows[1][4] = "139.9"  # a longitude in the latitude column
    rows[2][6] = "Google"
    rows[3][7] = "Mon-Fri 17:30-09:00"
    rows[4][0] = "castle"
    problems = refusal(encode(rows))
    assert problems[0].startswith("row 2: latitude 139.9 is out of range")
    assert "longitude? latitude comes first" in problems[0]
    assert problems[1].startswith("row 3: datum 'Google' is not a known datum")
    assert problems[2] == "row 4: opening hours Monday: closes at 09:00, not after it opens " \
                          "at 17:30"
    assert problems[3].startswith("row 5: kind 'castle' is not one of: science park")
    assert len(problems) == 4


def test_a_new_site_needs_a_kind_and_a_city() -> None:
    assert refusal(encode([["Name", "City"], ["X", "Wuhan"]])) == [
        "row 2: kind is needed for a new site; add a Kind column (science park, company, "
        "hotel...)"]
    assert refusal(encode([["Name", "Kind"], ["X", "company"]]))[0].startswith(
        "row 2: city is needed for a new site")
    assert "no column for the English name" in refusal(encode([["City"], ["Wuhan"]]))[0]
    assert "only one of latitude and longitude" in refusal(encode([["Name", "Lat"]]))[0]


def test_reimport_matches_by_english_name_and_city_and_keeps_missing_columns() -> None:
    workshop = small_workshop(0)
    park = next(s for s in workshop.sites.values() if s.kind is SiteKind.SCIENCE_PARK)
    rows = [["English name", "City", "Phone"],
            ["  zhangjiang HI-TECH park ", "shanghai", "+86 21 5080 0000"]]
    plan = plan_site_import(encode(rows), workshop)
    assert [(c.before, c.changed_fields()) for c in plan.changes] == [
        (park, ["English name", "city", "phone"])]
    after = plan.changes[0].after
    assert after.id == park.id and after.opening_hours == park.opening_hours
    assert (after.lat, after.lon, after.name_zh) == (park.lat, park.lon, park.name_zh)


def test_a_hotel_with_stays_cannot_become_something_else() -> None:
    rows = [["Kind", "Name", "City"], ["restaurant", "Sample Hotel", "Shanghai"]]
    assert refusal(encode(rows)) == [
        "row 2: site kind: Sample Hotel is the hotel of 1 stay; it must stay a hotel"]


def test_the_same_site_twice_is_refused() -> None:
    rows = [["Kind", "Name", "City"], ["company", "X", "Wuhan"], ["company", "x", "WUHAN"]]
    assert refusal(encode(rows)) == ["row 3: 'x' in 'WUHAN' is already on row 2"]


def test_export_then_import_is_a_round_trip_for_the_sample() -> None:
    workshop = sample_workshop()
    data = sites_csv(workshop)
    assert data.startswith(b"\xef\xbb\xbf")
    again = plan_site_import(data, workshop)
    assert again.changes == [] and again.unchanged == len(workshop.sites)
    fresh = imported(small_workshop(0), data)
    for site in workshop.sites.values():
        assert fresh.sites[site.id].to_dict() == site.to_dict()


def test_a_bad_row_leaves_the_database_byte_for_byte_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "workshop.json"
    WorkshopStore.open(path, create_from=small_workshop).close()
    before = path.read_bytes()
    rows = site_rows()
    rows[-1][5] = "east"
    with WorkshopStore.open(path) as store, \
            pytest.raises(ImportRefused, match="row 5: longitude 'east' is not a number"):
        plan_site_import(encode(rows), store.workshop)
    assert path.read_bytes() == before
    with WorkshopStore.open(path) as store:
        apply_plan(store, plan_site_import(encode(site_rows()), store.workshop))
    with WorkshopStore.open(path, readonly=True) as store:
        assert len(store.workshop.sites) == 2 + 4

"""The sites area's rules without a terminal: filtering, the form's checks, datums, detail."""

from __future__ import annotations

import pytest
from geopy.distance import geodesic

from cistrat_tui.core.geo.datums import wgs84_to_bd09, wgs84_to_gcj02
from cistrat_tui.core.geo.geocode import Candidate
from cistrat_tui.core.records.model import Site, SiteKind
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.tui.forms.site_rules import (
    SiteFormValues,
    build_site,
    filter_sites,
    lookup_query,
    site_detail,
    site_values_from,
    with_candidate,
)

TUSPARK_WGS = (39.9934, 116.3246)


@pytest.fixture(scope="module")
def workshop() -> Workshop:
    return sample_workshop()


def names(sites: list[Site]) -> list[str]:
    return [s.name_en for s in sites]


def tuspark(workshop: Workshop) -> Site:
    return next(s for s in workshop.sites.values() if s.name_en.startswith("TusPark"))


def test_an_empty_filter_shows_every_site_by_city_then_name(workshop: Workshop) -> None:
    shown = filter_sites(workshop.sites.values(), "  ")
    assert len(shown) == len(workshop.sites)
    assert [(s.city, s.name_en.casefold()) for s in shown] == \
        sorted((s.city, s.name_en.casefold()) for s in shown)


@pytest.mark.parametrize("query", ["tuspark", "清华科技园", "beijing tus", "SCIENCE PARK tus"])
def test_the_filter_finds_a_site_by_either_name_city_or_kind(workshop: Workshop,
                                                             query: str) -> None:
    assert tuspark(workshop).name_en in names(filter_sites(workshop.sites.values(), query))


def test_the_filter_needs_every_word(workshop: Workshop) -> None:
    found = filter_sites(workshop.sites.values(), "wuhan hotel")
    assert found and all(s.city == "Wuhan" and s.kind is SiteKind.HOTEL for s in found)
    assert filter_sites(workshop.sites.values(), "tuspark shanghai") == []


def valid_values(**changes: str) -> SiteFormValues:
    values = SiteFormValues(kind="company", name_en="Test Robotics", city="Beijing",
                            lat="39.99", lon="116.31")
    for name, text in changes.items():
        setattr(values, name, text)
    return values


@pytest.mark.parametrize("datum, to_datum", [("gcj02", wgs84_to_gcj02),
                                              ("bd09", wgs84_to_bd09)])
def test_coordinates_from_amap_or_baidu_are_stored_as_wgs84(workshop: Workshop, datum: str,
                                                            to_datum) -> None:  # type: ignore[no-untyped-def]
    lat, lon = to_datum(*TUSPARK_WGS)
    site, errors = build_site(valid_values(lat=f"{lat:.7f}", lon=f"{lon:.7f}", datum=datum),
                              workshop)
    assert errors == {}
    assert site is not None and site.lat is not None and site.lon is not None
    assert geodesic((site.lat, site.lon), TUSPARK_WGS).km < 0.001
    assert geodesic((lat, lon), TUSPARK_WGS).km > 0.2  # the shift was real


def test_wgs84_coordinates_are_kept_as_typed(workshop: Workshop) -> None:
    site, _ = build_site(valid_values(lat="39.99", lon="116.31"), workshop)
    assert site is not None and (site.lat, site.lon) == (39.99, 116.31)


@pytest.mark.parametrize("changes, field, words", [
    ({"lat": "116.31", "lon": "39.99"}, "lat", "longitude"),
    ({"lat": "north"}, "lat", "not a number"),
    ({"lon": ""}, "lon", "both"),
    ({"name_en": " "}, "name_en", "English name"),
    ({"city": ""}, "city", "city"),
    ({"hours": "Mon-Fri 9-5"}, "hours", "Mon-Fri 09:00-17:30"),
    ({"hours": "Mon-Fri 18:00-09:00"}, "hours", "closes"),
    ({"host_email": "nobody@"}, "host_email", "email"),
    ({"name_en": "TusPark (Tsinghua University Science Park)"}, "name_en", "already has"),
])
def test_each_error_is_named_beside_its_field(workshop: Workshop, changes: dict[str, str],
                                              field: str, words: str) -> None:
    site, errors = build_site(valid_values(**changes), workshop)
    assert site is None
    assert words.casefold() in errors[field].casefold(), errors


def test_editing_keeps_the_id_and_the_source_and_round_trips(workshop: Workshop) -> None:
    park = tuspark(workshop)
    values = site_values_from(park)
    assert values.datum == "wgs84" and values.hours.startswith("Mon-Fri 09:00-17:30")
    same, errors = build_site(values, workshop, park)
    assert errors == {} and same == park
    values.name_zh = "清华科技园 (主楼)"
    edited, _ = build_site(values, workshop, park)
    assert edited is not None and edited.id == park.id and edited.source == park.source


def test_a_hotel_with_stays_must_stay_a_hotel(workshop: Workshop) -> None:
    hotel_id = next(iter(workshop.stays.values())).hotel_id
    hotel = workshop.sites[hotel_id]
    values = site_values_from(hotel)
    values.kind = "venue"
    site, errors = build_site(values, workshop, hotel)
    assert site is None and "must stay a hotel" in errors["kind"]


def test_a_candidate_fills_wgs84_coordinates() -> None:
    values = with_candidate(valid_values(datum="bd09"), Candidate(39.98341234, 116.3160, "x"))
    assert (values.lat, values.lon, values.datum) == ("39.983412", "116.316", "wgs84")


def test_the_lookup_asks_for_the_chinese_address_first() -> None:
    assert lookup_query(valid_values(address_en="1 Road", address_zh="北京市海淀区")) == \
        "北京市海淀区"
    assert lookup_query(valid_values(address_en=" 1 Road ")) == "1 Road"
    assert lookup_query(valid_values(name_zh="清华科技园")) == "清华科技园 Beijing"


def test_the_detail_shows_names_addresses_coordinates_hours_and_activities(
        workshop: Workshop) -> None:
    park = tuspark(workshop)
    text = site_detail(park, workshop)
    for part in (park.name_en, park.name_zh, park.address_en, park.address_zh, "39.993400",
                 "Mon-Fri 09:00-17:30", "Activities here:"):
        assert part in text
    held = [a for a in workshop.activities.values() if park.id in a.site_ids()]
    assert f"Activities here: {len(held) or 'none'}" in text
    for activity in held[:3]:
        assert activity.title in text

"""Datum conversions against published pairs, round trips, and the map links built on them."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from geopy.distance import geodesic
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.geo import datums as geo
from cistrat_tui.core.records.model import Site

# (WGS84 lat, lon) -> (GCJ-02 lat, lon), from the test suites of the eviltransform project.
GCJ_PAIRS = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),  # Shanghai
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),  # Shenzhen
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),  # Beijing
]
# From the coordtransform project's tests (given there as lon, lat), for the point 39.915,
# 116.404 read in each datum. The BD-09 pairs of eviltransform are not used: its Python
# version computed them with sin(y * pi) instead of sin(y * pi * 3000 / 180).
CT_POINT = (39.915, 116.404)
CT_WGS_TO_GCJ = (39.91640428150164, 116.41024449916938)
CT_GCJ_TO_BD = (39.92133699351021, 116.41036949371029)
CT_BD_TO_GCJ = (39.90865673957631, 116.39762729119315)  # one-step approximate inverse
CT_GCJ_TO_WGS = (39.91359571849836, 116.39775550083061)  # one-step approximate inverse

OUTSIDE = [(51.5007, -0.1246), (9.0300, 38.7400), (25.0330, 121.5654), (37.5665, 126.9780),
           (35.6762, 139.6503), (21.0285, 105.8542), (47.8864, 106.9057), (-33.86, 151.21),
           (40.7128, -74.0060), (1.3521, 103.8198)]
CHINA = [(39.9934, 116.3246), (31.2018, 121.5884), (30.506, 114.398), (23.1655, 113.3978),
         (43.8256, 87.6168), (29.6520, 91.1721), (45.7567, 126.6424), (18.2528, 109.5119)]


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    return geodesic(a, b).meters


@pytest.mark.parametrize(("wgs", "gcj"), GCJ_PAIRS)
def test_wgs84_to_gcj02_matches_published_pairs(wgs: tuple[float, float],
                                                gcj: tuple[float, float]) -> None:
    assert geo.wgs84_to_gcj02(*wgs) == pytest.approx(gcj, abs=1e-9)


@pytest.mark.parametrize(("wgs", "gcj"), GCJ_PAIRS)
def test_gcj02_to_wgs84_inverts_published_pairs(wgs: tuple[float, float],
                                                gcj: tuple[float, float]) -> None:
    assert metres(geo.gcj02_to_wgs84(*gcj), wgs) < 0.01


def test_coordtransform_pairs() -> None:
    assert geo.wgs84_to_gcj02(*CT_POINT) == pytest.approx(CT_WGS_TO_GCJ, abs=1e-9)
    assert geo.gcj02_to_bd09(*CT_POINT) == pytest.approx(CT_GCJ_TO_BD, abs=1e-9)
    # Their reverse directions are one-step approximations; ours are exact, so within a
    # metre of theirs, and closer to the truth (checked by the round trips below).
    assert metres(geo.bd09_to_gcj02(*CT_POINT), CT_BD_TO_GCJ) < 1
    assert metres(geo.gcj02_to_wgs84(*CT_POINT), CT_GCJ_TO_WGS) < 1


def test_the_offset_is_hundreds_of_metres_in_china() -> None:
    for point in CHINA:
        assert geo.in_china(*point), point
        assert 50 < metres(point, geo.wgs84_to_gcj02(*point)) < 1000
        assert 50 < metres(point, geo.wgs84_to_bd09(*point)) < 2000


@pytest.mark.parametrize("point", OUTSIDE)
def test_points_outside_china_are_unchanged(point: tuple[float, float]) -> None:
    assert not geo.in_china(*point)
    for source in geo.Datum:
        for target in geo.Datum:
            assert geo.convert(*point, source, target) == point


# The corners of the outline's boxes: where a shifted point most easily falls outside it.
CORNERS = [(lat, lon) for north, west, south, east in geo._CHINA + geo._NOT_CHINA
           for lat in (north, south) for lon in (west, east)]


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.tuples(st.floats(15.0, 56.0), st.floats(70.0, 140.0)),
                 st.sampled_from(CORNERS)))
def test_round_trips_within_a_metre(point: tuple[float, float]) -> None:
    lat, lon = point
    assume(geo.in_china(lat, lon))
    for datum in (geo.Datum.GCJ02, geo.Datum.BD09):
        there = geo.from_wgs84(lat, lon, datum)
        assert metres(geo.to_wgs84(*there, datum), point) < 1
    assert metres(geo.bd09_to_gcj02(*geo.gcj02_to_bd09(*point)), point) < 1


@pytest.mark.parametrize("point", CHINA)
def test_round_trips_are_exact_at_real_places(point: tuple[float, float]) -> None:
    assert metres(geo.gcj02_to_wgs84(*geo.wgs84_to_gcj02(*point)), point) < 0.001
    assert metres(geo.bd09_to_wgs84(*geo.wgs84_to_bd09(*point)), point) < 0.001


@pytest.mark.parametrize(("text", "datum"), [
    ("WGS-84", geo.Datum.WGS84), ("gps", geo.Datum.WGS84), ("GCJ-02", geo.Datum.GCJ02),
    ("Amap", geo.Datum.GCJ02), ("tencent", geo.Datum.GCJ02), ("BD-09", geo.Datum.BD09),
    ("Baidu", geo.Datum.BD09), ("bd09ll", geo.Datum.BD09)])
def test_parse_datum(text: str, datum: geo.Datum) -> None:
    assert geo.parse_datum(text) is datum


def test_unknown_datum_is_a_clear_error() -> None:
    with pytest.raises(ValidationError, match="GCJ-02"):
        geo.parse_datum("mercator")


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_map_links_carry_each_apps_datum() -> None:
    site = Site("science_park", "TusPark", "Beijing", name_zh="清华科技园",
                address_zh="北京市海淀区中关村东路1号院", lat=39.9934, lon=116.3246)
    links = geo.site_map_links(site)
    assert links is not None
    amap = _query(links.amap)
    g_lon, g_lat = map(float, amap["position"].split(","))
    assert (g_lat, g_lon) == pytest.approx(geo.wgs84_to_gcj02(39.9934, 116.3246), abs=1e-6)
    assert amap["coordinate"] == "gaode"
    assert amap["name"] == "清华科技园"
    baidu = _query(links.baidu)
    b_lat, b_lon = map(float, baidu["location"].split(","))
    assert (b_lat, b_lon) == pytest.approx(geo.wgs84_to_bd09(39.9934, 116.3246), abs=1e-6)
    assert baidu["coord_type"] == "bd09ll"
    assert baidu["content"] == "北京市海淀区中关村东路1号院"
    assert "mlat=39.993400&mlon=116.324600" in links.osm
    assert links.amap.isascii() and links.baidu.isascii()
    assert unquote(links.amap).count("清华科技园") == 1


def test_no_links_without_coordinates() -> None:
    assert geo.site_map_links(Site("venue", "Somewhere", "Beijing")) is None

"""The travel model's geometry: Lambert's distance stands in for the geodesic only where it
cannot change a minute."""

from __future__ import annotations

import random

import pytest

from cistrat_tui.core.planning import travel_parts
from cistrat_tui.core.planning.travel import TravelModel
from cistrat_tui.core.planning.travel_parts import (
    LAMBERT_TOLERANCE,
    _geodesic_km,
    _km,
    _lambert_km,
    _Point,
    _road_leg,
    load_parameters,
    road_leg,
    road_minutes,
)
from cistrat_tui.core.records.model import Site, SiteKind, TravelMode

P = load_parameters()


def point(lat: float, lon: float, name: str = "p") -> _Point:
    return _Point(None, name, "somewhere", lat, lon, "Somewhere")


def test_lambert_is_within_its_tolerance_of_the_geodesic_over_the_globe() -> None:
    rng = random.Random(7)
    worst = 0.0
    for n in range(4000):
        spread = (0.01, 0.5, 5, 60)[n % 4]
        lat, lon = rng.uniform(-75, 75), rng.uniform(-180, 180)
        a = point(lat, lon)
        b = point(max(-89.0, min(89.0, lat + rng.uniform(-spread, spread))),
                  lon + rng.uniform(-spread, spread))
        exact = _km(a, b)
        approx = _lambert_km(a, b)
        assert approx is not None
        if exact > 1e-6:
            worst = max(worst, abs(approx / exact - 1))
    assert worst < 2e-6 < LAMBERT_TOLERANCE / 4
    assert _lambert_km(point(10, 20), point(10, 20)) == 0.0
    assert _lambert_km(point(0, 0), point(0.5, 179.5)) is None  # nearly opposite: the geodesic


def test_road_legs_are_the_exact_geodesics_legs() -> None:
    rng = random.Random(11)
    for n in range(3000):
        a = point(rng.uniform(20, 45), rng.uniform(100, 125))
        km = (0.35, 0.45, 5, 40, 300)[n % 5]  # about: around the walking limit, city, far
        b = point(a.lat + rng.uniform(-1, 1) * km / 111, a.lon + rng.uniform(-1, 1) * km / 90)
        walk = _km(a, b) <= P.walk.max_km
        leg = _road_leg(a, b, P.walk if walk else P.city_road,
                        TravelMode.WALK if walk else TravelMode.COACH)
        assert road_leg(a, b, P.walk, P.city_road) == leg
        assert road_minutes(a, b, P.walk, P.city_road) == leg.total_minutes
        assert road_minutes(b, a, P.walk, P.city_road) == leg.total_minutes


def test_the_exact_geodesic_is_computed_only_where_a_minute_depends_on_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls = [0]

    def counted(*args: float) -> float:
        calls[0] += 1
        return _geodesic_km(*args)

    monkeypatch.setattr(travel_parts, "_geodesic_km", counted)
    rng = random.Random(5)
    base = point(31.2, 121.5)
    pairs = [(point(base.lat + rng.uniform(-0.2, 0.2), base.lon + rng.uniform(-0.2, 0.2)),
              point(base.lat + rng.uniform(-0.2, 0.2), base.lon + rng.uniform(-0.2, 0.2)))
             for _ in range(1000)]
    for a, b in pairs:
        road_minutes(a, b, P.walk, P.city_road)
    assert calls[0] < 10  # about one in ten thousand lands within the error band of a minute
    # Where the band straddles a whole minute, the geodesic decides: a point found by
    # bisection right at the change from one minute to the next.
    a = point(31.2, 121.5)

    def exact(lat: float) -> int:
        return _road_leg(a, point(lat, 121.5), P.city_road, TravelMode.COACH).total_minutes

    low, high = 31.25, 31.3
    assert exact(low) < exact(high)
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if exact(middle) == exact(low) else (low, middle)
    for lat in (low, high):
        before = calls[0]
        assert road_minutes(a, point(lat, 121.5), P.walk, P.city_road) == exact(lat)
        assert calls[0] > before


def test_a_matrix_of_a_hundred_new_sites_needs_almost_no_geodesic(
        monkeypatch: pytest.MonkeyPatch) -> None:
    model = TravelModel.default()  # built before counting: the hubs' own distances
    calls = [0]

    def counted(*args: float) -> float:
        calls[0] += 1
        return _geodesic_km(*args)

    monkeypatch.setattr(travel_parts, "_geodesic_km", counted)
    rng = random.Random(3)
    sites = [Site(SiteKind.COMPANY, f"Company {n}", city, lat=lat + rng.uniform(-0.1, 0.1),
                  lon=lon + rng.uniform(-0.1, 0.1))
             for n in range(100)
             for city, lat, lon in [(("Beijing", 39.98, 116.33), ("Shanghai", 31.2, 121.6),
                                     ("Wuhan", 30.5, 114.4))[n % 3]]]
    matrix = model.travel_matrix(sites)
    assert len(matrix) == 100
    assert calls[0] < 20

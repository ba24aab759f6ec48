"""Travel: geodesic distances and door-to-door journeys by coach, high-speed rail and air."""

from __future__ import annotations

import dataclasses
import math
import time

import pytest

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.planning.travel import (
    Journey,
    TableTime,
    TravelModel,
    TravelParameters,
    distance_km,
    estimate,
    load_parameters,
    travel_matrix,
)
from cistrat_tui.core.records.model import Site, SiteKind, TravelMode
from cistrat_tui.core.reference.places import (
    load_places,
    place_by_key,
    place_id,
    place_keys,
    read_reference_csv,
)

P = load_parameters()
PLACES = dict(zip(place_keys(), load_places(), strict=True))
PARK_KEYS = [key for key, site in PLACES.items()
             if site.kind in (SiteKind.SCIENCE_PARK, SiteKind.RESEARCH_INSTITUTE)]
PARKS = [PLACES[key] for key in PARK_KEYS]


def fake_model(rail: list[TableTime], flights: list[TableTime]) -> TravelModel:
    return TravelModel(P, rail, flights, PLACES)


def site_near(key: str, name: str, d_lat: float = 0.0, d_lon: float = 0.0) -> Site:
    base = place_by_key(key)
    assert base.lat is not None and base.lon is not None
    return Site(kind=SiteKind.COMPANY, name_en=name, city=base.city,
                lat=base.lat + d_lat, lon=base.lon + d_lon)


def assert_chained(journey: Journey) -> None:
    """Each leg starts where the one before it ended, and the totals add up."""
    for before, after in zip(journey.legs, journey.legs[1:], strict=False):
        assert before.to_label == after.from_label
        assert before.to_site_id == after.from_site_id
    assert journey.minutes == sum(leg.buffer_minutes + leg.minutes + leg.exit_minutes
                                  for leg in journey.legs)
    assert journey.km == pytest.approx(sum(leg.km for leg in journey.legs), abs=0.05)


def test_geodesic_beijing_south_to_shanghai_hongqiao() -> None:
    south, hongqiao = place_by_key("beijing-south"), place_by_key("shanghai-hongqiao")
    km = distance_km(south, hongqiao)
    assert 1055 < km < 1090
    assert distance_km(hongqiao, south) == km
    # Latitude first: swapped coordinates would put one end in the sea far from Beijing.
    assert 8 < distance_km(place_by_key("casted"), place_by_key("tuspark")) < 11


def test_same_city_goes_by_coach_with_the_data_parameters() -> None:
    a, b = place_by_key("casted"), place_by_key("tuspark")
    journey = estimate(a, b)
    (leg,) = journey.legs
    road_km = distance_km(a, b) * P.city_road.detour_factor
    assert leg.mode is TravelMode.COACH
    assert (leg.from_site_id, leg.to_site_id) == (a.id, b.id)
    assert leg.km == pytest.approx(road_km, abs=0.05)
    city = P.city_road.expressway_after_km
    assert leg.minutes == math.ceil(min(road_km, city) / P.city_road.speed_kmh * 60
                                    + max(0, road_km - city) / P.city_road.expressway_speed_kmh
                                    * 60 - 1e-9)
    assert leg.buffer_minutes == P.city_road.boarding_minutes
    assert journey.minutes == leg.minutes + leg.buffer_minutes
    assert estimate(b, a).minutes == journey.minutes


def test_next_door_is_a_walk_and_the_same_place_is_no_journey() -> None:
    casted = place_by_key("casted")
    neighbour = site_near("casted", "Institute next door", d_lat=0.002)  # about 220 m
    walk = estimate(casted, neighbour)
    assert [leg.mode for leg in walk.legs] == [TravelMode.WALK]
    assert walk.minutes < 10
    assert estimate(casted, casted) == Journey((), "the same place")
    assert estimate(casted, casted).minutes == 0


def test_beijing_to_shanghai_by_rail_with_the_table_time() -> None:
    casted, zhangjiang = place_by_key("casted"), place_by_key("zhangjiang")
    journey = estimate(casted, zhangjiang)
    assert [leg.mode for leg in journey.legs] == [
        TravelMode.COACH, TravelMode.HIGH_SPEED_RAIL, TravelMode.COACH]
    first, train, last = journey.legs
    assert (first.from_site_id, first.to_site_id) == (casted.id, place_id("beijing-south"))
    assert train.from_site_id == place_id("beijing-south")
    assert train.to_site_id == place_id("shanghai-hongqiao")
    assert train.minutes == 258
    assert train.buffer_minutes == P.rail.buffer_minutes
    assert train.exit_minutes == P.rail.exit_minutes
    assert (last.from_site_id, last.to_site_id) == (place_id("shanghai-hongqiao"), zhangjiang.id)
    assert last.buffer_minutes == P.city_road.boarding_minutes
    assert journey.main_mode is TravelMode.HIGH_SPEED_RAIL
    assert "no train time" not in journey.note
    assert_chained(journey)
    assert estimate(zhangjiang, casted).minutes == journey.minutes


def test_station_to_station_has_no_road_legs() -> None:
    journey = estimate(place_by_key("beijing-south"), place_by_key("shanghai-hongqiao"))
    (train,) = journey.legs
    assert train.mode is TravelMode.HIGH_SPEED_RAIL
    assert journey.minutes == 258 + P.rail.buffer_minutes + P.rail.exit_minutes


def test_beijing_to_guangzhou_flying_wins() -> None:
    casted, tianhe = place_by_key("casted"), place_by_key("tianhe-software-park")
    journey = estimate(casted, tianhe)
    assert journey.main_mode is TravelMode.FLIGHT
    flight = journey.legs[1]
    assert (flight.from_site_id, flight.to_site_id) == (place_id("PEK"), place_id("CAN"))
    assert flight.minutes == 195
    assert flight.buffer_minutes == P.flight.buffer_minutes
    assert "slower: high speed rail" in journey.note
    assert_chained(journey)


def test_the_faster_of_rail_and_flight_with_a_fake_table() -> None:
    slow_train = [TableTime("Beijing", "Shanghai", "beijing-south", "shanghai-hongqiao", 600)]
    flight = [TableTime("Beijing", "Shanghai", "PEK", "SHA", 60)]
    casted, zhangjiang = place_by_key("casted"), place_by_key("zhangjiang")
    flying = fake_model(slow_train, flight).estimate(casted, zhangjiang)
    assert flying.main_mode is TravelMode.FLIGHT and flying.legs[1].minutes == 60
    fast_train = [dataclasses.replace(slow_train[0], minutes=100)]
    by_rail = fake_model(fast_train, flight).estimate(casted, zhangjiang)
    assert by_rail.main_mode is TravelMode.HIGH_SPEED_RAIL and by_rail.legs[1].minutes == 100


def test_a_pair_missing_from_the_rail_table_falls_back_to_a_speed_formula() -> None:
    no_airports = {k: s for k, s in PLACES.items() if s.kind is not SiteKind.AIRPORT}
    model = TravelModel(P, [], [], no_airports)
    wuhan, tianhe = place_by_key("east-lake"), place_by_key("tianhe-software-park")
    journey = model.estimate(wuhan, tianhe)
    assert "no train time in the table for Wuhan-Guangzhou: estimated at 250 km/h" \
        in journey.note
    train = journey.legs[1]
    stations = (place_by_key("wuhan-station"), place_by_key("guangzhou-south"))
    line_km = distance_km(*stations) * P.rail.fallback_detour_factor
    assert train.minutes == math.ceil(line_km / P.rail.fallback_speed_kmh * 60)
    assert (train.from_site_id, train.to_site_id) == tuple(s.id for s in stations)
    assert_chained(journey)


def test_the_city_main_station_is_the_one_the_table_uses() -> None:
    """Suzhou has two stations; rail_times.csv uses Suzhou North, so the fallback does too."""
    rows = [TableTime("Beijing", "Suzhou", "beijing-south", "suzhou-north", 255)]
    journey = fake_model(rows, []).estimate(place_by_key("east-lake"),
                                            place_by_key("suzhou-sci-tech-town"))
    assert journey.legs[1].to_site_id == place_id("suzhou-north")


def test_a_city_without_station_or_airport() -> None:
    xian = Site(kind=SiteKind.SCIENCE_PARK, name_en="Xi'an Hi-Tech Zone", city="Xi'an",
                lat=34.19, lon=108.88)
    journey = estimate(place_by_key("casted"), xian)
    assert journey.main_mode is TravelMode.HIGH_SPEED_RAIL
    assert "no train time in the table for Beijing-Xi'an" in journey.note
    assert "no railway station known in Xi'an" in journey.note
    assert journey.legs[-1].to_site_id is None  # the stand-in station is the site itself
    assert_chained(journey)


def test_flight_fallback_when_no_train_is_known_either() -> None:
    model = fake_model([], [])
    journey = model.estimate(place_by_key("casted"), place_by_key("tianhe-software-park"))
    assert journey.main_mode is TravelMode.FLIGHT
    assert "no flight time in the table for Beijing-Guangzhou" in journey.note
    assert journey.legs[1].from_site_id == place_id("PEK")


def test_close_cities_can_go_by_coach_door_to_door() -> None:
    zhangjiang, suzhou = place_by_key("zhangjiang"), place_by_key("suzhou-sci-tech-town")
    journey = estimate(zhangjiang, suzhou)
    assert [leg.mode for leg in journey.legs] == [TravelMode.COACH]
    # Speed grows with distance: city traffic first, then the expressway.
    (leg,) = journey.legs
    assert leg.km / (leg.minutes / 60) > 55
    near = estimate(place_by_key("casted"), place_by_key("tuspark")).legs[0]
    assert near.km / (near.minutes / 60) < 35


def test_journeys_keep_the_triangle_inequality_and_agree_both_ways() -> None:
    """Inside a wide "city" too (Jinshan to Jiande used to take 607 min direct, 307 via
    Shaoxing): no journey is longer than going through a third site."""
    extra = [Site(SiteKind.COMPANY, name, city, lat=lat, lon=lon) for name, city, lat, lon in (
        ("Jinshan works", "Shanghai", 30.74, 121.34), ("Jiande plant", "Hangzhou", 29.47, 119.28),
        ("Shaoxing office", "Hangzhou", 30.00, 120.58), ("Huairou lab", "Beijing", 40.32, 116.63),
        ("Kunshan factory", "Suzhou", 31.38, 120.98), ("Panyu office", "Guangzhou", 22.94, 113.38))]
    hubs = [place_by_key(k) for k in ("beijing-west", "PEK", "WUX", "suzhou-north")]
    sites = PARKS + hubs + extra
    matrix = travel_matrix(sites)
    ids = [s.id for s in sites]
    for a in ids:
        for c in ids:
            assert matrix[a][c] == matrix[c][a]
            for b in ids:
                assert matrix[a][c] <= matrix[a][b] + matrix[b][c], (a, b, c)


def test_beijing_west_serves_wuhan_and_guangzhou() -> None:
    journey = estimate(place_by_key("casted"), place_by_key("east-lake"))
    train = next(leg for leg in journey.legs if leg.mode is TravelMode.HIGH_SPEED_RAIL)
    assert train.from_site_id == place_id("beijing-west")
    assert place_by_key("beijing-west").kind is SiteKind.RAIL_STATION


def test_suzhou_flies_from_wuxi_or_shanghai() -> None:
    assert not [s for s in PLACES.values() if s.kind is SiteKind.AIRPORT and s.city == "Suzhou"]
    journey = estimate(place_by_key("suzhou-sci-tech-town"), place_by_key("tianhe-software-park"))
    flight = next(leg for leg in journey.legs if leg.mode is TravelMode.FLIGHT)
    assert flight.from_site_id in {place_id("WUX"), place_id("SHA"), place_id("PVG")}
    assert journey.legs[0].mode is TravelMode.COACH  # by road to the other city's airport


def test_a_site_without_coordinates_is_named() -> None:
    nowhere = Site(kind=SiteKind.COMPANY, name_en="Unmapped Robotics", city="Wuhan")
    with pytest.raises(ValidationError, match="Unmapped Robotics"):
        estimate(place_by_key("east-lake"), nowhere)
    with pytest.raises(ValidationError, match="Unmapped Robotics"):
        distance_km(nowhere, place_by_key("east-lake"))
    with pytest.raises(ValidationError, match="Unmapped Robotics"):
        travel_matrix([place_by_key("east-lake"), nowhere])


def test_every_journey_between_parks_is_consistent() -> None:
    for a in PARKS:
        for b in PARKS:
            journey = estimate(a, b)
            assert_chained(journey)
            assert journey.minutes == estimate(b, a).minutes
            if a.id != b.id:
                assert journey.legs[0].from_site_id == a.id
                assert journey.legs[-1].to_site_id == b.id
                assert 10 < journey.minutes < 12 * 60


def test_matrix_is_symmetric_with_a_zero_diagonal() -> None:
    matrix = travel_matrix(PARKS)
    ids = [site.id for site in PARKS]
    assert sorted(matrix) == sorted(ids)
    for a in PARKS:
        assert matrix[a.id][a.id] == 0
        for b in PARKS:
            assert matrix[a.id][b.id] == matrix[b.id][a.id] == estimate(a, b).minutes
    assert travel_matrix(PARKS) == matrix


def test_matrix_of_a_hundred_sites_is_fast() -> None:
    sites = [site_near(PARK_KEYS[n % len(PARK_KEYS)], f"Company {n}", d_lat=0.001 * n,
                       d_lon=-0.0007 * n) for n in range(100)]
    started = time.perf_counter()
    matrix = fake_model(*default_tables()).travel_matrix(sites)
    assert time.perf_counter() - started < 3.0
    assert len(matrix) == 100 and all(len(row) == 100 for row in matrix.values())


def default_tables() -> tuple[list[TableTime], list[TableTime]]:
    rail = [TableTime(r["city_a"], r["city_b"], r["station_a"], r["station_b"],
                      int(r["fastest_minutes"])) for r in read_reference_csv("rail_times.csv")]
    flights = [TableTime(r["city_a"], r["city_b"], r["airport_a"], r["airport_b"],
                         int(r["block_minutes"])) for r in read_reference_csv("flight_times.csv")]
    return rail, flights


def test_table_hubs_are_stations_and_airports_of_their_cities() -> None:
    rail, flights = default_tables()
    for rows, kind in ((rail, SiteKind.RAIL_STATION), (flights, SiteKind.AIRPORT)):
        for row in rows:
            for city, key in ((row.city_a, row.hub_a), (row.city_b, row.hub_b)):
                hub = place_by_key(key)
                assert (hub.kind, hub.city) == (kind, city), key
    for name in ("rail_times.csv", "flight_times.csv"):
        for row in read_reference_csv(name):
            assert row["source"] and row["confidence"] in ("published", "estimate")


def test_an_unknown_hub_in_a_table_is_refused() -> None:
    with pytest.raises(ValidationError, match="nanjing-south"):
        fake_model([TableTime("Beijing", "Nanjing", "beijing-south", "nanjing-south", 200)], [])
    with pytest.raises(ValidationError, match="not a travel time"):
        fake_model([], [TableTime("Beijing", "Shanghai", "PEK", "SHA", 0)])


def test_travel_parameters_are_checked() -> None:
    for speed in (-30, 0, "fast"):
        data = {"city_road": {"detour_factor": 1.35, "speed_kmh": speed}}
        with pytest.raises(ValidationError, match="speed_kmh"):
            TravelParameters.from_dict(data)
    with pytest.raises(ValidationError, match="missing"):
        TravelParameters.from_dict({})
    assert 45 <= P.rail.buffer_minutes <= 60
    assert P.flight.buffer_minutes == 120

"""The reference places: shipped with the package, complete, bilingual, in the right city."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import time
from importlib import resources
from pathlib import Path

import pytest

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.model import SiteKind
from cistrat_tui.core.reference import places as reference
from cistrat_tui.core.reference.places import (
    load_places,
    parse_opening_hours,
    place_by_key,
    place_id,
    place_keys,
)

# Rough bounding boxes (lat_min, lat_max, lon_min, lon_max) of each city's administrative area.
CITY_BOXES = {
    "Beijing": (39.4, 41.1, 115.4, 117.6),
    "Shanghai": (30.6, 31.9, 120.8, 122.2),
    "Wuhan": (29.9, 31.4, 113.6, 115.1),
    "Hangzhou": (29.1, 30.6, 118.3, 120.8),
    "Suzhou": (30.7, 32.1, 119.9, 121.4),
    "Guangzhou": (22.5, 23.95, 112.9, 114.1),
    "Wuxi": (31.1, 32.0, 119.5, 120.6),  # only for its airport, the nearest to Suzhou
}
SIX_PARKS = {"tuspark", "zhangjiang", "east-lake", "qingshan-lake", "suzhou-sci-tech-town",
             "tianhe-software-park"}


def csv_rows() -> list[dict[str, str]]:
    """places.csv as the installed package holds it."""
    resource = resources.files("cistrat_tui.data") / "reference" / "places.csv"
    return list(csv.DictReader(io.StringIO(resource.read_text(encoding="utf-8"))))


def has_chinese(value: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in value)


def test_every_row_loads_as_a_site() -> None:
    rows = csv_rows()
    places = load_places()
    assert len(places) == len(rows) >= 20
    assert [p.name_en for p in places] == [r["name_en"] for r in rows]
    assert place_keys() == [r["id"].lower() for r in rows]


def test_source_and_confidence_columns_are_kept() -> None:
    rows = csv_rows()
    assert {"source", "confidence", "opening_hours"} <= set(rows[0])
    for row, site in zip(rows, load_places(), strict=True):
        assert row["source"] and row["confidence"], row["id"]
        assert row["source"] in site.source and row["confidence"] in site.source


def test_the_six_parks_the_host_stations_and_airports_are_there() -> None:
    kinds = {key: place_by_key(key).kind for key in place_keys()}
    assert {k for k, kind in kinds.items() if kind is SiteKind.SCIENCE_PARK} == SIX_PARKS
    assert kinds["casted"] is SiteKind.RESEARCH_INSTITUTE
    for city in set(CITY_BOXES) - {"Wuxi"}:
        in_city = [p for p in load_places() if p.city == city]
        assert any(p.kind is SiteKind.RAIL_STATION for p in in_city), city
        assert any(p.kind is SiteKind.AIRPORT for p in in_city) or city == "Suzhou", city


def test_names_and_addresses_are_bilingual() -> None:
    for site in load_places():
        assert site.name_en and not has_chinese(site.name_en), site.name_en
        assert has_chinese(site.name_zh), site.name_en
        assert site.address_en and has_chinese(site.address_zh), site.name_en


@pytest.mark.parametrize("site", load_places(), ids=lambda s: s.name_en)
def test_coordinates_lie_in_the_city(site) -> None:
    lat_min, lat_max, lon_min, lon_max = CITY_BOXES[site.city]
    assert site.has_coordinates
    assert lat_min <= site.lat <= lat_max and lon_min <= site.lon <= lon_max


def test_ids_are_stable_uuid5_and_unique() -> None:
    ids = [site.id for site in load_places()]
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 5 for i in ids)
    # Fixed forever: the same place has the same id in every database.
    assert place_id("tuspark") == "0ad3e053-f70d-501e-b819-d95d98c2eadf"
    assert place_id("PEK") == place_id(" pek ") == place_by_key("Pek").id
    assert place_by_key("casted").id == place_id("casted") != place_id("tuspark")


def test_unknown_key_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="tuspark"):
        place_by_key("no-such-park")


def test_parks_open_on_weekdays_only() -> None:
    for key in SIX_PARKS:
        park = place_by_key(key)
        assert park.opening_hours == {d: (time(9), time(17, 30)) for d in range(5)}
    assert place_by_key("beijing-south").opening_hours == {}


def test_parse_opening_hours() -> None:
    assert parse_opening_hours("") == {}
    assert parse_opening_hours("Mon-Wed 8:00-12:00; Sat 09:30-11:00") == {
        0: (time(8), time(12)), 1: (time(8), time(12)), 2: (time(8), time(12)),
        5: (time(9, 30), time(11))}
    for bad in ("Mon-Fri", "Fri-Mon 09:00-17:00", "Xyz 09:00-10:00", "Mon 25:00-26:00"):
        with pytest.raises(ValidationError):
            parse_opening_hours(bad)


def test_the_parse_is_cached_and_callers_cannot_change_it() -> None:
    first = load_places()
    first.clear()
    again = load_places()
    assert again and again[0] is load_places()[0]


def test_places_are_read_through_importlib_resources(monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "places.csv").write_text(
        "id,kind,city,name_en,name_zh,address_en,address_zh,lat,lon,confidence,source\n"
        "x-park,science_park,Beijing,X Park,某园,Somewhere,某地,40.0,116.3,exact,test\n",
        encoding="utf-8")
    reference._places.cache_clear()
    try:
        with monkeypatch.context() as patch:
            patch.setattr(reference.resources, "files", lambda package: tmp_path)
            assert [s.name_en for s in load_places()] == ["X Park"]
            assert place_by_key("x-park").id == place_id("x-park")
    finally:
        reference._places.cache_clear()
    assert len(load_places()) > 1


def test_a_bad_row_names_the_place(monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "places.csv").write_text(
        "id,kind,city,name_en,lat,lon\nbad,science_park,Beijing,Bad,95,116\n", encoding="utf-8")
    reference._places.cache_clear()
    try:
        with monkeypatch.context() as patch, pytest.raises(ValidationError, match="bad"):
            patch.setattr(reference.resources, "files", lambda package: tmp_path)
            load_places()
    finally:
        reference._places.cache_clear()

"""Distances and door-to-door travel times between sites.

A journey is a tuple of legs, each with its mode, ends, minutes and kilometres. Inside a city the
group goes by chartered coach (or walks next door). Between cities it takes the faster of
high-speed rail (coach to the station, security and ticket check, the fastest train from
``rail_times.csv``, coach from the arrival station) and flying (the same through airports with
``flight_times.csv``), or a coach straight through when the cities are close. A pair missing from
the tables falls back to a speed formula and says so in the journey's ``note``. The parameters
live in ``cistrat_tui/data/reference/travel.json``; stations and airports come from the
reference places.
Everything is deterministic and cached, so the planner can ask for a 100 x 100 matrix.
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from importlib import resources
from typing import Any, NamedTuple

from geopy.distance import geodesic

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.model import Site, SiteKind, TravelMode
from cistrat_tui.core.reference.places import DATA_PACKAGE, read_reference_csv

SAME_POINT_KM = 0.05  # closer than this, two points are the same place: no road leg between them
_EARTH_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Leg:
    """One stretch of a journey. ``buffer_minutes`` is spent at the departure point before
    moving (boarding a coach, security and ticket check, leaving the arrival hall)."""

    mode: TravelMode
    from_label: str
    to_label: str
    minutes: int
    km: float
    from_site_id: str | None = None
    to_site_id: str | None = None
    buffer_minutes: int = 0

    @property
    def total_minutes(self) -> int:
        return self.buffer_minutes + self.minutes


@dataclass(frozen=True, slots=True)
class Journey:
    """Door to door: the legs in order, and a note on how the figures were found."""

    legs: tuple[Leg, ...]
    note: str = ""

    @property
    def minutes(self) -> int:
        return sum(leg.total_minutes for leg in self.legs)

    @property
    def km(self) -> float:
        return round(sum(leg.km for leg in self.legs), 1)

    @property
    def main_mode(self) -> TravelMode | None:
        """The mode of the longest leg in km (high-speed rail for a train journey), if any."""
        return max(self.legs, key=lambda leg: leg.km).mode if self.legs else None


@dataclass(frozen=True, slots=True)
class Road:
    detour_factor: float
    speed_kmh: float
    boarding_minutes: float = 0
    max_km: float = math.inf


@dataclass(frozen=True, slots=True)
class Line:
    buffer_minutes: float
    exit_minutes: float
    fallback_speed_kmh: float
    fallback_detour_factor: float
    line_detour_factor: float = 1.0
    fallback_taxi_minutes: float = 0


@dataclass(frozen=True, slots=True)
class TravelParameters:
    """The figures of travel.json (see its ``about`` texts)."""

    city_road: Road
    walk: Road
    intercity_road: Road
    rail: Line
    flight: Line

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TravelParameters:
        def part(name: str, kind: type, renames: Mapping[str, str] | None = None) -> Any:
            section = dict(data.get(name) or {})
            for old, new in (renames or {}).items():
                if old in section:
                    section[new] = section.pop(old)
            known = {f.name for f in fields(kind)}
            values = {k: section[k] for k in known if k in section}
            for key, value in values.items():
                positive = key.endswith(("speed_kmh", "detour_factor"))
                if isinstance(value, bool) or not isinstance(value, int | float) \
                        or value < 0 or (positive and value == 0):
                    bound = "> 0" if positive else ">= 0"
                    raise ValidationError(f"{name}.{key}", f"expected a number {bound}, got "
                                          f"{value!r}", "travel.json")
            try:
                return kind(**values)
            except TypeError as error:
                raise ValidationError(name, f"missing figures: {error}", "travel.json") from None

        return cls(
            city_road=part("city_road", Road), walk=part("walk", Road),
            intercity_road=part("intercity_road", Road),
            rail=part("rail", Line, {"station_buffer_minutes": "buffer_minutes"}),
            flight=part("flight", Line, {"airport_buffer_minutes": "buffer_minutes"}),
        )


@dataclass(frozen=True, slots=True)
class TableTime:
    """A row of rail_times.csv or flight_times.csv: the fastest service between two hubs."""

    city_a: str
    city_b: str
    hub_a: str  # place key of the station or airport in city_a
    hub_b: str
    minutes: int
    source: str = ""
    confidence: str = ""


class _Point(NamedTuple):
    """What travel needs of a site: hashable, so journeys can be cached."""

    site_id: str | None
    label: str
    city: str  # normalized, see _city
    lat: float
    lon: float
    city_label: str  # as written on the site


def _city(name: str) -> str:
    return " ".join(name.split()).casefold()


def _point(site: Site) -> _Point:
    if site.lat is None or site.lon is None:
        raise ValidationError("coordinates", f"{site.name_en} ({site.city}) has no latitude and "
                              "longitude, so travel to or from it cannot be estimated; add them",
                              f"site {site.name_en!r}")
    return _Point(site.id, site.name_en, _city(site.city), site.lat, site.lon,
                  " ".join(site.city.split()))


@functools.lru_cache(maxsize=1 << 16)
def _geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return float(geodesic((lat1, lon1), (lat2, lon2)).km)


def _km(a: _Point, b: _Point) -> float:
    """Geodesic km, cached; the ends are sorted so that a-b and b-a are exactly equal."""
    first, second = sorted(((a.lat, a.lon), (b.lat, b.lon)))
    return _geodesic_km(*first, *second)


def _rough_km(a: _Point, b: _Point) -> float:
    """Great-circle distance: within 0.5% of the geodesic, a hundred times cheaper."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dl = math.radians(b.lon - a.lon)
    cos = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return _EARTH_KM * math.acos(max(-1.0, min(1.0, cos)))


def distance_km(a: Site, b: Site) -> float:
    """The geodesic (WGS84 ellipsoid) distance between two sites, in kilometres."""
    return _km(_point(a), _point(b))


def _minutes(value: float) -> int:
    return math.ceil(value - 1e-9)


def _road_leg(a: _Point, b: _Point, road: Road, mode: TravelMode,
              extra_buffer: float = 0) -> Leg:
    """A road (or footpath) leg from a to b."""
    km = _km(a, b) * road.detour_factor
    return Leg(mode, a.label, b.label, _minutes(km / road.speed_kmh * 60), round(km, 1),
               a.site_id, b.site_id, _minutes(road.boarding_minutes + extra_buffer))


def _estimate_note(what: str, row: TableTime) -> str:
    """A note when a table time is an estimate rather than a published figure."""
    if row.confidence != "estimate":
        return ""
    detail = "" if row.source.strip() == "estimate" else f" ({row.source})"
    return f"{what} time {row.minutes} min is an estimate{detail}"


class TravelModel:
    """Door-to-door estimates from parameters, rail and flight tables and the known hubs."""

    def __init__(self, parameters: TravelParameters, rail: Iterable[TableTime],
                 flights: Iterable[TableTime], places: Mapping[str, Site]) -> None:
        self.parameters = parameters
        self._places = {key.casefold(): _point(site) for key, site in places.items()}
        self._rail = self._index(rail, "rail_times.csv")
        self._flights = self._index(flights, "flight_times.csv")
        self._stations = self._main_hubs(places, SiteKind.RAIL_STATION, self._rail)
        self._airports = self._main_hubs(places, SiteKind.AIRPORT, self._flights)
        self._journeys: dict[tuple[_Point, _Point], Journey] = {}

    @classmethod
    def default(cls) -> TravelModel:
        """The model from the shipped data files, built once and shared."""
        return _default_model()

    def _index(self, rows: Iterable[TableTime], table: str) -> dict[tuple[str, str], TableTime]:
        index: dict[tuple[str, str], TableTime] = {}
        for row in rows:
            for key in (row.hub_a, row.hub_b):
                if key.casefold() not in self._places:
                    raise ValidationError("hub", f"{key!r} is not a reference place", table)
            if row.minutes <= 0:
                raise ValidationError("minutes", f"{row.city_a}-{row.city_b}: {row.minutes} is "
                                      "not a travel time", table)
            a, b = _city(row.city_a), _city(row.city_b)
            index[(a, b)] = row
            index[(b, a)] = TableTime(row.city_b, row.city_a, row.hub_b, row.hub_a,
                                      row.minutes, row.source, row.confidence)
        return index

    def _main_hubs(self, places: Mapping[str, Site], kind: SiteKind,
                   table: Mapping[tuple[str, str], TableTime]) -> dict[str, _Point]:
        """Each city's main hub of ``kind``: the one the table uses most, else the first."""
        used = Counter(row.hub_a.casefold() for row in table.values())
        ranked = sorted((_city(site.city), -used[key.casefold()], order, key.casefold())
                        for order, (key, site) in enumerate(places.items())
                        if site.kind is kind)
        hubs: dict[str, _Point] = {}
        for city, _, _, key in ranked:
            hubs.setdefault(city, self._places[key])
        return hubs

    def estimate(self, a: Site, b: Site) -> Journey:
        """The fastest door-to-door journey from ``a`` to ``b``."""
        return self._estimate(_point(a), _point(b))

    def _estimate(self, a: _Point, b: _Point) -> Journey:
        key = (a, b)
        journey = self._journeys.get(key)
        if journey is None:
            journey = self._journeys[key] = self._compute(a, b)
        return journey

    def _compute(self, a: _Point, b: _Point) -> Journey:
        p = self.parameters
        if (a.site_id is not None and a.site_id == b.site_id) or _rough_km(a, b) < SAME_POINT_KM:
            return Journey((), "the same place")
        if a.city == b.city:
            if _km(a, b) <= p.walk.max_km:
                return Journey((_road_leg(a, b, p.walk, TravelMode.WALK),))
            return Journey((_road_leg(a, b, p.city_road, TravelMode.COACH),))
        options = [self._rail_journey(a, b)]
        flight = self._flight_journey(a, b)
        if flight is not None:
            options.append(flight)
        if _rough_km(a, b) <= p.intercity_road.max_km * 1.01 \
                and _km(a, b) <= p.intercity_road.max_km:
            coach = _road_leg(a, b, p.intercity_road, TravelMode.COACH)
            options.append(Journey((coach,), "coach door to door: the cities are close"))
        best = min(options, key=lambda j: (j.minutes, options.index(j)))
        slower = [f"{str(o.main_mode).replace('_', ' ')} {o.minutes} min"
                  for o in options if o is not best]
        note = best.note
        if slower:
            note = "; ".join(filter(None, (note, "slower: " + ", ".join(slower))))
        return Journey(best.legs, note)

    def _hub(self, city: str, site: _Point, hubs: Mapping[str, _Point],
             what: str) -> tuple[_Point, str]:
        """The city's hub, or the site itself standing in for one (with a note saying so)."""
        hub = hubs.get(city)
        if hub is not None:
            return hub, ""
        stand_in = site._replace(site_id=None, label=f"{site.city_label} {what} (not in the "
                                 "reference places)")
        return stand_in, f"no {what} known in {site.city_label}: timed from {site.label} itself"

    def _via(self, a: _Point, b: _Point, hub_a: _Point, hub_b: _Point, mode: TravelMode,
             line: Line, minutes: int, line_km: float, notes: Sequence[str]) -> Journey:
        """Coach to hub_a, the main leg, coach from hub_b."""
        road = self.parameters.city_road
        main = Leg(mode, hub_a.label, hub_b.label, minutes, round(line_km, 1),
                   hub_a.site_id, hub_b.site_id, _minutes(line.buffer_minutes))
        legs = [main]
        if _km(a, hub_a) >= SAME_POINT_KM:
            legs.insert(0, _road_leg(a, hub_a, road, TravelMode.COACH))
        if _km(hub_b, b) >= SAME_POINT_KM:
            legs.append(_road_leg(hub_b, b, road, TravelMode.COACH, line.exit_minutes))
        return Journey(tuple(legs), "; ".join(n for n in notes if n))

    def _rail_journey(self, a: _Point, b: _Point) -> Journey:
        rail = self.parameters.rail
        row = self._rail.get((a.city, b.city))
        if row is not None:
            hub_a, hub_b = self._places[row.hub_a.casefold()], self._places[row.hub_b.casefold()]
            note = _estimate_note("train", row)
            return self._via(a, b, hub_a, hub_b, TravelMode.HIGH_SPEED_RAIL, rail, row.minutes,
                             _km(hub_a, hub_b) * rail.line_detour_factor, [note])
        hub_a, note_a = self._hub(a.city, a, self._stations, "railway station")
        hub_b, note_b = self._hub(b.city, b, self._stations, "railway station")
        km = _km(hub_a, hub_b) * rail.fallback_detour_factor
        minutes = _minutes(km / rail.fallback_speed_kmh * 60)
        note = (f"no train time in the table for {a.city_label}-{b.city_label}: estimated "
                f"at {rail.fallback_speed_kmh:g} km/h over {rail.fallback_detour_factor:g} x "
                "the straight line")
        return self._via(a, b, hub_a, hub_b, TravelMode.HIGH_SPEED_RAIL, rail, minutes, km,
                         [note, note_a, note_b])

    def _flight_journey(self, a: _Point, b: _Point) -> Journey | None:
        flight = self.parameters.flight
        row = self._flights.get((a.city, b.city))
        if row is not None:
            hub_a, hub_b = self._places[row.hub_a.casefold()], self._places[row.hub_b.casefold()]
            note = _estimate_note("flight", row)
            return self._via(a, b, hub_a, hub_b, TravelMode.FLIGHT, flight, row.minutes,
                             _km(hub_a, hub_b), [note])
        airport_a, airport_b = self._airports.get(a.city), self._airports.get(b.city)
        if (a.city, b.city) in self._rail or airport_a is None or airport_b is None:
            return None  # the tables list every flight worth taking where a train is known
        hub_a, hub_b = airport_a, airport_b
        km = _km(hub_a, hub_b) * flight.fallback_detour_factor
        minutes = _minutes(flight.fallback_taxi_minutes + km / flight.fallback_speed_kmh * 60)
        note = (f"no flight time in the table for {a.city_label}-{b.city_label}: estimated "
                f"at {flight.fallback_speed_kmh:g} km/h plus {flight.fallback_taxi_minutes:g} "
                "min taxiing")
        return self._via(a, b, hub_a, hub_b, TravelMode.FLIGHT, flight, minutes, km, [note])

    def travel_matrix(self, sites: Sequence[Site]) -> dict[str, dict[str, int]]:
        """Door-to-door minutes between every pair of ``sites``, keyed by site id; symmetric,
        zero on the diagonal."""
        points = [_point(site) for site in sites]
        matrix: dict[str, dict[str, int]] = {site.id: {} for site in sites}
        for i, a in enumerate(points):
            row = matrix[sites[i].id]
            row[sites[i].id] = 0
            for j in range(i + 1, len(points)):
                minutes = self._estimate(a, points[j]).minutes
                row[sites[j].id] = minutes
                matrix[sites[j].id][sites[i].id] = minutes
        return matrix


def _table(name: str, hub_column: str, minutes_column: str) -> list[TableTime]:
    rows = []
    for number, row in enumerate(read_reference_csv(name), start=2):
        try:
            rows.append(TableTime(row["city_a"], row["city_b"], row[f"{hub_column}_a"],
                                  row[f"{hub_column}_b"], int(row[minutes_column]),
                                  row.get("source", ""), row.get("confidence", "")))
        except (KeyError, ValueError) as error:
            raise ValidationError("row", f"line {number}: {error}", name) from None
    return rows


def load_parameters() -> TravelParameters:
    """The figures in cistrat_tui/data/reference/travel.json."""
    resource = resources.files(DATA_PACKAGE) / "reference" / "travel.json"
    return TravelParameters.from_dict(json.loads(resource.read_text(encoding="utf-8")))


@functools.cache
def _default_model() -> TravelModel:
    from cistrat_tui.core.reference.places import load_places, place_keys

    places = dict(zip(place_keys(), load_places(), strict=True))
    return TravelModel(load_parameters(), _table("rail_times.csv", "station", "fastest_minutes"),
                       _table("flight_times.csv", "airport", "block_minutes"), places)


def estimate(a: Site, b: Site) -> Journey:
    """The fastest door-to-door journey from ``a`` to ``b`` (see :class:`TravelModel`)."""
    return TravelModel.default().estimate(a, b)


def travel_matrix(sites: Sequence[Site]) -> dict[str, dict[str, int]]:
    """Door-to-door minutes between every pair of ``sites``, keyed by site id."""
    return TravelModel.default().travel_matrix(sites)

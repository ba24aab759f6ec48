"""The pieces of the travel model: legs and journeys, the parameters of travel.json, the
rows of the rail and flight tables, and the geometry (geodesic km, road legs).

:mod:`travel` builds journeys from them; they live apart so that each module stays readable.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from importlib import resources
from typing import Any, NamedTuple

from geographiclib.geodesic import Geodesic

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.model import Site, TravelMode
from cistrat_tui.core.reference.places import DATA_PACKAGE, read_reference_csv

SAME_POINT_KM = 0.05  # closer than this, two points are the same place: no road leg between them
_EARTH_KM = 6371.0088
_WGS84_A_KM, _WGS84_FLATTENING = 6378.137, 1 / 298.257223563
LAMBERT_TOLERANCE = 1e-5  # the relative error allowed for Lambert's formula (about 7x its worst)


@dataclass(frozen=True, slots=True)
class Leg:
    """One stretch of a journey. ``buffer_minutes`` is spent at the departure point before
    moving (boarding a coach, security and ticket check), ``exit_minutes`` at the arrival
    point after it (leaving the arrival hall)."""

    mode: TravelMode
    from_label: str
    to_label: str
    minutes: int
    km: float
    from_site_id: str | None = None
    to_site_id: str | None = None
    buffer_minutes: int = 0
    exit_minutes: int = 0

    @property
    def total_minutes(self) -> int:
        return self.buffer_minutes + self.minutes + self.exit_minutes


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
    """Road travel: ``speed_kmh`` for the first ``expressway_after_km`` of road (city
    traffic), ``expressway_speed_kmh`` beyond (ring roads and expressways), so that speed
    grows with distance and two short trips never beat one long one."""

    detour_factor: float
    speed_kmh: float
    boarding_minutes: float = 0
    max_km: float = math.inf
    expressway_after_km: float = math.inf
    expressway_speed_kmh: float = 0

    def drive_minutes(self, road_km: float) -> float:
        """Minutes on the move over ``road_km`` of road."""
        city = min(road_km, self.expressway_after_km)
        minutes = city / self.speed_kmh * 60
        if road_km > city and self.expressway_speed_kmh > 0:
            minutes += (road_km - city) / self.expressway_speed_kmh * 60
        return minutes


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
                built = kind(**values)
            except TypeError as error:
                raise ValidationError(name, f"missing figures: {error}", "travel.json") from None
            if isinstance(built, Road) and 0 < built.expressway_speed_kmh < built.speed_kmh:
                raise ValidationError(f"{name}.expressway_speed_kmh", "must not be slower "
                                      "than speed_kmh (road time must grow ever more slowly "
                                      "with distance)", "travel.json")
            return built

        return cls(
            city_road=part("city_road", Road), walk=part("walk", Road),
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
    """The WGS84 geodesic by geographiclib, which geopy's ``geodesic`` calls too: imported
    alone it takes 2 ms, where ``geopy.distance`` pulls in every geocoder and requests
    (130 ms, paid by the first checks after the app starts)."""
    line = Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE)
    return float(line["s12"]) / 1000


def _km(a: _Point, b: _Point) -> float:
    """Geodesic km, cached; the ends are sorted so that a-b and b-a are exactly equal."""
    first, second = sorted(((a.lat, a.lon), (b.lat, b.lon)))
    return _geodesic_km(*first, *second)


def _lambert_km(a: _Point, b: _Point) -> float | None:
    """Lambert's formula on the WGS84 ellipsoid: within 1.5e-6 of the geodesic (the tests check
    2e-6 over the globe) at a thirtieth of its cost; None for nearly opposite points, where
    it fails."""
    f = _WGS84_FLATTENING
    b1 = math.atan((1 - f) * math.tan(math.radians(a.lat)))
    b2 = math.atan((1 - f) * math.tan(math.radians(b.lat)))
    half = (math.sin((b2 - b1) / 2) ** 2
            + math.cos(b1) * math.cos(b2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2)
    sigma = 2 * math.asin(math.sqrt(min(1.0, half)))
    if sigma == 0:
        return 0.0
    if sigma > 3.0:
        return None
    p, q = (b1 + b2) / 2, (b2 - b1) / 2
    x = (sigma - math.sin(sigma)) * (math.sin(p) * math.cos(q)) ** 2 / math.cos(sigma / 2) ** 2
    y = (sigma + math.sin(sigma)) * (math.cos(p) * math.sin(q)) ** 2 / math.sin(sigma / 2) ** 2
    return _WGS84_A_KM * (sigma - f / 2 * (x + y))


def road_leg(a: _Point, b: _Point, walk: Road, road: Road) -> Leg:
    """The road leg from a to b, on foot up to ``walk.max_km``: the same leg as
    :func:`_road_leg` on the exact geodesic, but from Lambert's distance whenever both ends of
    its error band (:data:`LAMBERT_TOLERANCE`) give the same figures, which is nearly always, so
    that a matrix or a schedule of a hundred sites needs almost no geodesics."""
    approx = _lambert_km(a, b)
    figures = None
    if approx is not None:
        figures = _road_figures(approx * (1 - LAMBERT_TOLERANCE), walk, road)
        if figures != _road_figures(approx * (1 + LAMBERT_TOLERANCE), walk, road):
            figures = None
    on_foot, minutes, km, boarding = figures or _road_figures(_km(a, b), walk, road)
    return Leg(TravelMode.WALK if on_foot else TravelMode.COACH, a.label, b.label, minutes, km,
               a.site_id, b.site_id, boarding)


def road_minutes(a: _Point, b: _Point, walk: Road, road: Road) -> int:
    """The door-to-door minutes of :func:`road_leg`."""
    return road_leg(a, b, walk, road).total_minutes


def _road_figures(km: float, walk: Road, road: Road) -> tuple[bool, int, float, int]:
    """Over ``km`` of straight line: whether on foot, the minutes on the move, the road km (to
    0.1 km) and the boarding minutes, as :func:`_road_leg` works them out. None of them goes
    back and forth as km grows, so figures equal at two distances hold for all between."""
    on_foot = km <= walk.max_km
    chosen = walk if on_foot else road
    road_km = km * chosen.detour_factor
    return (on_foot, _minutes(chosen.drive_minutes(road_km)), round(road_km, 1),
            _minutes(chosen.boarding_minutes))


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
    return Leg(mode, a.label, b.label, _minutes(road.drive_minutes(km)), round(km, 1),
               a.site_id, b.site_id, _minutes(road.boarding_minutes + extra_buffer))


def _estimate_note(what: str, row: TableTime) -> str:
    """A note when a table time is an estimate rather than a published figure."""
    if row.confidence != "estimate":
        return ""
    detail = "" if row.source.strip() == "estimate" else f" ({row.source})"
    return f"{what} time {row.minutes} min is an estimate{detail}"


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



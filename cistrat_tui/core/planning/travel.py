"""Distances and door-to-door travel times between sites.

A journey is a tuple of legs, each with its mode, ends, minutes and kilometres. It is the
fastest of the road straight through (a chartered coach whose speed grows with distance: city
traffic, then expressway; or a walk next door) and the shortest path through the hubs (coach
to a station or airport, security and ticket check, the trains and flights of
``rail_times.csv`` and ``flight_times.csv``, coach from the arrival hub; see
:mod:`travel_graph`). Journeys therefore agree in both directions and keep the triangle
inequality. A pair of cities missing from the tables gets a speed formula, and a city without
a station in the reference places a stand-in, both said in the journey's ``note``. The
parameters live in ``cistrat_tui/data/reference/travel.json``; stations and airports come from
the reference places. Everything is deterministic and cached, so the planner can ask for a
150 x 150 matrix.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.planning.travel_graph import HubEdge, HubGraph
from cistrat_tui.core.planning.travel_parts import (
    SAME_POINT_KM,
    Journey,
    Leg,
    Line,
    Road,
    TableTime,
    TravelParameters,
    _city,
    _estimate_note,
    _km,
    _minutes,
    _Point,
    _point,
    _rough_km,
    _table,
    distance_km,
    load_parameters,
    road_leg,
    road_minutes,
)
from cistrat_tui.core.records.model import Site, SiteKind, TravelMode

__all__ = ["SAME_POINT_KM", "Journey", "Leg", "Line", "Road", "TableTime", "TravelModel",
           "TravelParameters", "distance_km", "estimate", "load_parameters", "travel_matrix"]


class TravelModel:
    """Door-to-door estimates from parameters, rail and flight tables and the known hubs:
    the fastest of the road straight through and the shortest path through the hubs
    (:mod:`travel_graph`)."""

    def __init__(self, parameters: TravelParameters, rail: Iterable[TableTime],
                 flights: Iterable[TableTime], places: Mapping[str, Site]) -> None:
        self.parameters = parameters
        self._places = {key.casefold(): _point(site) for key, site in places.items()}
        self._rail = self._index(rail, "rail_times.csv")
        self._flights = self._index(flights, "flight_times.csv")
        self._stations = self._main_hubs(places, SiteKind.RAIL_STATION, self._rail)
        self._airports = self._main_hubs(places, SiteKind.AIRPORT, self._flights)
        self._journeys: dict[tuple[_Point, _Point], Journey] = {}
        self._hubs = list(dict.fromkeys(
            self._places[key.casefold()] for key, site in places.items()
            if site.kind in (SiteKind.RAIL_STATION, SiteKind.AIRPORT)))
        self._hub_index = {hub: n for n, hub in enumerate(self._hubs)}
        self._into: dict[_Point, np.ndarray] = {}
        edges = self._hub_edges()
        size = len(self._hubs)

        def road(i: int, j: int) -> int:
            return self._road_minutes(self._hubs[i], self._hubs[j])

        rail_modes = frozenset({TravelMode.HIGH_SPEED_RAIL})
        air_modes = frozenset({TravelMode.FLIGHT})
        self._graph = HubGraph(size, edges, road, rail_modes | air_modes)
        self._by_mode = {TravelMode.HIGH_SPEED_RAIL: HubGraph(size, edges, road, rail_modes),
                         TravelMode.FLIGHT: HubGraph(size, edges, road, air_modes)}

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
            index.setdefault((a, b), row)
            index.setdefault((b, a), TableTime(row.city_b, row.city_a, row.hub_b, row.hub_a,
                                               row.minutes, row.source, row.confidence))
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

    def _line(self, mode: TravelMode) -> Line:
        return self.parameters.rail if mode is TravelMode.HIGH_SPEED_RAIL \
            else self.parameters.flight

    def _service_edge(self, a: _Point, b: _Point, mode: TravelMode, minutes: int,
                      note: str) -> HubEdge:
        line = self._line(mode)
        total = _minutes(line.buffer_minutes) + minutes + _minutes(line.exit_minutes)
        return HubEdge(self._hub_index[a], self._hub_index[b], mode, total, note)

    def _hub_edges(self) -> list[HubEdge]:
        """Every table row both ways, and an estimated service between the main hubs of two
        cities that neither table joins."""
        edges: list[HubEdge] = []
        for table, mode, what in ((self._rail, TravelMode.HIGH_SPEED_RAIL, "train"),
                                  (self._flights, TravelMode.FLIGHT, "flight")):
            for row in table.values():
                a, b = self._places[row.hub_a.casefold()], self._places[row.hub_b.casefold()]
                edges.append(self._service_edge(a, b, mode, row.minutes,
                                                _estimate_note(what, row)))
        rail, flight = self.parameters.rail, self.parameters.flight
        for city_a, station_a in self._stations.items():
            for city_b, station_b in self._stations.items():
                if city_a == city_b or (city_a, city_b) in self._rail:
                    continue
                km = _km(station_a, station_b) * rail.fallback_detour_factor
                note = (f"no train time in the table for {station_a.city_label}-"
                        f"{station_b.city_label}: estimated at {rail.fallback_speed_kmh:g} "
                        f"km/h over {rail.fallback_detour_factor:g} x the straight line")
                edges.append(self._service_edge(station_a, station_b,
                                                TravelMode.HIGH_SPEED_RAIL,
                                                _minutes(km / rail.fallback_speed_kmh * 60),
                                                note))
        for city_a, airport_a in self._airports.items():
            for city_b, airport_b in self._airports.items():
                if city_a == city_b or (city_a, city_b) in self._flights \
                        or (city_a, city_b) in self._rail:
                    continue  # the tables list every flight worth taking where a train is known
                km = _km(airport_a, airport_b) * flight.fallback_detour_factor
                minutes = _minutes(flight.fallback_taxi_minutes
                                   + km / flight.fallback_speed_kmh * 60)
                note = (f"no flight time in the table for {airport_a.city_label}-"
                        f"{airport_b.city_label}: estimated at {flight.fallback_speed_kmh:g} "
                        f"km/h plus {flight.fallback_taxi_minutes:g} min taxiing")
                edges.append(self._service_edge(airport_a, airport_b, TravelMode.FLIGHT,
                                                minutes, note))
        return edges

    def estimate(self, a: Site, b: Site) -> Journey:
        """The fastest door-to-door journey from ``a`` to ``b``."""
        return self._estimate(_point(a), _point(b))

    def _estimate(self, a: _Point, b: _Point) -> Journey:
        key = (a, b)
        journey = self._journeys.get(key)
        if journey is None:
            journey = self._journeys[key] = self._compute(a, b)
        return journey

    def _road(self, a: _Point, b: _Point) -> Leg:
        """The road (or footpath) leg straight from a to b."""
        return road_leg(a, b, self.parameters.walk, self.parameters.city_road)

    def _road_minutes(self, a: _Point, b: _Point) -> int:
        """``self._road(a, b).total_minutes``, mostly without the exact geodesic."""
        return road_minutes(a, b, self.parameters.walk, self.parameters.city_road)

    def _road_cannot_beat(self, a: _Point, b: _Point, minutes: float) -> bool:
        """Whether the road straight from a to b surely takes longer than ``minutes``: the
        great circle is within 0.5% of the geodesic, so a road timed on 99% of it is a lower
        bound."""
        road = self.parameters.city_road
        if _rough_km(a, b) <= self.parameters.walk.max_km * 1.01:
            return False
        least = road.boarding_minutes + road.drive_minutes(
            _rough_km(a, b) * 0.99 * road.detour_factor)
        return least > minutes + 1

    def _road_into(self, a: _Point) -> np.ndarray:
        """Road minutes between ``a`` and every hub (zero at the hub itself), or infinity for
        a hub that is surely better reached through a nearer one (its road from ``a`` takes
        longer than the road to a nearer hub plus the hubs' path on): leaving it out changes
        no shortest journey, and saves most of the exact geodesics."""
        found = self._into.get(a)
        if found is not None:
            return found
        road = self.parameters.city_road
        into = np.full(len(self._hubs), np.inf)
        for n in sorted(range(len(self._hubs)), key=lambda k: _rough_km(a, self._hubs[k])):
            hub = self._hubs[n]
            rough = _rough_km(a, hub)
            if rough < SAME_POINT_KM:
                into[n] = 0
                continue
            least = road.boarding_minutes + road.drive_minutes(rough * 0.99 * road.detour_factor)
            reachable = float(np.min(into + self._graph.dist[:, n]))
            if rough > self.parameters.walk.max_km * 1.01 and least > reachable + 1:
                continue
            into[n] = self._road_minutes(a, hub)
        self._into[a] = into
        return into

    def _through(self, a: _Point, b: _Point, graph: HubGraph) -> Journey | None:
        """The fastest journey road - hubs - road over ``graph``'s edges."""
        if not self._hubs:
            return None
        _, i, j = graph.best_through(self._road_into(a), self._road_into(b))
        legs: list[Leg] = []
        notes: list[str] = []
        first, last = self._hubs[i], self._hubs[j]
        if _rough_km(a, first) >= SAME_POINT_KM:
            legs.append(self._road(a, first))
        for edge in graph.path(i, j):
            start, end = self._hubs[edge.a], self._hubs[edge.b]
            if edge.mode in (TravelMode.COACH, TravelMode.WALK):
                legs.append(self._road(start, end))
                continue
            line = self._line(edge.mode)
            buffer, leave = _minutes(line.buffer_minutes), _minutes(line.exit_minutes)
            km = _km(start, end) * (line.line_detour_factor
                                   if edge.mode is TravelMode.HIGH_SPEED_RAIL else 1.0)
            legs.append(Leg(edge.mode, start.label, end.label, edge.minutes - buffer - leave,
                            round(km, 1), start.site_id, end.site_id, buffer, leave))
            notes.append(edge.note)
        if _rough_km(last, b) >= SAME_POINT_KM:
            legs.append(self._road(last, b))
        return Journey(tuple(legs), "; ".join(dict.fromkeys(n for n in notes if n)))

    def _compute(self, a: _Point, b: _Point) -> Journey:
        if (a.site_id is not None and a.site_id == b.site_id) or _rough_km(a, b) < SAME_POINT_KM:
            return Journey((), "the same place")
        direct = Journey((self._road(a, b),),
                         "" if a.city == b.city else "coach door to door: the cities are close")
        options = [direct]
        through = self._through(a, b, self._graph)
        if through is not None:
            options.append(through)
        if self._needs_stand_in(a, b):
            options.append(self._stand_in_rail(a, b))
        best = min(options, key=lambda j: (j.minutes, options.index(j)))
        if a.city == b.city and best is direct:
            return Journey(best.legs)
        slower = []
        for mode, graph in self._by_mode.items():
            other = self._through(a, b, graph)
            if other is not None and other.main_mode is mode and best.main_mode is not mode:
                slower.append(other)
        if best is not direct and a.city != b.city:
            slower.append(direct)
        texts = [f"{str(o.main_mode).replace('_', ' ')} {o.minutes} min"
                 for o in sorted(slower, key=lambda j: j.minutes)]
        note = best.note
        if texts:
            note = "; ".join(filter(None, (note, "slower: " + ", ".join(texts))))
        return Journey(best.legs, note)

    def _needs_stand_in(self, a: _Point, b: _Point) -> bool:
        """Whether one end is in a city with no station and no airport in the reference
        places (the only journeys that may break the triangle inequality)."""
        def bare(city: str) -> bool:
            return city not in self._stations and city not in self._airports

        return a.city != b.city and (bare(a.city) or bare(b.city))

    def _stand_in_rail(self, a: _Point, b: _Point) -> Journey:
        """By train between cities of which one has no station in the reference places: the
        site itself stands in for the station, at the fallback speed (with notes)."""
        rail = self.parameters.rail
        hub_a, note_a = self._stand_in(a)
        hub_b, note_b = self._stand_in(b)
        km = _km(hub_a, hub_b) * rail.fallback_detour_factor
        minutes = _minutes(km / rail.fallback_speed_kmh * 60)
        note = (f"no train time in the table for {a.city_label}-{b.city_label}: estimated "
                f"at {rail.fallback_speed_kmh:g} km/h over {rail.fallback_detour_factor:g} x "
                "the straight line")
        main = Leg(TravelMode.HIGH_SPEED_RAIL, hub_a.label, hub_b.label, minutes,
                   round(km, 1), hub_a.site_id, hub_b.site_id, _minutes(rail.buffer_minutes),
                   _minutes(rail.exit_minutes))
        legs = [main]
        if _km(a, hub_a) >= SAME_POINT_KM:
            legs.insert(0, self._road(a, hub_a))
        if _km(hub_b, b) >= SAME_POINT_KM:
            legs.append(self._road(hub_b, b))
        return Journey(tuple(legs), "; ".join(n for n in (note, note_a, note_b) if n))

    def _stand_in(self, site: _Point) -> tuple[_Point, str]:
        """The city's main station, or the site itself standing in for one."""
        hub = self._stations.get(site.city)
        if hub is not None:
            return hub, ""
        stand_in = site._replace(site_id=None, label=f"{site.city_label} railway station "
                                 "(not in the reference places)")
        return stand_in, (f"no railway station known in {site.city_label}: timed from "
                          f"{site.label} itself")

    def travel_matrix(self, sites: Sequence[Site]) -> dict[str, dict[str, int]]:
        """Door-to-door minutes between every pair of ``sites``, keyed by site id; symmetric,
        zero on the diagonal, equal to each :meth:`estimate`'s minutes.

        The hub part is computed for all pairs at once (min-plus products with numpy): the
        road minutes from every site to every hub, through the hubs' shortest paths, to every
        other site; only the rare stand-in journeys (a city without a station) go one by
        one."""
        points = [_point(site) for site in sites]
        n = len(points)
        best = np.zeros((n, n))
        if self._hubs and n:
            into = np.stack([self._road_into(p) for p in points])  # n x hubs
            out = (into[:, :, None] + self._graph.dist[None, :, :]).min(axis=1)  # n x hubs
            for i in range(n):
                best[i] = (out[i][None, :] + into).min(axis=1)
        else:
            best[:] = np.inf
        matrix: dict[str, dict[str, int]] = {site.id: {} for site in sites}
        for i, a in enumerate(points):
            row = matrix[sites[i].id]
            row[sites[i].id] = 0
            for j in range(i + 1, n):
                b = points[j]
                if (a.site_id is not None and a.site_id == b.site_id) \
                        or _rough_km(a, b) < SAME_POINT_KM:
                    minutes = 0
                elif self._needs_stand_in(a, b):
                    minutes = self._estimate(a, b).minutes
                elif self._road_cannot_beat(a, b, best[i, j]):
                    minutes = int(best[i, j])  # the exact geodesic is not worth computing
                else:
                    minutes = int(min(self._road_minutes(a, b), best[i, j]))
                row[sites[j].id] = minutes
                matrix[sites[j].id][sites[i].id] = minutes
        return matrix


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

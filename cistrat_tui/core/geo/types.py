"""What a geocoder answers: candidates with WGS84 coordinates, and its error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cistrat_tui.core.errors import CistratError

MAX_CANDIDATES = 10  # asked for every time, so a cached answer serves any smaller limit


class GeocodeError(CistratError):
    """The geocoder could not be asked or did not answer usefully."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place the geocoder found: WGS84 coordinates and its full name."""

    lat: float
    lon: float
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"lat": self.lat, "lon": self.lon, "name": self.name}


@dataclass(frozen=True, slots=True)
class Lookup:
    """The answer to one query: its candidates (none for a miss) and whether it came from
    the cache rather than a service (or the offline look-up)."""

    query: str
    candidates: tuple[Candidate, ...]
    cached: bool

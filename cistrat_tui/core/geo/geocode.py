"""Addresses to coordinates through a Nominatim service (OpenStreetMap's, or a self-hosted one).

Nominatim's usage policy asks for a user agent that names the application, at most one request
a second, and cached results; all three are kept here. Every answer, a hit or a miss, is cached
in a small JSON file beside the database (``<db>.geocache.json``) so that the same query to the
same service never goes out twice, and the time of the last request is kept there too, so two
runs of the command in a row also stay a second apart.

A geocoder that is offline, refuses, answers with an error or does not answer in time is
reported as :class:`GeocodeError`, a one-line message that says to enter the coordinates by
hand, and never takes much longer than the timeout: the request runs in a worker thread that is
abandoned at the deadline (a server that trickles bytes would otherwise keep a socket read
alive indefinitely).
"""

from __future__ import annotations

import json
import os
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from geopy.exc import (
    GeocoderQueryError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeopyError,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from cistrat_tui import __version__
from cistrat_tui.core.errors import CistratError
from cistrat_tui.core.store.fileio import atomic_write_bytes

GEOCODER_URL_ENV = "CISTRAT_GEOCODER_URL"
GEOCODER_CONTACT_ENV = "CISTRAT_GEOCODER_CONTACT"
DEFAULT_URL = "https://nominatim.openstreetmap.org"
DEFAULT_TIMEOUT = 5.0  # seconds; Nominatim answers in well under one
MIN_DELAY = 1.0  # seconds between requests: Nominatim's usage policy
MAX_CANDIDATES = 10  # asked for every time, so a cached answer serves any smaller limit
ATTRIBUTION = "Data © OpenStreetMap contributors (ODbL), via Nominatim"
CACHE_VERSION = 1
_GRACE = 0.5  # seconds beyond the timeout before a stuck request is abandoned
HAND_ENTRY = ("enter the coordinates by hand instead (latitude, longitude in WGS84, or as "
              "copied from Amap or Baidu with their datum)")


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
    the cache rather than the service."""

    query: str
    candidates: tuple[Candidate, ...]
    cached: bool


def user_agent(contact: str | None = None) -> str:
    """``cistrat-tui/<version> (+contact)``; the contact is ``$CISTRAT_GEOCODER_CONTACT``
    (an email or web address) when set, as Nominatim's policy likes to have one."""
    contact = (contact if contact is not None else os.environ.get(GEOCODER_CONTACT_ENV, ""))
    contact = " ".join(contact.split())
    detail = f"+{contact}" if contact else "training-workshop logistics"
    return f"cistrat-tui/{__version__} ({detail})"


def service_url(option: str | None = None) -> str:
    """The service to ask: ``--geocoder-url``, else ``$CISTRAT_GEOCODER_URL``, else
    OpenStreetMap's Nominatim; checked and without a trailing slash."""
    url = (option or os.environ.get(GEOCODER_URL_ENV) or DEFAULT_URL).strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query \
            or parts.fragment:
        raise GeocodeError(f"geocoder address {url!r} is not a web address; give it in full, "
                           "such as http://localhost:8080 or https://nominatim.example.org")
    return url.rstrip("/")


def cache_path_for(database: Path) -> Path:
    """The cache file beside a database: ``<db>.geocache.json``."""
    return database.with_name(database.name + ".geocache.json")


def normalise_query(query: str) -> str:
    """The query as the cache knows it: NFC, case-folded, blanks collapsed."""
    return " ".join(unicodedata.normalize("NFC", query).casefold().split())


class GeocodeCache:
    """Answers by service and query in a JSON file; unreadable or foreign content is treated
    as empty (it is only a cache) and replaced on the next write."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._data = self._read()

    def _read(self) -> dict[str, Any]:
        empty: dict[str, Any] = {"version": CACHE_VERSION, "last_request": 0.0, "entries": {}}
        if self.path is None:
            return empty
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return empty
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION \
                or not isinstance(data.get("entries"), dict):
            return empty
        if not isinstance(data.get("last_request"), int | float):
            data["last_request"] = 0.0
        return data

    @staticmethod
    def key(url: str, query: str) -> str:
        return f"{url} {normalise_query(query)}"

    def get(self, url: str, query: str) -> tuple[Candidate, ...] | None:
        """The cached candidates, or None when this query was never answered."""
        entry = self._data["entries"].get(self.key(url, query))
        if not isinstance(entry, dict) or not isinstance(entry.get("candidates"), list):
            return None
        try:
            return tuple(Candidate(float(c["lat"]), float(c["lon"]), str(c["name"]))
                         for c in entry["candidates"])
        except (KeyError, TypeError, ValueError):
            return None

    @property
    def last_request(self) -> float:
        """When a request last went out (seconds since the epoch), from any run."""
        return float(self._data["last_request"])

    def note_request(self) -> None:
        self._data["last_request"] = time.time()
        self._save()

    def put(self, url: str, query: str, candidates: tuple[Candidate, ...]) -> None:
        """Remember an answer (merged with what another run may have written meanwhile)."""
        fresh = self._read()
        fresh["entries"].update(self._data["entries"])
        fresh["last_request"] = max(float(fresh["last_request"]), self.last_request)
        fresh["entries"][self.key(url, query)] = {
            "query": query, "service": url,
            "answered": datetime.now(UTC).isoformat(timespec="seconds"),
            "candidates": [c.to_dict() for c in candidates]}
        self._data = fresh
        self._save()

    def _save(self) -> None:
        if self.path is None:
            return
        text = json.dumps(self._data, ensure_ascii=False, indent=1, sort_keys=True)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, text.encode("utf-8"))
        except OSError:
            pass  # a cache that cannot be written only costs a repeated request


def _problem(error: BaseException, url: str, timeout: float) -> str:
    """What went wrong with the service, in words."""
    if isinstance(error, GeocoderTimedOut | TimeoutError):
        return f"the geocoder at {url} did not answer within {timeout:g} seconds"
    if isinstance(error, GeocoderRateLimited):
        return f"the geocoder at {url} refuses requests for now (too many requests)"
    if isinstance(error, GeocoderQueryError):
        return f"the geocoder at {url} rejected the query ({error})"
    if isinstance(error, GeocoderServiceError):
        detail = " ".join(str(error).split())[:200] or type(error).__name__
        return f"the geocoder at {url} could not be used ({detail})"
    return f"the geocoder at {url} gave an answer that is not a list of places"


class Geocoder:
    """Looks addresses up, politely: cached, rate-limited, time-limited."""

    def __init__(self, cache_path: Path | None, url: str | None = None, *,
                 timeout: float = DEFAULT_TIMEOUT, min_delay: float = MIN_DELAY,
                 contact: str | None = None) -> None:
        self.url = service_url(url)
        self.timeout = timeout
        self.min_delay = min_delay
        self.cache = GeocodeCache(cache_path)
        parts = urlsplit(self.url)
        self._nominatim = Nominatim(user_agent=user_agent(contact), timeout=timeout,
                                    domain=parts.netloc + parts.path, scheme=parts.scheme)
        self._geocode: Callable[..., Any] = RateLimiter(
            self._nominatim.geocode, min_delay_seconds=min_delay, max_retries=0,
            swallow_exceptions=False)

    @property
    def user_agent(self) -> str:
        return str(self._nominatim.headers["User-Agent"])

    def search(self, query: str, limit: int = 5) -> Lookup:
        """The first ``limit`` (at most MAX_CANDIDATES) candidates for ``query``, from the
        cache or else from the service."""
        query = " ".join(query.split())
        if not query:
            raise GeocodeError("give an address or place name to look up")
        cached = self.cache.get(self.url, query)
        if cached is not None:
            return Lookup(query, cached[:limit], cached=True)
        self._wait_for_other_runs()
        self.cache.note_request()
        candidates = self._ask(query, MAX_CANDIDATES)
        self.cache.put(self.url, query, candidates)
        return Lookup(query, candidates[:limit], cached=False)

    def _wait_for_other_runs(self) -> None:
        """Keep a second between this request and the last one from any run."""
        wait = self.cache.last_request + self.min_delay - time.time()
        if 0 < wait <= self.min_delay:
            time.sleep(wait)

    def _ask(self, query: str, limit: int) -> tuple[Candidate, ...]:
        """One request, abandoned at the deadline; any failure becomes a GeocodeError."""
        outcome: list[Any] = []

        def work() -> None:
            try:
                outcome.append(self._geocode(query, exactly_one=False, limit=limit))
            except BaseException as error:  # reported on the calling thread
                outcome.append(error)

        worker = threading.Thread(target=work, name="geocode", daemon=True)
        worker.start()
        worker.join(self.timeout + self.min_delay + _GRACE)
        if not outcome:
            raise GeocodeError(f"{_problem(TimeoutError(), self.url, self.timeout)}; "
                               f"{HAND_ENTRY}")
        result = outcome[0]
        if isinstance(result, GeopyError | ValueError | TypeError | AttributeError | KeyError):
            raise GeocodeError(f"{_problem(result, self.url, self.timeout)}; "
                               f"{HAND_ENTRY}") from None
        if isinstance(result, BaseException):
            raise result
        return self._candidates(result)

    def _candidates(self, result: Any) -> tuple[Candidate, ...]:
        """geopy's locations as candidates; anything unlike one is a service problem."""
        found: list[Candidate] = []
        for location in result or ():
            try:
                lat, lon = float(location.latitude), float(location.longitude)
                name = " ".join(str(location.address or "").split())
            except (AttributeError, TypeError, ValueError):
                raise GeocodeError(f"{_problem(ValueError(), self.url, self.timeout)}; "
                                   f"{HAND_ENTRY}") from None
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                found.append(Candidate(lat, lon, name or f"{lat:.6f}, {lon:.6f}"))
        return tuple(found)

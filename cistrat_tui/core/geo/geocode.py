"""Addresses to coordinates through an online geocoder (Baidu or Nominatim), politely.

The service is chosen and reached in :mod:`cistrat_tui.core.geo.services`; this module keeps the
rules that hold for both. Nominatim's usage policy asks for a user agent that names the
application, at most one request a second, and cached results; all three are kept for every
service. Every real answer, a hit or a miss, is cached in a small JSON file beside the database
(``<db>.geocache.json``) so that the same query to the same service never goes out twice, and
the time of the last request is kept there too, so two runs of the command in a row also stay a
second apart. An error answer (HTTP 200 with ``null`` or ``{"error": ...}``, an HTTP error, a
refused key) is never cached: the next try asks again.

A geocoder that is offline, refuses, answers with an error or does not answer in time is
reported as :class:`GeocodeError`, a one-line message that names what happened (an HTTP 503 is
"unavailable", not a timeout) and says to enter the coordinates by hand, and never takes much
longer than the timeout: the request runs in a worker thread that is abandoned at the deadline
(a server that trickles bytes would otherwise keep a socket read alive indefinitely). Place
names are cleaned of terminal escapes and control characters on arrival and when read back
from the cache.
"""

from __future__ import annotations

import json
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from geopy.adapters import AdapterHTTPError, URLLibAdapter
from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderQueryError,
    GeocoderQuotaExceeded,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeopyError,
)
from geopy.extra.rate_limiter import RateLimiter

from cistrat_tui.core.geo.gazetteer import OfflineFinder
from cistrat_tui.core.geo.services import (
    ATTRIBUTIONS,
    DEFAULT_URL,
    GEOCODER_CONTACT_ENV,
    GEOCODER_URL_ENV,
    NOMINATIM,
    OFFLINE,
    AdapterFactory,
    Service,
    choose_service,
    make_service,
    service_url,
    user_agent,
)
from cistrat_tui.core.geo.text import clean_name
from cistrat_tui.core.geo.types import MAX_CANDIDATES, Candidate, GeocodeError, Lookup
from cistrat_tui.core.records.model import Site
from cistrat_tui.core.store.fileio import atomic_write_bytes

__all__ = ["ATTRIBUTION", "DEFAULT_URL", "GEOCODER_CONTACT_ENV", "GEOCODER_URL_ENV",
           "MAX_CANDIDATES", "Candidate", "GeocodeCache", "GeocodeError", "Geocoder", "Lookup",
           "PlaceFinder", "cache_path_for", "place_finder", "service_url", "user_agent"]

DEFAULT_TIMEOUT = 5.0  # seconds; Nominatim answers in well under one
MIN_DELAY = 1.0  # seconds between requests: Nominatim's usage policy
ATTRIBUTION = ATTRIBUTIONS[NOMINATIM]
CACHE_VERSION = 1
_GRACE = 0.5  # seconds beyond the timeout before a stuck request is abandoned
HAND_ENTRY = ("enter the coordinates by hand instead (latitude, longitude in WGS84, or as "
              "copied from Amap or Baidu with their datum)")
HTTP_REASONS = {500: "internal server error", 502: "bad gateway", 503: "service unavailable",
                504: "gateway timeout", 429: "too many requests", 403: "forbidden",
                401: "unauthorised", 404: "not found", 408: "request timeout"}


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
            return tuple(Candidate(float(c["lat"]), float(c["lon"]), clean_name(str(c["name"])))
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


def _causes(error: BaseException) -> list[BaseException]:
    """The error and what caused it, outermost first (geopy wraps the adapter's errors)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _timed_out(chain: list[BaseException]) -> bool:
    """Whether the request ran out of time, whichever HTTP adapter said so (urllib's socket
    timeout, or urllib3's ReadTimeoutError inside requests' "Max retries exceeded")."""
    for error in chain:
        if isinstance(error, TimeoutError) or type(error).__name__ in (
                "ReadTimeoutError", "ConnectTimeoutError", "ReadTimeout", "ConnectTimeout",
                "Timeout"):
            return True
        if isinstance(error, GeocoderTimedOut) and not any(
                isinstance(e, AdapterHTTPError) for e in chain):
            return True
    return "timed out" in " ".join(str(e) for e in chain).casefold()


def _problem(error: BaseException, url: str, timeout: float) -> str:
    """What went wrong with the service, in words."""
    chain = _causes(error)
    status = next((e.status_code for e in chain if isinstance(e, AdapterHTTPError)), None)
    if isinstance(error, GeocoderRateLimited) or status == 429:
        return f"the geocoder at {url} refuses requests for now (too many requests)"
    if status == 503:
        return f"the geocoder at {url} is unavailable for now (HTTP 503 service unavailable)"
    if status is not None:
        reason = HTTP_REASONS.get(status, "error")
        return f"the geocoder at {url} answered with an HTTP error ({status} {reason})"
    if isinstance(error, GeocoderAuthenticationFailure):
        return f"the geocoder at {url} refused the key ({clean_name(str(error))[:100]})"
    if isinstance(error, GeocoderQuotaExceeded):
        return f"the geocoder at {url} says the key's quota is used up for now"
    if _timed_out(chain):
        return f"the geocoder at {url} did not answer within {timeout:g} seconds"
    if isinstance(error, GeocoderQueryError):
        return f"the geocoder at {url} rejected the query ({clean_name(str(error))[:200]})"
    if isinstance(error, GeocoderServiceError):
        detail = clean_name(str(error))[:200] or type(error).__name__
        return f"the geocoder at {url} could not be used ({detail})"
    return f"the geocoder at {url} gave an answer that is not a list of places"


class Geocoder:
    """Looks addresses up, politely: cached, rate-limited, time-limited."""

    def __init__(self, cache_path: Path | None, url: str | None = None, *,
                 timeout: float = DEFAULT_TIMEOUT, min_delay: float = MIN_DELAY,
                 contact: str | None = None, service: str = NOMINATIM,
                 adapter_factory: AdapterFactory = URLLibAdapter) -> None:
        self.timeout = timeout
        self.min_delay = min_delay
        self.service: Service = make_service(service, url, timeout, contact, adapter_factory)
        self.url = self.service.url
        self.attribution = self.service.attribution
        self.cache = GeocodeCache(cache_path)
        self._geocode: Callable[..., Any] = RateLimiter(
            self.service.ask, min_delay_seconds=min_delay, max_retries=0,
            swallow_exceptions=False)

    @property
    def user_agent(self) -> str:
        return user_agent()

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
                outcome.append(self._geocode(query, limit))
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
            message = self.service.scrub(_problem(result, self.url, self.timeout))
            raise GeocodeError(f"{message}; {HAND_ENTRY}") from None
        if isinstance(result, BaseException):
            raise result
        if not isinstance(result, tuple):
            raise GeocodeError(f"{_problem(ValueError(), self.url, self.timeout)}; "
                               f"{HAND_ENTRY}")
        return result


class PlaceFinder(Protocol):
    """What a front end asks for places: the online Geocoder or the OfflineFinder."""

    url: str
    attribution: str

    def search(self, query: str, limit: int = 5) -> Lookup:
        """The candidates for ``query``."""
        ...


def place_finder(cache_path: Path | None, sites: Iterable[Site] = (), *,
                 service: str | None = None, url: str | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> PlaceFinder:
    """The look-up chosen by ``service`` (else the environment, the config file, or the
    default; see :func:`~cistrat_tui.core.geo.services.choose_service`): the offline one over
    ``sites`` and the reference places, or an online geocoder cached at ``cache_path``."""
    chosen = choose_service(service)
    if chosen == OFFLINE:
        return OfflineFinder(sites)
    return Geocoder(cache_path, url, timeout=timeout, service=chosen)

"""The online geocoders: Nominatim (OpenStreetMap, for use abroad) and Baidu (inside China).

OpenStreetMap's Nominatim has been unreachable from mainland China since October 2022, so a
coordinator in Beijing asks Baidu's geocoder (``geocoding/v3``, through geopy's ``BaiduV3``) with
a server key ("ak") from ``$CISTRAT_BAIDU_AK``. Baidu answers in its own datum, BD-09; the
answer is converted to WGS84 (how sites are stored) with the project's datum code before anyone
sees it.

Which one is asked: ``--geocoder``, else ``$CISTRAT_GEOCODER``, else the ``service`` of the
``[geocoder]`` table in the config file (``$CISTRAT_CONFIG``, else
``~/.config/cistrat-tui/config.toml``), else Baidu when a Baidu key is set and Nominatim
otherwise. ``offline`` looks only in the reference places and the database's own sites
(:mod:`cistrat_tui.core.geo.gazetteer`). Both clients use the standard library's HTTP adapter,
so a machine with ``requests`` installed behaves the same (no silent retries).
"""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from geopy.adapters import BaseSyncAdapter, RequestsAdapter, URLLibAdapter
from geopy.exc import GeocoderServiceError
from geopy.geocoders import BaiduV3, Nominatim

from cistrat_tui import __version__
from cistrat_tui.core.geo.datums import bd09_to_wgs84
from cistrat_tui.core.geo.text import clean_name
from cistrat_tui.core.geo.types import MAX_CANDIDATES, Candidate, GeocodeError

GEOCODER_ENV = "CISTRAT_GEOCODER"
GEOCODER_URL_ENV = "CISTRAT_GEOCODER_URL"
GEOCODER_CONTACT_ENV = "CISTRAT_GEOCODER_CONTACT"
BAIDU_KEY_ENV = "CISTRAT_BAIDU_AK"
CONFIG_ENV = "CISTRAT_CONFIG"
NOMINATIM, BAIDU, OFFLINE = "nominatim", "baidu", "offline"
SERVICES = (NOMINATIM, BAIDU, OFFLINE)
DEFAULT_URLS = {NOMINATIM: "https://nominatim.openstreetmap.org",
                BAIDU: "https://api.map.baidu.com"}
ATTRIBUTIONS = {NOMINATIM: "Data © OpenStreetMap contributors (ODbL), via Nominatim",
                BAIDU: "Data © Baidu Maps (百度地图), converted from BD-09 to WGS84",
                OFFLINE: "from the reference places and this database's sites"}
DEFAULT_URL = DEFAULT_URLS[NOMINATIM]
NO_RESULT = "无相关结果"  # "no matching result", in Baidu's error message
AdapterFactory = Callable[..., BaseSyncAdapter]


def without_retries(factory: AdapterFactory) -> AdapterFactory:
    """The adapter factory, told not to retry: requests' adapter retries a read timeout twice
    by default (three requests where Nominatim's policy allows one, and a "Max retries"
    message instead of a timeout)."""
    if isinstance(factory, type) and issubclass(factory, RequestsAdapter):
        return functools.partial(factory, max_retries=0)
    return factory


def user_agent(contact: str | None = None) -> str:
    """``cistrat-tui/<version> (+contact)``; the contact is ``$CISTRAT_GEOCODER_CONTACT``
    (an email or web address) when set, as Nominatim's policy likes to have one."""
    contact = (contact if contact is not None else os.environ.get(GEOCODER_CONTACT_ENV, ""))
    contact = " ".join(contact.split())
    detail = f"+{contact}" if contact else "training-workshop logistics"
    return f"cistrat-tui/{__version__} ({detail})"


def config_path() -> Path:
    """The user's config file: ``$CISTRAT_CONFIG``, else the XDG place."""
    chosen = os.environ.get(CONFIG_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME", "").strip() or str(Path.home() / ".config")
    return Path(base) / "cistrat-tui" / "config.toml"


def geocoder_config() -> dict[str, str]:
    """The ``[geocoder]`` table of the config file (``service``, ``url``), or nothing when
    there is no file; a file that cannot be read is an error with one line."""
    path = config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise GeocodeError(f"cannot read the config file {path}: "
                           f"{' '.join(str(error).split())[:200]}") from None
    table = data.get("geocoder", {})
    if not isinstance(table, dict):
        raise GeocodeError(f"the config file {path}: [geocoder] must be a table")
    return {k: v for k, v in table.items() if k in ("service", "url") and isinstance(v, str)}


def choose_service(option: str | None = None) -> str:
    """``nominatim``, ``baidu`` or ``offline``: from the option, the environment, the config
    file, else Baidu when its key is set and Nominatim otherwise."""
    chosen = (option or os.environ.get(GEOCODER_ENV, "").strip()
              or geocoder_config().get("service", "")).strip().casefold()
    if not chosen:
        return BAIDU if os.environ.get(BAIDU_KEY_ENV, "").strip() else NOMINATIM
    if chosen not in SERVICES:
        raise GeocodeError(f"unknown geocoder {chosen!r}; choose one of {', '.join(SERVICES)}")
    return chosen


def service_url(option: str | None = None, service: str = NOMINATIM) -> str:
    """The address of the service: ``--geocoder-url``, else ``$CISTRAT_GEOCODER_URL``, else the
    config file's ``url``, else the service's own; checked and without a trailing slash."""
    url = (option or os.environ.get(GEOCODER_URL_ENV) or geocoder_config().get("url")
           or DEFAULT_URLS.get(service, DEFAULT_URL)).strip()
    try:
        parts = urlsplit(url)
        usable = parts.scheme in ("http", "https") and bool(parts.hostname) \
            and not parts.query and not parts.fragment and parts.port != 0
    except ValueError:  # 'http://[::1' and other malformed hosts or ports
        usable = False
    if not usable:
        raise GeocodeError(f"geocoder address {clean_name(url)[:200]!r} is not a web address; "
                           "give it in full, such as http://localhost:8080 or "
                           "https://nominatim.example.org")
    return url.rstrip("/")


class Service(Protocol):
    """An online geocoder as the Geocoder uses it."""

    name: str
    url: str
    attribution: str

    def ask(self, query: str, limit: int) -> tuple[Candidate, ...]:
        """The candidates for ``query``; raises a geopy error when the service fails."""
        ...

    def scrub(self, message: str) -> str:
        """``message`` without any secret the service was given (its key)."""
        ...


def _not_places(kind: str) -> GeocoderServiceError:
    return GeocoderServiceError(f"the answer is {kind}, not a list of places")


class _StrictNominatim(Nominatim):  # type: ignore[misc]  # geopy is untyped
    """Nominatim that tells an error answer from "nothing found": only a JSON list is an
    answer; ``null``, an object (``{"error": ...}``) or anything else is a service problem,
    so it is never cached as a miss."""

    def _parse_json(self, places: Any, exactly_one: bool) -> Any:
        if not isinstance(places, list):
            if isinstance(places, dict) and "error" in places:
                detail = clean_name(str(places["error"]))[:200]
                raise GeocoderServiceError(f"it answered with an error: {detail}")
            raise _not_places("null" if places is None else type(places).__name__)
        return super()._parse_json(places, exactly_one)


@dataclass
class NominatimService:
    """OpenStreetMap's Nominatim, or a self-hosted one."""

    url: str
    timeout: float
    contact: str | None = None
    adapter_factory: AdapterFactory = URLLibAdapter
    name: str = NOMINATIM
    attribution: str = ATTRIBUTIONS[NOMINATIM]

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        self.client = _StrictNominatim(
            user_agent=user_agent(self.contact), timeout=self.timeout,
            domain=parts.netloc + parts.path, scheme=parts.scheme,
            adapter_factory=without_retries(self.adapter_factory))

    def ask(self, query: str, limit: int) -> tuple[Candidate, ...]:
        found = self.client.geocode(query, exactly_one=False, limit=min(limit, MAX_CANDIDATES))
        candidates = (_candidate(location.latitude, location.longitude, location.address)
                      for location in found or ())
        return tuple(c for c in candidates if c is not None)

    def scrub(self, message: str) -> str:
        return message


class _BaiduAt(BaiduV3):  # type: ignore[misc]  # geopy is untyped
    """geopy's BaiduV3 asking ``base`` (a stand-in server in tests) instead of Baidu's host,
    and refusing an answer that is not a JSON object."""

    def __init__(self, base: str, **options: Any) -> None:
        super().__init__(**options)
        self.api = f"{base}{self.api_path}"

    def _parse_json(self, page: Any, exactly_one: bool = True) -> Any:
        if not isinstance(page, dict):
            raise _not_places("null" if page is None else type(page).__name__)
        if page.get("status") == 1 and NO_RESULT in str(page.get("msg", "")):
            return None  # Baidu's "nothing found" is status 1 with this message
        result = page.get("result")
        if result and not (isinstance(result, dict)
                           and isinstance(result.get("location"), dict)):
            raise _not_places("an object without a location")
        return super()._parse_json(page, exactly_one)


@dataclass
class BaiduService:
    """Baidu's geocoder: one best match per query, in BD-09, converted to WGS84."""

    url: str
    timeout: float
    key: str
    adapter_factory: AdapterFactory = URLLibAdapter
    name: str = BAIDU
    attribution: str = ATTRIBUTIONS[BAIDU]

    def __post_init__(self) -> None:
        scheme = urlsplit(self.url).scheme
        self.client = _BaiduAt(self.url, api_key=self.key, timeout=self.timeout,
                               scheme=scheme, user_agent=user_agent(),
                               adapter_factory=without_retries(self.adapter_factory))

    def ask(self, query: str, limit: int) -> tuple[Candidate, ...]:
        # geopy's exactly_one=False walks a v3 answer's single result as a list: ask for one.
        location = self.client.geocode(query, exactly_one=True)
        if location is None:
            return ()
        raw = location.raw if isinstance(location.raw, dict) else {}
        lat, lon = bd09_to_wgs84(float(location.latitude), float(location.longitude))
        level = clean_name(str(raw.get("level") or ""))
        precise = "exact" if raw.get("precise") == 1 else "approximate"
        detail = "; ".join(p for p in (level, precise,
                                       f"confidence {raw['confidence']}"
                                       if isinstance(raw.get("confidence"), int) else "") if p)
        candidate = _candidate(lat, lon, f"{query} ({detail})")
        return (candidate,) if candidate is not None else ()

    def scrub(self, message: str) -> str:
        return message.replace(self.key, "***") if self.key else message


def baidu_key() -> str:
    """The Baidu server key from ``$CISTRAT_BAIDU_AK``, or a clear error."""
    key = os.environ.get(BAIDU_KEY_ENV, "").strip()
    if not key:
        raise GeocodeError(f"Baidu's geocoder needs a server key: set {BAIDU_KEY_ENV} to the "
                           "\"ak\" of your Baidu Maps application (lbsyun.baidu.com), or use "
                           "--geocoder offline")
    return key


def make_service(service: str, url: str | None, timeout: float, contact: str | None = None,
                 adapter_factory: AdapterFactory = URLLibAdapter) -> Service:
    """The online service by name, at ``url`` (or its default)."""
    if service == BAIDU:
        return BaiduService(service_url(url, BAIDU), timeout, baidu_key(), adapter_factory)
    if service == NOMINATIM:
        return NominatimService(service_url(url, NOMINATIM), timeout, contact, adapter_factory)
    raise GeocodeError(f"{service!r} is not an online geocoder")


def _candidate(lat: Any, lon: Any, name: Any) -> Candidate | None:
    """A candidate from a service's answer (None for one off the globe); a place without
    numbers for coordinates makes the whole answer a service problem."""
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise _not_places("a place without coordinates") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return Candidate(lat, lon, clean_name(str(name or "")) or f"{lat:.6f}, {lon:.6f}")

"""The sites area without a terminal: filtering, the site form's rules and the detail text.

Free of Textual so the rules can be tested on their own. The form keeps every field as the
coordinator typed it; :func:`build_site` parses them (coordinates in the datum chosen, stored
as WGS84 through :mod:`cistrat_tui.core.geo.datums`; opening hours as one line such as
``Mon-Fri 09:00-17:30; Sat 09:00-12:00``) and returns the site or the errors by form field.
Nothing is saved here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.geo.datums import Datum, to_wgs84, wgs84_to_gcj02
from cistrat_tui.core.geo.geocode import Candidate
from cistrat_tui.core.io.csv_files import normal_words
from cistrat_tui.core.io.sites_csv import format_hours, parse_hours
from cistrat_tui.core.records import values as v
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import Contact, Site, SiteKind
from cistrat_tui.core.records.workshop import Workshop

DATUM_LABELS = {Datum.WGS84: "WGS84 (GPS, OpenStreetMap)",
                Datum.GCJ02: "GCJ-02 (Amap, Tencent)",
                Datum.BD09: "BD-09 (Baidu)"}

# The record's field names (as ValidationError names them) to the form's fields.
ERROR_FIELDS = {
    "kind": "kind", "English name": "name_en", "Chinese name": "name_zh", "city": "city",
    "English address": "address_en", "Chinese address": "address_zh", "latitude": "lat",
    "longitude": "lon", "coordinates": "lat", "opening hours": "hours", "phone": "phone",
    "notes": "notes", "host name": "host_name", "host phone": "host_phone",
    "host email": "host_email", "host role": "host_role",
}


SHORT_KINDS = {SiteKind.SCIENCE_PARK: "park", SiteKind.RESEARCH_INSTITUTE: "institute",
               SiteKind.RAIL_STATION: "station"}


def kind_label(kind: SiteKind) -> str:
    """'science park' for SiteKind.SCIENCE_PARK."""
    return kind.value.replace("_", " ")


def short_kind(kind: SiteKind) -> str:
    """A kind in at most ten letters, for a table column: 'park', 'institute', 'station'."""
    return SHORT_KINDS.get(kind, kind.value)


def _haystack(site: Site) -> str:
    """The site's searchable words, normalised once per version of a site."""
    return _words(site.name_en, site.name_zh, site.city, site.kind)


@lru_cache(maxsize=8192)
def _words(name_en: str, name_zh: str, city: str, kind: SiteKind) -> str:
    return normal_words(" ".join((name_en, name_zh, city, kind_label(kind))))


def filter_sites(sites: Iterable[Site], query: str) -> list[Site]:
    """The sites whose English or Chinese name, city or kind hold every word of ``query``
    (accents, case and spacing ignored), by city then name."""
    words = normal_words(query).split()
    found = [s for s in sites if all(w in _haystack(s) for w in words)]
    return sorted(found, key=lambda s: (s.city.casefold(), s.name_en.casefold(), s.id))


@dataclass
class SiteFormValues:
    """Every field of the site form as the coordinator left it."""

    kind: str = SiteKind.SCIENCE_PARK.value
    name_en: str = ""
    name_zh: str = ""
    city: str = ""
    address_en: str = ""
    address_zh: str = ""
    lat: str = ""
    lon: str = ""
    datum: str = Datum.WGS84.value
    hours: str = ""
    phone: str = ""
    host_name: str = ""
    host_phone: str = ""
    host_email: str = ""
    host_role: str = ""
    notes: str = ""


def _degrees(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}".rstrip("0").rstrip(".")


def site_values_from(site: Site) -> SiteFormValues:
    """The form filled in from a stored site (coordinates in WGS84, as stored)."""
    return SiteFormValues(
        kind=site.kind.value, name_en=site.name_en, name_zh=site.name_zh, city=site.city,
        address_en=site.address_en, address_zh=site.address_zh, lat=_degrees(site.lat),
        lon=_degrees(site.lon), datum=Datum.WGS84.value,
        hours=format_hours(site.opening_hours), phone=site.phone, host_name=site.host.name,
        host_phone=site.host.phone, host_email=site.host.email, host_role=site.host.role,
        notes=site.notes)


def with_candidate(values: SiteFormValues, candidate: Candidate) -> SiteFormValues:
    """The form with a geocoder's candidate as its coordinates (geocoders answer in WGS84)."""
    return dataclasses.replace(values, lat=_degrees(round(candidate.lat, 6)),
                               lon=_degrees(round(candidate.lon, 6)),
                               datum=Datum.WGS84.value)


def lookup_query(values: SiteFormValues) -> str:
    """What to ask the geocoder: the Chinese address (OpenStreetMap in China knows Chinese
    best), else the English one, else the name and city."""
    for text in (values.address_zh, values.address_en):
        if text.strip():
            return text.strip()
    return " ".join(p.strip() for p in (values.name_zh or values.name_en, values.city)
                    if p.strip())


def _coordinates(values: SiteFormValues,
                 errors: dict[str, str]) -> tuple[float | None, float | None]:
    """Latitude and longitude in WGS84 from the datum they were typed in."""
    lat_text, lon_text = values.lat.strip().rstrip("°"), values.lon.strip().rstrip("°")
    if not lat_text and not lon_text:
        return None, None
    if not lat_text or not lon_text:
        errors["lat" if not lat_text else "lon"] = "give both latitude and longitude, or neither"
        return None, None
    parsed: dict[str, float | None] = {}
    for name, text, limit, label in (("lat", lat_text, 90, "latitude"),
                                     ("lon", lon_text, 180, "longitude")):
        try:
            parsed[name] = v.coordinate(text, label, limit)
        except ValidationError as error:
            errors[name] = error.reason
    lat, lon = parsed.get("lat"), parsed.get("lon")
    if lat is None or lon is None:
        return None, None
    try:
        datum = Datum(values.datum)
    except ValueError:
        errors["datum"] = "choose the datum the coordinates were copied in"
        return None, None
    return to_wgs84(lat, lon, datum)


def _namesake(workshop: Workshop, name: str, city: str, own_id: str | None) -> Site | None:
    """Another site with the same English name in the same city."""
    key = (normal_words(name), normal_words(city))
    return next((s for s in workshop.sites.values() if s.id != own_id
                 and (normal_words(s.name_en), normal_words(s.city)) == key), None)


def build_site(values: SiteFormValues, workshop: Workshop,
               base: Site | None = None) -> tuple[Site | None, dict[str, str]]:
    """The site the form describes (keeping ``base``'s id and source), or the errors by form
    field."""
    errors: dict[str, str] = {}
    lat, lon = _coordinates(values, errors)
    hours: dict[int, tuple[str, str]] = {}
    try:
        hours = parse_hours(values.hours)
    except ValidationError as error:
        errors["hours"] = error.reason
    if not values.name_en.strip():
        errors["name_en"] = "give the site an English name"
    if not values.city.strip():
        errors["city"] = "give the city (Beijing, Shanghai...)"
    if errors:
        return None, errors
    try:
        host = Contact(values.host_name, values.host_phone, values.host_email, values.host_role)
    except ValidationError as error:
        errors["host_" + error.field.removeprefix("contact ")] = error.reason
        return None, errors
    try:
        fields = dict(kind=values.kind, name_en=values.name_en.strip(),
                      name_zh=values.name_zh.strip(), city=values.city.strip(),
                      address_en=values.address_en.strip(),
                      address_zh=values.address_zh.strip(), lat=lat, lon=lon,
                      opening_hours=hours, host=host, phone=values.phone.strip(),
                      notes=values.notes)
        site = (dataclasses.replace(base, **fields) if base  # type: ignore[arg-type]
                else Site(**fields))  # type: ignore[arg-type]
        if base is not None and base.kind is SiteKind.HOTEL and site.kind is not SiteKind.HOTEL:
            stays = [s for s in workshop.stays.values() if s.hotel_id == base.id]
            if stays:
                raise ValidationError("kind", f"{base.name_en} is the hotel of {len(stays)} "
                                      "stay(s); it must stay a hotel")
    except ValidationError as error:
        errors[ERROR_FIELDS.get(error.field, "form")] = error.reason
        return None, errors
    twin = _namesake(workshop, site.name_en, site.city, base.id if base else None)
    if twin is not None:
        return None, {"name_en": f"{twin.city} already has a site called {twin.name_en!r}"}
    return site, {}


def activities_at(workshop: Workshop, site_id: str) -> list[Activity]:
    """The activities held at a site or travelling from or to it, in time order."""
    found = [a for a in workshop.activities.values() if site_id in a.site_ids()]
    return sorted(found, key=lambda a: (a.start, a.end, a.title))


def site_detail(site: Site, workshop: Workshop, limit: int = 12) -> str:
    """The detail pane: both names and addresses, coordinates, hours, host, activities."""
    lines = [f"{site.name_en}  {site.name_zh}".strip(),
             f"{kind_label(site.kind)} in {site.city}", ""]
    lines += [f"Address: {site.address_en or '-'}", f"地址: {site.address_zh or '-'}"]
    if site.lat is not None and site.lon is not None:
        g_lat, g_lon = wgs84_to_gcj02(site.lat, site.lon)
        lines.append(f"WGS84: {site.lat:.6f}, {site.lon:.6f}  (Amap GCJ-02: "
                     f"{g_lat:.6f}, {g_lon:.6f})")
    else:
        lines.append("Coordinates: none yet (e to edit, then look up the address)")
    lines.append(f"Open: {format_hours(site.opening_hours) or 'no hours recorded'}")
    if site.phone:
        lines.append(f"Phone: {site.phone}")
    lines.append(f"Host: {str(site.host) or 'not recorded'}")
    if site.notes:
        lines += ["", site.notes]
    held = activities_at(workshop, site.id)
    lines += ["", f"Activities here: {len(held) or 'none'}"]
    for activity in held[:limit]:
        start = activity.start.astimezone(v.SHANGHAI)
        lines.append(f"  {start:%a %d %b %H:%M} {activity.title}")
    if len(held) > limit:
        lines.append(f"  ... and {len(held) - limit} more")
    stays = [s for s in workshop.stays.values() if s.hotel_id == site.id]
    if stays:
        lines.append(f"Hotel stays: {len(stays)}")
    return "\n".join(lines)

"""Sites as CSV: import (checked in full, matched to the sites already known) and export.

A row matches a stored site by its ID column when it has one, else by English name and city
(accents, case and spacing ignored). Coordinates may be given in any datum, named in a datum
column (WGS84, GCJ-02 as Amap and Tencent show them, BD-09 as Baidu shows them); they are
stored in WGS84, and exported in WGS84 with the datum column saying so. Opening hours are one
cell, ``Mon-Fri 09:00-17:30; Sat 09:00-12:00``; empty means no hours are recorded. Columns the
file does not have are kept as they are on a matched site.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import time
from typing import Any

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.geo.datums import Datum, parse_datum, to_wgs84
from cistrat_tui.core.io.csv_files import (
    Change,
    ImportPlan,
    ImportRefused,
    Row,
    check_in_workshop,
    id_in_use,
    normal_words,
    read_table,
    row_problem,
    sort_problems,
    synonym_table,
    write_csv,
)
from cistrat_tui.core.memory import without_collector
from cistrat_tui.core.records import values as v
from cistrat_tui.core.records.model import Contact, Site, SiteKind
from cistrat_tui.core.records.workshop import Workshop

SPELLINGS: dict[str, tuple[str, ...]] = {
    "kind": ("type", "site type", "category", "类型", "类别"),
    "name_en": ("name", "english name", "name (english)", "site", "site name", "英文名",
                "英文名称"),
    "name_zh": ("chinese name", "name (chinese)", "chinese", "中文名", "中文名称", "名称"),
    "city": ("town", "城市", "市"),
    "address_en": ("address", "english address", "address (english)", "英文地址"),
    "address_zh": ("chinese address", "address (chinese)", "中文地址", "地址"),
    "lat": ("latitude", "纬度"),
    "lon": ("longitude", "lng", "long", "经度"),
    "datum": ("coordinate system", "coordinates datum", "crs", "坐标系"),
    "opening_hours": ("hours", "opening times", "open", "开放时间", "营业时间"),
    "phone": ("telephone", "tel", "电话"),
    "host_name": ("host", "contact", "contact person", "contact name", "联系人"),
    "host_phone": ("contact phone", "联系人电话"),
    "host_email": ("contact email", "联系人邮箱"),
    "host_role": ("contact role", "职务"),
    "notes": ("note", "remarks", "comments", "备注"),
    "source": ("sources",),
    "id": ("site id", "record id"),
}
SYNONYMS = synonym_table(SPELLINGS)
PLAIN = ("kind", "name_en", "name_zh", "city", "address_en", "address_zh", "phone", "notes",
         "source")
HOST = ("host_name", "host_phone", "host_email", "host_role")
HEADER = ("Kind", "English name", "Chinese name", "City", "English address", "Chinese address",
          "Latitude", "Longitude", "Datum", "Opening hours", "Phone", "Host name", "Host phone",
          "Host email", "Host role", "Notes", "Source", "ID")
KIND_WORDS = {
    "park": SiteKind.SCIENCE_PARK, "科技园": SiteKind.SCIENCE_PARK, "园区": SiteKind.SCIENCE_PARK,
    "institute": SiteKind.RESEARCH_INSTITUTE, "研究所": SiteKind.RESEARCH_INSTITUTE,
    "研究院": SiteKind.RESEARCH_INSTITUTE, "公司": SiteKind.COMPANY, "企业": SiteKind.COMPANY,
    "大学": SiteKind.UNIVERSITY, "会场": SiteKind.VENUE, "酒店": SiteKind.HOTEL,
    "宾馆": SiteKind.HOTEL, "station": SiteKind.RAIL_STATION, "火车站": SiteKind.RAIL_STATION,
    "高铁站": SiteKind.RAIL_STATION, "机场": SiteKind.AIRPORT, "餐厅": SiteKind.RESTAURANT,
}
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_WORDS = {**{name: (n,) for n, name in enumerate(DAY_NAMES)},
              **{f"周{c}": (n,) for n, c in enumerate("一二三四五六日")},
              **{f"星期{c}": (n,) for n, c in enumerate("一二三四五六日")},
              "周天": (6,), "星期天": (6,), "daily": tuple(range(7)), "everyday": tuple(range(7)),
              "weekdays": tuple(range(5)), "工作日": tuple(range(5)), "每天": tuple(range(7))}
_TO = r"\s*(?:-|\u2013|~|to|至)\s*"  # a hyphen, an en dash, a tilde, 'to' or 至
_SPAN = re.compile(r"^(?P<days>.*?)\s*(?P<open>\d{1,2}:\d{2})" + _TO
                   + r"(?P<close>\d{1,2}:\d{2})$")


def _day(word: str) -> tuple[int, ...]:
    key = word.strip().casefold().replace(" ", "").rstrip(".")
    if key in _DAY_WORDS:
        return _DAY_WORDS[key]
    if len(key) >= 3 and key[:3] in DAY_NAMES and key in (
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            *DAY_NAMES, "tues", "thur", "thurs"):
        return (DAY_NAMES.index(key[:3]),)
    raise ValidationError("opening hours", f"{word.strip()!r} is not a day (Mon ... Sun)")


def _days(text: str) -> list[int]:
    """'Mon-Fri, Sun' as weekday numbers."""
    found: list[int] = []
    for item in re.split(r"[,、/]", text):
        if not item.strip():
            continue
        ends = re.split(_TO, item.strip())
        if len(ends) == 2:
            first, last = _day(ends[0]), _day(ends[1])
            if len(first) != 1 or len(last) != 1 or last[0] < first[0]:
                raise ValidationError("opening hours", f"{item.strip()!r} is not a range of "
                                      "days such as Mon-Fri")
            found += range(first[0], last[0] + 1)
        elif len(ends) == 1:
            found += _day(ends[0])
        else:
            raise ValidationError("opening hours", f"{item.strip()!r} is not a day or range")
    if not found:
        raise ValidationError("opening hours", "name the days, such as Mon-Fri 09:00-17:30")
    return found


def parse_hours(text: str) -> dict[int, tuple[str, str]]:
    """``Mon-Fri 09:00-17:30; Sat 09:00-12:00`` as hours by weekday (0 = Monday)."""
    hours: dict[int, tuple[str, str]] = {}
    for part in re.split("[;\uff1b\n]", text):  # a semicolon, also the full-width one
        part = part.strip()
        if not part:
            continue
        match = _SPAN.match(part)
        if not match:
            raise ValidationError("opening hours", f"{part!r} is not days and hours, such as "
                                  "Mon-Fri 09:00-17:30")
        span = (match["open"].zfill(5), match["close"].zfill(5))
        for day in _days(match["days"]):
            if day in hours:
                raise ValidationError("opening hours", f"{DAY_NAMES[day].title()} is given "
                                      "twice")
            hours[day] = span
    return hours


def format_hours(hours: dict[int, tuple[time, time]]) -> str:
    """Hours by weekday as one cell, consecutive days with the same hours as a range."""
    parts: list[str] = []
    days = sorted(hours)
    start = 0
    while start < len(days):
        end = start
        while end + 1 < len(days) and days[end + 1] == days[end] + 1 \
                and hours[days[end + 1]] == hours[days[start]]:
            end += 1
        first, last = DAY_NAMES[days[start]].title(), DAY_NAMES[days[end]].title()
        opens, closes = hours[days[start]]
        label = first if start == end else f"{first}-{last}"
        parts.append(f"{label} {opens:%H:%M}-{closes:%H:%M}")
        start = end + 1
    return "; ".join(parts)


def _kind(text: str) -> SiteKind:
    key = text.strip().casefold()
    if key in KIND_WORDS:
        return KIND_WORDS[key]
    return v.enum_value(SiteKind, text, "kind")


def _degrees(text: str) -> str:
    """A coordinate cell tidied: degree sign dropped, a decimal comma made a point."""
    text = text.strip().rstrip("°").strip()
    return text.replace(",", ".") if re.fullmatch(r"-?\d+,\d+", text) else text


def _values(row: Row, before: Site | None) -> dict[str, Any]:
    """The Site fields a row gives, converted: kind, WGS84 coordinates, hours, host."""
    cells = row.cells
    values: dict[str, Any] = {name: cells[name] for name in PLAIN if name in cells}
    if "kind" in values:
        values["kind"] = _kind(values["kind"]) if values["kind"] or before is None \
            else before.kind
    if "lat" in cells and "lon" in cells:
        lat = v.coordinate(_degrees(cells["lat"]), "latitude", 90)
        lon = v.coordinate(_degrees(cells["lon"]), "longitude", 180)
        datum = parse_datum(cells.get("datum") or Datum.WGS84)
        if lat is not None and lon is not None:
            lat, lon = to_wgs84(lat, lon, datum)
        values["lat"], values["lon"] = lat, lon
    if "opening_hours" in cells:
        values["opening_hours"] = parse_hours(cells["opening_hours"])
    given = {name.removeprefix("host_"): cells[name] for name in HOST if name in cells}
    if given:
        host = before.host.to_dict() if before else {}
        try:
            values["host"] = Contact(**{**host, **given})
        except ValidationError as error:
            raise ValidationError(error.field.replace("contact", "host"), error.reason) \
                from None
    return values


@without_collector
def plan_site_import(data: bytes, workshop: Workshop) -> ImportPlan:
    """Check a sites file against the workshop: the plan of every change, or ImportRefused
    that lists every bad row. Changes nothing."""
    table = read_table(data, SYNONYMS, required=("name_en",), what="sites")
    if ("lat" in table.fields) != ("lon" in table.fields):
        raise ImportRefused(["the file has a column for only one of latitude and longitude; "
                             "give both"])
    has_city = "city" in table.fields
    by_id = workshop.sites
    by_key: dict[tuple[str, str], list[Site]] = {}
    for site in workshop.sites.values():
        by_key.setdefault(_key(site.name_en, site.city, has_city), []).append(site)
    problems: list[str] = list(table.problems)
    changes: list[Change] = []
    unchanged = 0
    claimed: dict[str, int] = {}
    new_keys: dict[tuple[str, str], int] = {}
    for row in table.rows:
        try:
            record_id = v.check_id(row.cells["id"], "id") if row.cells.get("id") else None
            key = _key(row.cells.get("name_en", ""), row.cells.get("city", ""), has_city)
            found = by_key.get(key, [])
            if record_id in by_id:
                before: Site | None = by_id[record_id]
            elif len(found) > 1:
                raise ValidationError("English name", f"{found[0].name_en!r} in "
                                      f"{found[0].city!r} matches {len(found)} sites; add the "
                                      "ID column to tell them apart")
            else:
                before = found[0] if found else None
            values = _values(row, before)
            if before is None:
                for needed, example in (("kind", "science park, company, hotel..."),
                                        ("city", "Beijing, Shanghai...")):
                    if needed not in values:
                        raise ValidationError(needed, f"is needed for a new site; add a "
                                              f"{needed.title()} column ({example})")
            if before is not None:
                after = dataclasses.replace(before, **values)
            elif record_id and not id_in_use(workshop, record_id):
                after = Site(**values, id=record_id)  # from another database: keep it
            else:
                after = Site(**values)
        except ValidationError as error:
            problems.append(row_problem(row.number, error))
            continue
        if after.id in claimed:
            problems.append(f"row {row.number}: the same site as row {claimed[after.id]} "
                            f"({after.name_en!r} in {after.city!r}); keep one of the two rows")
            continue
        claimed[after.id] = row.number
        if before is None:
            if key in new_keys:
                problems.append(f"row {row.number}: {after.name_en!r} in {after.city!r} is "
                                f"already on row {new_keys[key]}")
                continue
            new_keys[key] = row.number
        if before is not None and before.to_dict() == after.to_dict():
            unchanged += 1
        else:
            changes.append(Change(row.number, before, after))
    check_in_workshop(workshop, changes, problems)
    if problems:
        raise ImportRefused(sort_problems(problems))
    return ImportPlan("sites", table, changes, unchanged)


def _key(name: str, city: str, has_city: bool) -> tuple[str, str]:
    return normal_words(name), normal_words(city) if has_city else ""


def _number(value: float | None) -> str:
    return "" if value is None else repr(value)


def sites_csv(workshop: Workshop) -> bytes:
    """Every site as CSV bytes for Excel, by city then English name; coordinates in WGS84."""
    sites = sorted(workshop.sites.values(),
                   key=lambda s: (s.city.casefold(), s.name_en.casefold(), s.id))
    rows = [[s.kind.value.replace("_", " "), s.name_en, s.name_zh, s.city, s.address_en,
             s.address_zh, _number(s.lat), _number(s.lon),
             "WGS84" if s.has_coordinates else "", format_hours(s.opening_hours), s.phone,
             s.host.name, s.host.phone, s.host.email, s.host.role, s.notes, s.source, s.id]
            for s in sites]
    return write_csv(HEADER, rows)

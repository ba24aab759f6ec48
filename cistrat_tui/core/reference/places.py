"""Reference facts shipped with the app: places (and, beside them, holidays, rail and flight times).

The CSV files live in ``cistrat_tui/data/reference/`` (the package ``cistrat_tui.data``) and are
read through :mod:`importlib.resources`, so they work from an installed wheel as well as from a
checkout. Each reference place gets a stable id, ``place_id(key)``: a UUID derived from its key,
the same in every database, so a place added from the reference list twice is one place.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import uuid
from datetime import time
from importlib import resources
from typing import Any

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records import values as v
from cistrat_tui.core.records.model import WEEKDAYS, Site

DATA_PACKAGE = "cistrat_tui.data"

# Fixed namespace for reference place ids: never change it, or every stored id changes.
PLACE_NAMESPACE = uuid.UUID("6f1d2c3e-8a4b-5c6d-9e0f-a1b2c3d4e5f6")

_DAY_NAMES = {name[:3].lower(): number for number, name in enumerate(WEEKDAYS)}
_HOURS_PART = re.compile(
    r"^(?P<first>[A-Za-z]{3})(?:\s*-\s*(?P<last>[A-Za-z]{3}))?\s+"
    r"(?P<opens>\d{1,2}:\d{2})\s*-\s*(?P<closes>\d{1,2}:\d{2})$")


def read_reference_csv(name: str) -> list[dict[str, str]]:
    """The rows of ``data/reference/<name>`` as dicts, read from the installed package."""
    resource = resources.files(DATA_PACKAGE) / "reference" / name
    with resource.open("rb") as handle:
        content = handle.read().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


def place_key(key: str) -> str:
    """A reference key in its canonical form: stripped and lower case ("PEK" -> "pek")."""
    return key.strip().lower()


def place_id(ref_key: str) -> str:
    """The stable UUID of the reference place ``ref_key``, the same in every database."""
    return str(uuid.uuid5(PLACE_NAMESPACE, place_key(ref_key)))


def parse_opening_hours(value: str, field: str = "opening hours") -> dict[int, tuple[time, time]]:
    """Hours such as ``"Mon-Fri 09:00-17:30; Sat 09:00-12:00"`` by weekday (0 = Monday).

    Empty text gives no hours, which a Site reads as "always open".
    """
    hours: dict[int, tuple[time, time]] = {}
    for part in filter(None, (p.strip() for p in value.split(";"))):
        match = _HOURS_PART.match(part)
        if not match:
            raise ValidationError(field, f"{part!r} is not like 'Mon-Fri 09:00-17:30'")
        try:
            first = _DAY_NAMES[match["first"].lower()]
            last = _DAY_NAMES[(match["last"] or match["first"]).lower()]
        except KeyError as error:
            raise ValidationError(field, f"{error.args[0]!r} is not a weekday") from None
        if last < first:
            raise ValidationError(field, f"{part!r}: the days run backwards")
        opens = v.to_time(match["opens"].zfill(5), field)
        closes = v.to_time(match["closes"].zfill(5), field)
        for day in range(first, last + 1):
            hours[day] = (opens, closes)
    return hours


def _site_from_row(row: dict[str, str]) -> Site:
    """A Site from one row of places.csv; the confidence goes into ``source`` with the source."""
    key = row["id"]
    confidence = row.get("confidence", "").strip()
    source = row.get("source", "").strip()
    provenance = "; ".join(p for p in (f"coordinates: {confidence}" if confidence else "",
                                        f"source: {source}" if source else "") if p)
    try:
        # Raw text for kind and coordinates: Site checks and converts them.
        raw: dict[str, Any] = dict(
            id=place_id(key), kind=row["kind"], name_en=row["name_en"], city=row["city"],
            name_zh=row.get("name_zh", ""), address_en=row.get("address_en", ""),
            address_zh=row.get("address_zh", ""), lat=row.get("lat"), lon=row.get("lon"),
            opening_hours=parse_opening_hours(row.get("opening_hours", "")),
            phone=row.get("phone", ""), notes=row.get("notes", ""),
            source=f"reference place {place_key(key)!r}; {provenance}",
        )
        return Site(**raw)
    except ValidationError as error:
        raise ValidationError(error.field, error.reason, f"reference place {key!r}") from None


@functools.cache
def _places() -> tuple[tuple[str, Site], ...]:
    """(key, Site) for every row of places.csv, parsed once."""
    rows = read_reference_csv("places.csv")
    places = tuple((place_key(row["id"]), _site_from_row(row)) for row in rows)
    keys = [key for key, _ in places]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValidationError("id", f"places.csv repeats the keys {', '.join(duplicates)}",
                              "reference place")
    return places


def load_places() -> list[Site]:
    """Every reference place (parks, host institute, stations, airports), in file order."""
    return [site for _, site in _places()]


def place_keys() -> list[str]:
    """The keys of the reference places, in file order ("tuspark", "beijing-south", "pek"...)."""
    return [key for key, _ in _places()]


def place_by_key(key: str) -> Site:
    """The reference place with this key; KeyError naming the known keys when there is none."""
    wanted = place_key(key)
    for known, site in _places():
        if known == wanted:
            return site
    raise KeyError(f"no reference place {key!r}; known: {', '.join(place_keys())}")

"""Parsing and checking of single field values, shared by every record.

Each function takes what a form, a CSV cell or the database holds and returns a proper Python
value, or raises :class:`ValidationError` that names the field and says what was expected.
"""

from __future__ import annotations

import math
import re
import uuid
from datetime import date, datetime, time
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.plain_text import printable

DEFAULT_TIMEZONE = "Asia/Shanghai"
SHANGHAI = ZoneInfo(DEFAULT_TIMEZONE)

E = TypeVar("E", bound=StrEnum)

# The dates a workshop can plausibly have. A typo such as 0207 for 2027, or a date far in the
# future, would otherwise be accepted, and then make every day in between a page of the
# itinerary (year 0001 gave 109 MB files) or overflow the calendar's year range (9999).
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2099, 12, 31)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def new_id() -> str:
    """A new record id: a random UUID string, never reused."""
    return str(uuid.uuid4())


def check_id(value: object, field: str = "id") -> str:
    """An id must be a UUID string; it is returned in its one canonical spelling (lower case,
    with hyphens), so that the same UUID written two ways is never two different ids."""
    if not isinstance(value, str):
        raise ValidationError(field, f"expected an id (UUID text), got {value!r}")
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise ValidationError(field, f"{value!r} is not a valid id (UUID text)") from None


def enum_value(enum: type[E], value: object, field: str) -> E:
    """Turn text into a member of ``enum``, listing the known values when it is not one."""
    if isinstance(value, enum):
        return value
    try:
        return enum(str(value).strip().lower().replace(" ", "_").replace("-", "_"))
    except ValueError:
        known = ", ".join(member.value.replace("_", " ") for member in enum)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ValidationError(field, f"choose one of: {known}") from None
        raise ValidationError(field, f"{value!r} is not one of: {known}") from None


def text(value: object, field: str, *, required: bool = False, max_length: int = 4000) -> str:
    """A text field: stripped of surrounding blanks and of control characters (an escape
    sequence in a name would be replayed by every terminal that shows it), within a sane
    length."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, f"expected text, got {value!r}")
    value = printable(value).strip()
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValidationError(field, f"contains a broken character at position {error.start + 1}"
                              " (not valid Unicode text); retype or paste it again") from None
    if required and not value:
        raise ValidationError(field, "must not be empty")
    if len(value) > max_length:
        raise ValidationError(field, f"is {len(value)} characters long; at most {max_length}")
    return value


def email(value: object, field: str = "email") -> str:
    """An email address, or empty text; checked loosely (one @, a dot in the domain)."""
    value = text(value, field, max_length=254)
    if value and not _EMAIL.match(value):
        raise ValidationError(field, f"{value!r} is not an email address")
    return value


def plausible(day: date, field: str, earliest: date = EARLIEST_DATE,
              latest: date = LATEST_DATE) -> date:
    """``day`` if it lies between ``earliest`` and ``latest``; else ValidationError."""
    if not earliest <= day <= latest:
        raise ValidationError(field, f"{day.isoformat()} is outside the dates this app plans "
                              f"for ({earliest.isoformat()} to {latest.isoformat()}); is the "
                              "year mistyped?")
    return day


def to_date(value: object, field: str, earliest: date = EARLIEST_DATE,
            latest: date = LATEST_DATE) -> date:
    """A calendar date that exists, from a ``date`` or ``YYYY-MM-DD`` text, between
    ``earliest`` and ``latest`` (by default the years a workshop can plausibly have)."""
    if isinstance(value, datetime):
        raise ValidationError(field, f"expected a date without a time, got {value.isoformat()}")
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(
                field, f"{value!r} is not a date that exists (expected YYYY-MM-DD)"
            ) from None
    if isinstance(value, date):
        return plausible(value, field, earliest, latest)
    raise ValidationError(field, f"expected a date (YYYY-MM-DD), got {value!r}")


def to_time(value: object, field: str) -> time:
    """A time of day to the minute, from a ``time`` or ``HH:MM`` text.

    ``HH:MM:00`` (as spreadsheets write it) is accepted; a time with seconds is refused rather
    than silently cut, because records are saved to the minute."""
    if isinstance(value, str):
        try:
            value = time.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(
                field, f"{value!r} is not a time of day (expected HH:MM, 00:00 to 23:59)"
            ) from None
    if not isinstance(value, time):
        raise ValidationError(field, f"expected a time of day (HH:MM), got {value!r}")
    if value.second or value.microsecond:
        raise ValidationError(field, f"{value.isoformat()} has seconds; give the time to the "
                              "minute (HH:MM)")
    return value.replace(tzinfo=None)


def to_datetime(value: object, field: str) -> datetime:
    """A timezone-aware date and time, from a ``datetime`` or ISO 8601 text with an offset.

    Naive values are refused: a time without a zone is eight hours off for a trainee abroad.
    """
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(
                field,
                f"{value!r} is not a date and time that exists (expected YYYY-MM-DD HH:MM)",
            ) from None
    if not isinstance(value, datetime):
        raise ValidationError(field, f"expected a date and time, got {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(field, f"{value.isoformat(' ', 'minutes')} has no time zone; give "
                              "it with its UTC offset (+08:00 for China)")
    plausible(value.date(), field)
    return value


def local_datetime(day: date, at: time, zone: str = DEFAULT_TIMEZONE) -> datetime:
    """The aware datetime for a wall-clock time on a day in ``zone``."""
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone))


def timezone_name(value: object, field: str = "time zone") -> str:
    """An IANA time zone name that this machine knows, such as Asia/Shanghai."""
    name = text(value, field, required=True, max_length=64)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a folder of the zone database such as "Asia" is not a zone.
        raise ValidationError(field, f"{name!r} is not a known time zone (for China use "
                              f"{DEFAULT_TIMEZONE})") from None
    return name


def coordinate(value: object, field: str, limit: float) -> float | None:
    """A latitude (limit 90) or longitude (limit 180) in decimal degrees, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError(field, f"expected a number of degrees, got {value!r}")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValidationError(field, f"{value!r} is not a number of degrees") from None
    if math.isnan(number):
        raise ValidationError(field, f"{value!r} is not a number of degrees")
    if not -limit <= number <= limit:
        hint = ""
        if limit == 90 and abs(number) <= 180:
            hint = "; is it the longitude? latitude comes first (Beijing is 39.9, 116.4)"
        raise ValidationError(field, f"{number} is out of range (-{limit} to {limit} "
                              f"degrees){hint}")
    return number

"""The plain values of a calendar event and the text rules every event follows.

:class:`EventText` is everything one event says, as hashable plain data: the exporter
fingerprints it for the ledger, shares equal events between calendars, and tests read it
without parsing iCalendar. The helpers here (cleaning, place lines) are the one place each
rule lives. Privacy is the one rule of :mod:`cistrat_tui.exports.privacy`, as for every output
meant for others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import ActivityKind, Site, SiteKind, Status, TravelMode

UID_DOMAIN = "cistrat-tui"
REDACTED = "[trainee details removed]"

KIND_NAMES = {
    ActivityKind.VISIT: "Visit", ActivityKind.LECTURE: "Lecture", ActivityKind.MEAL: "Meal",
    ActivityKind.TRAVEL: "Travel", ActivityKind.CHECK_IN: "Check-in",
    ActivityKind.FREE_TIME: "Free time",
}
MODE_NAMES = {
    TravelMode.COACH: "Coach", TravelMode.HIGH_SPEED_RAIL: "Train", TravelMode.FLIGHT: "Flight",
    TravelMode.METRO: "Metro", TravelMode.TAXI: "Taxi", TravelMode.WALK: "Walk",
}
ICS_STATUS = {Status.PLANNED: "TENTATIVE", Status.CONFIRMED: "CONFIRMED",
              Status.CANCELLED: "CANCELLED"}
# Endings dropped from station and airport names in a summary: "Beijing South -> ...".
_SHORT_SUFFIXES = (" Railway Station", " Railway station", " Train Station", " Station",
                   " International Airport", " Airport")
# Control characters other than tab and newline: not allowed in iCalendar text (RFC 5545
# 3.3.11 excludes CONTROL), and C1 controls, which some clients show as boxes.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class View(StrEnum):
    """Who reads a calendar: what its events may show."""

    GROUP = "group"
    STAFF = "staff"
    TRAINEE = "trainee"


@dataclass(frozen=True, slots=True)
class EventText:
    """Everything one event says, as plain values (hashable, so equal events are shared).

    ``start`` and ``end`` are aware datetimes, or dates for an all-day event (a hotel stay;
    ``end`` exclusive). ``sequence`` and ``last_modified`` are the activity's own; the ledger
    decides what the file carries."""

    uid: str
    summary: str
    start: datetime | date
    end: datetime | date
    last_modified: datetime
    sequence: int
    status: str
    category: str
    description: str
    location: str = ""
    geo: tuple[float, float] | None = None
    url: str = ""
    transparent: bool = False
    alarm_before: timedelta | None = None


def clean(text: str) -> str:
    """Text as iCalendar may carry it: CR LF and lone CR become newlines; other control
    characters (forbidden in iCalendar text) are dropped."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    """Cleaned text on one line (for names, summaries and locations)."""
    return " ".join(clean(text).split())


def activity_uid(activity: Activity) -> str:
    """The event UID: from the activity's own id, the same in every calendar and export."""
    return f"{activity.id}@{UID_DOMAIN}"


def stay_uid(stay_id: str) -> str:
    """The UID of a hotel stay's all-day event."""
    return f"{stay_id}-stay@{UID_DOMAIN}"


def short_name(site: Site) -> str:
    """A station or airport without its ending ("Beijing South"); other sites in full."""
    name = one_line(site.name_en)
    if site.kind in (SiteKind.RAIL_STATION, SiteKind.AIRPORT):
        for suffix in _SHORT_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix):
                return name[: -len(suffix)]
    return name


def place_line(site: Site) -> str:
    """A site's English name and address, then its Chinese name and address (for a driver),
    on one line and without control characters."""
    english = ", ".join(one_line(p) for p in (site.name_en, site.address_en) if p.strip())
    chinese = ", ".join(one_line(p) for p in (site.name_zh, site.address_zh) if p.strip())
    return f"{english} / {chinese}" if chinese else english



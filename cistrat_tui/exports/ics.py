"""Calendar files (.ics) for the group, the staff and each trainee.

A trainee should import (or better, subscribe to) **their own calendar only**: it holds every
activity they take part in, their seats and their hotel stays. The group calendar holds the
same events for everyone (under the same UIDs), so a client that shows it beside a personal
calendar shows each shared activity twice; it is for noticeboards and hosts. The staff
calendar adds internal notes and bookings and is not for trainees.

Trainees import these into Google Calendar, Outlook, Apple Calendar or Thunderbird, weeks
ahead and from their home time zone, and import them again when the plan changes (or
subscribe to the published calendar, see :mod:`cistrat_tui.delivery.publish`). So:

- every event's UID comes from its activity's (or stay's) own id: the same in every file and
  every export, so that a re-import updates instead of duplicating;
- SEQUENCE and LAST-MODIFIED come from the publication ledger (:mod:`.ics_ledger`): they rise
  whenever the event's text changes in any way, and an unchanged event is written byte for
  byte as before; an event that disappeared from a calendar is written there as
  STATUS:CANCELLED until the coordinator clears old cancellations;
- no METHOD: RFC 4791 forbids it in published (CalDAV) objects and the same bytes go there;
  with METHOD:PUBLISH, RFC 5546 would require an ORGANIZER on every event and DTSTAMP would be
  the time of each export (so nothing would stay byte for byte the same). Apple Calendar and
  Thunderbird export without METHOD, and Google, Outlook, Apple and Thunderbird all import
  such files as plain events;
- every time carries TZID (the programme's zone, Asia/Shanghai) and the file holds one VTIMEZONE
  for it covering only the years in use (Outlook mishandles the obsolete 1986-1991 Chinese
  daylight-saving rules), without the COMMENT icalendar puts directly in VTIMEZONE (RFC 5545
  allows it only in STANDARD and DAYLIGHT);
- the bytes are exactly what icalendar writes (CRLF, folding, UTF-8 without a byte-order mark),
  written atomically, after the ledger is saved.

What each event says, and to whom, is decided in :mod:`cistrat_tui.exports.ics_events`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, vText

from cistrat_tui import __version__
from cistrat_tui.core.errors import CistratError
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.ledger import LedgerEntry
from cistrat_tui.core.records.model import Trainee
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.store.fileio import atomic_write_bytes
from cistrat_tui.exports.filenames import unique_stems
from cistrat_tui.exports.ics_alarms import Alarms, plan_reminders
from cistrat_tui.exports.ics_events import EventMaker, build_event
from cistrat_tui.exports.ics_ledger import LedgerBook, Stamped
from cistrat_tui.exports.ics_text import UID_DOMAIN, EventText, View, clean

__all__ = ["Alarms", "CalendarError", "CalendarExport", "CalendarFile", "View",
           "build_calendars", "build_export", "write_calendars"]

PRODID = f"-//CASTED//cistrat-tui {__version__}//EN"


class CalendarError(CistratError):
    """A calendar cannot be made as asked (for example, an unknown trainee)."""


class LedgerSink(Protocol):
    """Where an export saves its ledger changes: the store (:meth:`WorkshopStore.put_all`)."""

    def put_all(self, records: Iterable[LedgerEntry], *,
                removed: Iterable[LedgerEntry] = ()) -> object: ...


@dataclass(frozen=True, slots=True)
class CalendarFile:
    """One calendar ready to write: its file stem, whose it is (``key`` is its name in the
    ledger: "group", "staff" or the trainee's id), and its events as stamped."""

    stem: str
    view: View
    calendar: Calendar
    events: int
    trainee_id: str | None = None
    key: str = ""
    items: tuple[Stamped, ...] = ()
    vtimezone: Timezone | None = None

    @property
    def filename(self) -> str:
        return f"{self.stem}.ics"

    def to_bytes(self) -> bytes:
        """The file's bytes, exactly as icalendar writes them."""
        data: bytes = self.calendar.to_ical()
        return data


@dataclass(frozen=True, slots=True)
class CalendarExport:
    """Every calendar of one export, and the ledger entries it changed (to be saved)."""

    files: list[CalendarFile]
    changes: list[LedgerEntry]
@dataclass(frozen=True, slots=True)
class WrittenCalendar:
    """A calendar file written to disk."""

    path: Path
    view: View
    events: int


def years_in_use(workshop: Workshop, zone: ZoneInfo) -> tuple[date, date]:
    """January 1 of the first year the programme or any activity touches, and January 1 after
    the last one: the span the VTIMEZONE must cover."""
    days = [workshop.programme.start_date, workshop.programme.end_date]
    for activity in workshop.activities.values():
        days += [activity.start.astimezone(zone).date(), activity.end.astimezone(zone).date()]
    return date(min(days).year, 1, 1), date(max(days).year + 1, 1, 1)


def trainee_stems(workshop: Workshop) -> dict[str, str]:
    """Each trainee's file stem, from their name; unique case-insensitively even when two
    namesakes' ids begin alike (then the whole id is appended, so no file overwrites another)."""
    return unique_stems([(t.id, t.name) for t in workshop.trainees.values()], "trainee")


def timezone_component(workshop: Workshop, zone: ZoneInfo) -> Timezone:
    """The programme zone's VTIMEZONE for the years in use, with no COMMENT directly in it."""
    first, last = years_in_use(workshop, zone)
    vtimezone = Timezone.from_tzid(workshop.programme.timezone, first_date=first,
                                   last_date=last)
    vtimezone.pop("COMMENT", None)
    return vtimezone


def _calendar(workshop: Workshop, view: View, name: str, uid: str,
              vtimezone: Timezone) -> Calendar:
    programme = workshop.programme
    coordinator = str(programme.coordinator)
    about = [f"{clean(programme.title)}, {programme.start_date} to {programme.end_date}.",
             f"Times are local times in {programme.timezone}."]
    if coordinator:
        about.append(f"Coordinator: {clean(coordinator)}")
    if view is View.STAFF:
        about.append("Staff calendar: includes internal notes; do not share with trainees.")
    elif view is View.GROUP:
        about.append("Group calendar for noticeboards and hosts. Trainees: use your own "
                     "calendar instead of this one (both hold the same activities).")
    calendar = Calendar.new(prodid=PRODID, calscale="GREGORIAN", uid=uid)
    # Set as escaped TEXT: icalendar 7.3's ``calendar_name``/``description`` setters write
    # X-WR-CALNAME and NAME unescaped, so a comma splits the name and a newline fails.
    name = " ".join(clean(name).split())
    for key, value in (("NAME", name), ("X-WR-CALNAME", name),
                       ("DESCRIPTION", "\n".join(about)), ("X-WR-CALDESC", "\n".join(about))):
        calendar[key] = vText(value)
    calendar["X-WR-TIMEZONE"] = vText(programme.timezone)
    calendar.add_component(vtimezone)
    return calendar


def _texts(maker: EventMaker, workshop: Workshop, activities: Sequence[Activity],
           view: View, owner: Trainee | None, alarms: Alarms) -> list[EventText]:
    """One calendar's events (its activities, then its hotel stays), with their reminders."""
    mine = [a for a in activities if owner is None or a.participants.includes(owner)]
    texts = [maker.text(a, view, owner) for a in mine]
    leads = plan_reminders((maker.slot(a) for a in mine), alarms, maker.zone)
    if leads:
        texts = [replace(t, alarm_before=leads[t.uid]) if t.uid in leads else t for t in texts]
    stays = sorted(workshop.stays.values(), key=lambda s: (s.check_in, s.check_out, s.id))
    texts += [maker.stay_text(s, view) for s in stays
              if owner is None or s.participants.includes(owner)]
    return texts


def build_export(workshop: Workshop, trainee_id: str | None = None, *,
                 alarms: Alarms | None = None,
                 stamp: datetime | None = None) -> CalendarExport:
    """The group, staff and every trainee's calendar (or only ``trainee_id``'s), stamped by
    the workshop's ledger, with the ledger entries that changed.

    ``stamp`` is the export time (default: now): the LAST-MODIFIED of what changed now;
    ``alarms`` sets the reminders' lead times. Personal calendars are ordered by name.
    """
    if trainee_id is not None and trainee_id not in workshop.trainees:
        raise CalendarError(f"no trainee has the id {trainee_id!r}")
    zone = ZoneInfo(workshop.programme.timezone)
    stamp = stamp or datetime.now(UTC)
    maker = EventMaker(workshop, zone, stamp)
    book = LedgerBook(workshop.ledger, stamp, zone)
    vtimezone = timezone_component(workshop, zone)
    title = workshop.programme.title
    base_uid = f"{workshop.programme.id}"
    activities = workshop.ordered_activities()
    stems = trainee_stems(workshop)
    alarms = alarms or Alarms()

    jobs: list[tuple[str, View, str, str, str]] = []
    if trainee_id is None:
        jobs += [("group", View.GROUP, title, f"{base_uid}-group@{UID_DOMAIN}", "group"),
                 ("staff", View.STAFF, f"{title} (staff)", f"{base_uid}-staff@{UID_DOMAIN}",
                  "staff")]
        trainees = sorted(workshop.trainees.values(), key=lambda t: (t.name.casefold(), t.id))
    else:
        trainees = [workshop.trainees[trainee_id]]
    jobs += [(f"trainee-{stems[t.id]}", View.TRAINEE, f"{title}: {t.name}",
              f"{base_uid}-{t.id}@{UID_DOMAIN}", t.id) for t in trainees]

    files = []
    for stem, view, name, uid, key in jobs:
        calendar = _calendar(workshop, view, name, uid, vtimezone)
        owner = workshop.trainees.get(key) if view is View.TRAINEE else None
        texts = _texts(maker, workshop, activities, view, owner, alarms)
        items = [book.stamp_event(key, text) for text in texts]
        items += book.cancellations(key, (text.uid for text in texts))
        for item in items:
            calendar.add_component(maker.event(item.text, item.sequence, item.last_modified))
        files.append(CalendarFile(stem, view, calendar, len(texts), owner.id if owner else None,
                                  key, tuple(items), vtimezone))
    return CalendarExport(files, list(book.changed.values()))


def build_calendars(workshop: Workshop, trainee_id: str | None = None, *,
                    alarms: Alarms | None = None,
                    stamp: datetime | None = None) -> list[CalendarFile]:
    """The calendars of :func:`build_export`, without saving its ledger changes (a preview)."""
    return build_export(workshop, trainee_id, alarms=alarms, stamp=stamp).files


def write_calendars(workshop: Workshop, folder: str | Path, trainee_id: str | None = None, *,
                    alarms: Alarms | None = None, stamp: datetime | None = None,
                    ledger: LedgerSink | None = None) -> list[WrittenCalendar]:
    """Write the calendars of :func:`build_export` to ``folder``, each atomically; returns
    what was written, in order (group, staff, then trainees by name).

    With ``ledger`` (the store), the ledger changes are saved first, in one save: a file
    written after a failed save could carry a SEQUENCE the ledger does not know."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    export = build_export(workshop, trainee_id, alarms=alarms, stamp=stamp)
    if ledger is not None and export.changes:
        ledger.put_all(export.changes)
    written = []
    for file in export.files:
        path = folder / file.filename
        atomic_write_bytes(path, file.to_bytes())
        written.append(WrittenCalendar(path, file.view, file.events))
    return written


def event_resources(file: CalendarFile) -> list[tuple[str, bytes]]:
    """Each event of ``file`` as its own iCalendar object (a CalDAV resource: one UID, the
    VTIMEZONE, no METHOD), with its UID; cancellations included."""
    found = []
    for item in file.items:
        calendar = Calendar.new(prodid=PRODID, calscale="GREGORIAN")
        if file.vtimezone is not None and isinstance(item.text.start, datetime):
            calendar.add_component(file.vtimezone)
        calendar.add_component(build_event(item.text, item.sequence, item.last_modified))
        data: bytes = calendar.to_ical()
        found.append((item.text.uid, data))
    return found

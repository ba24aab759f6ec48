"""Calendar files (.ics) for the group, the staff and each trainee.

Trainees import these into Google Calendar, Outlook, Apple Calendar or Thunderbird, weeks
ahead and from their home time zone, and import them again when the plan changes. So:

- every event's UID comes from its activity's own id: the same in every file and every export,
  so that a re-import updates instead of duplicating, and the group and a personal calendar
  imported side by side show an activity once;
- SEQUENCE is the activity's revision (it rises only when something a trainee sees changes); a
  cancelled activity stays in the file as STATUS:CANCELLED;
- every time carries TZID (the programme's zone, Asia/Shanghai) and the file holds one VTIMEZONE
  for it covering only the years in use: Outlook mishandles the obsolete 1986-1991 Chinese
  daylight-saving rules a full history would include;
- the bytes are exactly what icalendar writes (CRLF, folding, UTF-8 without a byte-order mark),
  written atomically.

What each event says, and to whom, is decided in :mod:`cistrat_tui.exports.ics_events`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, vText

from cistrat_tui import __version__
from cistrat_tui.core.errors import CistratError
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.store.fileio import atomic_write_bytes
from cistrat_tui.exports.filenames import unique_stems
from cistrat_tui.exports.ics_events import UID_DOMAIN, Alarms, EventMaker, View, clean

__all__ = ["Alarms", "CalendarError", "CalendarFile", "View", "build_calendars",
           "write_calendars"]

PRODID = f"-//CASTED//cistrat-tui {__version__}//EN"


class CalendarError(CistratError):
    """A calendar cannot be made as asked (for example, an unknown trainee)."""


@dataclass(frozen=True, slots=True)
class CalendarFile:
    """One calendar ready to write: its file stem, whose it is, and how many events it holds."""

    stem: str
    view: View
    calendar: Calendar
    events: int
    trainee_id: str | None = None

    @property
    def filename(self) -> str:
        return f"{self.stem}.ics"

    def to_bytes(self) -> bytes:
        """The file's bytes, exactly as icalendar writes them."""
        data: bytes = self.calendar.to_ical()
        return data


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
    calendar = Calendar.new(prodid=PRODID, method="PUBLISH", calscale="GREGORIAN", uid=uid)
    # Set as escaped TEXT: icalendar 7.3's ``calendar_name``/``description`` setters write
    # X-WR-CALNAME and NAME unescaped, so a comma splits the name and a newline fails.
    name = " ".join(clean(name).split())
    for key, value in (("NAME", name), ("X-WR-CALNAME", name),
                       ("DESCRIPTION", "\n".join(about)), ("X-WR-CALDESC", "\n".join(about))):
        calendar[key] = vText(value)
    calendar["X-WR-TIMEZONE"] = vText(programme.timezone)
    calendar.add_component(vtimezone)
    return calendar


def build_calendars(workshop: Workshop, trainee_id: str | None = None, *,
                    alarms: Alarms | None = None,
                    stamp: datetime | None = None) -> list[CalendarFile]:
    """The group, staff and every trainee's calendar (or only ``trainee_id``'s).

    ``stamp`` is the export time written as every DTSTAMP (default: now); ``alarms`` sets the
    reminders' lead times. Personal calendars are ordered by the trainee's name.
    """
    if trainee_id is not None and trainee_id not in workshop.trainees:
        raise CalendarError(f"no trainee has the id {trainee_id!r}")
    zone = ZoneInfo(workshop.programme.timezone)
    stamp = stamp or datetime.now(UTC)
    maker = EventMaker(workshop, zone, stamp, alarms or Alarms())
    first, last = years_in_use(workshop, zone)
    vtimezone = Timezone.from_tzid(workshop.programme.timezone, first_date=first,
                                   last_date=last)
    title = workshop.programme.title
    base_uid = f"{workshop.programme.id}"
    activities = workshop.ordered_activities()
    stems = trainee_stems(workshop)

    jobs: list[tuple[str, View, str, str, str | None]] = []
    if trainee_id is None:
        jobs += [("group", View.GROUP, title, f"{base_uid}-group@{UID_DOMAIN}", None),
                 ("staff", View.STAFF, f"{title} (staff)", f"{base_uid}-staff@{UID_DOMAIN}",
                  None)]
        trainees = sorted(workshop.trainees.values(), key=lambda t: (t.name.casefold(), t.id))
    else:
        trainees = [workshop.trainees[trainee_id]]
    jobs += [(f"trainee-{stems[t.id]}", View.TRAINEE, f"{title}: {t.name}",
              f"{base_uid}-{t.id}@{UID_DOMAIN}", t.id) for t in trainees]

    files = []
    for stem, view, name, uid, owner_id in jobs:
        calendar = _calendar(workshop, view, name, uid, vtimezone)
        owner = workshop.trainees[owner_id] if owner_id else None
        count = 0
        for activity in activities:
            if owner is not None and not activity.participants.includes(owner):
                continue
            calendar.add_component(maker.event(maker.text(activity, view, owner)))
            count += 1
        files.append(CalendarFile(stem, view, calendar, count, owner_id))
    return files


def write_calendars(workshop: Workshop, folder: str | Path, trainee_id: str | None = None, *,
                    alarms: Alarms | None = None,
                    stamp: datetime | None = None) -> list[WrittenCalendar]:
    """Write the calendars of :func:`build_calendars` to ``folder``, each atomically; returns
    what was written, in order (group, staff, then trainees by name)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file in build_calendars(workshop, trainee_id, alarms=alarms, stamp=stamp):
        path = folder / file.filename
        atomic_write_bytes(path, file.to_bytes())
        written.append(WrittenCalendar(path, file.view, file.events))
    return written

"""A workshop from one year to the next: an empty new programme, or last year's re-dated.

:func:`new_programme` gives a programme with the reference places (parks, the host institute,
stations, airports) and nothing else to undo. :func:`redated_copy` moves every activity and
hotel stay of an old programme by the same whole number of weeks, so each keeps its weekday,
and gives each a new id (so calendar UIDs never collide with last year's); sites keep theirs.
What belonged to last year only (bookings, seats, service numbers, confirmations, closures and,
unless asked, the trainees) is cleared, and every such change is said in the copy's ``notes``,
so nothing is dropped silently. Both front ends call these functions and write the result with
:func:`cistrat_tui.core.store.opening.create_database`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records import values as v
from cistrat_tui.core.records.activity import Activity, Stay
from cistrat_tui.core.records.model import Audience, Contact, Participants, Programme, Status
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference.places import load_places

PUBLIC_EMERGENCY_ROLE = "Public emergency number in China"
PUBLIC_EMERGENCY_NUMBERS = (Contact("Ambulance", "120", "", PUBLIC_EMERGENCY_ROLE),
                            Contact("Police", "110", "", PUBLIC_EMERGENCY_ROLE))
NAMES_LISTED = 5  # titles named in a note before "and N more"


def new_programme(title: str, start: date, end: date, base_city: str = "Beijing") -> Workshop:
    """An empty programme from ``start`` to ``end``: the reference places as its sites (with
    their ids, so a later copy or import finds them), the public emergency numbers, and no
    activities, trainees, stays or closures."""
    programme = Programme(title, start, end, base_city=base_city,
                          emergency_contacts=PUBLIC_EMERGENCY_NUMBERS)
    return Workshop(programme, sites={site.id: site for site in load_places()})


@dataclass
class RedatedCopy:
    """A re-dated copy: the new workshop, how many days everything moved, what was changed."""

    workshop: Workshop
    shift_days: int
    notes: list[str] = field(default_factory=list)


def weekday_keeping_starts(old_start: date, wanted: date) -> tuple[date, date]:
    """The start dates nearest ``wanted`` (before and after) on ``old_start``'s weekday."""
    back = (wanted - old_start).days % 7
    return wanted - timedelta(days=back), wanted + timedelta(days=(7 - back) % 7 or 7)


def check_same_weekday(old_start: date, new_start: date) -> None:
    """Refuse a new start on another weekday than the old one, naming the nearest that keep it."""
    if (new_start - old_start).days % 7 == 0:
        return
    before, after = weekday_keeping_starts(old_start, new_start)
    raise ValidationError("start", f"{new_start:%a %Y-%m-%d} is a {new_start:%A}, but the "
                          f"programme starts on a {old_start:%A} ({old_start}); every activity "
                          f"keeps its weekday, so start on {before:%a %Y-%m-%d} or "
                          f"{after:%a %Y-%m-%d}")


def _moved(moment: datetime, days: int, zone: ZoneInfo) -> datetime:
    """``moment`` the same wall-clock time ``days`` later on the programme's clock."""
    local = moment.astimezone(zone)
    return (local.replace(tzinfo=None) + timedelta(days=days)).replace(tzinfo=zone)


def _listed(titles: list[str]) -> str:
    shown = ", ".join(repr(t) for t in titles[:NAMES_LISTED])
    more = len(titles) - NAMES_LISTED
    return shown + (f" and {more} more" if more > 0 else "")


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _title_for(old: Programme, start: date, title: str | None) -> str:
    """The new title: the one given, else the old one with its year moved along."""
    if title:
        return title
    if start.year == old.start_date.year:
        return old.title
    return re.sub(rf"\b{old.start_date.year}\b", str(start.year), old.title)


def _participants(value: Participants, kept: set[str]) -> tuple[Participants, bool]:
    """Who takes part in the copy: the same, unless it names trainees who were not copied;
    then everyone, and True (the caller says so and keeps the names in the staff notes)."""
    if value.audience is not Audience.NAMED or kept.issuperset(value.trainee_ids):
        return value, False
    return Participants(), True


def redated_copy(old: Workshop, start: date, *, title: str | None = None,
                 with_trainees: bool = False) -> RedatedCopy:
    """``old`` moved to start on ``start`` (same weekday, see the module text)."""
    check_same_weekday(old.programme.start_date, start)
    days = (start - old.programme.start_date).days
    zone = ZoneInfo(old.programme.timezone)
    shift = timedelta(days=days)
    programme = replace(old.programme, id=v.new_id(), title=_title_for(old.programme, start,
                                                                          title),
                        start_date=old.programme.start_date + shift,
                        end_date=old.programme.end_date + shift)
    trainees = dict(old.trainees) if with_trainees else {}
    kept = set(trainees)
    copy = Workshop(programme, sites=dict(old.sites), trainees=trainees)
    notes: list[str] = [f"Moved {days:+d} days ({days // 7:+d} weeks): "
                        f"{old.programme.start_date} to {old.programme.end_date} became "
                        f"{programme.start_date} to {programme.end_date}."]
    booked: list[str] = []
    replanned: list[str] = []
    widened: list[str] = []
    now = datetime.now(v.SHANGHAI).replace(microsecond=0)
    for activity in old.ordered_activities():
        participants, lost = _participants(activity.participants, kept)
        note = activity.internal_notes
        if lost:
            widened.append(activity.title)
            names = ", ".join(old.trainees[t].name if t in old.trainees else t
                              for t in activity.participants.trainee_ids)
            note = "\n".join(p for p in (note, f"Last year for: {names}.") if p)
        if activity.booking_ref or activity.seats or activity.service_number \
                or activity.status is Status.CONFIRMED:
            booked.append(activity.title)
        if activity.status is Status.CANCELLED:
            replanned.append(activity.title)
        copy.put(Activity(
            activity.kind, activity.title, _moved(activity.start, days, zone),
            _moved(activity.end, days, zone), site_id=activity.site_id,
            from_site_id=activity.from_site_id, to_site_id=activity.to_site_id,
            mode=activity.mode, participants=participants, status=Status.PLANNED,
            description=activity.description, what_to_bring=activity.what_to_bring,
            dress_code=activity.dress_code, meeting_point=activity.meeting_point,
            internal_notes=note, updated_at=now))
    stays_booked = 0
    for stay in sorted(old.stays.values(), key=lambda s: (s.check_in, s.id)):
        participants, lost = _participants(stay.participants, kept)
        if lost:
            widened.append(f"stay at {old.sites[stay.hotel_id].name_en}")
        stays_booked += bool(stay.booking_ref)
        copy.put(Stay(stay.hotel_id, stay.check_in + shift, stay.check_out + shift,
                            participants=participants, notes=stay.notes))
    notes.append(f"New ids for {_plural(len(copy.activities), 'activity', 'activities')} and "
                 f"{_plural(len(copy.stays), 'stay', 'stays')} (calendar events will not "
                 f"collide with last year's); {_plural(len(copy.sites), 'site', 'sites')} "
                 "kept as they were.")
    if booked or stays_booked:
        notes.append(f"Bookings cleared and back to planned: "
                     f"{_plural(len(booked), 'activity', 'activities')} (booking references, "
                     f"seats, service numbers, confirmations) and "
                     f"{_plural(stays_booked, 'hotel booking', 'hotel bookings')}.")
    if replanned:
        notes.append(f"Cancelled last year, planned again (cancel them if they still do not "
                     f"happen): {_listed(replanned)}.")
    if not with_trainees and old.trainees:
        notes.append(f"Trainees left out: {_plural(len(old.trainees), 'trainee', 'trainees')} "
                     "(--with-trainees keeps them).")
    if widened:
        notes.append(f"For everyone now, since the trainees they named were left out "
                     f"(their names are in the staff notes): {_listed(widened)}.")
    if old.closures:
        notes.append(f"Closures not copied (they were for last year's dates): "
                     f"{_listed([c.reason for c in old.closures.values()])}.")
    return RedatedCopy(copy, days, notes)

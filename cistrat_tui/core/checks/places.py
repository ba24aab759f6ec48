"""Checks of each activity against its place and date: opening hours, working days,
coordinates, stations and airports, and who takes part; days that a coming holiday notice may
still change. (The programme's dates are checked in :mod:`.edges`.)

Working days. Parks, institutes, companies and universities keep office days: a visit or
lecture there on a weekend or public holiday cannot happen (error), a meal there looks wrong
(warning). A visit or lecture at a hotel, venue or restaurant on such a day may be deliberate
(warning); a meal there is normal. Travel, check-in and free time on weekends are normal.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cistrat_tui.core.checks.base import Context, Problem, Severity, day_text, local, named
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import WEEKDAYS, ActivityKind, Site, SiteKind, TravelMode

OFFICE_KINDS = frozenset({SiteKind.SCIENCE_PARK, SiteKind.RESEARCH_INSTITUTE, SiteKind.COMPANY,
                          SiteKind.UNIVERSITY})
VISIT_KINDS = frozenset({ActivityKind.VISIT, ActivityKind.LECTURE})
DATED_KINDS = VISIT_KINDS | {ActivityKind.MEAL}
NAMED_ON_DAY = 3  # activities named in an uncertain-day warning before "and N more"
ENDS = {TravelMode.HIGH_SPEED_RAIL: (SiteKind.RAIL_STATION, "train-not-at-station",
                                     "a railway station"),
        TravelMode.FLIGHT: (SiteKind.AIRPORT, "flight-not-at-airport", "an airport")}


def _kind(activity: Activity) -> str:
    return activity.kind.value.replace("_", " ")


def _day_off(ctx: Context, activity: Activity, site: Site) -> tuple[Severity, str] | None:
    """Why the activity's place does not work on its day, with the severity; None when it
    does (or when it does not matter: a meal at a hotel on a Sunday)."""
    day = local(activity.start).date()
    reason = ctx.calendar.why_site_closed(site.id, day)
    if reason is None:
        return None
    office = site.kind in OFFICE_KINDS
    if activity.kind is ActivityKind.MEAL and not office \
            and reason == ctx.calendar.why_not(day):
        return None  # only the weekend or holiday: hotels and restaurants serve then
    severity = Severity.ERROR if office and activity.kind in VISIT_KINDS else Severity.WARNING
    return severity, reason


def check_working_days(ctx: Context) -> Iterable[Problem]:
    """A visit, lecture or meal on a day its place does not work (see the module text)."""
    for activity in ctx.activities:
        if activity.kind not in DATED_KINDS or activity.site_id not in ctx.sites:
            continue
        site = ctx.sites[activity.site_id]
        off = _day_off(ctx, activity, site)
        if off is not None:
            day = local(activity.start).date()
            yield ctx.problem(off[0], "non-working-day",
                              f"The {_kind(activity)} {named(activity)} at {site.name_en} is "
                              f"on {day_text(day)}, not a working day: {off[1]}.", day,
                              activity.id)


def check_uncertain_days(ctx: Context) -> Iterable[Problem]:
    """Visits and lectures on a working day that the year's holiday notice, not out yet, may
    still turn into a day off: one warning per day, naming its activities."""
    on_day: dict[date, list[Activity]] = {}
    uncertain: dict[date, bool] = {}  # asked once per day, not once per activity
    for activity in ctx.activities:
        if activity.kind not in VISIT_KINDS:
            continue
        day = local(activity.start).date()
        if day not in uncertain:
            uncertain[day] = ctx.calendar.is_uncertain(day) and ctx.calendar.is_working_day(day)
        if uncertain[day]:
            on_day.setdefault(day, []).append(activity)
    for day, activities in sorted(on_day.items()):
        shown = ", ".join(named(a) for a in activities[:NAMED_ON_DAY])
        more = len(activities) - NAMED_ON_DAY
        if more > 0:
            shown += f" and {more} more"
        yield ctx.problem(Severity.WARNING, "uncertain-day",
                          f"On {day_text(day)}, {shown}: {ctx.calendar.note(day)}.", day,
                          *(a.id for a in activities))


def check_opening_hours(ctx: Context) -> Iterable[Problem]:
    """A visit or lecture (error) or meal (warning) outside its site's opening hours."""
    for activity in ctx.activities:
        if activity.kind not in DATED_KINDS or activity.site_id not in ctx.sites:
            continue
        site = ctx.sites[activity.site_id]
        start, end = local(activity.start), local(activity.end)
        day = start.date()
        hours = ctx.calendar.site_hours(site, day)
        severity = Severity.ERROR if activity.kind in VISIT_KINDS else Severity.WARNING
        weekday = WEEKDAYS[day.weekday()]
        if hours is None:
            if _day_off(ctx, activity, site) is not None:
                continue  # reported as a non-working day, with the reason
            text = f"{site.name_en} is closed on {weekday}s"
        elif end.date() != day or start.time() < hours[0] or end.time() > hours[1]:
            text = f"{site.name_en} is open {hours[0]:%H:%M}-{hours[1]:%H:%M} on {weekday}s"
        else:
            continue
        yield ctx.problem(severity, "outside-opening-hours",
                          f"The {_kind(activity)} {named(activity)} on {day_text(day)} is "
                          f"outside the opening hours: {text}.", day, activity.id)


def check_sites(ctx: Context) -> Iterable[Problem]:
    """Sites without coordinates; trains not between stations, flights not between airports."""
    users: dict[str, list[str]] = {}
    for activity in ctx.activities:
        for site_id in activity.site_ids():
            users.setdefault(site_id, []).append(activity.id)
        mode = activity.mode
        ends = ENDS.get(mode) if mode is not None else None
        if mode is None or ends is None:
            continue
        kind, code, what = ends
        wrong = [ctx.sites[s] for s in (activity.from_site_id, activity.to_site_id)
                 if s in ctx.sites and ctx.sites[s].kind is not kind]
        if wrong:
            listed = " and ".join(f"{s.name_en} ({s.kind.value.replace('_', ' ')})"
                                  for s in wrong)
            yield ctx.problem(Severity.WARNING, code,
                              f"{named(activity)} goes by {mode.value.replace('_', ' ')}"
                              f", but {listed} is not {what}: add the transfer legs.",
                              local(activity.start).date(), activity.id)
    for site_id, activity_ids in users.items():
        site = ctx.sites.get(site_id)
        if site is not None and not site.has_coordinates:
            count = len(activity_ids)
            yield ctx.problem(Severity.WARNING, "site-without-coordinates",
                              f"{site.name_en} ({site.city}) has no coordinates, so travel "
                              f"to and from it cannot be checked; it is used by {count} "
                              f"activit{'y' if count == 1 else 'ies'}.", None, site_id,
                              *activity_ids)


def check_participants(ctx: Context) -> Iterable[Problem]:
    """An activity nobody takes part in (say, a group name that no trainee has)."""
    if not ctx.trainees:
        return
    for activity in ctx.activities:
        if not ctx.who(activity.participants):
            group = activity.participants.group
            why = f"no trainee is in group {group}" if group else "it names no trainee"
            yield ctx.problem(Severity.WARNING, "no-participants",
                              f"Nobody takes part in {named(activity)}: {why}.",
                              local(activity.start).date(), activity.id)

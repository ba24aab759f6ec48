"""What the checks share: the Problem record, and a Context that indexes a workshop once.

Every rule module (``checks_times``, ``checks_nights``, ``checks_places``) reads the workshop
through :class:`Context`, which sorts the activities once, works out each activity's trainees
once per distinct :class:`Participants` value, and builds each trainee's timeline, so that the
whole check stays near O(activities x log activities) per trainee.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from cistrat_tui.core.planning.travel import Journey, TravelModel
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import ActivityKind, Participants, Site, Trainee, TravelMode
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference.calendar import WorkingCalendar

TICKETED_MODES = frozenset({TravelMode.HIGH_SPEED_RAIL, TravelMode.FLIGHT})
NAMES_SHOWN = 3  # trainees named in a message before "and N more"
WHO = "\x00who\x00"  # stands for the trainees sharing a problem, filled in at the end
Key = tuple[str, ...]


class Severity(StrEnum):
    """ERROR: the programme cannot work as written. WARNING: it looks wrong."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing in the programme that cannot work or looks wrong."""

    severity: Severity
    code: str  # stable, kebab-case: what kind of problem
    message: str  # a sentence for the coordinator, naming the records and times
    day: date | None  # the local day it concerns, None for undated
    record_ids: tuple[str, ...]  # the records at fault; the first is the one to jump to


class Gathered:
    """Problems that many trainees share, gathered under one key with the trainees' ids."""

    def __init__(self) -> None:
        self.trainees: dict[Key, set[str]] = {}
        self.details: dict[Key, tuple[Severity, str, date | None, tuple[str, ...], str]] = {}

    def join(self, key: Key, trainee_ids: Iterable[str]) -> bool:
        """Count the trainees in the problem under ``key``; True when the key is new, and
        the caller then describes it with :meth:`put` (formatting is the slow part, so it is
        done once per problem, not once per trainee)."""
        sharing = self.trainees.get(key)
        if sharing is None:
            self.trainees[key] = set(trainee_ids)
            return True
        sharing.update(trainee_ids)
        return False

    def put(self, key: Key, severity: Severity, code: str, day: date | None,
            ids: tuple[str, ...], text: str) -> None:
        """Describe a new problem; ``text`` may hold :data:`WHO`, filled in with the trainees
        sharing it."""
        self.details[key] = (severity, code, day, ids, text)

    def problems(self, ctx: Context) -> Iterable[Problem]:
        for key, (severity, code, day, ids, text) in self.details.items():
            yield ctx.problem(severity, code, text.replace(WHO, ctx.describe(self.trainees[key])),
                              day, *ids)


def local(moment: datetime) -> datetime:
    """``moment`` on the programme's clock (Asia/Shanghai)."""
    return moment.astimezone(SHANGHAI)


def clock(moment: datetime) -> str:
    return f"{local(moment):%H:%M}"


def day_text(day: date) -> str:
    """A date as a coordinator reads it: "Wed 17 Mar"."""
    return f"{day:%a} {day.day} {day:%b}"


def when(activity: Activity) -> str:
    """An activity's times: "09:30-12:00", with the end date when it ends another day."""
    start, end = local(activity.start), local(activity.end)
    if end.date() != start.date():
        return f"{start:%H:%M}-{day_text(end.date())} {end:%H:%M}"
    return f"{start:%H:%M}-{end:%H:%M}"


def named(activity: Activity) -> str:
    """An activity by title and times: "'Lunch at TusPark' (12:00-13:15)"."""
    return f"'{activity.title}' ({when(activity)})"


def minutes(span: float) -> str:
    """Minutes in words: "45 min", "3 h 20 min"."""
    whole = round(span)
    if whole < 60:
        return f"{whole} min"
    hours, rest = divmod(whole, 60)
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def place_before(activity: Activity) -> str | None:
    """Where a trainee must be when the activity starts; None for "wherever they are"."""
    return activity.from_site_id if activity.kind is ActivityKind.TRAVEL else activity.site_id


def place_after(activity: Activity) -> str | None:
    """Where the activity leaves a trainee; None for "where they were"."""
    return activity.to_site_id if activity.kind is ActivityKind.TRAVEL else activity.site_id


class Context:
    """A workshop indexed for checking: sorted activities, their trainees, each timeline."""

    def __init__(self, workshop: Workshop, calendar: WorkingCalendar,
                 travel: TravelModel) -> None:
        self.workshop = workshop
        self.programme = workshop.programme
        self.sites: dict[str, Site] = workshop.sites
        self.calendar = calendar
        self.travel = travel
        self.trainees: list[Trainee] = sorted(workshop.trainees.values(),
                                              key=lambda t: (t.name.casefold(), t.id))
        # Non-cancelled activities in time order; ties broken by title and id, so that
        # every rule walks them in the same, repeatable order.
        self.activities: list[Activity] = sorted(
            (a for a in workshop.activities.values() if not a.cancelled),
            key=lambda a: (a.start, a.end, a.title, a.id))
        self._who: dict[Participants, tuple[Trainee, ...]] = {}
        self.timelines: dict[str, list[Activity]] = {t.id: [] for t in self.trainees}
        for activity in self.activities:
            for trainee in self.who(activity.participants):
                self.timelines[trainee.id].append(activity)
        # Trainees who take part in exactly the same activities share one timeline, so each
        # rule walks it once (usually a handful of timelines for the whole group).
        shared: dict[tuple[str, ...], list[str]] = {}
        for trainee in self.trainees:
            shared.setdefault(tuple(a.id for a in self.timelines[trainee.id]), []).append(
                trainee.id)
        self.shared_timelines: list[tuple[tuple[str, ...], list[Activity]]] = [
            (tuple(ids), self.timelines[ids[0]]) for ids in shared.values()]
        self._groups = {g: frozenset(t.id for t in self.trainees if t.group == g)
                        for g in {t.group for t in self.trainees if t.group}}
        self._journeys: dict[tuple[str, str], Journey | None] = {}
        self._minutes: dict[tuple[str, str], int | None] = {}

    def who(self, participants: Participants) -> tuple[Trainee, ...]:
        """The trainees a Participants value includes (computed once per distinct value)."""
        found = self._who.get(participants)
        if found is None:
            found = self._who[participants] = tuple(
                t for t in self.trainees if participants.includes(t))
        return found

    def describe(self, trainee_ids: Iterable[str]) -> str:
        """A set of trainees in words: "everyone", "group A", or names ("and 4 more")."""
        ids = frozenset(trainee_ids)
        if len(ids) == len(self.trainees) and len(ids) > 1:
            return "everyone"
        for group, members in sorted(self._groups.items()):
            if ids == members and len(ids) > 1:
                return f"group {group}"
        names = [t.name for t in self.trainees if t.id in ids]
        if len(names) > NAMES_SHOWN + 1:
            return ", ".join(names[:NAMES_SHOWN]) + f" and {len(names) - NAMES_SHOWN} more"
        return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 \
            else "".join(names)

    def site_name(self, site_id: str | None) -> str:
        site = self.sites.get(site_id or "")
        return site.name_en if site else "an unknown place"

    def journey(self, from_id: str, to_id: str) -> Journey | None:
        """The travel model's door-to-door journey between two sites (cached), or None when
        either has no coordinates (that is a problem of its own)."""
        key = (from_id, to_id)
        if key not in self._journeys:
            a, b = self.sites.get(from_id), self.sites.get(to_id)
            if a is None or b is None or not a.has_coordinates or not b.has_coordinates:
                self._journeys[key] = None
            else:
                self._journeys[key] = self.travel.estimate(a, b)
        return self._journeys[key]

    def door_to_door(self, from_id: str, to_id: str) -> int | None:
        """Door-to-door minutes between two sites (0 for the same site), None when unknown."""
        if from_id == to_id:
            return 0
        key = (from_id, to_id)
        if key not in self._minutes:
            journey = self.journey(from_id, to_id)
            self._minutes[key] = None if journey is None else journey.minutes
        return self._minutes[key]

    def problem(self, severity: Severity, code: str, message: str, day: date | None,
                *record_ids: str) -> Problem:
        """A Problem, with repeated ids dropped (the first stays first)."""
        return Problem(severity, code, message, day, tuple(dict.fromkeys(record_ids)))

"""Working days in mainland China: weekends, public holidays and make-up working days.

The facts live in ``cistrat_tui/data/reference/holidays_cn_<year>.csv`` (one row per date:
``day_off`` or ``working_day``, the holiday's name, and ``status``: ``notice`` for a date from
the State Council's yearly notice, ``statutory`` for a statutory date known before the notice).
Every such file found is loaded, so a new year's notice is a data edit, not a code change. Until
a year's notice is in, the days near its statutory holidays are uncertain (:meth:`is_uncertain`,
said once by :meth:`uncertainty_note`). On top of the national calendar come the coordinator's
closures: a whole date, or one site on one date (:class:`Closure`); the stored closure records
(date ranges) become these in :func:`workshop_calendar`, the one place that builds a workshop's
calendar."""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records import values as v
from cistrat_tui.core.records.model import Site

if TYPE_CHECKING:
    from cistrat_tui.core.records.workshop import Workshop

DATA_PACKAGE = "cistrat_tui.data"
HOLIDAY_FILE = re.compile(r"^holidays_cn_(\d{4})\.csv$")
DAY_OFF = "day_off"
WORKING_DAY = "working_day"
NOTICE = "notice"
STATUTORY = "statutory"
# In a year without the official notice, days this close to a statutory holiday may still
# change: a weekend may become a make-up working day (2026: 28 Feb, nine days after the Spring
# Festival), a weekday a bridge or compensating day off (2026: Wed 7 Oct, four days after the
# statutory National Day). The test against the chinese-calendar package checks every 2026 day.
UNCERTAIN_WINDOW_DAYS = 10
BRIDGE_WINDOW_DAYS = 5
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKEND = {5: "Saturday", 6: "Sunday"}


@dataclass(frozen=True, slots=True)
class HolidayDate:
    """One row of a holidays file: a day off or a make-up working day."""

    day: date  # given as ISO text by the files, parsed on construction
    kind: str  # DAY_OFF or WORKING_DAY
    name: str  # the holiday, e.g. "National Day"
    status: str = NOTICE  # NOTICE or STATUTORY
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "day", v.to_date(self.day, "date"))
        if self.kind not in (DAY_OFF, WORKING_DAY):
            raise ValidationError("kind", f"{self.kind!r} is not {DAY_OFF} or {WORKING_DAY}",
                                  f"holiday {self.day}")
        if self.status not in (NOTICE, STATUTORY):
            raise ValidationError("status", f"{self.status!r} is not {NOTICE} or {STATUTORY}",
                                  f"holiday {self.day}")
        name = v.text(self.name, "name", required=True).removesuffix("(make-up working day)")
        object.__setattr__(self, "name", name.strip())


@dataclass(frozen=True, slots=True)
class Closure:
    """A closure the coordinator enters: the whole date (``site_id`` None) or one site."""

    date: date
    reason: str
    site_id: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "date", v.to_date(self.date, "closure date"))
        object.__setattr__(self, "reason", v.text(self.reason, "closure reason", required=True,
                                                  max_length=300))
        if self.site_id is not None:
            object.__setattr__(self, "site_id", v.check_id(self.site_id, "closure site"))


def read_holiday_files(folder: Traversable | None = None) -> list[HolidayDate]:
    """Every row of every ``holidays_cn_<year>.csv`` in ``folder`` (by default the shipped
    ``cistrat_tui/data/reference``), so a new year's notice is one more file."""
    if folder is None:
        folder = resources.files(DATA_PACKAGE) / "reference"
    rows: list[HolidayDate] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not HOLIDAY_FILE.match(entry.name):
            continue
        text = entry.read_bytes().decode("utf-8-sig")
        for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
            try:
                rows.append(HolidayDate(v.to_date(row["date"], "date"), row["kind"].strip(),
                                        row["name"],
                                        (row.get("status") or NOTICE).strip(),
                                        row.get("source") or ""))
            except (ValidationError, KeyError) as error:
                raise ValidationError("holidays", f"{entry.name} line {number}: {error}") from None
    return rows


def _span(first: date, last: date) -> str:
    """A short span such as "1-7 Oct", "5 Apr" or "30 Dec-1 Jan"."""
    if first == last:
        return f"{first.day} {_MONTHS[first.month - 1]}"
    if first.month == last.month:
        return f"{first.day}-{last.day} {_MONTHS[last.month - 1]}"
    return f"{first.day} {_MONTHS[first.month - 1]}-{last.day} {_MONTHS[last.month - 1]}"


def _days(start: date, end: date) -> Iterator[date]:
    for ordinal in range(start.toordinal(), end.toordinal() + 1):
        yield date.fromordinal(ordinal)


class WorkingCalendar:
    """Whether a date is a working day in China, and why not; immutable once built."""

    def __init__(self, holidays: Iterable[HolidayDate] = (),
                 closures: Iterable[Closure] = ()) -> None:
        self._holidays: dict[date, HolidayDate] = {}
        for row in holidays:
            if row.day in self._holidays:
                raise ValidationError("holidays", f"{row.day} is listed twice")
            self._holidays[row.day] = row
        self._notice_years = frozenset(r.day.year for r in self._holidays.values()
                                       if r.status == NOTICE)
        self._spans = self._holiday_spans()
        self._closures = tuple(closures)
        self._day_closed: dict[date, list[str]] = {}
        self._site_closed: dict[tuple[str, date], list[str]] = {}
        for closure in self._closures:
            if closure.site_id is None:
                self._day_closed.setdefault(closure.date, []).append(closure.reason)
            else:
                key = (closure.site_id, closure.date)
                self._site_closed.setdefault(key, []).append(closure.reason)

    @classmethod
    def default(cls) -> WorkingCalendar:
        """The calendar from the shipped data files, loaded once and shared."""
        return _default_calendar()

    def with_closures(self, closures: Iterable[Closure]) -> WorkingCalendar:
        """A copy of this calendar with ``closures`` added to the ones it has."""
        return WorkingCalendar(self._holidays.values(), (*self._closures, *closures))

    @property
    def closures(self) -> tuple[Closure, ...]:
        return self._closures

    def _holiday_spans(self) -> Mapping[date, tuple[date, date]]:
        """For each day off, the first and last day of its block (same name, consecutive)."""
        spans: dict[date, tuple[date, date]] = {}
        offs = sorted(d for d, r in self._holidays.items() if r.kind == DAY_OFF)
        block: list[date] = []
        for day in [*offs, None]:
            if block and (day is None or day - block[-1] != timedelta(days=1)
                          or self._holidays[day].name != self._holidays[block[-1]].name):
                for member in block:
                    spans[member] = (block[0], block[-1])
                block = []
            if day is not None:
                block.append(day)
        return spans

    def has_official_notice(self, year: int) -> bool:
        """Whether the State Council's notice for ``year`` (bridge days, make-up days) is in."""
        return year in self._notice_years

    def holiday(self, day: date) -> HolidayDate | None:
        """The holidays-file row for ``day`` (a day off or a make-up working day), if any."""
        return self._holidays.get(day)

    def is_makeup_working_day(self, day: date) -> bool:
        """A weekend day that the year's notice makes a working day."""
        row = self._holidays.get(day)
        return row is not None and row.kind == WORKING_DAY and day.weekday() >= 5

    def site_hours(self, site: Site, day: date) -> tuple[time, time] | None:
        """The site's opening hours on ``day``, a make-up working day counting as a normal
        working day (see :meth:`Site.open_on`); None when it is closed that weekday."""
        return site.open_on(day, self.is_makeup_working_day(day))

    def is_public_working_day(self, day: date) -> bool:
        """A working day by the national calendar alone (no coordinator closures)."""
        row = self._holidays.get(day)
        if row is not None:
            return row.kind == WORKING_DAY
        return day.weekday() < 5

    def is_working_day(self, day: date) -> bool:
        """A working day: not a weekend (unless a make-up day), holiday or whole-day closure."""
        return day not in self._day_closed and self.is_public_working_day(day)

    def why_not(self, day: date) -> str | None:
        """Why ``day`` is not a working day ("National Day holiday (1-7 Oct)", "Saturday", a
        closure's reason); None when it is one."""
        reasons = list(self._day_closed.get(day, ()))
        row = self._holidays.get(day)
        if row is not None and row.kind == DAY_OFF:
            first, last = self._spans[day]
            reasons.insert(0, f"{row.name} holiday ({_span(first, last)})")
        elif row is None and day.weekday() in _WEEKEND:
            reasons.insert(0, _WEEKEND[day.weekday()])
        return "; ".join(reasons) if reasons else None

    def note(self, day: date) -> str | None:
        """Something worth knowing about a day that is not a reason to skip it: a make-up
        working day, or a date the year's notice may still change."""
        row = self._holidays.get(day)
        if row is not None and row.kind == WORKING_DAY:
            return f"make-up working day for {row.name}"
        if self.has_official_notice(day.year):
            return None
        weekend = day.weekday() in _WEEKEND
        near = self._holidays_near(day)
        if row is not None:
            return (f"statutory {row.name} holiday; the {day.year} notice is not out yet, "
                    "so the whole holiday block is not known")
        if near:
            change = "a make-up working day" if weekend else "a day off"
            return (f"the {day.year} holiday notice is not out yet: this day may become "
                    f"{change} around {' and '.join(near)}")
        return None

    def _holidays_near(self, day: date) -> list[str]:
        """The statutory holidays close enough to ``day`` to change it (see the windows)."""
        weekend = day.weekday() in _WEEKEND
        window = timedelta(days=UNCERTAIN_WINDOW_DAYS if weekend else BRIDGE_WINDOW_DAYS)
        return sorted({r.name for d, r in self._holidays.items()
                       if r.kind == DAY_OFF and abs(d - day) <= window and d != day})

    def is_site_open(self, site_id: str, day: date) -> bool:
        """Whether a visit to the site can be planned on ``day``: a working day with no closure
        of that site. Opening hours by weekday are the Site's own business."""
        return self.is_working_day(day) and (site_id, day) not in self._site_closed

    def why_site_closed(self, site_id: str, day: date) -> str | None:
        """Why the site cannot be visited on ``day``; None when it can."""
        reasons = [r for r in [self.why_not(day)] if r]
        reasons.extend(self._site_closed.get((site_id, day), ()))
        return "; ".join(reasons) if reasons else None

    def working_days(self, start: date, end: date) -> list[date]:
        """The working days from ``start`` to ``end``, both included."""
        return [day for day in _days(start, end) if self.is_working_day(day)]

    def is_uncertain(self, day: date) -> bool:
        """Whether the year's notice, not out yet, may still change ``day``: a day near a
        statutory holiday that may become a bridge day off or a make-up working day (the
        statutory holiday itself stays a day off)."""
        if self.has_official_notice(day.year) or day in self._holidays:
            return False
        return self.note(day) is not None

    def uncertain_days(self, start: date, end: date) -> list[date]:
        """The days from ``start`` to ``end`` that a coming notice may change."""
        return [day for day in _days(start, end) if self.is_uncertain(day)]

    def uncertainty_note(self, start: date, end: date) -> str | None:
        """One sentence saying which days from ``start`` to ``end`` a coming notice may change,
        and how to add the notice; None when every year in the range has its notice."""
        days = self.uncertain_days(start, end)
        if not days:
            return None
        years = sorted({d.year for d in days})
        names = sorted({name for day in days for name in self._holidays_near(day)})
        weekdays = [d for d in days if d.weekday() not in _WEEKEND]
        weekends = [d for d in days if d.weekday() in _WEEKEND]
        parts = []
        if weekdays:
            parts.append(f"{_counted(weekdays, 'weekday')} ({_spans(weekdays)}) may become "
                         f"{'a day' if len(weekdays) == 1 else 'days'} off")
        if weekends:
            made_up = "a make-up working day" if len(weekends) == 1 else "make-up working days"
            parts.append(f"{_counted(weekends, 'weekend day')} ({_spans(weekends)}) may "
                         f"become {made_up}")
        notice = " and ".join(str(y) for y in years)
        return (f"The {notice} holiday notice is not out yet: {' and '.join(parts)} around "
                f"{' and '.join(names)}; when the notice "
                f"appears, put its dates in cistrat_tui/data/reference/holidays_cn_"
                f"{years[0]}.csv (status notice).")


def _counted(days: list[date], noun: str) -> str:
    return f"{len(days)} {noun}" + ("" if len(days) == 1 else "s")


def _spans(days: list[date]) -> str:
    """Days as short spans of consecutive days: "10 Sep, 13-14 Sep, 16-17 Sep"."""
    return ", ".join(_span(a, b) for a, b in _runs(days))


def _runs(days: list[date]) -> list[tuple[date, date]]:
    """Consecutive days gathered into (first, last) runs."""
    runs: list[tuple[date, date]] = []
    for day in days:
        if runs and day - runs[-1][1] == timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def workshop_calendar(workshop: Workshop,
                      base: WorkingCalendar | None = None) -> WorkingCalendar:
    """The working calendar the checks, the planner and the overview use for ``workshop``:
    ``base`` (the shipped national calendar by default) with the workshop's stored closures,
    each date of each closure range one :class:`Closure`."""
    base = base or WorkingCalendar.default()
    stored = sorted(workshop.closures.values(), key=lambda c: (c.first_date, c.id))
    if not stored:
        return base
    return base.with_closures(Closure(day, c.reason, c.site_id)
                              for c in stored for day in c.days())


@functools.cache
def _default_calendar() -> WorkingCalendar:
    return WorkingCalendar(read_holiday_files())

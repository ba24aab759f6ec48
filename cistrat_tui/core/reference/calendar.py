"""Working days in mainland China: weekends, public holidays and make-up working days.

The facts live in ``cistrat_tui/data/reference/holidays_cn_<year>.csv`` (one row per date:
``day_off`` or ``working_day``, the holiday's name, and ``status``: ``notice`` for a date from
the State Council's yearly notice, ``statutory`` for a statutory date known before the notice).
Every such file found is loaded, so a new year's notice is a data edit, not a code change. On
top of the national calendar the coordinator can add closures of their own: a whole date, or one
site on one date (:class:`Closure`)."""

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

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records import values as v
from cistrat_tui.core.records.model import Site

DATA_PACKAGE = "cistrat_tui.data"
HOLIDAY_FILE = re.compile(r"^holidays_cn_(\d{4})\.csv$")
DAY_OFF = "day_off"
WORKING_DAY = "working_day"
NOTICE = "notice"
STATUTORY = "statutory"
# In a year without the official notice, days this close to a statutory holiday may still
# become bridge days off or make-up working days.
UNCERTAIN_WINDOW_DAYS = 10
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKEND = {5: "Saturday", 6: "Sunday"}


@dataclass(frozen=True, slots=True)
class HolidayDate:
    """One row of a holidays file: a day off or a make-up working day."""

    day: date
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
                rows.append(HolidayDate(row["date"], row["kind"].strip(), row["name"],
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
        window = timedelta(days=UNCERTAIN_WINDOW_DAYS)
        near = sorted({r.name for d, r in self._holidays.items()
                       if r.kind == DAY_OFF and abs(d - day) <= window and d != day})
        if row is not None:
            return (f"statutory {row.name} holiday; the {day.year} notice is not out yet, "
                    "so the whole holiday block is not known")
        if near:
            return (f"the {day.year} holiday notice is not out yet: this day may become a day "
                    f"off or a make-up working day around {' and '.join(near)}")
        return None

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


@functools.cache
def _default_calendar() -> WorkingCalendar:
    return WorkingCalendar(read_holiday_files())

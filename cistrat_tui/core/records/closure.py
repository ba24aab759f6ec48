"""A closure the coordinator knows of: a range of dates when one site, or the whole programme,
does not work (a park's open day for investors, a citywide event, the institute's own holiday).

Closures are stored records like any other (table ``closures``); the working calendar is built
from them with :func:`cistrat_tui.core.reference.calendar.workshop_calendar`, so the checks, the
planner and the overview all see the same closed days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records import values as v

MAX_CLOSURE_DAYS = 366  # a longer range is a typo in a year, not a closure


@dataclass(frozen=True, slots=True)
class Closure:
    """Days from ``first_date`` to ``last_date`` (both included) when ``site_id`` is closed;
    ``site_id`` None closes the whole programme on those days."""

    first_date: date
    last_date: date
    reason: str
    site_id: str | None = None
    id: str = field(default_factory=v.new_id)

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "id", v.check_id(self.id))
        put(self, "first_date", v.to_date(self.first_date, "first date"))
        put(self, "last_date", v.to_date(self.last_date, "last date"))
        if self.last_date < self.first_date:
            raise ValidationError("last date", f"{self.last_date} is before the first date "
                                  f"{self.first_date}")
        if (self.last_date - self.first_date).days >= MAX_CLOSURE_DAYS:
            raise ValidationError("last date", f"{self.first_date} to {self.last_date} is "
                                  f"longer than {MAX_CLOSURE_DAYS} days")
        put(self, "reason", v.text(self.reason, "reason", required=True, max_length=300))
        if self.site_id in ("", None):
            put(self, "site_id", None)
        else:
            put(self, "site_id", v.check_id(self.site_id, "site"))

    def days(self) -> list[date]:
        """Every closed date, first to last."""
        return [date.fromordinal(n) for n in
                range(self.first_date.toordinal(), self.last_date.toordinal() + 1)]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "first_date": self.first_date.isoformat(),
                "last_date": self.last_date.isoformat(), "reason": self.reason,
                "site_id": self.site_id}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Closure:
        return cls(**data)

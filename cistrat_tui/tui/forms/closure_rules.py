"""The closure form's values and the checks that turn them into a Closure.

Free of Textual so the rules can be tested without a terminal. An empty site means the whole
programme is closed on those days.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.closure import Closure
from cistrat_tui.core.records.workshop import Workshop

WHOLE_PROGRAMME = ""  # the site choice that closes the whole programme
ERROR_FIELDS = {"first date": "first", "last date": "last", "reason": "reason", "site": "site"}


@dataclass
class ClosureValues:
    """The closure form as the coordinator filled it in."""

    site_id: str = WHOLE_PROGRAMME
    first: str = ""
    last: str = ""
    reason: str = ""


def values_from(closure: Closure) -> ClosureValues:
    return ClosureValues(closure.site_id or WHOLE_PROGRAMME, closure.first_date.isoformat(),
                         closure.last_date.isoformat(), closure.reason)


def new_values(day: date) -> ClosureValues:
    """A one-day closure of the whole programme on ``day`` (a blank last day: one day)."""
    return ClosureValues(WHOLE_PROGRAMME, day.isoformat(), "")


def build_closure(values: ClosureValues, workshop: Workshop,
                  base: Closure | None = None) -> tuple[Closure | None, dict[str, str]]:
    """The closure the form describes (keeping ``base``'s id), or the errors by form field."""
    fields = {"site_id": values.site_id or None, "first_date": values.first.strip(),
              "last_date": (values.last.strip() or values.first.strip()),
              "reason": values.reason}
    try:
        closure = replace(base, **fields) if base else Closure(**fields)  # type: ignore[arg-type]
        workshop.check_references(closure)
    except ValidationError as error:
        return None, {ERROR_FIELDS.get(error.field, "reason"): error.reason}
    programme = workshop.programme
    if closure.last_date < programme.start_date or closure.first_date > programme.end_date:
        return None, {"first": f"the programme runs {programme.start_date} to "
                               f"{programme.end_date}; this closure is outside it"}
    return closure, {}


def closure_label(workshop: Workshop, closure: Closure) -> str:
    """A closure in words: "9-10 Mar, whole programme: Institute anniversary"."""
    first, last = closure.first_date, closure.last_date
    when = f"{first:%d %b}" if first == last else f"{first:%d %b}-{last:%d %b}"
    site = workshop.sites.get(closure.site_id or "")
    where = site.name_en if site else "whole programme"
    return f"{when}, {where}: {closure.reason}"

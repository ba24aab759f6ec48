"""Where the problems list comes from: the core's checks, with a small stand-in until they land.

The core's ``cistrat_tui.core.checks.runner.check_workshop(workshop)`` returns problems with
severity ("error" or "warning"), code, message, day and record ids (the first is the record
to jump to).
Until that module exists the stand-in below finds only overlapping activities, so the app and
its tests work either way. Free of Textual: it runs in a worker thread.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from cistrat_tui.core.records.workshop import Workshop


class ProblemLike(Protocol):
    """What the app reads from a problem."""

    severity: str
    code: str
    message: str
    day: date | None
    record_ids: Sequence[str]


@dataclass(frozen=True, slots=True)
class StandInProblem:
    """A problem as the stand-in check reports it (same fields as the core's Problem)."""

    severity: str
    code: str
    message: str
    day: date | None = None
    record_ids: tuple[str, ...] = field(default_factory=tuple)


Checker = Callable[[Workshop], Sequence[Any]]


def overlaps(workshop: Workshop) -> list[StandInProblem]:
    """Activities for everyone that overlap in time (a stand-in for the core's checks)."""
    found = []
    active = [a for a in workshop.ordered_activities()
              if not a.cancelled and a.participants.audience.value == "everyone"]
    for first, second in itertools.pairwise(active):
        if second.start < first.end:
            found.append(StandInProblem(
                "error", "overlap",
                f"{second.title!r} starts at {second.start:%H:%M}, before {first.title!r} ends "
                f"at {first.end:%H:%M}", second.day, (second.id, first.id)))
    return found


def default_checker() -> Checker:
    """The core's check_workshop when it is installed, else the stand-in."""
    try:
        from cistrat_tui.core.checks.runner import check_workshop
    except ImportError:
        return overlaps
    return check_workshop


def snapshot(workshop: Workshop) -> Workshop:
    """A copy a worker thread can read while the coordinator keeps editing (records are
    frozen, so copying the tables is enough)."""
    return Workshop(workshop.programme, dict(workshop.sites), dict(workshop.trainees),
                    dict(workshop.activities), dict(workshop.stays), dict(workshop.ledger))

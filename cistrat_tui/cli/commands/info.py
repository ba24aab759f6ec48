"""``cistrat-tui info``: a summary of the workshop, read without taking the write lock."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cistrat_tui.cli.base import PROG, Command, open_store

if TYPE_CHECKING:
    from cistrat_tui.core.records.workshop import Workshop
    from cistrat_tui.core.store.repository import WorkshopStore


def _closures(workshop: Workshop) -> str:
    """The stored closures counted: "3 (1 of the whole programme, 2 of sites)"."""
    closures = list(workshop.closures.values())
    if not closures:
        return "0"
    whole = sum(1 for c in closures if c.site_id is None)
    days = len({day for c in closures for day in c.days()})
    return (f"{len(closures)} ({whole} of the whole programme, {len(closures) - whole} of "
            f"sites; {days} day{'' if days == 1 else 's'})")


def summary_lines(store: WorkshopStore) -> list[str]:
    """The ``info`` summary of a workshop, one fact a line."""
    workshop = store.workshop
    programme = workshop.programme
    activities = workshop.activities.values()
    cancelled = sum(1 for a in activities if a.cancelled)
    days = len(programme.days())
    facts = [
        ("Title", programme.title),
        ("Dates", f"{programme.start_date:%a %Y-%m-%d} to {programme.end_date:%a %Y-%m-%d}"),
        ("Days", str(days)),
        ("Cities", " → ".join(workshop.cities()) or programme.base_city),
        ("Sites", str(len(workshop.sites))),
        ("Trainees", str(len(workshop.trainees))),
        ("Activities", f"{len(activities)} ({cancelled} cancelled)"),
        ("Stays", str(len(workshop.stays))),
        ("Closures", _closures(workshop)),
        ("Database", str(Path(store.path).resolve())),
    ]
    width = max(len(label) for label, _ in facts) + 2
    return [f"{label + ':':<{width}}{value}" for label, value in facts]


def run_info(args: argparse.Namespace) -> int:
    """Print a summary of the workshop, reading the database without locking it for writing."""
    store, created = open_store(args, readonly=True)
    with store:
        if created:
            print(f"{PROG}: created {store.path} from the bundled sample workshop",
                  file=sys.stderr)
        print("\n".join(summary_lines(store)))
    return 0


COMMAND = Command("info", "print a summary of the workshop: dates, cities, counts", run_info)



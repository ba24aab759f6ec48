"""``cistrat-tui export roster``: the trainee roster as CSV, for Excel.

Written to ``<exports>/<programme>/roster.csv``, UTF-8 with a byte-order mark so that Excel
shows Chinese names right, in the columns ``cistrat-tui import trainees`` reads back. It holds
personal data (emails, phones, emergency contacts): it is for the organizers only.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from cistrat_tui.cli.base import Command, open_store
from cistrat_tui.core.records.workshop import Workshop


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", metavar="DIR",
                        help="exports folder (default: $CISTRAT_EXPORTS, else exports/); the "
                             "file goes to DIR/<programme>/")


def write_export(args: argparse.Namespace, file_name: str,
                 render: Callable[[Workshop], bytes], count: Callable[[Workshop], str]) -> int:
    """Render the workshop, write the file atomically and print its path and what it holds."""
    from cistrat_tui.core.store.fileio import atomic_write_bytes
    from cistrat_tui.exports.locations import programme_dir

    store, _created = open_store(args, readonly=True)
    with store:
        workshop = store.workshop
        folder = programme_dir(workshop, args.out)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / file_name
        atomic_write_bytes(path, render(workshop))
    print(f"{path}: {count(workshop)}")
    return 0


def _count(workshop: Workshop) -> str:
    n = len(workshop.trainees)
    return f"{n} trainee" + ("" if n == 1 else "s")


def run(args: argparse.Namespace) -> int:
    from cistrat_tui.core.io.roster_csv import roster_csv

    return write_export(args, "roster.csv", roster_csv, _count)


TARGET = Command("roster", "the trainee roster as CSV for Excel (personal data: organizers "
                 "only)", run, configure)

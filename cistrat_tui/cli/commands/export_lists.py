"""``cistrat-tui export rooming|meals|visitors|pickups``: the people-side lists as .xlsx and PDF.

Each list is one export target; its module (``export_rooming`` and so on) only names it, and the
options and the run live here, once for all four. Files go to ``<exports>/<programme>/lists/``;
each path is printed with what it holds. ``visitors`` writes one file per host (``--site`` for
one host only), each with that host's visits: passport numbers go to that host and no other.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from cistrat_tui.cli.base import Command, open_store

HELP = {
    "rooming": "rooming lists (.xlsx and PDF): a sheet per hotel stay, for the hotels",
    "meals": "meal counts by dietary need (.xlsx and PDF): a sheet per day, for the kitchens",
    "visitors": "hosts' visitor lists for security registration (.xlsx and PDF): one file "
                "per host, a sheet per visit (passport numbers: for that host only)",
    "pickups": "airport pickups and drop-offs (.xlsx and PDF): a sheet per day, for staff "
               "and drivers",
}


def configure(which: str) -> Callable[[argparse.ArgumentParser], None]:
    def add_options(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--out", metavar="DIR",
                            help="exports folder (default: $CISTRAT_EXPORTS, else exports/); "
                                 "files go to DIR/<programme>/lists/")
        parser.add_argument("--format", choices=("xlsx", "pdf", "both"), default="both",
                            help="which files to write (default: both)")
        if which == "visitors":
            parser.add_argument("--site", metavar="SITE",
                                help="only this host: its id, reference key (zhangjiang) or "
                                     "part of its name")
            parser.add_argument("--birth-dates", action="store_true",
                                help="add the visitors' dates of birth (some hosts ask)")
    return add_options


def run_list(which: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from cistrat_tui.exports.fonts import choose_font
        from cistrat_tui.exports.list_files import lists_dir, write_lists

        formats = ("xlsx", "pdf") if args.format == "both" else (args.format,)
        store, _created = open_store(args, readonly=True)
        with store:
            workshop = store.workshop
            font = choose_font() if "pdf" in formats else None
            written = write_lists(workshop, which, lists_dir(workshop, args.out), formats,
                                  host=getattr(args, "site", None),
                                  birth_dates=getattr(args, "birth_dates", False), font=font)
        for path, book in written:
            rows = sum(len(s.rows) for s in book.sheets)
            sheets = len(book.sheets)
            print(f"{path}: {sheets} sheet{'s' if sheets != 1 else ''}, {rows} "
                  f"row{'s' if rows != 1 else ''}: {book.audience}")
        if not written:
            print(f"nothing to write: the programme has no {which} to list")
        return 0
    return run


def target(which: str) -> Command:
    return Command(which, HELP[which], run_list(which), configure(which))

"""``cistrat-tui export sites``: every site as CSV, for Excel.

Written to ``<exports>/<programme>/sites.csv``, UTF-8 with a byte-order mark, coordinates in
WGS84, in the columns ``cistrat-tui import sites`` reads back.
"""

from __future__ import annotations

import argparse

from cistrat_tui.cli.base import Command
from cistrat_tui.cli.commands.export_roster import configure, write_export
from cistrat_tui.core.records.workshop import Workshop


def _count(workshop: Workshop) -> str:
    n = len(workshop.sites)
    return f"{n} site" + ("" if n == 1 else "s")


def run(args: argparse.Namespace) -> int:
    from cistrat_tui.core.io.sites_csv import sites_csv

    return write_export(args, "sites.csv", sites_csv, _count)


TARGET = Command("sites", "every site as CSV for Excel (names, addresses, WGS84 coordinates, "
                 "hours)", run, configure)

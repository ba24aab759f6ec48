"""``cistrat-tui print``: write the printed itineraries (group, staff, every trainee's).

Files go to ``<exports>/<programme>/itineraries/``: ``group.pdf``, ``staff.pdf`` and
``trainee-<name>.pdf`` (or ``.md``, ``.txt``), with names made safe and unique as for the
calendars. Each file is written atomically; the paths are printed, one a line.
"""

from __future__ import annotations

import argparse

from cistrat_tui.cli.base import (
    Command,
    add_force_option,
    open_store,
    stop_for_open_errors,
)
from cistrat_tui.core.records.workshop import find_trainee
from cistrat_tui.exports.fonts import FONT_ENV
from cistrat_tui.exports.locations import itineraries_dir
from cistrat_tui.exports.renderers import FORMATS, write_itineraries


def configure(parser: argparse.ArgumentParser) -> None:
    add_force_option(parser)
    parser.add_argument("--format", choices=FORMATS, default="pdf",
                        help="pdf (default, for print), md (Markdown, for email) or txt "
                             "(plain text, 80 columns)")
    parser.add_argument("--out", metavar="DIR",
                        help="exports folder (default: $CISTRAT_EXPORTS, else exports/); files "
                             "go to DIR/<programme>/itineraries/")
    parser.add_argument("--trainee", metavar="ID",
                        help="only this trainee's edition (their id, or their exact name)")
    parser.add_argument("--font", metavar="PATH",
                        help=f"font file with Chinese (.otf, .ttf, .ttc) for the PDFs (default: "
                             f"${FONT_ENV}, else the bundled Noto Sans SC)")


def run(args: argparse.Namespace) -> int:
    """Write the itineraries and print their paths."""
    if args.format == "pdf":
        from cistrat_tui.exports.fonts import choose_font

        choose_font(args.font)  # a font that cannot be used is refused before any work
    store, _created = open_store(args, readonly=True)
    with store:
        workshop = store.workshop
        trainee_id = find_trainee(workshop, args.trainee) if args.trainee else None
        if stop_for_open_errors(workshop, args.force):
            return 1
        folder = itineraries_dir(workshop, args.out)
        for path in write_itineraries(workshop, folder, args.format, trainee_id, args.font):
            print(path)
    return 0


COMMAND = Command("print", "write printed itineraries (PDF, Markdown or text): group, staff "
                  "and every trainee's", run, configure)

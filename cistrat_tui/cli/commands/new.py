"""``cistrat-tui new``: start a database for a new workshop; never overwrites a file.

    cistrat-tui new --db 2027-09.json --title "STI Policy Workshop 2027" \\
        --start 2027-09-05 --end 2027-09-25            # empty: reference places only
    cistrat-tui new --db 2027-09.json --from 2027-03.json --start 2027-09-05
                                                       # last year's programme, re-dated
    cistrat-tui new --db demo.json --sample            # the bundled sample workshop

A re-dated copy moves every activity and stay by whole weeks (a start on another weekday is
refused with the nearest dates that keep it), then prints what was changed and what the checks
find on the new dates (holidays, closures, opening hours).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from cistrat_tui.cli.base import PROG, Command
from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.values import to_date

if TYPE_CHECKING:
    from cistrat_tui.core.records.workshop import Workshop


def configure(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--from", dest="from_db", metavar="OLD.json",
                        help="copy this database's programme, re-dated to --start")
    source.add_argument("--sample", action="store_true",
                        help="write the bundled sample workshop")
    parser.add_argument("--title", help="the programme's title (with --from: default the old "
                                        "title, its year moved along)")
    parser.add_argument("--start", metavar="YYYY-MM-DD", help="the first day")
    parser.add_argument("--end", metavar="YYYY-MM-DD",
                        help="the last day (not with --from: the copy keeps the length)")
    parser.add_argument("--base-city", default="Beijing", metavar="CITY",
                        help="where the group is based (default Beijing)")
    parser.add_argument("--with-trainees", action="store_true",
                        help="with --from: keep last year's trainees too")


def _refuse(message: str) -> ValidationError:
    return ValidationError("new", message)


def _target(args: argparse.Namespace) -> str:
    target = getattr(args, "db", None)
    if not target:
        raise _refuse("say where the new database goes: --db PATH")
    return str(target)


def _empty(args: argparse.Namespace) -> Workshop:
    from cistrat_tui.core.lifecycle import new_programme

    missing = [name for name in ("title", "start", "end") if not getattr(args, name)]
    if missing:
        raise _refuse(f"an empty programme needs --{' --'.join(missing)} (or --from OLD.json "
                      "to copy one, --sample for the sample)")
    return new_programme(args.title, to_date(args.start, "start"), to_date(args.end, "end"),
                         args.base_city)


def _summary(workshop: Workshop, path: str) -> str:
    programme = workshop.programme
    return (f"Created {path}: {programme.title!r}, {programme.start_date:%a %Y-%m-%d} to "
            f"{programme.end_date:%a %Y-%m-%d}; {len(workshop.sites)} sites, "
            f"{len(workshop.activities)} activities, {len(workshop.stays)} stays, "
            f"{len(workshop.trainees)} trainees.")


def run(args: argparse.Namespace) -> int:
    """Write the new database, then say what it holds (and, for a copy, what broke)."""
    from cistrat_tui.core.store.opening import create_database

    target = _target(args)
    if args.with_trainees and not args.from_db:
        raise _refuse("--with-trainees only goes with --from OLD.json")
    notes: list[str] = []
    if args.sample:
        if args.title or args.start or args.end:
            raise _refuse("--sample writes the sample as it is: leave out --title, --start "
                          "and --end")
        from cistrat_tui.core.sample import sample_workshop

        workshop = sample_workshop()
    elif args.from_db:
        workshop, notes = _copy(args, target)
    else:
        workshop = _empty(args)
    path = create_database(target, workshop)
    print(_summary(workshop, str(path)))
    for note in notes:
        print(f"  {note}")
    if args.from_db:
        _print_checks(workshop)
    return 0


def _copy(args: argparse.Namespace, target: str) -> tuple[Workshop, list[str]]:
    from pathlib import Path

    from cistrat_tui.core.lifecycle import redated_copy
    from cistrat_tui.core.store.repository import WorkshopStore

    if not args.start:
        raise _refuse("a copy needs --start YYYY-MM-DD, the new first day")
    if args.end:
        raise _refuse("a copy keeps the old programme's length: leave out --end (change the "
                      "dates afterwards in the programme form)")
    if Path(args.from_db).expanduser().resolve() == Path(target).expanduser().resolve():
        raise _refuse("--from and --db name the same file")
    with WorkshopStore.open(args.from_db, readonly=True) as old:
        copy = redated_copy(old.workshop, to_date(args.start, "start"), title=args.title,
                            with_trainees=args.with_trainees)
    return copy.workshop, copy.notes


def _print_checks(workshop: Workshop) -> None:
    """What the move broke, as ``cistrat-tui check`` prints it."""
    from cistrat_tui.cli.commands.check import text_lines
    from cistrat_tui.core.checks.runner import calendar_notes, check_workshop

    print()
    print(f"What the checks find on the new dates ({PROG} check --db ... prints it again):")
    for note in calendar_notes(workshop):
        print(f"Note: {note}\n")
    print("\n".join(text_lines(check_workshop(workshop))))
    sys.stdout.flush()


COMMAND = Command("new", "start a new workshop database: empty, a copy of last year's "
                  "re-dated (--from), or the sample (--sample); never overwrites a file",
                  run, configure)

"""``cistrat-tui export ics``: write the calendar files (group, staff, every trainee's).

``export`` is one subcommand with a target per kind of export (``export ics``; later
``export roster``, ``export sites``). Each target is a :class:`~cistrat_tui.cli.base.Command`
named ``TARGET`` in a module listed in :data:`EXPORT_TARGET_MODULES`, so a new target lives in
its own module and is added here with one line (the group may move to ``commands/export.py``
once it has a second target).

Calendar files go to ``<exports>/<programme>/calendars/``: ``group.ics``, ``staff.ics`` and
``trainee-<name>.ics``; each is written atomically, and its path and event count are printed.
The export saves the calendars' publication ledger in the database first (so it needs the
database open for writing), then writes the files; ``--clear-cancelled DAYS`` forgets the
cancellations written at least DAYS ago, so they stop appearing in later files.
"""

from __future__ import annotations

import argparse
import importlib

from cistrat_tui.cli.base import (
    Command,
    add_force_option,
    common_options,
    open_store,
    stop_for_open_errors,
)

# Modules that each define TARGET, a Command for one ``export`` target, in --help order.
EXPORT_TARGET_MODULES: tuple[str, ...] = ("cistrat_tui.cli.commands.export_ics",
                                          "cistrat_tui.cli.commands.export_roster",
                                          "cistrat_tui.cli.commands.export_sites",
                                          "cistrat_tui.cli.commands.export_budget",
                                          "cistrat_tui.cli.commands.export_rooming",
                                          "cistrat_tui.cli.commands.export_meals",
                                          "cistrat_tui.cli.commands.export_visitors",
                                          "cistrat_tui.cli.commands.export_pickups")


def _minutes(text: str) -> int:
    """An argparse type: whole minutes from 0 to one week."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of minutes") from None
    if not 0 <= value <= 10080:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 10080 minutes")
    return value


def _days(text: str) -> int:
    """An argparse type: whole days from 0 to a year."""
    if not text.isdigit() or int(text) > 366:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days (0 to 366)")
    return int(text)


def configure_ics(parser: argparse.ArgumentParser) -> None:
    add_force_option(parser)
    parser.add_argument("--out", metavar="DIR",
                        help="exports folder (default: $CISTRAT_EXPORTS, else exports/); files "
                             "go to DIR/<programme>/calendars/")
    parser.add_argument("--trainee", metavar="ID",
                        help="only this trainee's calendar (their id, or their exact name)")
    parser.add_argument("--alarm", metavar="MINUTES", type=_minutes, default=30,
                        help="reminder this long before each activity (default: 30)")
    parser.add_argument("--station-buffer", metavar="MINUTES", type=_minutes, default=60,
                        help="added to the reminder before a train: time for security and "
                             "ticket checks at the station (default: 60)")
    parser.add_argument("--airport-buffer", metavar="MINUTES", type=_minutes, default=150,
                        help="added to the reminder before a flight (default: 150, so 3 hours "
                             "in all)")
    parser.add_argument("--no-alarms", action="store_true", help="write no reminders")
    parser.add_argument("--clear-cancelled", metavar="DAYS", type=_days,
                        help="first forget cancellations written at least DAYS ago (0: all): "
                             "they are then left out of the files")


def run_ics(args: argparse.Namespace) -> int:
    """Write the calendars and print each path with its number of events."""
    from datetime import UTC, datetime, timedelta

    from cistrat_tui.core.records.workshop import find_trainee
    from cistrat_tui.exports.ics import Alarms, write_calendars
    from cistrat_tui.exports.ics_ledger import old_cancellations
    from cistrat_tui.exports.locations import calendars_dir

    alarms = Alarms(lead_minutes=args.alarm, station_buffer_minutes=args.station_buffer,
                    airport_buffer_minutes=args.airport_buffer, enabled=not args.no_alarms)
    store, _created = open_store(args, readonly=False)
    with store:
        workshop = store.workshop
        trainee_id = find_trainee(workshop, args.trainee) if args.trainee else None
        if stop_for_open_errors(workshop, args.force):
            return 1
        if args.clear_cancelled is not None:
            stale = old_cancellations(workshop.ledger, datetime.now(UTC),
                                      timedelta(days=args.clear_cancelled))
            store.put_all([], removed=stale)
            print(f"cleared {len(stale)} old cancellation{'s' if len(stale) != 1 else ''}")
        folder = calendars_dir(workshop, args.out)
        for written in write_calendars(workshop, folder, trainee_id, alarms=alarms,
                                       ledger=store):
            noun = "event" if written.events == 1 else "events"
            print(f"{written.path}: {written.events} {noun}")
    return 0


TARGET = Command("ics", "calendar files (.ics): group, staff and every trainee's", run_ics,
                 configure_ics)


def configure_export(parser: argparse.ArgumentParser) -> None:
    """One sub-subcommand per export target."""
    targets = parser.add_subparsers(title="targets", metavar="TARGET", dest="target",
                                    required=True)
    for name in EXPORT_TARGET_MODULES:
        target: Command = importlib.import_module(name).TARGET
        sub = targets.add_parser(target.name, parents=[common_options()], help=target.help,
                                 description=target.help)
        target.configure(sub)
        sub.set_defaults(run=target.run)


def run_export(args: argparse.Namespace) -> int:
    """Never reached with a target (the target's own ``run`` replaces it)."""
    raise SystemExit("cistrat-tui export: choose a target (see 'cistrat-tui export --help')")


COMMAND = Command("export", "write exports: 'export ics' for calendar files, 'export "
                  "roster' and 'export sites' for CSV files, 'export budget' for the budget "
                  "workbook, 'export rooming|meals|visitors|pickups' for the people lists "
                  "(.xlsx and PDF)", run_export,
                  configure_export)

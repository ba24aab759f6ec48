"""The ``cistrat-tui`` command: no subcommand opens the app; subcommands work without it.

Every subcommand is a :class:`Command` (name, help, its options, the function that runs it).
A later subcommand lives in its own module that defines ``COMMAND = Command(...)`` and is named
in :data:`COMMAND_MODULES`; such a module keeps heavy imports inside its ``run`` function.
Textual is imported only when the app opens, so ``info`` and the like start fast.

Every error reaches the user as one line on stderr and a non-zero exit code, never a traceback
(set ``CISTRAT_DEBUG=1`` to see the traceback of an unexpected error).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from cistrat_tui import __version__
from cistrat_tui.core.errors import CistratError
from cistrat_tui.paths import DB_ENV, database_path

if TYPE_CHECKING:
    from cistrat_tui.core.store import WorkshopStore

PROG = "cistrat-tui"
DEBUG_ENV = "CISTRAT_DEBUG"

# Modules that each define COMMAND, a Command, in the order they appear in --help.
COMMAND_MODULES: tuple[str, ...] = ("cistrat_tui.commands.print_itinerary",
                                     "cistrat_tui.commands.export_ics",
                                     "cistrat_tui.commands.plan",
                                     "cistrat_tui.commands.check",
                                     "cistrat_tui.commands.import_csv",
                                     "cistrat_tui.commands.geocode")


@dataclass(frozen=True)
class Command:
    """A subcommand: ``configure`` adds its own arguments, ``run`` does the work."""

    name: str
    help: str
    run: Callable[[argparse.Namespace], int]
    configure: Callable[[argparse.ArgumentParser], None] = lambda parser: None


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (exit code 2), without the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{PROG} --help')\n")


def common_options() -> argparse.ArgumentParser:
    """Options accepted before and after every subcommand.

    Defaults are suppressed so a subcommand's parser does not overwrite a ``--db`` given
    before the subcommand name.
    """
    common = OneLineParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help=f"the workshop database (default: ${DB_ENV}, "
                             "else data/workshop.json)")
    return common


def open_store(args: argparse.Namespace, *, readonly: bool) -> tuple[WorkshopStore, bool]:
    """Open the database chosen by ``--db``/``$CISTRAT_DB``; create it from the sample if absent.

    Returns the store and whether the file was just created.
    """
    from cistrat_tui.core.sample import sample_workshop
    from cistrat_tui.core.store import WorkshopStore

    path = database_path(getattr(args, "db", None))
    created = not path.exists()
    if created:
        WorkshopStore.open(path, create_from=sample_workshop).close()
    return WorkshopStore.open(path, readonly=readonly), created


def run_app(args: argparse.Namespace) -> int:
    """Open the Textual app on the database. Unless ``--read-only``, the app holds the
    database's write lock while it runs. A database that cannot be opened (locked by another
    copy, unreadable, too new) gets an explaining screen at a terminal, then the one-line
    error."""
    from cistrat_tui.core.errors import StoreError

    try:
        store, created = open_store(args, readonly=args.read_only)
    except StoreError as error:
        # At a terminal, a screen that says what to do (and touches nothing); the one-line
        # error follows on stderr either way.
        if sys.stdin.isatty() and sys.stdout.isatty():
            from cistrat_tui.tui.db_problem import DatabaseProblemApp

            DatabaseProblemApp(error, str(database_path(getattr(args, "db", None)))).run()
        raise
    with store:
        from cistrat_tui.tui.app import CistratApp

        notice = f"Created {store.path} from the bundled sample workshop." if created else ""
        app = CistratApp(store, notice=notice)
        app.run()
        return app.return_code or 0


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


INFO = Command("info", "print a summary of the workshop: dates, cities, counts", run_info)


def commands() -> list[Command]:
    """Every subcommand: the built-in ones, then those from COMMAND_MODULES."""
    found = [INFO]
    found += [importlib.import_module(name).COMMAND for name in COMMAND_MODULES]
    return found


def build_parser() -> argparse.ArgumentParser:
    """The full parser: common options, ``--version``, and one subparser per command."""
    common = common_options()
    parser = OneLineParser(
        prog=PROG, parents=[common],
        description="The logistics coordinator's app for a three-week STI policy training "
                    "workshop in China. With no subcommand, opens the app.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--read-only", action="store_true",
                        help="open the app without changing the database (works while "
                             "another copy has it open for writing)")
    parser.set_defaults(run=run_app)
    subparsers = parser.add_subparsers(title="subcommands", metavar="COMMAND")
    for command in commands():
        sub = subparsers.add_parser(command.name, parents=[common], help=command.help,
                                    description=command.help)
        command.configure(sub)
        sub.set_defaults(run=command.run)
    return parser


def one_line(error: BaseException) -> str:
    """An error as one line a coordinator can act on."""
    if isinstance(error, OSError) and error.strerror:
        text = error.strerror
        if error.filename is not None:
            text = f"{error.filename}: {text}"
        if error.filename2 is not None:
            text += f" ({error.filename2})"
    else:
        text = str(error) or type(error).__name__
    if not isinstance(error, CistratError | OSError):
        text = f"unexpected {type(error).__name__}: {text} (set {DEBUG_ENV}=1 for details)"
    return " ".join(text.split())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if os.environ.get(DEBUG_ENV) and not isinstance(error, CistratError | OSError):
            raise
        print(f"{PROG}: error: {one_line(error)}", file=sys.stderr)
        return 1

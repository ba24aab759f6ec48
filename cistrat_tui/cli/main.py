"""The ``cistrat-tui`` command: no subcommand opens the app; subcommands work without it.

Every subcommand is a :class:`~cistrat_tui.cli.base.Command` (name, help, its options, the
function that runs it).
A later subcommand lives in its own module that defines ``COMMAND = Command(...)`` and is named
in :data:`COMMAND_MODULES`; such a module keeps heavy imports inside its ``run`` function.
The TUI is opened by the entry point (:mod:`cistrat_tui.entry`), never from here, so
``info`` and the like start fast and this layer does not depend on the TUI.

Every error reaches the user as one line on stderr and a non-zero exit code, never a traceback
(set ``CISTRAT_DEBUG=1`` to see the traceback of an unexpected error).
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import sys
from collections.abc import Callable, Sequence

from cistrat_tui import __version__
from cistrat_tui.cli.base import (
    DEBUG_ENV,
    PROG,
    Command,
    OneLineParser,
    common_options,
    one_line,
)
from cistrat_tui.cli.output import printable_output
from cistrat_tui.core.errors import CistratError

# Modules that each define COMMAND, a Command, in the order they appear in --help.
COMMAND_MODULES: tuple[str, ...] = ("cistrat_tui.cli.commands.new",
                                     "cistrat_tui.cli.commands.info",
                                     "cistrat_tui.cli.commands.print_itinerary",
                                     "cistrat_tui.cli.commands.export_ics",
                                     "cistrat_tui.cli.commands.publish",
                                     "cistrat_tui.cli.commands.send",
                                     "cistrat_tui.cli.commands.plan",
                                     "cistrat_tui.cli.commands.check",
                                     "cistrat_tui.cli.commands.todo",
                                     "cistrat_tui.cli.commands.budget",
                                     "cistrat_tui.cli.commands.import_csv",
                                     "cistrat_tui.cli.commands.pickups",
                                     "cistrat_tui.cli.commands.resources",
                                     "cistrat_tui.cli.commands.geocode")


def commands() -> list[Command]:
    """Every subcommand, from COMMAND_MODULES."""
    return [importlib.import_module(name).COMMAND for name in COMMAND_MODULES]


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
    parser.set_defaults(run=None)
    subparsers = parser.add_subparsers(title="subcommands", metavar="COMMAND")
    for command in commands():
        sub = subparsers.add_parser(command.name, parents=[common], help=command.help,
                                    description=command.help)
        command.configure(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None,
         open_app: Callable[[argparse.Namespace], int] | None = None) -> int:
    """Run the command line; returns the exit code. Without a subcommand, ``open_app`` opens
    the app (the program's entry point passes it, so this layer never imports the TUI)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.run is None and open_app is None:
        parser.error("no subcommand given")
    if args.run is None:  # the app owns the terminal; it is not a stream of lines
        return _guarded(lambda: open_app(args))  # type: ignore[misc]
    with printable_output():
        return _guarded(lambda: args.run(args))


def _guarded(run: Callable[[], int]) -> int:
    """Run a command: its errors as one line and exit code 1; a closed pipe (``| head``) as
    the quiet end it is for every other command-line tool."""
    try:
        code = int(run())
        sys.stdout.flush()  # a closed pipe shows here, not at exit with a traceback
        return code
    except BrokenPipeError:
        _silence_stdout()
        return 128 + 13  # as if ended by SIGPIPE, the way `cat | head` ends
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        if os.environ.get(DEBUG_ENV) and not isinstance(error, CistratError | OSError):
            raise
        print(f"{PROG}: error: {one_line(error)}", file=sys.stderr)
        return 1


def _silence_stdout() -> None:
    """Point standard output at the null device, so the interpreter's own flush at exit
    does not fail on the closed pipe again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass

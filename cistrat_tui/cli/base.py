"""What every subcommand shares: the Command record, the common options, opening the store,
and the one-line form of an error.

Every error reaches the user as one line on stderr and a non-zero exit code, never a traceback
(set ``CISTRAT_DEBUG=1`` to see the traceback of an unexpected error).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn

from cistrat_tui.core.errors import CistratError
from cistrat_tui.core.paths import DB_ENV
from cistrat_tui.core.plain_text import one_line as plain_line

if TYPE_CHECKING:
    from cistrat_tui.core.records.workshop import Workshop
    from cistrat_tui.core.store.repository import WorkshopStore

PROG = "cistrat-tui"
DEBUG_ENV = "CISTRAT_DEBUG"


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


def common_options() -> OneLineParser:
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
    """Open the database chosen by ``--db``/``$CISTRAT_DB`` (see
    :func:`~cistrat_tui.core.store.opening.open_database`); returns the store and whether the
    file was just created."""
    import sys

    from cistrat_tui.core.store.opening import open_database

    store, created = open_database(getattr(args, "db", None), readonly=readonly)
    if store.stale_lock_holder:
        print(f"{PROG}: note: took over the lock of {store.path} left by "
              f"{store.stale_lock_holder}, which ended without closing it; every save is "
              "atomic, but check that its last change is there (backups: "
              f"{store.path.name}.backups)", file=sys.stderr)
    return store, created


def add_force_option(parser: argparse.ArgumentParser) -> None:
    """``--force``, for commands that write what trainees receive."""
    parser.add_argument("--force", action="store_true",
                        help="write even while the programme has errors (see 'check')")


def stop_for_open_errors(workshop: Workshop, force: bool) -> bool:
    """Before writing anything meant for trainees: say on stderr which errors are still open.
    Returns True when the command must stop (errors and no ``--force``)."""
    from cistrat_tui.core.checks.runner import Severity, check_workshop

    errors = [p for p in check_workshop(workshop) if p.severity is Severity.ERROR]
    if not errors:
        return False
    noun = "error is" if len(errors) == 1 else "errors are"
    print(f"{PROG}: {len(errors)} {noun} still open in the programme:", file=sys.stderr)
    for problem in errors[:10]:
        day = f"{problem.day:%a %Y-%m-%d} " if problem.day else ""
        print(f"  {day}{problem.code}: {problem.message}", file=sys.stderr)
    if len(errors) > 10:
        print(f"  ... and {len(errors) - 10} more ('{PROG} check' lists them all)",
              file=sys.stderr)
    if force:
        print(f"{PROG}: writing anyway (--force)", file=sys.stderr)
        return False
    print(f"{PROG}: nothing was written; fix them, or add --force to write anyway",
          file=sys.stderr)
    return True


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
    return plain_line(text)



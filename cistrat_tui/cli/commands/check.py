"""``cistrat-tui check``: print the problems in the programme, grouped by day.

One line a problem (``ERROR`` or ``WARNING``, its code, the message) under a header line per
day, undated problems last, then a line with the counts; before them, once, the days a holiday
notice not out yet may still change (on stderr with ``--json``). Exits 1 when there is an error, 0
otherwise, so a script can refuse to export a programme that cannot work. ``--json`` prints the
problems as a JSON list instead. The database is opened read-only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cistrat_tui.cli.base import PROG, Command, open_store

if TYPE_CHECKING:
    from cistrat_tui.core.checks.runner import Problem

UNDATED = "Undated"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def summary(problems: Sequence[Problem]) -> str:
    """The last line: "2 errors, 1 warning" (or "No problems")."""
    from cistrat_tui.core.checks.runner import Severity, counts

    if not problems:
        return "No problems."
    found = counts(problems)
    return (f"{_plural(found[Severity.ERROR], 'error')}, "
            f"{_plural(found[Severity.WARNING], 'warning')}.")


def text_lines(problems: Sequence[Problem]) -> list[str]:
    """The problems as printed: a header per day (undated last), one line each, the counts.
    ``problems`` come sorted by day from ``check_workshop``."""
    from cistrat_tui.core.checks.runner import sort_key

    lines: list[str] = []
    header: str | None = None
    width = max((len(p.code) for p in problems), default=0)
    for problem in sorted(problems, key=sort_key):
        day = problem.day
        title = f"{day:%a} {day.day} {day:%b %Y}" if day is not None else UNDATED
        if title != header:
            if header is not None:
                lines.append("")
            lines.append(title)
            header = title
        lines.append(f"  {problem.severity.value.upper():<7}  {problem.code:<{width}}  "
                     f"{problem.message}")
    if lines:
        lines.append("")
    lines.append(summary(problems))
    return lines


def as_json(problems: Sequence[Problem]) -> list[dict[str, Any]]:
    """The problems as plain data."""
    return [{"severity": p.severity.value, "code": p.code, "message": p.message,
             "day": p.day.isoformat() if p.day else None, "record_ids": list(p.record_ids)}
            for p in problems]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help="print the problems as a JSON list (severity, code, message, "
                             "day, record_ids)")


def run(args: argparse.Namespace) -> int:
    """Check the workshop; exit 1 when there is an error."""
    from cistrat_tui.core.checks.runner import Severity, calendar_notes, check_workshop

    store, created = open_store(args, readonly=True)
    with store:
        if created:
            print(f"{PROG}: created {store.path} from the bundled sample workshop",
                  file=sys.stderr)
        problems = check_workshop(store.workshop)
        notes = [f"Note: {note}" for note in calendar_notes(store.workshop)]
    if notes:
        print("\n".join([*notes, ""]), file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print(json.dumps(as_json(problems), ensure_ascii=False, indent=1))
    else:
        print("\n".join(text_lines(problems)))
    return 1 if any(p.severity is Severity.ERROR for p in problems) else 0


COMMAND = Command("check", "list what in the programme cannot work (errors) or looks wrong "
                  "(warnings), by day; exits 1 when there is an error", run, configure)

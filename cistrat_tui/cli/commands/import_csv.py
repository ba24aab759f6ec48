"""``cistrat-tui import trainees FILE`` and ``cistrat-tui import sites FILE``: read a CSV file.

The whole file is checked first; when any row is wrong, every problem is printed (``row 7:
email 'x@' is not an email address``) and nothing is written. Otherwise the new records are
added and the matching ones updated in one save, and each is listed. Importing the same file
again changes nothing. ``--dry-run`` checks and lists without writing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cistrat_tui.cli.base import PROG, Command, common_options, open_store

TARGETS = {
    "trainees": "the trainee roster: name as in passport, country, organization, email, "
                "phone, group, dietary needs, emergency contact, notes",
    "sites": "sites: kind, English and Chinese name, city, addresses, latitude and longitude "
             "(with their datum: WGS84, GCJ-02 or BD-09), opening hours, host",
}


def configure(parser: argparse.ArgumentParser) -> None:
    """One sub-subcommand per kind of record, each taking the file."""
    targets = parser.add_subparsers(title="targets", metavar="TARGET", dest="target",
                                    required=True)
    for name, help_text in TARGETS.items():
        sub = targets.add_parser(name, parents=[common_options()], help=help_text,
                                 description=f"import {help_text}. UTF-8 or GB18030, commas "
                                             "or semicolons; headers in English or Chinese.")
        sub.add_argument("file", metavar="FILE", help="the CSV file")
        sub.add_argument("--dry-run", action="store_true",
                         help="check the file and list what would change, writing nothing")
        sub.set_defaults(run=run)


def _label(record: object) -> str:
    name = getattr(record, "name", None) or getattr(record, "name_en", "")
    city = getattr(record, "city", "")
    return f"{name} ({city})" if city else str(name)


def run(args: argparse.Namespace) -> int:
    """Check the file, then import it (or, with problems, list them and change nothing)."""
    from cistrat_tui.core.io.csv_files import ImportRefused, apply_plan
    from cistrat_tui.core.io.file_bytes import read_file
    from cistrat_tui.core.io.roster_csv import plan_trainee_import
    from cistrat_tui.core.io.sites_csv import plan_site_import

    path = Path(args.file)
    plan_import = plan_trainee_import if args.target == "trainees" else plan_site_import
    try:
        data = read_file(path, args.target)
    except ImportRefused as refused:
        print(f"{PROG}: error: {refused.problems[0]}; nothing was imported", file=sys.stderr)
        return 1
    store, _created = open_store(args, readonly=args.dry_run)
    with store:
        try:
            plan = plan_import(data, store.workshop)
        except ImportRefused as refused:
            for problem in refused.problems:
                print(f"{path}: {problem}", file=sys.stderr)
            count = len(refused.problems)
            print(f"{PROG}: nothing was imported from {path} ({count} "
                  f"{'problem' if count == 1 else 'problems'}); fix the file and try again",
                  file=sys.stderr)
            return 1
        if not args.dry_run:
            apply_plan(store, plan)
    for column in plan.table.ignored:
        print(f"{PROG}: note: column {column!r} is not used", file=sys.stderr)
    for change in plan.changes:
        if change.before is None:
            print(f"added    {_label(change.after)} (row {change.row})")
        else:
            print(f"updated  {_label(change.after)} (row {change.row}): "
                  f"{', '.join(change.changed_fields())}")
    done = "would be" if args.dry_run else "were"
    print(f"{path} ({plan.table.describe()}): {plan.summary()} {plan.what}"
          + (f"; dry run, nothing {done} written" if args.dry_run else ""))
    if plan.table.guessed:
        print(f"{PROG}: note: the file is not UTF-8; its encoding was guessed as "
              f"{plan.table.encoding.removesuffix(' (guessed)')}: check the names above (save "
              "it as 'CSV UTF-8' to be sure)", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Never reached with a target (the target's ``run`` replaces it)."""
    raise SystemExit(f"{PROG} import: choose trainees or sites (see '{PROG} import --help')")


COMMAND = Command("import", "import trainees or sites from a CSV file (checked first; "
                  "re-importing updates)", run_import, configure)

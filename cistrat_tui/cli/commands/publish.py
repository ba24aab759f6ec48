"""``cistrat-tui publish --caldav URL --user U``: publish every calendar on a CalDAV server.

One collection per trainee, plus group and staff, created when absent; each event PUT with
ETags; what changed since the last run updated in place (see
:mod:`cistrat_tui.delivery.publish`). The password comes from ``$CISTRAT_CALDAV_PASSWORD``, or
is asked for without echo. Prints each calendar's subscription URL and what was done.
"""

from __future__ import annotations

import argparse
import os
import sys

from cistrat_tui.cli.base import Command, add_force_option, open_store, stop_for_open_errors


def configure(parser: argparse.ArgumentParser) -> None:
    add_force_option(parser)
    parser.add_argument("--caldav", metavar="URL", required=True,
                        help="the CalDAV server (for example https://dav.example.org/)")
    parser.add_argument("--user", metavar="U", default="",
                        help="the account on the server (password: $CISTRAT_CALDAV_PASSWORD, "
                             "else asked for)")


def run(args: argparse.Namespace) -> int:
    """Publish, then print one line per calendar and the trainees' subscription URLs."""
    from getpass import getpass

    from cistrat_tui.core.errors import CistratError
    from cistrat_tui.delivery.publish import PASSWORD_ENV, publish_calendars

    password = os.environ.get(PASSWORD_ENV)
    if password is None and args.user:
        if not sys.stdin.isatty():
            raise CistratError(f"no password: set {PASSWORD_ENV} or run in a terminal")
        password = getpass(f"Password for {args.user} at {args.caldav}: ")
    store, _created = open_store(args, readonly=False)
    with store:
        if stop_for_open_errors(store.workshop, args.force):
            return 1
        reports = publish_calendars(store.workshop, args.caldav, args.user, password or "",
                                    ledger=store)
        for report in reports:
            what = [f"{report.put} sent", f"{report.unchanged} unchanged"]
            if report.deleted:
                what.append(f"{report.deleted} removed")
            if report.created:
                what.append("collection created")
            print(f"{report.name}: {', '.join(what)}")
            for conflict in report.conflicts:
                print(f"  not overwritten: {conflict}", file=sys.stderr)
        print("Subscription URLs (each trainee subscribes to their own only):")
        names = {t.id: t.name for t in store.workshop.trainees.values()}
        for report in reports:
            who = names.get(report.trainee_id or "", report.name)
            print(f"  {who}: {report.url}")
    return 1 if any(r.conflicts for r in reports) else 0


COMMAND = Command("publish", "publish the calendars on a CalDAV server (one per trainee, plus "
                  "group and staff) for trainees to subscribe to", run, configure)

"""``cistrat-tui send --smtp HOST:PORT --from ADDRESS``: e-mail each trainee their own files.

One message per trainee (their .ics and PDF itinerary, and what changed since the last
message), and the staff edition to the coordinator (see :mod:`cistrat_tui.delivery.send`).
``--starttls`` encrypts the connection, ``--user`` logs in (password from
``$CISTRAT_SMTP_PASSWORD``, else asked for), ``--dry-run`` writes the messages as ``.eml``
files under ``<exports>/<programme>/mail/`` instead of sending them.
"""

from __future__ import annotations

import argparse
import os
import sys

from cistrat_tui.cli.base import Command, add_force_option, open_store, stop_for_open_errors


def _host_port(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not HOST:PORT (for example "
                                         "smtp.example.org:587)")
    return host, int(port)


def configure(parser: argparse.ArgumentParser) -> None:
    add_force_option(parser)
    parser.add_argument("--smtp", metavar="HOST:PORT", type=_host_port,
                        help="the mail server (required unless --dry-run)")
    parser.add_argument("--from", dest="sender", metavar="ADDRESS", required=True,
                        help="the sender's address (the coordinator's)")
    parser.add_argument("--starttls", action="store_true", help="encrypt with STARTTLS")
    parser.add_argument("--user", metavar="U", default="",
                        help="log in as U (password: $CISTRAT_SMTP_PASSWORD, else asked for)")
    parser.add_argument("--dry-run", action="store_true",
                        help="write the messages as .eml files instead of sending them")
    parser.add_argument("--out", metavar="DIR",
                        help="exports folder for --dry-run (default: $CISTRAT_EXPORTS, else "
                             "exports/)")


def run(args: argparse.Namespace) -> int:
    from getpass import getpass

    from cistrat_tui.core.errors import CistratError
    from cistrat_tui.delivery.send import PASSWORD_ENV, send_messages
    from cistrat_tui.exports.locations import programme_dir

    if args.smtp is None and not args.dry_run:
        raise CistratError("give --smtp HOST:PORT, or --dry-run to write the messages only")
    password = os.environ.get(PASSWORD_ENV, "")
    if args.user and not password and not args.dry_run:
        if not sys.stdin.isatty():
            raise CistratError(f"no password: set {PASSWORD_ENV} or run in a terminal")
        password = getpass(f"Password for {args.user}: ")
    store, _created = open_store(args, readonly=False)
    with store:
        if stop_for_open_errors(store.workshop, args.force):
            return 1
        folder = programme_dir(store.workshop, args.out) / "mail" if args.dry_run else None
        host, port = args.smtp or ("", 0)
        reports = send_messages(store.workshop, args.sender, host=host, port=port,
                                starttls=args.starttls, user=args.user, password=password,
                                dry_run=folder, ledger=store)
        for report in reports:
            changes = f"{report.changes} change{'s' if report.changes != 1 else ''}"
            to = f" <{report.address}>" if report.address else ""
            print(f"{report.reader}{to}: {changes}; {report.where}")
    return 0


COMMAND = Command("send", "e-mail each trainee their calendar and itinerary (one message "
                  "each), and the staff edition to the coordinator", run, configure)

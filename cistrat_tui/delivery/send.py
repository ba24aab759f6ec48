"""E-mail each trainee their own calendar and PDF itinerary, and the staff edition to the
coordinator: one message per person (never a list of addresses a trainee could see).

Each body says what changed since the last sending, from the ledger: the events whose
SEQUENCE rose past the one last sent (new, changed, cancelled). After a message is accepted
by the server, its calendar's ledger entries are marked as sent (one save at the end), so
the next message lists only what changed after it. ``dry_run`` writes each message as an
``.eml`` file instead (nothing is marked as sent).
"""

from __future__ import annotations

import email.policy
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path

from cistrat_tui.core.errors import CistratError
from cistrat_tui.core.records.ledger import LedgerEntry
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.store.fileio import atomic_write_bytes
from cistrat_tui.exports.ics import Alarms, CalendarFile, LedgerSink, View, build_export
from cistrat_tui.exports.itinerary import Edition, build_itinerary
from cistrat_tui.exports.renderers import renderer

PASSWORD_ENV = "CISTRAT_SMTP_PASSWORD"
# Long subjects stay on one line (RFC 5322 allows 998 characters): the default 78 folds a
# programme's title onto a continuation line, which some clients show with a leading space.
_POLICY = email.policy.default.clone(max_line_length=998)
MAX_LISTED = 25  # changes named in a body; the rest are counted


class SendError(CistratError):
    """The mail server cannot be reached or refuses a message."""


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to send: to whom, the message, and the ledger entries it reports."""

    reader: str
    address: str
    message: EmailMessage
    file: CalendarFile


@dataclass(frozen=True, slots=True)
class SentReport:
    """What happened to one person's message."""

    reader: str
    address: str
    changes: int
    where: str  # "sent", the .eml path, or why it was skipped


def changes_since_sent(file: CalendarFile) -> list[tuple[str, LedgerEntry]]:
    """The events of ``file`` whose SEQUENCE rose since the last message: (what, entry), with
    what = "New", "Changed" or "Cancelled"; in time order."""
    found = []
    for item in file.items:
        entry = item.entry
        if entry.sequence <= entry.sent_sequence:
            continue
        if entry.cancelled or item.text.status == "CANCELLED":
            what = "Cancelled"
        elif entry.sent_sequence < 0:
            what = "New"
        else:
            what = "Changed"
        found.append((what, entry))
    found.sort(key=lambda pair: (pair[1].start, pair[1].uid))
    return found


def _when(entry: LedgerEntry) -> str:
    text = entry.start
    return text[:10] if len(text) == 10 else f"{text[:10]} {text[11:16]}"


def body_text(workshop: Workshop, reader: str, file: CalendarFile, first: bool) -> str:
    """The message body: who it is for, what is attached, what changed since last time."""
    programme = workshop.programme
    changes = changes_since_sent(file)
    lines = [f"Dear {reader},", ""]
    if first:
        lines.append(f"Attached are your calendar and itinerary for {programme.title} "
                     f"({programme.start_date} to {programme.end_date}).")
    elif changes:
        lines.append(f"The programme of {programme.title} has changed since the last message. "
                     "Your updated calendar and itinerary are attached.")
    else:
        lines.append(f"Nothing has changed in your programme of {programme.title} since the "
                     "last message; the attached files are the same as before.")
    if changes and not first:
        lines += ["", "What changed:"]
        for what, entry in changes[:MAX_LISTED]:
            lines.append(f"- {what}: {_when(entry)} {entry.summary.removeprefix('Cancelled: ')}")
        if len(changes) > MAX_LISTED:
            lines.append(f"- and {len(changes) - MAX_LISTED} more (see the itinerary)")
    lines += ["", "To keep your calendar up to date: import the attached .ics file into your "
              "calendar (Google, Outlook, Apple or Thunderbird) once; when a new one comes, "
              "import it again and it replaces the old events (in Google Calendar and "
              "Outlook, delete the old copy first, or subscribe to the published calendar "
              "if the coordinator gave you its address). Import only your own calendar, not "
              "the group one: both hold the same activities.",
              "", f"Times are local times in China ({programme.timezone}).", ""]
    coordinator = programme.coordinator
    if coordinator.name or coordinator.phone:
        lines.append(f"Questions: {coordinator}")
    return "\n".join(lines) + "\n"


def build_messages(workshop: Workshop, sender: str, *, alarms: Alarms | None = None,
                   stamp: datetime | None = None, ledger: LedgerSink | None = None,
                   ) -> tuple[list[Outgoing], list[SentReport]]:
    """One message per trainee with an e-mail address, and the staff edition to the
    coordinator; and a report for each person who has no address (skipped). The export's
    ledger changes are saved to ``ledger`` first, as for calendar files."""
    export = build_export(workshop, alarms=alarms, stamp=stamp)
    if ledger is not None and export.changes:
        ledger.put_all(export.changes)
    pdf = renderer("pdf")
    outgoing, skipped = [], []
    for file in export.files:
        if file.view is View.GROUP:
            continue
        if file.view is View.STAFF:
            contact = workshop.programme.coordinator
            reader, address, edition, owner = (contact.name or "coordinator", contact.email,
                                               Edition.STAFF, None)
        else:
            trainee = workshop.trainees[file.key]
            reader, address, edition, owner = trainee.name, trainee.email, Edition.TRAINEE, \
                trainee.id
        if not address:
            skipped.append(SentReport(reader, "", len(changes_since_sent(file)),
                                      "skipped: no e-mail address"))
            continue
        first = all(item.entry.sent_sequence < 0 for item in file.items)
        message = EmailMessage(policy=_POLICY)
        message["From"] = sender
        message["To"] = formataddr((reader, address))
        title = workshop.programme.title
        message["Subject"] = f"{title}: your programme" + ("" if first else " (updated)") \
            if edition is Edition.TRAINEE else f"{title}: staff calendar and itinerary"
        message["Date"] = format_datetime(stamp or datetime.now().astimezone())
        message["Message-ID"] = make_msgid(domain="cistrat-tui")
        message.set_content(body_text(workshop, reader, file, first))
        message.add_attachment(file.to_bytes(), maintype="text", subtype="calendar",
                               filename=file.filename, params={"charset": "utf-8"})
        message.add_attachment(pdf(build_itinerary(workshop, edition, owner)),
                               maintype="application", subtype="pdf",
                               filename=f"{file.stem}.pdf")
        outgoing.append(Outgoing(reader, address, message, file))
    return outgoing, skipped


def _sent(file: CalendarFile) -> list[LedgerEntry]:
    return [replace(item.entry, sent_sequence=item.entry.sequence) for item in file.items
            if item.entry.sent_sequence != item.entry.sequence]


def send_messages(workshop: Workshop, sender: str, *, host: str = "", port: int = 25,
                  starttls: bool = False, user: str = "", password: str = "",
                  dry_run: Path | None = None, ledger: LedgerSink | None = None,
                  alarms: Alarms | None = None, stamp: datetime | None = None,
                  progress: Callable[[int, int, str], None] | None = None,
                  ) -> list[SentReport]:
    """Send (or with ``dry_run``, write to that folder) every person's message; returns a
    report per person. Messages accepted by the server are marked as sent in ``ledger``."""
    outgoing, reports = build_messages(workshop, sender, alarms=alarms, stamp=stamp,
                                       ledger=ledger)
    if dry_run is not None:
        dry_run.mkdir(parents=True, exist_ok=True)
        for done, item in enumerate(outgoing, start=1):
            path = dry_run / f"{item.file.stem}.eml"
            atomic_write_bytes(path, item.message.as_bytes())
            reports.append(SentReport(item.reader, item.address,
                                      len(changes_since_sent(item.file)), str(path)))
            if progress is not None:
                progress(done, len(outgoing), item.reader)
        return reports
    marked: list[LedgerEntry] = []
    try:
        with smtplib.SMTP(host, port, timeout=30) as smtp:
            if starttls:
                smtp.starttls(context=ssl.create_default_context())
            if user:
                smtp.login(user, password)
            for done, item in enumerate(outgoing, start=1):
                smtp.send_message(item.message, to_addrs=[item.address])
                marked += _sent(item.file)
                reports.append(SentReport(item.reader, item.address,
                                          len(changes_since_sent(item.file)), "sent"))
                if progress is not None:
                    progress(done, len(outgoing), item.reader)
    except smtplib.SMTPAuthenticationError:
        raise SendError(f"{host}:{port}: the server refused user {user!r} (wrong "
                        "password?)") from None
    except (smtplib.SMTPException, OSError) as error:
        sent = sum(1 for r in reports if r.where == "sent")
        raise SendError(f"{host}:{port}: {error} ({sent} message{'s' if sent != 1 else ''} "
                        "sent before this, marked as sent)") from None
    finally:
        if ledger is not None and marked:
            ledger.put_all(marked)
    return reports

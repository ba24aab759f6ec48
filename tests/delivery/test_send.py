"""Sending to a real aiosmtpd server: one message per person with their own files, a body
that says what changed since the last sending, and --dry-run .eml files."""

from __future__ import annotations

import email
import email.policy
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from icalendar import Calendar

from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.delivery.send import SendError, send_messages
from tests.delivery.servers import smtp_server
from tests.exports.test_ics_workshop import AMINA, CHEN, TRAIN, parse_strict, small_workshop

T1 = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)
T2 = T1 + timedelta(days=1)
SENDER = "coordinator@example.org"


def parsed(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_one_message_each_with_own_files_and_what_changed(tmp_path: Path) -> None:
    with WorkshopStore.open(tmp_path / "w.json", create_from=small_workshop) as store, \
            smtp_server() as (port, mailbox):
        workshop = store.workshop
        reports = send_messages(workshop, SENDER, host="127.0.0.1", port=port, ledger=store,
                                stamp=T1)
        with_mail = [t for t in workshop.trainees.values() if t.email]
        assert len(mailbox.envelopes) == len(with_mail) + 1  # + the coordinator's
        assert any("no e-mail address" in r.where for r in reports)
        addresses = set()
        for mail_from, rcpts, raw in mailbox.envelopes:
            assert mail_from == SENDER and len(rcpts) == 1  # never a list of addresses
            message = parsed(raw)
            assert message["Cc"] is None and message["Bcc"] is None
            assert message["To"].addresses[0].addr_spec == rcpts[0]
            addresses.add(rcpts[0])
            files = {a.get_filename(): a for a in message.iter_attachments()}
            ics = next(a for n, a in files.items() if n.endswith(".ics"))
            pdf = next(a for n, a in files.items() if n.endswith(".pdf"))
            assert pdf.get_content().startswith(b"%PDF")
            calendar = parse_strict(ics.get_content() if isinstance(ics.get_content(), bytes)
                                    else ics.get_content().encode())
            body = message.get_body(("plain",)).get_content()
            assert "Attached are your calendar" in body
            trainee = next((t for t in with_mail if t.email == rcpts[0]), None)
            if trainee is not None:
                assert trainee.name in str(calendar["X-WR-CALNAME"])
                others = [t.email for t in with_mail if t.email != trainee.email]
                assert not any(o in raw.decode("utf-8", "replace") for o in others)
        assert addresses == {t.email for t in with_mail} | {SENDER}
        mailed = {t.id for t in with_mail} | {"staff"}
        for entry in store.workshop.ledger.values():
            assert (entry.sent_sequence == entry.sequence) == (entry.calendar in mailed)

        # Amina's seat changes: her message lists it; Chen's says nothing changed.
        train = store.workshop.activities[TRAIN]
        store.put(replace(train, seats={**train.seats, AMINA: "Car 9, Seat 1A"}))
        mailbox.envelopes.clear()
        send_messages(store.workshop, SENDER, host="127.0.0.1", port=port, ledger=store,
                      stamp=T2)
        bodies = {rcpts[0]: parsed(raw) for _f, rcpts, raw in mailbox.envelopes}
        amina = bodies[store.workshop.trainees[AMINA].email]
        assert "(updated)" in amina["Subject"]
        text = amina.get_body(("plain",)).get_content()
        assert "What changed:" in text and "- Changed: 2027-03-08 09:00 G7" in text
        chen = bodies[store.workshop.trainees[CHEN].email].get_body(("plain",)).get_content()
        # Chen's calendar shows only Chen's own seat: nothing in it changed.
        assert "Nothing has changed" in chen and "What changed" not in chen


def test_login_and_a_refused_login(tmp_path: Path) -> None:
    with WorkshopStore.open(tmp_path / "w.json", create_from=small_workshop) as store, \
            smtp_server(login=("mailer", "pw")) as (port, mailbox):
        with pytest.raises(SendError, match="refused"):
            send_messages(store.workshop, SENDER, host="127.0.0.1", port=port, user="mailer",
                          password="wrong", ledger=store, stamp=T1)
        assert mailbox.envelopes == []
        assert all(e.sent_sequence < 0 for e in store.workshop.ledger.values())
        send_messages(store.workshop, SENDER, host="127.0.0.1", port=port, user="mailer",
                      password="pw", ledger=store, stamp=T1)
        assert mailbox.envelopes


def test_dry_run_writes_eml_files_and_marks_nothing_sent(tmp_path: Path) -> None:
    with WorkshopStore.open(tmp_path / "w.json", create_from=small_workshop) as store:
        reports = send_messages(store.workshop, SENDER, dry_run=tmp_path / "mail",
                                ledger=store, stamp=T1)
        emls = sorted((tmp_path / "mail").glob("*.eml"))
        assert len(emls) == len([r for r in reports if r.where.endswith(".eml")]) >= 2
        for path in emls:
            message = parsed(path.read_bytes())
            assert len(message["To"].addresses) == 1
            names = [a.get_filename() for a in message.iter_attachments()]
            assert any(n.endswith(".ics") for n in names) and any(n.endswith(".pdf")
                                                                  for n in names)
        assert all(e.sent_sequence < 0 for e in store.workshop.ledger.values())
        calendar_bytes = next(a for a in parsed(emls[0].read_bytes()).iter_attachments()
                              if a.get_filename().endswith(".ics")).get_content()
        data = calendar_bytes if isinstance(calendar_bytes, bytes) else calendar_bytes.encode()
        assert Calendar.from_ical(data).walk("VEVENT")


def test_a_long_subject_stays_on_one_line(tmp_path: Path) -> None:
    with WorkshopStore.open(tmp_path / "w.json", create_from=small_workshop) as store:
        programme = store.workshop.programme
        store.put(replace(programme, title="International Training Workshop on STI Policy "
                                           "2027 (sample)"))
        send_messages(store.workshop, SENDER, dry_run=tmp_path / "mail", ledger=store,
                      stamp=T1)
    raw = next((tmp_path / "mail").glob("trainee-*.eml")).read_bytes()
    assert b"Subject: International Training Workshop on STI Policy 2027 (sample): " in raw
    assert parsed(raw)["Subject"].startswith("International")

"""The publication ledger end to end, on the sample through a real store: each kind of change
raises SEQUENCE and LAST-MODIFIED exactly where an event's text changed, a vanished event is
cancelled where it was, and everything else stays byte for byte the same."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from cistrat_tui.core.records.model import ActivityKind, Audience, Participants, TravelMode
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.exports.ics import build_export, write_calendars
from cistrat_tui.exports.ics_ledger import fingerprint, old_cancellations
from tests.exports.test_ics_workshop import parse_strict

T1 = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)
T2 = T1 + timedelta(days=1)
_BLOCK = re.compile(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", re.S)


def blocks(data: bytes) -> dict[str, bytes]:
    """Each VEVENT's raw bytes by its UID."""
    found = {}
    for block in _BLOCK.findall(data):
        unfolded = block.replace(b"\r\n ", b"")
        uid = re.search(rb"\r\nUID:([^\r]+)", unfolded)
        assert uid is not None
        found[uid.group(1).decode()] = block
    return found


def export(store: WorkshopStore, folder: Path, stamp: datetime, *,
           strict: bool = False) -> dict[str, dict[str, bytes]]:
    """Export through the store (ledger saved) and return each file's events by UID."""
    written = write_calendars(store.workshop, folder, stamp=stamp, ledger=store)
    files = {}
    for w in written:
        data = w.path.read_bytes()
        if strict:
            parse_strict(data)
        files[w.path.name] = blocks(data)
    return files


def events(data: dict[str, bytes], uid: str) -> object:
    return Calendar.from_ical(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + data[uid]
                              + b"END:VCALENDAR\r\n").walk("VEVENT")[0]


def changed(before: dict[str, dict[str, bytes]],
            after: dict[str, dict[str, bytes]]) -> dict[str, set[str]]:
    """The UIDs whose bytes differ, by file; also asserts no event silently vanished."""
    found: dict[str, set[str]] = {}
    for name, old in before.items():
        new = after[name]
        assert set(old) <= set(new), f"{name}: an event vanished without a cancellation"
        diff = {uid for uid in new if old.get(uid) != new[uid]}
        if diff:
            found[name] = diff
    return found


def check_raised(before: dict[str, dict[str, bytes]], after: dict[str, dict[str, bytes]],
                 which: dict[str, set[str]], stamp: datetime) -> None:
    """Every changed event carries SEQUENCE + 1 and LAST-MODIFIED (and DTSTAMP) ``stamp``."""
    for name, uids in which.items():
        for uid in uids:
            new = events(after[name], uid)
            old_sequence = int(events(before[name], uid)["SEQUENCE"]) \
                if uid in before[name] else -1
            if old_sequence >= 0:
                assert int(new["SEQUENCE"]) == old_sequence + 1, (name, uid)
                assert new.decoded("LAST-MODIFIED") == stamp
            assert new.decoded("DTSTAMP") == new.decoded("LAST-MODIFIED")


@pytest.fixture
def store(tmp_path: Path) -> WorkshopStore:
    opened = WorkshopStore.open(tmp_path / "w.json", create_from=sample_workshop)
    yield opened  # type: ignore[misc]
    opened.close()


def test_an_unchanged_export_is_byte_for_byte_the_same_and_saves_nothing(
        store: WorkshopStore, tmp_path: Path) -> None:
    first = export(store, tmp_path / "out", T1)
    assert len(store.workshop.ledger) == sum(len(f) for f in first.values())
    saved = (tmp_path / "w.json").read_bytes()
    assert export(store, tmp_path / "out", T2) == first
    assert (tmp_path / "w.json").read_bytes() == saved
    assert build_export(store.workshop, stamp=T2).changes == []
    # Reopening the store (ledger read back from the file) changes nothing either.
    path = store.path
    store.close()
    with WorkshopStore.open(path) as again:
        assert build_export(again.workshop, stamp=T2).changes == []


def test_a_corrected_address_changes_every_event_that_shows_it(
        store: WorkshopStore, tmp_path: Path) -> None:
    first = export(store, tmp_path / "out", T1)
    park = next(s for s in store.workshop.sites.values() if "Zhangjiang" in s.name_en)
    store.put(replace(park, address_zh=park.address_zh + " 东门"))
    users = {f"{a.id}@cistrat-tui" for a in store.workshop.activities.values()
             if park.id in a.site_ids()}
    second = export(store, tmp_path / "out", T2)
    which = changed(first, second)
    assert which, "nothing changed"
    for name, uids in which.items():
        assert uids <= users, name  # only events that show the park
    assert {u for uids in which.values() for u in uids} == users
    # Not the activity's own revision: the text changed, so SEQUENCE rises anyway.
    assert all(store.workshop.activities[u.split("@")[0]].revision == 0 for u in users)
    check_raised(first, second, which, T2)


def test_a_leg_moved_changes_the_leg_and_the_getting_there_line_after_it(
        store: WorkshopStore, tmp_path: Path) -> None:
    first = export(store, tmp_path / "out", T1)
    group = first["group.ics"]
    leg = next(a for a in store.workshop.ordered_activities()
               if a.mode is TravelMode.COACH and any(
                   b"Getting there: Coach 1" in block and a.start.strftime("%H:%M").encode()
                   in block for block in group.values()))
    moved = replace(leg, start=leg.start - timedelta(minutes=15))
    store.put(moved)
    second = export(store, tmp_path / "out", T2)
    which = changed(first, second)
    group_changed = which["group.ics"]
    assert f"{leg.id}@cistrat-tui" in group_changed
    assert len(group_changed) >= 2, "the event the leg leads to did not change"
    after = [u for u in group_changed if u != f"{leg.id}@cistrat-tui"]
    assert all(moved.start.strftime("leaves %H:%M") in
               str(events(second["group.ics"], u)["DESCRIPTION"]) for u in after)
    check_raised(first, second, which, T2)


def test_a_seat_changes_only_that_trainees_event(store: WorkshopStore, tmp_path: Path) -> None:
    first = export(store, tmp_path / "out", T1)
    train = next(a for a in store.workshop.activities.values() if a.seats)
    trainee_id = next(iter(train.seats))
    seats = {**train.seats, trainee_id: "Car 9, Seat 1A"}
    store.put(replace(train, seats=seats))
    second = export(store, tmp_path / "out", T2)
    which = changed(first, second)
    stem = next(n for n, f in second.items() if n.startswith("trainee-")
                and b"Car 9\\, Seat 1A" in b"".join(f.values()).replace(b"\r\n ", b""))
    assert which.get(stem) == {f"{train.id}@cistrat-tui"}
    # The activity's revision rose, so group and staff carry the new SEQUENCE too.
    check_raised(first, second, which, T2)
    for name, uids in which.items():
        assert uids == {f"{train.id}@cistrat-tui"}, name


def test_a_deleted_activity_is_cancelled_where_it_was_until_cleared(
        store: WorkshopStore, tmp_path: Path) -> None:
    first = export(store, tmp_path / "out", T1)
    visit = next(a for a in store.workshop.ordered_activities()
                 if a.kind is ActivityKind.VISIT and a.what_to_bring)
    uid = f"{visit.id}@cistrat-tui"
    had = {name for name, f in first.items() if uid in f}
    store.remove(visit)
    second = export(store, tmp_path / "out", T2, strict=True)
    which = changed(first, second)
    assert {n for n, uids in which.items() if uid in uids} == had
    # Others may change with it (a reminder moves to the new first event of the day); each
    # such change is checked by check_raised below.
    for name in had:
        event = events(second[name], uid)
        assert str(event["STATUS"]) == "CANCELLED"
        assert str(event["TRANSP"]) == "TRANSPARENT"
        assert not event.walk("VALARM")
        assert "Bring:" not in str(event["DESCRIPTION"])
        assert str(event["SUMMARY"]).startswith("Cancelled: ")
        assert event.decoded("DTSTART") == visit.start
    check_raised(first, second, which, T2)
    # Later exports write the same cancellation again, byte for byte.
    assert export(store, tmp_path / "out", T2 + timedelta(hours=1)) == second
    # Until the coordinator clears old cancellations.
    stale = old_cancellations(store.workshop.ledger, T2 + timedelta(days=8), timedelta(days=7))
    assert {e.uid for e in stale} == {uid} and len(stale) == len(had)
    store.put_all([], removed=stale)
    third = export(store, tmp_path / "out", T2 + timedelta(days=8))
    assert all(uid not in f for f in third.values())


def test_a_trainee_taken_off_an_activity_gets_a_cancellation_only_in_their_calendar(
        store: WorkshopStore, tmp_path: Path) -> None:
    first = export(store, tmp_path / "out", T1)
    meeting = next(a for a in store.workshop.ordered_activities()
                   if a.participants.audience is Audience.NAMED
                   and len(a.participants.trainee_ids) >= 2)
    gone, *kept = meeting.participants.trainee_ids
    store.put(replace(meeting, participants=Participants("named", trainee_ids=tuple(kept))))
    second = export(store, tmp_path / "out", T2)
    uid = f"{meeting.id}@cistrat-tui"
    cancelled = [n for n, f in second.items() if uid in f
                 and str(events(f, uid)["STATUS"]) == "CANCELLED"]
    assert len(cancelled) == 1 and cancelled[0].startswith("trainee-")
    assert store.workshop.ledger[f"{gone} {uid}"].cancelled
    check_raised(first, second, changed(first, second), T2)


def test_the_fingerprint_sees_every_field_but_sequence_and_last_modified() -> None:
    files = build_export(sample_workshop(), stamp=T1).files
    text = files[0].items[0].text
    assert fingerprint(replace(text, sequence=9, last_modified=T2)) == fingerprint(text)
    for change in ({"summary": "x"}, {"location": "y"}, {"alarm_before": timedelta(hours=5)},
                   {"transparent": not text.transparent}, {"geo": (1.0, 2.0)}):
        assert fingerprint(replace(text, **change)) != fingerprint(text), change

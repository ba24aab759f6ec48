"""Calendar export: golden files, strict parsing, time zones, UIDs, SEQUENCE, privacy."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.exports.ics import (
    Alarms,
    CalendarError,
    CalendarFile,
    View,
    build_calendars,
    write_calendars,
)
from cistrat_tui.exports.locations import calendars_dir
from tests.exports.test_ics_workshop import (
    AMINA,
    AMINA_TWO,
    CANCELLED,
    CHEN,
    COACH,
    DINNER,
    FLIGHT,
    FREE,
    LECTURE_A,
    MEETING,
    ODD,
    PERSONAL,
    STAMP,
    TRAIN,
    VISIT,
    events_by_uid,
    parse_strict,
    small_workshop,
)

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "ics"
UPDATE_ENV = "CISTRAT_UPDATE_GOLDEN"


def uid(activity_id: str) -> str:
    return f"{activity_id}@cistrat-tui"


def by_stem(files: list[CalendarFile]) -> dict[str, CalendarFile]:
    return {f.stem: f for f in files}


def personal(files: list[CalendarFile], trainee_id: str) -> CalendarFile:
    return next(f for f in files if f.trainee_id == trainee_id)


@pytest.fixture(scope="module")
def small_files() -> list[CalendarFile]:
    return build_calendars(small_workshop(), stamp=STAMP)


@pytest.fixture(scope="module")
def sample_files() -> list[CalendarFile]:
    return build_calendars(sample_workshop(), stamp=STAMP)


# --- golden files ----------------------------------------------------------------------------


def test_golden_files(small_files: list[CalendarFile]) -> None:
    """The exact bytes for the small programme; set CISTRAT_UPDATE_GOLDEN=1 to rewrite them
    after a deliberate change (and review the diff)."""
    if os.environ.get(UPDATE_ENV):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for old in GOLDEN.glob("*.ics"):
            old.unlink()
        for file in small_files:
            (GOLDEN / file.filename).write_bytes(file.to_bytes())
    expected = {p.name: p.read_bytes() for p in GOLDEN.glob("*.ics")}
    assert sorted(expected) == sorted(f.filename for f in small_files)
    for file in small_files:
        assert file.to_bytes() == expected[file.filename], file.filename


# --- files and bytes -------------------------------------------------------------------------


def test_files_group_staff_and_one_per_trainee(small_files: list[CalendarFile]) -> None:
    stems = [f.stem for f in small_files]
    assert stems[:2] == ["group", "staff"]
    assert len(stems) == 2 + 4
    assert len({s.casefold() for s in stems}) == len(stems), "two trainees share a file"
    assert "trainee-陈静" in stems
    odd = personal(small_files, ODD).filename
    assert "/" not in odd and ".." not in odd and odd != "trainee-CON.ics"
    assert [f.events for f in small_files[:2]] == [9, 9]


def test_write_calendars_writes_the_built_bytes_atomically(tmp_path: Path) -> None:
    workshop = small_workshop()
    folder = calendars_dir(workshop, tmp_path / "out")
    assert folder == tmp_path / "out" / "Golden-Workshop-2027" / "calendars"
    written = write_calendars(workshop, folder, stamp=STAMP)
    built = build_calendars(workshop, stamp=STAMP)
    assert [w.path.name for w in written] == [f.filename for f in built]
    for w, f in zip(written, built, strict=True):
        assert w.path.read_bytes() == f.to_bytes()
        assert w.events == f.events
    assert sorted(p.name for p in folder.iterdir()) == sorted(f.filename for f in built)


def test_only_one_trainee(tmp_path: Path) -> None:
    written = write_calendars(small_workshop(), tmp_path, CHEN, stamp=STAMP)
    assert [w.path.name for w in written] == ["trainee-陈静.ics"]
    with pytest.raises(CalendarError, match="no trainee"):
        build_calendars(small_workshop(), "00000000-0000-4000-8000-999999999999")


@pytest.mark.parametrize("which", ["small", "sample"])
def test_bytes_as_the_library_writes_them(which: str, small_files: list[CalendarFile],
                                          sample_files: list[CalendarFile]) -> None:
    for file in small_files if which == "small" else sample_files:
        data = file.to_bytes()
        assert data.startswith(b"BEGIN:VCALENDAR\r\n")
        assert data.endswith(b"END:VCALENDAR\r\n")
        assert not data.startswith(b"\xef\xbb\xbf")
        assert b"\n" not in data.replace(b"\r\n", b"")
        assert all(len(line) <= 75 for line in data.split(b"\r\n"))
        data.decode("utf-8")


# --- standards -------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["small", "sample"])
def test_every_file_parses_strictly(which: str, small_files: list[CalendarFile],
                                    sample_files: list[CalendarFile]) -> None:
    files = small_files if which == "small" else sample_files
    workshop = small_workshop() if which == "small" else sample_workshop()
    for file in files:
        calendar = parse_strict(file.to_bytes())
        assert str(calendar["PRODID"]).startswith("-//CASTED//cistrat-tui")
        assert str(calendar["VERSION"]) == "2.0"
        assert str(calendar["CALSCALE"]) == "GREGORIAN"
        assert "METHOD" not in calendar  # see exports/ics.py: no METHOD, so no ORGANIZER needed
        for timezone_ in calendar.walk("VTIMEZONE"):
            assert "COMMENT" not in timezone_  # RFC 5545 allows it only in STANDARD/DAYLIGHT
        assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Shanghai"
        name = str(calendar["NAME"])
        assert str(calendar["X-WR-CALNAME"]) == name
        assert workshop.programme.title.split(" (")[0] in name
        if file.view is View.STAFF:
            assert "staff" in name
        if file.trainee_id:
            assert workshop.trainees[file.trainee_id].name.replace(",", r"\,") in name


@pytest.mark.parametrize("which", ["small", "sample"])
def test_times_carry_a_zone_with_its_vtimezone(which: str, small_files: list[CalendarFile],
                                               sample_files: list[CalendarFile]) -> None:
    for file in small_files if which == "small" else sample_files:
        calendar = Calendar.from_ical(file.to_bytes())
        assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Shanghai"]
        assert calendar.get_missing_tzids() == set()
        uids = []
        for event in calendar.walk("VEVENT"):
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            uids.append(str(event["UID"]))
            if str(event["CATEGORIES"].cats[0]) == "Hotel":  # all-day: dates, no zone
                assert type(start) is date and type(end) is date and end > start
                assert event["DTSTART"].params["VALUE"] == "DATE"
                continue
            assert start.tzinfo is not None and end.tzinfo is not None, "floating time"
            assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
            assert event["DTEND"].params["TZID"] == "Asia/Shanghai"
            assert end > start
            assert start.utcoffset() == timedelta(hours=8)
            for key in ("DTSTAMP", "LAST-MODIFIED"):
                assert event.decoded(key).utcoffset() == timedelta(0)
        assert len(uids) == len(set(uids)) == file.events


def test_vtimezone_covers_only_the_years_in_use(sample_files: list[CalendarFile]) -> None:
    data = sample_files[0].to_bytes().decode()
    vtimezone = data[data.index("BEGIN:VTIMEZONE"):data.index("END:VTIMEZONE")]
    assert "DAYLIGHT" not in vtimezone and "RDATE" not in vtimezone
    assert not re.search(r"19[89]\d", vtimezone)
    assert "DTSTART:20270101T000000" in vtimezone
    assert vtimezone.count("BEGIN:STANDARD") == 1


def test_a_programme_over_new_year_covers_both_years() -> None:
    workshop = small_workshop()
    late = replace(workshop.activities[FREE],
                   start=datetime(2027, 12, 31, 20, tzinfo=timezone(timedelta(hours=8))),
                   end=datetime(2028, 1, 1, 1, tzinfo=timezone(timedelta(hours=8))))
    workshop.put(late)
    calendar = parse_strict(build_calendars(workshop, stamp=STAMP)[0].to_bytes())
    text = calendar.timezones[0].to_ical().decode()
    assert "COMMENT" not in text and "DTSTART:20270101T000000" in text
    event = events_by_uid(calendar)[uid(FREE)]
    assert event.decoded("DTEND").year == 2028


# --- events ----------------------------------------------------------------------------------


def test_event_content_in_the_group_calendar(small_files: list[CalendarFile]) -> None:
    events = events_by_uid(Calendar.from_ical(small_files[0].to_bytes()))
    visit = events[uid(VISIT)]
    assert str(visit["SUMMARY"]) == "Visit: Zhangjiang Hi-Tech Park"
    location = str(visit["LOCATION"])
    assert "Zhangjiang, Pudong New Area, Shanghai" in location
    assert "上海市浦东新区张江高科技园区" in location
    assert visit["GEO"].latitude == pytest.approx(31.2018)
    assert visit["GEO"].longitude == pytest.approx(121.5884)
    assert str(visit["URL"]).startswith("https://uri.amap.com/marker?")
    description = str(visit["DESCRIPTION"])
    for part in ("Incubators, a chip design firm; Q&A.", "Host: Wang Fang (Park liaison) +86 21",
                 "Bring: Passport, business cards", "Dress code: Business casual",
                 "Getting there: Coach 1 from Pudong Sample Hotel, leaves 08:30 "
                 "(meet: Hotel lobby, 08:20)", "openstreetmap.org/?mlat=31.201800"):
        assert part in description
    assert "passport list" not in description  # internal notes: staff only
    assert visit["CATEGORIES"].cats == ["Visit"]
    assert str(visit["STATUS"]) == "CONFIRMED"
    assert visit.decoded("LAST-MODIFIED") == datetime(2026, 11, 20, 2, tzinfo=UTC)
    # No METHOD: DTSTAMP is the last revision (RFC 5545 3.8.7.2), not the export time.
    assert visit.decoded("DTSTAMP") == visit.decoded("LAST-MODIFIED")

    train = events[uid(TRAIN)]
    assert str(train["SUMMARY"]) == "G7 Beijing South -> Shanghai Hongqiao"
    description = str(train["DESCRIPTION"])
    assert "To: Shanghai Hongqiao Railway Station / 上海虹桥站" in description
    assert "arrives Mon 08 Mar 13:28" in description
    assert "Transport: Train G7" in description
    assert "Seat 7" not in description and "Your seat" not in description
    assert "北京南站" in str(train["LOCATION"])

    assert str(events[uid(DINNER)]["STATUS"]) == "TENTATIVE"
    assert str(events[uid(FREE)]["TRANSP"]) == "TRANSPARENT"
    assert str(events[uid(LECTURE_A)]["DESCRIPTION"]).count("Who: Group A") == 1
    assert "Who: 2 named trainees" in str(events[uid(MEETING)]["DESCRIPTION"])
    assert str(events[uid(FLIGHT)]["SUMMARY"]) == "MU5301 Shanghai Pudong -> Guangzhou Baiyun"


def test_personal_calendars_hold_their_own_activities_and_seat(
        small_files: list[CalendarFile]) -> None:
    amina = events_by_uid(Calendar.from_ical(personal(small_files, AMINA).to_bytes()))
    other = events_by_uid(Calendar.from_ical(personal(small_files, AMINA_TWO).to_bytes()))
    assert uid(LECTURE_A) in amina and uid(LECTURE_A) not in other
    assert uid(MEETING) in amina and uid(MEETING) not in other
    assert "Your seat: Car 3, Seat 7A" in str(amina[uid(TRAIN)]["DESCRIPTION"])
    assert "Your seat: Car 3, Seat 7B" in str(other[uid(TRAIN)]["DESCRIPTION"])
    for events, others in ((amina, ("7B", "7C")), (other, ("7A", "7C"))):
        text = "".join(str(e["DESCRIPTION"]) for e in events.values())
        assert not any(f"Seat {seat}" in text for seat in others)
    assert "including you" in str(amina[uid(MEETING)]["DESCRIPTION"])
    odd = events_by_uid(Calendar.from_ical(personal(small_files, ODD).to_bytes()))
    assert "Your seat: not assigned yet" in str(odd[uid(TRAIN)]["DESCRIPTION"])


def test_staff_calendar_has_internal_notes_and_bookings(
        small_files: list[CalendarFile]) -> None:
    staff = events_by_uid(Calendar.from_ical(small_files[1].to_bytes()))
    train = str(staff[uid(TRAIN)]["DESCRIPTION"])
    assert "Internal notes (staff only): Tickets bought on 12306." in train
    assert "Booking reference: E555000777" in train
    assert "Seats: 3 booked for 4 travellers" in train
    group_text = small_files[0].to_bytes()
    assert b"E555000777" not in group_text and b"12306" not in group_text


def test_uids_are_shared_between_calendars_and_stable(small_files: list[CalendarFile]) -> None:
    uids = {f.stem: set(events_by_uid(Calendar.from_ical(f.to_bytes()))) for f in small_files}
    workshop = small_workshop()
    assert uids["group"] == {uid(a) for a in workshop.activities}
    for stem, found in uids.items():
        assert found <= uids["group"], stem
    later = build_calendars(workshop, stamp=STAMP + timedelta(days=3))
    assert {f.stem: set(events_by_uid(Calendar.from_ical(f.to_bytes()))) for f in later} == uids


def test_uids_survive_reopening_the_database(tmp_path: Path) -> None:
    path = tmp_path / "workshop.json"
    WorkshopStore.open(path, create_from=sample_workshop).close()
    with WorkshopStore.open(path, readonly=True) as store:
        first = build_calendars(store.workshop, stamp=STAMP)
    with WorkshopStore.open(path, readonly=True) as store:
        again = build_calendars(store.workshop, stamp=STAMP)
        ids = set(store.workshop.activities)
        stays = {f"{s}-stay@cistrat-tui" for s in store.workshop.stays}
    assert [f.to_bytes() for f in first] == [f.to_bytes() for f in again]
    found = set(events_by_uid(Calendar.from_ical(first[0].to_bytes())))
    assert found == {uid(a) for a in ids} | stays


def sequences(workshop: Workshop) -> dict[str, int]:
    calendar = Calendar.from_ical(build_calendars(workshop, stamp=STAMP)[0].to_bytes())
    return {k: int(e["SEQUENCE"]) for k, e in events_by_uid(calendar).items()}


def test_sequence_rises_after_a_visible_change_only(tmp_path: Path) -> None:
    with WorkshopStore.open(tmp_path / "w.json", create_from=small_workshop) as store:
        before = sequences(store.workshop)
        assert before[uid(CANCELLED)] == 1 and before[uid(VISIT)] == 0
        visit = store.workshop.activities[VISIT]
        store.put(replace(visit, internal_notes="Only staff see this."))
        assert sequences(store.workshop) == before
        store.put(store.workshop.activities[VISIT])
        assert sequences(store.workshop) == before
        store.put(replace(store.workshop.activities[VISIT], start=visit.start + timedelta(
            minutes=30)))
        after = sequences(store.workshop)
    assert after[uid(VISIT)] == before[uid(VISIT)] + 1
    assert {k: v for k, v in after.items() if k != uid(VISIT)} == \
        {k: v for k, v in before.items() if k != uid(VISIT)}


def test_a_cancelled_activity_stays_as_cancelled_with_a_higher_sequence(
        tmp_path: Path) -> None:
    with WorkshopStore.open(tmp_path / "w.json", create_from=small_workshop) as store:
        before = sequences(store.workshop)
        store.put(replace(store.workshop.activities[TRAIN], status="cancelled"))
        files = build_calendars(store.workshop, stamp=STAMP)
    for file in files:
        event = events_by_uid(Calendar.from_ical(file.to_bytes()))[uid(TRAIN)]
        assert str(event["STATUS"]) == "CANCELLED"
        assert int(event["SEQUENCE"]) == before[uid(TRAIN)] + 1
        assert str(event["SUMMARY"]).startswith("Cancelled: ")
        assert not event.walk("VALARM"), "no reminder for a cancelled activity"


# --- reminders -------------------------------------------------------------------------------


def triggers(files: list[CalendarFile]) -> dict[str, timedelta | None]:
    events = events_by_uid(Calendar.from_ical(files[0].to_bytes()))
    found: dict[str, timedelta | None] = {}
    for key, event in events.items():
        alarms = event.walk("VALARM")
        assert len(alarms) <= 1
        if alarms:
            assert str(alarms[0]["ACTION"]) == "DISPLAY"
            assert str(alarms[0]["DESCRIPTION"]).startswith("Reminder: ")
        found[key] = alarms[0].decoded("TRIGGER") if alarms else None
    return found


def test_reminders_are_longer_before_trains_and_flights(
        small_files: list[CalendarFile]) -> None:
    found = triggers(small_files)
    assert found[uid(COACH)] == -timedelta(minutes=30)  # the first event of its day
    assert found[uid(VISIT)] is None  # the coach's reminder covers it
    assert found[uid(TRAIN)] == -timedelta(minutes=90)
    assert found[uid(FLIGHT)] == -timedelta(hours=3)  # goes off during free time: allowed
    assert found[uid(CANCELLED)] is None and found[uid(FREE)] is None


def test_reminders_are_configurable() -> None:
    alarms = Alarms(lead_minutes=10, station_buffer_minutes=45, airport_buffer_minutes=90)
    found = triggers(build_calendars(small_workshop(), alarms=alarms, stamp=STAMP))
    assert found[uid(COACH)] == -timedelta(minutes=10)
    assert found[uid(TRAIN)] == -timedelta(minutes=55)
    assert found[uid(FLIGHT)] == -timedelta(minutes=100)
    found = triggers(build_calendars(small_workshop(), alarms=Alarms(enabled=False),
                                     stamp=STAMP))
    assert set(found.values()) == {None}
    with pytest.raises(ValueError, match="lead minutes"):
        Alarms(lead_minutes=-5)


# --- privacy ---------------------------------------------------------------------------------


def unfolded_texts(data: bytes) -> str:
    """Every property value as read back (unescaped), one a line, plus the raw bytes."""
    calendar = Calendar.from_ical(data)
    values = [str(v) for c in calendar.walk() for v in c.values()]
    return data.decode() + "\n" + data.decode().replace("\r\n ", "") + "\n" + "\n".join(values)


@pytest.mark.parametrize("which", ["small", "sample"])
def test_no_personal_data_in_any_calendar(which: str, small_files: list[CalendarFile],
                                          sample_files: list[CalendarFile]) -> None:
    workshop = small_workshop() if which == "small" else sample_workshop()
    secrets = [value for t in workshop.trainees.values()
               for value in (t.email, t.phone, t.emergency_contact, t.dietary) if value]
    if which == "small":
        assert set(PERSONAL[:12]) <= set(secrets)
        secrets.append(PERSONAL[12])
    for file in small_files if which == "small" else sample_files:
        text = unfolded_texts(file.to_bytes())
        for secret in secrets:
            assert secret not in text, (file.stem, secret)
        owner = workshop.trainees.get(file.trainee_id or "")
        for trainee in workshop.trainees.values():
            if owner is None or trainee.name != owner.name:
                assert trainee.name not in text, (file.stem, trainee.name)
        if file.view is not View.TRAINEE:
            for activity in workshop.activities.values():
                for seat in activity.seats.values():
                    assert f"Seat: {seat}" not in text and f": {seat}" not in text


def test_personal_data_pasted_into_free_text_is_removed() -> None:
    workshop = small_workshop()
    pasted = replace(workshop.activities[VISIT],
                     description="Call Amina Bekele on +251 911 555 0101 or "
                                 "AMINA.BEKELE@example.org if late.",
                     internal_notes="陈静 needs a ground-floor room.")
    workshop.put(pasted)
    for file in build_calendars(workshop, stamp=STAMP):
        text = unfolded_texts(file.to_bytes())
        assert "+251 911 555 0101" not in text and "example.org if" not in text
        assert "陈静 needs" not in text and "Call Amina Bekele" not in text
        assert "Call [trainee details removed] on [trainee details removed]" in text


def test_control_characters_are_dropped_and_line_breaks_kept() -> None:
    workshop = small_workshop()
    workshop.put(replace(workshop.activities[VISIT], title="Bell\x07 visit",
                         description="line one\r\nline two\rline three\x0b end"))
    calendar = parse_strict(build_calendars(workshop, stamp=STAMP)[0].to_bytes())
    visit = events_by_uid(calendar)[uid(VISIT)]
    assert str(visit["SUMMARY"]) == "Visit: Bell visit"
    assert "line one\nline two\nline three end" in str(visit["DESCRIPTION"])


def test_a_calendar_with_no_events_is_still_valid() -> None:
    workshop = small_workshop()
    for activity_id in list(workshop.activities):
        workshop.remove(workshop.activities[activity_id])
    for file in build_calendars(workshop, stamp=STAMP):
        calendar = parse_strict(file.to_bytes())
        assert file.events == 0 and not calendar.walk("VEVENT")
        assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Shanghai"]

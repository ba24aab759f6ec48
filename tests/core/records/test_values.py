"""The field helpers every record uses: bad input is refused in words a coordinator reads."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import pytest

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records import values as v


class Colour(StrEnum):
    DEEP_RED = "deep_red"
    BLUE = "blue"


def refused(call, *args, **kwargs) -> ValidationError:  # type: ignore[no-untyped-def]
    """The ValidationError ``call`` raises (the test fails when it raises none)."""
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value


# --- ids ------------------------------------------------------------------------------------


def test_new_ids_are_uuid4_text_and_distinct() -> None:
    ids = [v.new_id() for _ in range(1000)]
    assert len(set(ids)) == 1000
    assert all(uuid.UUID(i).version == 4 and str(uuid.UUID(i)) == i for i in ids)


def test_check_id_accepts_a_uuid_and_returns_its_canonical_spelling() -> None:
    plain = "12345678-1234-5678-1234-567812345678"
    assert v.check_id(plain) == plain
    assert v.check_id(plain.upper()) == plain
    assert v.check_id("{" + plain + "}") == plain


@pytest.mark.parametrize("bad", ["", "site-1", "12345", "1234567-1234-5678-1234-56781234567z"])
def test_check_id_refuses_text_that_is_not_a_uuid(bad: str) -> None:
    error = refused(v.check_id, bad, "hotel")
    assert error.field == "hotel"
    assert str(error) == f"hotel: {bad!r} is not a valid id (UUID text)"


@pytest.mark.parametrize("bad", [None, 7, uuid.uuid4()])
def test_check_id_refuses_what_is_not_text(bad: object) -> None:
    assert "expected an id (UUID text)" in str(refused(v.check_id, bad))


# --- choices --------------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["deep_red", "Deep Red", " deep-red ", "DEEP_RED",
                                   Colour.DEEP_RED])
def test_enum_value_accepts_the_spellings_a_person_types(given: object) -> None:
    assert v.enum_value(Colour, given, "colour") is Colour.DEEP_RED


def test_enum_value_lists_the_known_values_in_words() -> None:
    error = refused(v.enum_value, Colour, "green", "colour")
    assert str(error) == "colour: 'green' is not one of: deep red, blue"


@pytest.mark.parametrize("empty", [None, "", "  "])
def test_enum_value_asks_for_a_choice_when_empty(empty: object) -> None:
    assert str(refused(v.enum_value, Colour, empty, "colour")) == \
        "colour: choose one of: deep red, blue"


# --- text -----------------------------------------------------------------------------------


def test_text_strips_blanks_and_keeps_inner_lines_and_chinese() -> None:
    assert v.text("  中关村\n科技园 🚄 \t", "name") == "中关村\n科技园 🚄"
    assert v.text(None, "name") == ""


def test_required_text_refuses_blanks() -> None:
    assert str(refused(v.text, " \n ", "title", required=True)) == "title: must not be empty"


def test_text_length_limit_is_inclusive_and_counts_characters() -> None:
    assert v.text("中" * 10, "name", max_length=10) == "中" * 10
    error = refused(v.text, "中" * 11, "name", max_length=10)
    assert str(error) == "name: is 11 characters long; at most 10"


def test_text_refuses_what_is_not_text() -> None:
    assert str(refused(v.text, 42, "phone")) == "phone: expected text, got 42"


def test_text_refuses_a_broken_character_that_could_never_be_saved() -> None:
    error = refused(v.text, "ab\udcffc", "notes")
    assert error.field == "notes"
    assert "broken character at position 3" in error.reason


# --- email ----------------------------------------------------------------------------------


@pytest.mark.parametrize("good", ["amina@example.org", "li.wei+cistrat@mail.tsinghua.edu.cn", ""])
def test_email_accepts_addresses_and_empty(good: str) -> None:
    assert v.email(good) == good


@pytest.mark.parametrize("bad", ["amina", "amina@", "amina@example", "a b@example.org",
                                 "a@@example.org"])
def test_email_refuses_what_is_not_an_address(bad: str) -> None:
    assert str(refused(v.email, bad, "host email")) == \
        f"host email: {bad!r} is not an email address"


def test_email_length_limit() -> None:
    long = "a" * 250 + "@b.cn"
    assert "at most 254" in str(refused(v.email, long))


# --- dates and times ------------------------------------------------------------------------


def test_to_date_accepts_dates_and_iso_text() -> None:
    assert v.to_date("2027-03-01", "start date") == date(2027, 3, 1)
    assert v.to_date(date(2027, 3, 1), "start date") == date(2027, 3, 1)


@pytest.mark.parametrize("bad", ["2027-02-30", "2027-13-01", "2026-02-29", "1 March", ""])
def test_to_date_refuses_dates_that_do_not_exist_naming_the_field(bad: str) -> None:
    error = refused(v.to_date, bad, "check-in date")
    assert error.field == "check-in date"
    assert str(error) == \
        f"check-in date: {bad!r} is not a date that exists (expected YYYY-MM-DD)"


def test_to_date_refuses_a_datetime_and_other_types() -> None:
    assert "without a time" in str(refused(v.to_date, datetime(2027, 3, 1, 9), "end date"))
    assert "expected a date" in str(refused(v.to_date, 20270301, "end date"))


@pytest.mark.parametrize(("given", "expected"), [("08:30", time(8, 30)), ("23:59", time(23, 59)),
                                                 ("08:30:00", time(8, 30)),
                                                 (time(8, 30, tzinfo=UTC), time(8, 30))])
def test_to_time_accepts_times_of_day(given: object, expected: time) -> None:
    assert v.to_time(given, "day start") == expected


@pytest.mark.parametrize("bad", ["24:00", "8h30", "12:60", ""])
def test_to_time_refuses_impossible_times(bad: str) -> None:
    assert str(refused(v.to_time, bad, "day end")) == \
        f"day end: {bad!r} is not a time of day (expected HH:MM, 00:00 to 23:59)"


@pytest.mark.parametrize("bad", ["08:30:15", time(8, 30, 0, 5)])
def test_to_time_refuses_seconds_rather_than_cutting_them(bad: object) -> None:
    error = refused(v.to_time, bad, "lunch start")
    assert "give the time to the minute (HH:MM)" in str(error)


def test_to_datetime_accepts_aware_values_and_iso_text_with_an_offset() -> None:
    aware = datetime(2027, 3, 1, 9, 0, tzinfo=v.SHANGHAI)
    assert v.to_datetime(aware, "start") is aware
    parsed = v.to_datetime("2027-03-01T09:00:00+08:00", "start")
    assert parsed == aware and parsed.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize("naive", [datetime(2027, 3, 1, 9, 0), "2027-03-01T09:00:00",
                                   "2027-03-01 09:00"])
def test_to_datetime_refuses_naive_times(naive: object) -> None:
    error = refused(v.to_datetime, naive, "start")
    assert error.field == "start"
    assert str(error) == ("start: 2027-03-01 09:00 has no time zone; give it with its UTC "
                          "offset (+08:00 for China)")


@pytest.mark.parametrize("bad", ["2027-02-30T09:00+08:00", "tomorrow", "2027-03-01T25:00+08:00"])
def test_to_datetime_refuses_times_that_do_not_exist(bad: str) -> None:
    assert "is not a date and time that exists" in str(refused(v.to_datetime, bad, "end"))


def test_to_datetime_refuses_a_plain_date() -> None:
    assert "expected a date and time" in str(refused(v.to_datetime, date(2027, 3, 1), "end"))


def test_local_datetime_is_aware_in_shanghai() -> None:
    at = v.local_datetime(date(2027, 3, 1), time(9, 0))
    assert at.utcoffset() == timedelta(hours=8)
    assert at == datetime(2027, 3, 1, 1, 0, tzinfo=UTC)
    assert v.local_datetime(date(2027, 3, 1), time(9, 0), "UTC").tzinfo == ZoneInfo("UTC")


# --- time zones -----------------------------------------------------------------------------


@pytest.mark.parametrize("good", ["Asia/Shanghai", "UTC", "Africa/Nairobi"])
def test_timezone_name_accepts_iana_names(good: str) -> None:
    assert v.timezone_name(good) == good


@pytest.mark.parametrize("bad", ["Beijing", "Asia", "Asia/Beijing", "../etc/passwd", "GMT+8x"])
def test_timezone_name_refuses_unknown_names(bad: str) -> None:
    assert str(refused(v.timezone_name, bad)) == \
        f"time zone: {bad!r} is not a known time zone (for China use Asia/Shanghai)"


def test_timezone_name_is_required() -> None:
    assert str(refused(v.timezone_name, "")) == "time zone: must not be empty"


# --- coordinates ----------------------------------------------------------------------------


@pytest.mark.parametrize(("given", "expected"), [(39.9, 39.9), ("-90", -90.0), (90, 90.0),
                                                 (None, None), ("", None)])
def test_latitude_within_range(given: object, expected: float | None) -> None:
    assert v.coordinate(given, "latitude", 90) == expected


@pytest.mark.parametrize("bad", [90.0001, -90.5, 200])
def test_latitude_out_of_range(bad: float) -> None:
    error = refused(v.coordinate, bad, "latitude", 90)
    assert error.field == "latitude"
    assert f"{float(bad)} is out of range (-90 to 90 degrees)" in str(error)


def test_latitude_that_looks_like_a_longitude_gets_a_hint() -> None:
    assert "is it the longitude? latitude comes first" in str(
        refused(v.coordinate, 116.4, "latitude", 90))
    assert "longitude?" not in str(refused(v.coordinate, 200, "latitude", 90))


@pytest.mark.parametrize("good", [180, -180, 116.397])
def test_longitude_within_range(good: float) -> None:
    assert v.coordinate(good, "longitude", 180) == float(good)


@pytest.mark.parametrize("bad", [180.01, -181])
def test_longitude_out_of_range(bad: float) -> None:
    assert "is out of range (-180 to 180 degrees)" in str(
        refused(v.coordinate, bad, "longitude", 180))


@pytest.mark.parametrize("bad", ["north", True, [39.9], float("nan"), "nan"])
def test_coordinate_refuses_what_is_not_a_number_of_degrees(bad: object) -> None:
    error = refused(v.coordinate, bad, "longitude", 180)
    assert "number of degrees" in str(error)


@pytest.mark.parametrize("text", ["0207-03-07", "0001-01-01", "1999-12-31", "2100-01-01",
                                  "9999-12-30"])
def test_a_date_outside_the_plausible_years_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="outside the dates this app plans for"):
        v.to_date(text, "start date")
    with pytest.raises(ValidationError, match="outside the dates"):
        v.to_date(date.fromisoformat(text), "start date")
    with pytest.raises(ValidationError, match="outside the dates"):
        v.to_datetime(f"{text}T09:00+08:00", "start")


def test_the_plausible_years_include_their_first_and_last_day() -> None:
    assert v.to_date("2000-01-01", "d") == date(2000, 1, 1)
    assert v.to_date("2099-12-31", "d") == date(2099, 12, 31)
    assert v.to_datetime("2099-12-31T23:59+08:00", "t").year == 2099


def test_control_characters_never_enter_a_text_field() -> None:
    assert v.text("Ana\x1b]0;owned\x07 Gonçalves\x9b2J\u202e", "name") == \
        "Ana]0;owned Gonçalves2J"
    assert v.text("line one\r\nline two\tend", "notes") == "line one\nline two\tend"

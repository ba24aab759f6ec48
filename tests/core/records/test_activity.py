"""Activity and Stay: each validation rule, revised() and lossless dicts."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.plain_text import printable
from cistrat_tui.core.records.activity import (
    INTERNAL_ACTIVITY_FIELDS,
    TRAINEE_VISIBLE_FIELDS,
    Activity,
    Stay,
    revised,
)
from cistrat_tui.core.records.model import ActivityKind, Participants, Status, TravelMode
from cistrat_tui.core.records.values import SHANGHAI

SITE = "0b6a3b5e-8a1f-4c55-9d0e-1f2a3b4c5d6e"
STATION = "7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e"
OTHER_STATION = "3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7"
AMINA = "11111111-2222-4333-8444-555555555555"
KOFI = "66666666-7777-4888-9999-aaaaaaaaaaaa"
MORNING = datetime(2027, 3, 2, 9, 0, tzinfo=SHANGHAI)


def visit(**changes: Any) -> Activity:
    fields: dict[str, Any] = {"kind": "visit", "title": "Zhongguancun Science Park",
                              "start": MORNING, "end": MORNING + timedelta(hours=2),
                              "site_id": SITE}
    return Activity(**(fields | changes))


def leg(**changes: Any) -> Activity:
    fields: dict[str, Any] = {"kind": "travel", "title": "Beijing to Shanghai",
                              "start": MORNING, "end": MORNING + timedelta(hours=4, minutes=28),
                              "from_site_id": STATION, "to_site_id": OTHER_STATION,
                              "mode": "high_speed_rail", "service_number": "G7",
                              "seats": {AMINA: "Car 5, 12A"}}
    return Activity(**(fields | changes))


def stay(**changes: Any) -> Stay:
    fields: dict[str, Any] = {"hotel_id": SITE, "check_in": "2027-03-08",
                              "check_out": "2027-03-10"}
    return Stay(**(fields | changes))


def refused(build: Any, *args: Any, **kwargs: Any) -> ValidationError:
    """The ValidationError raised by ``build(...)``; the test fails when there is none."""
    with pytest.raises(ValidationError) as caught:
        build(*args, **kwargs)
    return caught.value


# --- Activity: basics -----------------------------------------------------------------------


def test_an_activity_gets_a_uuid_and_parses_its_fields() -> None:
    first, second = visit(), visit()
    assert uuid.UUID(first.id).version == 4 and first.id != second.id
    assert first.kind is ActivityKind.VISIT
    assert first.status is Status.PLANNED and first.revision == 0
    assert first.day == date(2027, 3, 2)
    assert first.updated_at.tzinfo is not None


def test_times_may_be_iso_text_with_an_offset() -> None:
    activity = visit(start="2027-03-02T09:00:00+08:00", end="2027-03-02T11:00+08:00")
    assert activity.start == MORNING
    assert activity.end - activity.start == timedelta(hours=2)


@pytest.mark.parametrize("name", ["start", "end"])
def test_naive_times_are_refused(name: str) -> None:
    naive = {"start": datetime(2027, 3, 2, 9, 0), "end": datetime(2027, 3, 2, 11, 0)}[name]
    error = refused(visit, **{name: naive})
    assert error.field == name
    assert "has no time zone" in error.reason


def test_a_time_that_does_not_exist_is_refused() -> None:
    error = refused(visit, end="2027-02-30T11:00+08:00")
    assert error.field == "end"
    assert "'2027-02-30T11:00+08:00' is not a date and time that exists" in error.reason


@pytest.mark.parametrize("length", [timedelta(0), timedelta(minutes=-30)])
def test_an_activity_ends_after_it_starts(length: timedelta) -> None:
    error = refused(visit, end=MORNING + length)
    assert error.field == "end"
    assert str(error).startswith("end: 2027-03-02 ")
    assert str(error).endswith("is not after the start 2027-03-02 09:00")


def test_the_start_day_is_the_local_day_in_china() -> None:
    late_utc = datetime(2027, 3, 1, 23, 0, tzinfo=UTC)  # 07:00 on 2 March in Beijing
    assert visit(start=late_utc, end=late_utc + timedelta(hours=1)).day == date(2027, 3, 2)


def test_an_unknown_kind_lists_the_known_kinds() -> None:
    assert str(refused(visit, kind="excursion")) == (
        "kind: 'excursion' is not one of: visit, lecture, meal, travel, check in, free time")


def test_an_unknown_status_lists_the_known_statuses() -> None:
    assert visit(status="Confirmed").status is Status.CONFIRMED
    assert str(refused(visit, status="maybe")) == \
        "status: 'maybe' is not one of: planned, confirmed, cancelled"
    assert visit(status="cancelled").cancelled


@pytest.mark.parametrize("kind", ["visit", "lecture"])
def test_visits_and_lectures_need_a_site(kind: str) -> None:
    error = refused(visit, kind=kind, site_id=None)
    assert str(error) == f"site: a {kind} needs a site: say where it takes place"
    assert refused(visit, kind=kind, site_id="").field == "site"


@pytest.mark.parametrize("kind", ["meal", "check_in", "free_time"])
def test_other_kinds_may_have_no_site(kind: str) -> None:
    assert visit(kind=kind, site_id=None).site_id is None


def test_site_ids_are_checked() -> None:
    assert str(refused(visit, site_id="zgc")) == "site: 'zgc' is not a valid id (UUID text)"


# --- Activity: travel legs ------------------------------------------------------------------


def test_a_travel_leg_with_everything_it_needs() -> None:
    activity = leg(mode="High-speed rail")
    assert activity.mode is TravelMode.HIGH_SPEED_RAIL
    assert activity.site_ids() == [STATION, OTHER_STATION]
    assert activity.seats == {AMINA: "Car 5, 12A"}


def test_a_travel_leg_needs_a_mode() -> None:
    assert str(refused(leg, mode=None)) == "mode: a travel leg needs a mode of transport"
    assert refused(leg, mode="").field == "mode"


def test_an_unknown_mode_lists_the_known_modes() -> None:
    assert str(refused(leg, mode="boat")) == (
        "mode: 'boat' is not one of: coach, high speed rail, flight, metro, taxi, walk")


@pytest.mark.parametrize("missing", ["from_site_id", "to_site_id"])
def test_a_travel_leg_needs_from_and_to(missing: str) -> None:
    assert str(refused(leg, **{missing: None})) == ("from/to: a travel leg needs a place to "
                                                    "leave from and a place to arrive at")


def test_a_travel_leg_goes_somewhere_else() -> None:
    assert str(refused(leg, to_site_id=STATION)) == "to: a travel leg must go to another place"
    assert refused(leg, to_site_id=STATION.upper()).field == "to"


def test_only_travel_legs_have_a_mode_seats_or_from_and_to() -> None:
    assert str(refused(visit, mode="coach")) == \
        "mode: only a travel leg has a mode of transport, not a visit"
    assert str(refused(visit, seats={AMINA: "12A"})) == "seats: only a travel leg has seats"
    error = refused(visit, kind="free_time", site_id=None, from_site_id=STATION,
                    to_site_id=OTHER_STATION)
    assert error.field == "from/to"
    assert "only a travel leg goes from one place to another, not a free time" in error.reason


def test_seats_are_by_trainee_id_and_not_empty() -> None:
    assert str(refused(leg, seats={"Amina": "12A"})) == \
        "seats: 'Amina' is not a valid id (UUID text)"
    assert str(refused(leg, seats={AMINA: " "})) == "seat: must not be empty"
    assert "expected seats by trainee" in str(refused(leg, seats=["12A"]))


# --- Activity: participants, revision, text -------------------------------------------------


def test_participants_from_a_dict_or_value() -> None:
    named = visit(participants={"audience": "named", "trainee_ids": [AMINA]})
    assert named.participants == Participants("named", trainee_ids=(AMINA,))
    assert "expected who takes part" in str(refused(visit, participants="everyone"))
    assert refused(visit, participants={"audience": "group"}).field == "group"


@pytest.mark.parametrize("bad", [-1, 1.5, "2", True])
def test_revision_is_a_whole_number_not_below_zero(bad: object) -> None:
    assert refused(visit, revision=bad).field == "revision"


@pytest.mark.parametrize(("name", "label", "limit"), [
    ("title", "title", 300), ("description", "description", 20000),
    ("what_to_bring", "what to bring", 2000), ("dress_code", "dress code", 200),
    ("meeting_point", "meeting point", 500), ("internal_notes", "internal notes", 20000),
    ("service_number", "service number", 30), ("booking_ref", "booking reference", 100),
])
def test_text_limits(name: str, label: str, limit: int) -> None:
    assert len(getattr(leg(**{name: "字" * limit}), name)) == limit
    error = refused(leg, **{name: "字" * (limit + 1)})
    assert str(error) == f"{label}: is {limit + 1} characters long; at most {limit}"


def test_title_is_required() -> None:
    assert str(refused(visit, title="\n")) == "title: must not be empty"


def test_replace_validates_again() -> None:
    activity = visit()
    assert replace(activity, title="CASTED lecture", kind="lecture").kind is ActivityKind.LECTURE
    assert refused(replace, activity, end=activity.start).field == "end"
    assert refused(replace, activity, kind="travel").field == "mode"
    assert refused(replace, leg(), kind="meal").field == "mode"


# --- revised() ------------------------------------------------------------------------------


def test_visible_and_internal_fields_split_every_field() -> None:
    assert set(TRAINEE_VISIBLE_FIELDS) | INTERNAL_ACTIVITY_FIELDS == \
        {f for f in Activity.__dataclass_fields__}
    assert not set(TRAINEE_VISIBLE_FIELDS) & INTERNAL_ACTIVITY_FIELDS


@pytest.mark.parametrize("change", [
    {"title": "Zhongguancun Science Park and Exhibition"},
    {"start": MORNING + timedelta(minutes=30)},
    {"end": MORNING + timedelta(hours=3)},
    {"site_id": STATION},
    {"status": "cancelled"},
    {"description": "第一站"},
    {"meeting_point": "Hotel lobby"},
    {"what_to_bring": "Passport"},
    {"dress_code": "Business"},
    {"participants": Participants("group", group="A")},
])
def test_a_visible_change_raises_the_revision_by_one(change: dict[str, Any]) -> None:
    old = replace(visit(), revision=3)
    new = revised(old, replace(old, **change))
    assert new.revision == 4
    for name, value in change.items():
        assert getattr(new, name) == getattr(replace(old, **{name: value}), name)


def test_a_travel_change_a_trainee_sees_raises_the_revision() -> None:
    old = leg()
    assert revised(old, replace(old, service_number="G9")).revision == 1
    assert revised(old, replace(old, seats={AMINA: "Car 6, 1F"})).revision == 1
    assert revised(old, replace(old, mode="flight")).revision == 1


@pytest.mark.parametrize("change", [{"internal_notes": "Pay the coach on arrival"},
                                    {"booking_ref": "E12345678"}])
def test_an_internal_change_keeps_the_revision_but_marks_the_update(
        change: dict[str, Any]) -> None:
    long_ago = datetime(2020, 1, 1, tzinfo=SHANGHAI)
    old = replace(leg(), revision=2, updated_at=long_ago)
    new = revised(old, replace(old, **change))
    assert new.revision == 2
    assert new.updated_at > old.updated_at
    assert getattr(new, next(iter(change))) == next(iter(change.values()))


def test_no_change_at_all_keeps_revision_and_time() -> None:
    old = replace(visit(), revision=5, updated_at=MORNING - timedelta(days=3))
    same = revised(old, replace(old, updated_at=MORNING))
    assert same.revision == 5
    assert same.updated_at == old.updated_at


def test_the_same_instant_in_another_zone_is_no_change() -> None:
    old = visit()
    moved = replace(old, start=old.start.astimezone(UTC),
                    end=old.end.astimezone(UTC))
    assert revised(old, moved).revision == old.revision


def test_the_revision_never_goes_down() -> None:
    old = replace(visit(), revision=7)
    assert revised(old, replace(old, revision=0)).revision == 7
    assert revised(old, replace(old, revision=0, title="New title")).revision == 8


def test_the_revision_goes_up_by_exactly_one_even_when_revised_twice() -> None:
    old = replace(visit(), revision=1)
    once = revised(old, replace(old, title="New title"))
    assert once.revision == 2
    assert revised(old, once).revision == 2


def test_a_revision_set_higher_by_the_caller_is_kept() -> None:
    old = replace(visit(), revision=1)
    assert revised(old, replace(old, revision=9, title="New title")).revision == 9


def test_revised_keeps_the_time_zone_of_the_new_record() -> None:
    old = visit()
    new = revised(old, replace(old, title="New title"))
    assert new.start.tzinfo is SHANGHAI
    assert new.id == old.id


# --- Stay -----------------------------------------------------------------------------------


def test_a_stay_counts_its_nights() -> None:
    hotel_stay = stay()
    assert hotel_stay.nights() == [date(2027, 3, 8), date(2027, 3, 9)]
    assert uuid.UUID(hotel_stay.id).version == 4
    assert hotel_stay.id != stay().id


def test_stay_dates_must_exist() -> None:
    error = refused(stay, check_out="2027-02-30")
    assert str(error) == \
        "check-out date: '2027-02-30' is not a date that exists (expected YYYY-MM-DD)"
    assert refused(stay, check_in="2027-13-01").field == "check-in date"


@pytest.mark.parametrize("check_out", ["2027-03-08", "2027-03-07"])
def test_check_out_is_after_check_in(check_out: str) -> None:
    assert str(refused(stay, check_out=check_out)) == \
        f"check-out date: {check_out} is not after the check-in date 2027-03-08"


def test_stay_hotel_and_participants_are_checked() -> None:
    assert str(refused(stay, hotel_id="Hilton")) == "hotel: 'Hilton' is not a valid id (UUID text)"
    assert "expected who stays" in str(refused(stay, participants=[AMINA]))
    assert stay(participants={"audience": "named", "trainee_ids": [AMINA, KOFI]}) \
        .participants.trainee_ids == (AMINA, KOFI)
    assert refused(stay, booking_ref="x" * 101).field == "booking reference"


def test_stay_replace_validates_again() -> None:
    assert refused(replace, stay(), check_out=date(2027, 3, 1)).field == "check-out date"


# --- lossless round trips (property tests) --------------------------------------------------

CHARACTERS = st.one_of(st.characters(codec="utf-8"),
                       st.sampled_from(list("中关村科技园区北京上海武汉杭州苏州广州🚄🎓✈️\n\té")))
ZONES = st.sampled_from([SHANGHAI, UTC, timezone(timedelta(hours=8)),
                         timezone(timedelta(hours=-5, minutes=-30))])
ids = st.uuids(version=4).map(str)


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.text(CHARACTERS, max_size=max_size)


def required_texts(max_size: int = 40) -> st.SearchStrategy[str]:
    # Control characters are dropped when text enters a record (core/plain_text.py).
    return texts(max_size).filter(lambda value: printable(value).strip() != "")


@st.composite
def participants(draw: st.DrawFn) -> Participants:
    audience = draw(st.sampled_from(["everyone", "group", "named"]))
    if audience == "group":
        return Participants("group", group=draw(required_texts(10)))
    if audience == "named":
        return Participants("named", trainee_ids=tuple(draw(st.lists(ids, min_size=1,
                                                                     max_size=4, unique=True))))
    return Participants()


@st.composite
def activities(draw: st.DrawFn) -> Activity:
    kind = draw(st.sampled_from(ActivityKind))
    start = draw(st.datetimes(datetime(2020, 1, 1), datetime(2040, 1, 1), timezones=ZONES))
    end = start + draw(st.timedeltas(timedelta(microseconds=1), timedelta(days=3)))
    travel: dict[str, Any] = {}
    if kind is ActivityKind.TRAVEL:
        here, there = draw(st.lists(ids, min_size=2, max_size=2, unique=True))
        travel = {"from_site_id": here, "to_site_id": there,
                  "mode": draw(st.sampled_from(TravelMode)),
                  "seats": draw(st.dictionaries(ids, required_texts(8), max_size=3))}
    site_id = draw(ids) if kind in (ActivityKind.VISIT, ActivityKind.LECTURE) \
        else draw(st.none() | ids)
    return Activity(kind, draw(required_texts()), start, end, site_id, **travel,
                    service_number=draw(texts(30)), booking_ref=draw(texts(30)),
                    participants=draw(participants()), status=draw(st.sampled_from(Status)),
                    revision=draw(st.integers(0, 10_000)), description=draw(texts(200)),
                    what_to_bring=draw(texts()), dress_code=draw(texts()),
                    meeting_point=draw(texts()), internal_notes=draw(texts(200)),
                    updated_at=draw(st.datetimes(datetime(2000, 1, 1),
                                                    datetime(2099, 12, 30), timezones=ZONES)))


@st.composite
def stays(draw: st.DrawFn) -> Stay:
    check_in = draw(st.dates(date(2020, 1, 1), date(2040, 1, 1)))
    nights = draw(st.integers(1, 30))
    return Stay(draw(ids), check_in, check_in + timedelta(days=nights), draw(participants()),
                draw(texts(30)), draw(texts(200)))


def through_json(data: dict[str, Any]) -> dict[str, Any]:
    """What the store does to a record's dict: UTF-8 JSON with Chinese as characters."""
    return json.loads(json.dumps(data, ensure_ascii=False).encode("utf-8"))  # type: ignore[no-any-return]


def same_instants(one: Activity, other: Activity) -> bool:
    """Equal, and every time also at the same UTC offset (the wall clock a trainee sees)."""
    return one == other and all(getattr(one, n).utcoffset() == getattr(other, n).utcoffset()
                                for n in ("start", "end", "updated_at"))


@given(activities())
def test_any_activity_survives_to_dict_and_from_dict(activity: Activity) -> None:
    assert same_instants(Activity.from_dict(activity.to_dict()), activity)
    assert same_instants(Activity.from_dict(through_json(activity.to_dict())), activity)


@given(stays())
def test_any_stay_survives_to_dict_and_from_dict(hotel_stay: Stay) -> None:
    assert Stay.from_dict(hotel_stay.to_dict()) == hotel_stay
    assert Stay.from_dict(through_json(hotel_stay.to_dict())) == hotel_stay


@given(activities(), required_texts())
def test_revised_is_one_above_for_any_visible_change(activity: Activity, title: str) -> None:
    changed = replace(activity, title=activity.title + title)
    assert revised(activity, changed).revision == activity.revision + 1
    quiet = replace(activity, internal_notes=activity.internal_notes + title)
    assert revised(activity, quiet).revision == activity.revision

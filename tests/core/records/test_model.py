"""Programme, Site, Trainee, Contact and Participants: each validation rule, and lossless dicts."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import date, time, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.plain_text import printable
from cistrat_tui.core.records.model import (
    MAX_PROGRAMME_DAYS,
    Audience,
    Contact,
    Participants,
    Programme,
    Site,
    SiteKind,
    Trainee,
)

ID_A = "0b6a3b5e-8a1f-4c55-9d0e-1f2a3b4c5d6e"
ID_B = "7c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e"


def make_programme(**changes: Any) -> Programme:
    fields: dict[str, Any] = {"title": "STI Policy Workshop 2027", "start_date": "2027-03-01",
                              "end_date": "2027-03-19"}
    return Programme(**(fields | changes))


def make_site(**changes: Any) -> Site:
    fields: dict[str, Any] = {"kind": "science_park", "name_en": "Zhongguancun Science Park",
                              "name_zh": "中关村科技园区", "city": "Beijing", "lat": 39.98,
                              "lon": 116.31}
    return Site(**(fields | changes))


def refused(build: Any, *args: Any, **kwargs: Any) -> ValidationError:
    """The ValidationError raised by ``build(...)``; the test fails when there is none."""
    with pytest.raises(ValidationError) as caught:
        build(*args, **kwargs)
    return caught.value


# --- ids ------------------------------------------------------------------------------------


@pytest.mark.parametrize("build", [make_programme, make_site, lambda: Trainee("Amina Diallo")])
def test_every_record_gets_its_own_uuid_at_creation(build: Any) -> None:
    first, second = build(), build()
    assert uuid.UUID(first.id).version == 4
    assert first.id != second.id


def test_an_id_given_is_kept_and_a_bad_id_refused() -> None:
    assert Trainee("Amina", id=ID_A).id == ID_A
    assert str(refused(Trainee, "Amina", id="trainee-1")) == \
        "id: 'trainee-1' is not a valid id (UUID text)"


def test_ids_are_kept_in_one_spelling() -> None:
    assert Trainee("Amina", id=ID_A.upper()).id == ID_A


# --- Contact --------------------------------------------------------------------------------


def test_contact_checks_email_and_lengths() -> None:
    assert str(refused(Contact, "Wang Fang", email="wang.fang")) == \
        "contact email: 'wang.fang' is not an email address"
    assert "contact phone: is 61 characters long" in str(refused(Contact, phone="1" * 61))
    assert str(Contact("Wang Fang", "+86 10 5888 0000", "wf@casted.org.cn", "host")) == \
        "Wang Fang (host) +86 10 5888 0000 wf@casted.org.cn"


# --- Participants ---------------------------------------------------------------------------


def test_participants_default_to_everyone() -> None:
    everyone = Participants()
    assert everyone.audience is Audience.EVERYONE
    assert everyone.includes(Trainee("Anyone"))


def test_a_group_needs_its_name() -> None:
    assert str(refused(Participants, "group")) == "group: name the group that takes part"
    group_a = Participants("group", group="A")
    assert group_a.includes(Trainee("x", group="A"))
    assert not group_a.includes(Trainee("y", group="B"))


def test_named_participants_need_trainees() -> None:
    assert str(refused(Participants, "named")) == "participants: name at least one trainee"
    named = Participants("named", trainee_ids=(ID_A,))
    assert named.includes(Trainee("x", id=ID_A))
    assert not named.includes(Trainee("y", id=ID_B))


def test_a_trainee_is_not_named_twice() -> None:
    assert str(refused(Participants, "named", trainee_ids=(ID_A, ID_B, ID_A))) == \
        "participants: a trainee is named twice"
    assert str(refused(Participants, "named", trainee_ids=(ID_A, ID_A.upper()))) == \
        "participants: a trainee is named twice"


def test_an_unknown_audience_lists_the_choices() -> None:
    assert str(refused(Participants, "vips")) == \
        "participants: 'vips' is not one of: everyone, group, named"


def test_a_group_or_names_that_the_audience_ignores_are_refused() -> None:
    assert "choose 'group' or clear the group" in str(refused(Participants, "everyone",
                                                              group="A"))
    assert "choose 'named' or clear the names" in str(
        refused(Participants, "group", group="A", trainee_ids=(ID_A,)))


def test_participant_ids_are_checked() -> None:
    assert str(refused(Participants, "named", trainee_ids=("amina",))) == \
        "participants: 'amina' is not a valid id (UUID text)"
    assert "expected a list of trainees" in str(refused(Participants, "named",
                                                        trainee_ids=ID_A))


def test_participants_from_a_list_and_back() -> None:
    named = Participants.from_dict({"audience": "named", "trainee_ids": [ID_A, ID_B]})
    assert named.trainee_ids == (ID_A, ID_B)
    assert Participants.from_dict(named.to_dict()) == named
    assert Participants.from_dict(None) == Participants()


# --- Programme ------------------------------------------------------------------------------


def test_programme_parses_its_fields() -> None:
    programme = make_programme(day_start="08:00", coordinator={"name": "Li Na"})
    assert programme.start_date == date(2027, 3, 1)
    assert programme.day_start == time(8, 0)
    assert programme.coordinator == Contact("Li Na")
    assert len(programme.days()) == 19


def test_programme_dates_must_exist() -> None:
    error = refused(make_programme, end_date="2027-02-30")
    assert error.field == "end date"
    assert "'2027-02-30' is not a date that exists" in str(error)


def test_programme_ends_on_or_after_its_start() -> None:
    assert make_programme(end_date="2027-03-01").days() == [date(2027, 3, 1)]
    assert str(refused(make_programme, end_date="2027-02-28")) == \
        "programme end date: 2027-02-28 is before the start date 2027-03-01"


def test_working_day_ends_after_it_starts() -> None:
    error = refused(make_programme, day_start="18:00", day_end="08:30")
    assert str(error) == ("day end: the working day must end after it starts: "
                          "08:30 is not after 18:00")
    assert refused(make_programme, day_start="09:00", day_end="09:00").field == "day end"


def test_lunch_ends_after_it_starts() -> None:
    assert str(refused(make_programme, lunch_start="13:00", lunch_end="12:00")) == \
        "lunch end: lunch must end after it starts: 12:00 is not after 13:00"


@pytest.mark.parametrize(("start", "end"), [("08:00", "09:00"), ("17:30", "18:30")])
def test_lunch_lies_inside_the_working_day(start: str, end: str) -> None:
    assert str(refused(make_programme, lunch_start=start, lunch_end=end)) == \
        f"lunch: lunch {start}-{end} must fall inside the working day 08:30-18:00"


def test_programme_time_zone_must_be_known() -> None:
    assert refused(make_programme, timezone="Beijing").field == "time zone"
    assert make_programme(timezone="UTC").timezone == "UTC"


def test_programme_contacts_are_contacts() -> None:
    error = refused(make_programme, coordinator={"name": "Li Na", "email": "li"})
    assert str(error) == "coordinator email: 'li' is not an email address"
    assert "unknown contact field 'mobile'" in str(
        refused(make_programme, coordinator={"mobile": "1"}))
    assert "expected a contact" in str(refused(make_programme, coordinator="Li Na"))
    assert "expected a list of contacts" in str(
        refused(make_programme, emergency_contacts="Li Na"))
    both = make_programme(emergency_contacts=[{"name": "Police", "phone": "110"},
                                              Contact("Ambulance", "120")])
    assert both.emergency_contacts == (Contact("Police", "110"), Contact("Ambulance", "120"))


def test_programme_title_is_required_and_limited() -> None:
    assert str(refused(make_programme, title="  ")) == "title: must not be empty"
    assert make_programme(title="培" * 200).title == "培" * 200
    assert "at most 200" in str(refused(make_programme, title="培" * 201))


# --- Site -----------------------------------------------------------------------------------


def test_site_kind_is_one_of_the_known_kinds() -> None:
    assert make_site(kind="Rail station").kind is SiteKind.RAIL_STATION
    assert str(refused(make_site, kind="castle")) == (
        "kind: 'castle' is not one of: science park, research institute, company, "
        "university, venue, hotel, rail station, airport, restaurant")


def test_site_needs_an_english_name_and_a_city() -> None:
    assert str(refused(make_site, name_en="")) == "English name: must not be empty"
    assert str(refused(make_site, city=" ")) == "city: must not be empty"


@pytest.mark.parametrize(("lat", "lon"), [(-90, -180), (90, 180), (0, 0), ("31.2", "121.5")])
def test_site_coordinates_in_range(lat: object, lon: object) -> None:
    site = make_site(lat=lat, lon=lon)
    assert site.has_coordinates
    assert (site.lat, site.lon) == (float(lat), float(lon))  # type: ignore[arg-type]


@pytest.mark.parametrize(("lat", "lon", "field"), [(90.1, 116.3, "latitude"),
                                                   (-91, 116.3, "latitude"),
                                                   (39.9, 180.5, "longitude"),
                                                   (39.9, -181, "longitude")])
def test_site_coordinates_out_of_range(lat: float, lon: float, field: str) -> None:
    error = refused(make_site, lat=lat, lon=lon)
    assert error.field == field
    assert "is out of range" in error.reason


def test_site_coordinates_come_both_or_neither() -> None:
    assert not make_site(lat=None, lon=None).has_coordinates
    for lat, lon in ((39.9, None), (None, 116.4)):
        assert str(refused(make_site, lat=lat, lon=lon)) == \
            "coordinates: give both latitude and longitude, or neither"


def test_opening_hours_by_weekday() -> None:
    site = make_site(opening_hours={"0": ["09:00", "17:00"], 4: ("09:00", "12:00")})
    assert site.opening_hours == {0: (time(9), time(17)), 4: (time(9), time(12))}
    assert site.open_on(date(2027, 3, 1)) == (time(9), time(17))  # a Monday
    assert site.open_on(date(2027, 3, 6)) is None  # a Saturday: closed
    assert make_site().open_on(date(2027, 3, 6)) == (time(0, 0), time(23, 59))


@pytest.mark.parametrize(("hours", "message"), [
    ({"7": ["09:00", "17:00"]}, "weekday 7 is not 0 (Monday) to 6 (Sunday)"),
    ({"-1": ["09:00", "17:00"]}, "weekday -1 is not 0 (Monday) to 6 (Sunday)"),
    ({"Mon": ["09:00", "17:00"]}, "'Mon' is not a weekday number"),
    ({"2": ["17:00", "09:00"]}, "Wednesday: closes at 09:00, not after it opens at 17:00"),
    ({"2": ["09:00", "09:00"]}, "Wednesday: closes at 09:00, not after it opens at 09:00"),
    ({"2": ["09:00"]}, "Wednesday: expected an opening and a closing time"),
    (["09:00", "17:00"], "expected hours by weekday"),
])
def test_opening_hours_are_refused_when_impossible(hours: Any, message: str) -> None:
    error = refused(make_site, opening_hours=hours)
    assert error.field == "opening hours"
    assert message in error.reason


def test_opening_hours_times_name_the_day() -> None:
    assert refused(make_site, opening_hours={"1": ["9am", "17:00"]}).field == \
        "opening hours (Tuesday)"


def test_site_host_is_a_contact() -> None:
    assert make_site(host={"name": "Zhang Wei"}).host == Contact("Zhang Wei")
    assert str(refused(make_site, host={"email": "x"})) == \
        "host email: 'x' is not an email address"


def test_site_text_limits() -> None:
    assert make_site(address_zh="北" * 400).address_zh == "北" * 400
    assert refused(make_site, address_zh="北" * 401).field == "Chinese address"
    assert refused(make_site, name_zh="园" * 201).field == "Chinese name"


# --- Trainee --------------------------------------------------------------------------------


def test_trainee_name_as_in_passport_is_required() -> None:
    assert str(refused(Trainee, "")) == "name (as in passport): must not be empty"


def test_trainee_email_is_checked() -> None:
    assert Trainee("Amina", email="amina@example.org").email == "amina@example.org"
    assert str(refused(Trainee, "Amina", email="amina at example.org")) == \
        "email: 'amina at example.org' is not an email address"


def test_trainee_text_limits() -> None:
    assert refused(Trainee, "Amina", dietary="x" * 501).field == "dietary needs"
    assert refused(Trainee, "A" * 201).field == "name (as in passport)"


# --- replace re-validates -------------------------------------------------------------------


def test_replace_validates_again() -> None:
    site = make_site()
    assert replace(site, city="Shanghai").city == "Shanghai"
    assert replace(site, kind="hotel").kind is SiteKind.HOTEL
    assert refused(replace, site, lat=95).field == "latitude"
    assert refused(replace, make_programme(), end_date=date(2027, 2, 1)).field == "end date"
    assert refused(replace, Trainee("Amina"), email="nope").field == "email"


def test_replace_keeps_the_id() -> None:
    trainee = Trainee("Amina")
    assert replace(trainee, country="Kenya").id == trainee.id


# --- lossless round trips (property tests) --------------------------------------------------

# Text as a coordinator types it: Chinese, emoji, accents, several lines.
CHARACTERS = st.one_of(st.characters(codec="utf-8"),
                       st.sampled_from(list("中关村科技园区北京上海武汉杭州苏州广州🚄🎓✈️\n\té")))


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.text(CHARACTERS, max_size=max_size)


def required_texts(max_size: int = 40) -> st.SearchStrategy[str]:
    # Control characters are dropped when text enters a record (core/plain_text.py).
    return texts(max_size).filter(lambda value: printable(value).strip() != "")


minutes = st.builds(time, st.integers(0, 23), st.integers(0, 59))
contacts = st.builds(Contact, texts(), texts(20), st.sampled_from(["", "li.na@casted.org.cn"]),
                     texts())


@st.composite
def programmes(draw: st.DrawFn) -> Programme:
    start = draw(st.dates(date(2020, 1, 1), date(2040, 12, 31)))
    end = start + timedelta(days=draw(st.integers(0, MAX_PROGRAMME_DAYS - 1)))
    day_start = draw(st.integers(0, 20 * 60))
    day_end = draw(st.integers(day_start + 2, 23 * 60 + 59))
    lunch_start = draw(st.integers(day_start, day_end - 1))
    lunch_end = draw(st.integers(lunch_start + 1, day_end))
    clock = [time(m // 60, m % 60) for m in (day_start, day_end, lunch_start, lunch_end)]
    return Programme(draw(required_texts()), start, end, draw(required_texts()),
                     draw(st.sampled_from(["Asia/Shanghai", "UTC", "Africa/Nairobi"])), *clock,
                     coordinator=draw(contacts),
                     emergency_contacts=tuple(draw(st.lists(contacts, max_size=3))),
                     organizer=draw(texts()), notes=draw(texts(200)))


@st.composite
def hours(draw: st.DrawFn) -> dict[int, tuple[time, time]]:
    days = draw(st.sets(st.integers(0, 6), max_size=7))
    result = {}
    for day in days:
        opens = draw(st.integers(0, 23 * 60 + 58))
        closes = draw(st.integers(opens + 1, 23 * 60 + 59))
        result[day] = (time(opens // 60, opens % 60), time(closes // 60, closes % 60))
    return result


coordinates = st.one_of(st.just((None, None)),
                        st.tuples(st.floats(-90, 90), st.floats(-180, 180)))


@st.composite
def sites(draw: st.DrawFn) -> Site:
    lat, lon = draw(coordinates)
    return Site(draw(st.sampled_from(SiteKind)), draw(required_texts()), draw(required_texts()),
                draw(texts()), draw(texts()), draw(texts()), lat, lon, draw(hours()),
                draw(contacts), draw(texts(20)), draw(texts(200)), draw(texts()))


trainees = st.builds(Trainee, required_texts(), texts(), texts(),
                     st.sampled_from(["", "amina@example.org"]), texts(20), texts(10), texts(),
                     texts(), texts(200))


def through_json(data: dict[str, Any]) -> dict[str, Any]:
    """What the store does to a record's dict: UTF-8 JSON with Chinese as characters."""
    return json.loads(json.dumps(data, ensure_ascii=False).encode("utf-8"))  # type: ignore[no-any-return]


@given(programmes())
def test_any_programme_survives_to_dict_and_from_dict(programme: Programme) -> None:
    assert Programme.from_dict(programme.to_dict()) == programme
    assert Programme.from_dict(through_json(programme.to_dict())) == programme


@given(sites())
def test_any_site_survives_to_dict_and_from_dict(site: Site) -> None:
    assert Site.from_dict(site.to_dict()) == site
    assert Site.from_dict(through_json(site.to_dict())) == site


@given(trainees)
def test_any_trainee_survives_to_dict_and_from_dict(trainee: Trainee) -> None:
    assert Trainee.from_dict(trainee.to_dict()) == trainee
    assert Trainee.from_dict(through_json(trainee.to_dict())) == trainee


def test_round_trip_keeps_chinese_emoji_and_lines_exactly() -> None:
    site = make_site(notes="第一行\n第二行 🚄\n\tthird line",
                     address_zh="北京市海淀区中关村大街1号")
    back = Site.from_dict(through_json(site.to_dict()))
    assert back.notes == "第一行\n第二行 🚄\n\tthird line"
    assert back == site


def test_a_programme_longer_than_three_years_is_refused() -> None:
    from cistrat_tui.core.records.model import Programme

    Programme("Three years", "2027-01-01", "2029-12-31")
    with pytest.raises(ValidationError, match=f"at most {MAX_PROGRAMME_DAYS}"):
        Programme("Four years", "2027-01-01", "2030-12-31")
    with pytest.raises(ValidationError, match="1,099 days"):
        Programme("One day too many", "2027-01-01", date(2027, 1, 1) + timedelta(days=1098))

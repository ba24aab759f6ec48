"""The Workshop aggregate: references between records, safe deletes, lossless tables."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.activity import Activity, Stay
from cistrat_tui.core.records.model import Participants, Programme, Site, Trainee
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop, record_from_dict

MISSING_ID = "deadbeef-0000-4000-8000-000000000000"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2027, 3, day, hour, minute, tzinfo=SHANGHAI)


@dataclass
class Sample:
    """A small workshop and its records by name."""

    workshop: Workshop
    casted: Site
    hotel: Site
    beijing_south: Site
    shanghai_hongqiao: Site
    amina: Trainee
    kofi: Trainee
    lecture: Activity
    train: Activity
    stay: Stay


@pytest.fixture
def sample() -> Sample:
    programme = Programme("STI 政策培训班 2027", "2027-03-01", "2027-03-19",
                          coordinator={"name": "李娜", "email": "li.na@casted.org.cn"})
    workshop = Workshop(programme)
    casted = Site("research_institute", "CASTED", "Beijing", "中国科学技术发展战略研究院",
                  address_zh="北京市海淀区玉渊潭南路8号", lat=39.91, lon=116.31,
                  opening_hours={"0": ["08:30", "17:30"]})
    hotel = Site("hotel", "Jinjiang Hotel", "Shanghai", "锦江饭店", lat=31.21, lon=121.46)
    south = Site("rail_station", "Beijing South", "Beijing", "北京南站", lat=39.87, lon=116.38)
    hongqiao = Site("rail_station", "Shanghai Hongqiao", "Shanghai", "上海虹桥站", lat=31.19,
                    lon=121.32)
    amina = Trainee("Amina Diallo", "Senegal", email="amina@example.org", group="A",
                    dietary="halal 清真")
    kofi = Trainee("Kofi Mensah", "Ghana", group="B")
    for record in (casted, hotel, south, hongqiao, amina, kofi):
        workshop.put(record)
    lecture = Activity("lecture", "中国的科技政策 (China's STI policy)", at(2, 9), at(2, 12),
                       site_id=casted.id, description="第一讲\n🎓 bring questions")
    train = Activity("travel", "Beijing to Shanghai", at(8, 9), at(8, 13, 28),
                     from_site_id=south.id, to_site_id=hongqiao.id, mode="high_speed_rail",
                     service_number="G7", seats={amina.id: "5车12A", kofi.id: "5车12B"},
                     participants=Participants("named", trainee_ids=(amina.id, kofi.id)))
    stay = Stay(hotel.id, "2027-03-08", "2027-03-11",
                Participants("named", trainee_ids=(amina.id,)), booking_ref="携程 123")
    for record in (lecture, train, stay):
        workshop.put(record)
    return Sample(workshop, casted, hotel, south, hongqiao, amina, kofi, lecture, train, stay)


def refused(call: Any, *args: Any, **kwargs: Any) -> ValidationError:
    """The ValidationError raised by ``call(...)``; the test fails when there is none."""
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value


# --- references that must exist -------------------------------------------------------------


@pytest.mark.parametrize("field", ["site_id", "from_site_id", "to_site_id"])
def test_an_activity_at_a_site_that_does_not_exist_is_refused(sample: Sample, field: str) -> None:
    activity = sample.train if field != "site_id" else sample.lecture
    bad = replace(activity, **{field: MISSING_ID})
    error = refused(sample.workshop.put, bad)
    label = {"site_id": "site", "from_site_id": "from", "to_site_id": "to"}[field]
    assert error.field == label
    assert error.record == f"activity {activity.title!r}"
    assert f"no site has the id {MISSING_ID}; add the site first" in str(error)
    assert sample.workshop.activities[activity.id] == activity  # unchanged


def test_a_seat_for_a_trainee_who_does_not_exist_is_refused(sample: Sample) -> None:
    bad = replace(sample.train, seats={MISSING_ID: "1A"})
    error = refused(sample.workshop.put, bad)
    assert str(error) == (f"activity 'Beijing to Shanghai' seats: a seat is given to "
                          f"{MISSING_ID}, but no trainee has that id")


def test_a_named_participant_who_does_not_exist_is_refused(sample: Sample) -> None:
    ghost = Participants("named", trainee_ids=(sample.amina.id, MISSING_ID))
    error = refused(sample.workshop.put, replace(sample.lecture, participants=ghost))
    assert error.field == "participants"
    assert f"no trainee has the id {MISSING_ID}; add the trainee first" in str(error)
    stay_error = refused(sample.workshop.put, replace(sample.stay, participants=ghost))
    assert stay_error.record == "stay from 2027-03-08"
    assert stay_error.field == "participants"


def test_a_stay_at_a_hotel_that_does_not_exist_is_refused(sample: Sample) -> None:
    error = refused(sample.workshop.put, Stay(MISSING_ID, "2027-03-12", "2027-03-13"))
    assert str(error) == (f"stay from 2027-03-12 hotel: no site has the id {MISSING_ID}; "
                          "add the hotel first")


def test_a_stay_at_a_site_that_is_not_a_hotel_is_refused(sample: Sample) -> None:
    error = refused(sample.workshop.put, Stay(sample.casted.id, "2027-03-12", "2027-03-13"))
    assert str(error) == "stay from 2027-03-12 hotel: CASTED is a research institute, not a hotel"
    assert len(sample.workshop.stays) == 1


def test_a_hotel_with_stays_cannot_stop_being_a_hotel(sample: Sample) -> None:
    error = refused(sample.workshop.put, replace(sample.hotel, kind="venue"))
    assert str(error) == "site kind: Jinjiang Hotel is the hotel of 1 stay; it must stay a hotel"
    assert sample.workshop.sites[sample.hotel.id].kind == "hotel"
    unused = Site("hotel", "Spare hotel", "Wuhan")
    sample.workshop.put(unused)
    sample.workshop.put(replace(unused, kind="venue"))
    assert sample.workshop.sites[unused.id].kind == "venue"


def test_a_group_activity_needs_no_trainee_references(sample: Sample) -> None:
    group = replace(sample.lecture, participants=Participants("group", group="A"))
    sample.workshop.put(group)
    assert sample.workshop.participants_of(group.participants) == [sample.amina]


def test_put_replaces_a_record_with_the_same_id(sample: Sample) -> None:
    sample.workshop.put(replace(sample.amina, country="Sénégal"))
    assert len(sample.workshop.trainees) == 2
    assert sample.workshop.trainees[sample.amina.id].country == "Sénégal"
    new_programme = replace(sample.workshop.programme, title="New title")
    sample.workshop.put(new_programme)
    assert sample.workshop.programme.title == "New title"


# --- deletes that would leave a reference dangling ------------------------------------------


def test_removing_a_site_that_an_activity_uses_is_refused(sample: Sample) -> None:
    error = refused(sample.workshop.remove, sample.casted)
    assert str(error) == ("site: CASTED is still used by 1 activity "
                          f"({sample.lecture.title!r}); change or remove them first")
    assert sample.casted.id in sample.workshop.sites
    assert "Beijing South is still used by 1 activity ('Beijing to Shanghai')" in str(
        refused(sample.workshop.remove, sample.beijing_south))


def test_removing_a_hotel_with_a_stay_is_refused(sample: Sample) -> None:
    assert "Jinjiang Hotel is still used by 1 stay;" in str(
        refused(sample.workshop.remove, sample.hotel))


def test_removing_a_trainee_still_named_is_refused(sample: Sample) -> None:
    error = refused(sample.workshop.remove, sample.amina)
    assert str(error) == ("trainee: Amina Diallo is still named in 1 activity "
                          "('Beijing to Shanghai') and 1 stay; change or remove them first")
    assert sample.amina.id in sample.workshop.trainees


def test_removing_a_trainee_who_only_holds_a_seat_is_refused(sample: Sample) -> None:
    only_seat = replace(sample.train, participants=Participants())
    sample.workshop.put(only_seat)
    assert "Kofi Mensah is still named in 1 activity" in str(
        refused(sample.workshop.remove, sample.kofi))


def test_removing_records_once_nothing_refers_to_them(sample: Sample) -> None:
    ws = sample.workshop
    ws.remove(sample.stay)
    ws.remove(sample.hotel)
    ws.remove(sample.train)
    for record in (sample.amina, sample.kofi, sample.beijing_south, sample.lecture,
                   sample.casted):
        ws.remove(record)
    assert (ws.sites.keys(), ws.trainees, ws.activities, ws.stays) == \
        ({sample.shanghai_hongqiao.id}, {}, {}, {})


# --- reading --------------------------------------------------------------------------------


def test_activities_on_returns_the_day_in_time_order(sample: Sample) -> None:
    ws = sample.workshop
    lunch = Activity("meal", "Lunch 午餐", at(2, 12), at(2, 13, 30))
    welcome = Activity("free_time", "Welcome tea", at(2, 8, 30), at(2, 9))
    evening = Activity("meal", "Dinner", at(2, 18), at(2, 20), status="cancelled")
    # 23:30 UTC on 1 March is 07:30 on 2 March in Beijing.
    early = Activity("meal", "Breakfast", datetime(2027, 3, 1, 23, 30, tzinfo=UTC),
                     datetime(2027, 3, 2, 0, 0, tzinfo=UTC))
    for record in (evening, lunch, welcome, early):
        ws.put(record)
    assert [a.title for a in ws.activities_on(date(2027, 3, 2))] == \
        ["Breakfast", "Welcome tea", sample.lecture.title, "Lunch 午餐", "Dinner"]
    assert evening not in ws.activities_on(date(2027, 3, 2), include_cancelled=False)
    assert ws.activities_on(date(2027, 3, 8)) == [sample.train]
    assert ws.activities_on(date(2027, 3, 3)) == []
    assert ws.ordered_activities()[0] is early
    assert ws.ordered_activities()[-1] == sample.train


def test_groups_and_cities(sample: Sample) -> None:
    assert sample.workshop.groups() == ["A", "B"]
    assert sample.workshop.cities() == ["Beijing", "Shanghai"]


def test_users_of_a_site_and_a_trainee(sample: Sample) -> None:
    ws = sample.workshop
    assert ws.users_of_site(sample.hotel.id) == [sample.stay]
    assert ws.users_of_trainee(sample.kofi.id) == [sample.train]
    assert ws.users_of_site(sample.shanghai_hongqiao.id) == [sample.train]


# --- whole-workshop tables ------------------------------------------------------------------


def test_tables_round_trip_is_lossless_with_chinese(sample: Sample) -> None:
    tables = sample.workshop.to_tables()
    assert Workshop.from_tables(tables) == sample.workshop
    text = json.dumps(tables, ensure_ascii=False)
    assert "中国科学技术发展战略研究院" in text and "5车12A" in text
    back = Workshop.from_tables(json.loads(text.encode("utf-8")))
    assert back == sample.workshop
    assert back.to_tables() == tables
    assert back.sites[sample.casted.id].address_zh == "北京市海淀区玉渊潭南路8号"
    assert back.activities[sample.lecture.id].description == "第一讲\n🎓 bring questions"


def test_from_tables_needs_exactly_one_programme(sample: Sample) -> None:
    tables = sample.workshop.to_tables()
    assert str(refused(Workshop.from_tables, {**tables, "programme": []})) == \
        "programme: expected one programme, found 0"
    two = [tables["programme"][0], {**tables["programme"][0], "id": MISSING_ID}]
    assert "found 2" in str(refused(Workshop.from_tables, {**tables, "programme": two}))


def broken(tables: dict[str, list[dict[str, Any]]], table: str, index: int,
           **changes: Any) -> dict[str, list[dict[str, Any]]]:
    """A deep copy of ``tables`` with one record changed (a change to None removes the field)."""
    tables = copy.deepcopy(tables)
    record = tables[table][index]
    for name, value in changes.items():
        if value is None:
            del record[name]
        else:
            record[name] = value
    return tables


def test_from_tables_names_a_record_with_a_missing_field(sample: Sample) -> None:
    tables = sample.workshop.to_tables()
    error = refused(Workshop.from_tables, broken(tables, "sites", 0, city=None))
    assert str(error) == "site 'CASTED' city: is missing"
    error = refused(Workshop.from_tables, broken(tables, "activities", 1, start=None))
    assert str(error) == "activity 'Beijing to Shanghai' start: is missing"


def test_from_tables_names_a_record_with_an_unknown_field(sample: Sample) -> None:
    tables = broken(sample.workshop.to_tables(), "trainees", 0, passport_no="X1")
    assert str(refused(Workshop.from_tables, tables)) == ("trainee 'Amina Diallo' fields: "
        "unknown field 'passport_no' (perhaps a typo, or written by another version)")


def test_from_tables_names_a_record_with_a_bad_value(sample: Sample) -> None:
    tables = broken(sample.workshop.to_tables(), "stays", 0, check_out="2027-02-30")
    error = refused(Workshop.from_tables, tables)
    assert error.record == f"stay {sample.stay.id!r}"
    assert error.field == "check-out date"
    tables = broken(sample.workshop.to_tables(), "activities", 0, kind="party")
    assert str(refused(Workshop.from_tables, tables)).startswith(
        f"activity {sample.lecture.title!r} kind: 'party' is not one of: visit,")


def test_from_tables_names_a_duplicate_id(sample: Sample) -> None:
    tables = sample.workshop.to_tables()
    copy_of_amina = {**tables["trainees"][0], "name": "Amina Twin"}
    tables["trainees"].append(copy_of_amina)
    assert str(refused(Workshop.from_tables, tables)) == \
        f"trainee 'Amina Twin' id: two trainees share the id {sample.amina.id}"


def test_from_tables_refuses_a_dangling_reference(sample: Sample) -> None:
    tables = sample.workshop.to_tables()
    del tables["sites"][1]  # the hotel
    assert "no site has the id" in str(refused(Workshop.from_tables, tables))


def test_from_tables_refuses_what_is_not_a_record(sample: Sample) -> None:
    tables = sample.workshop.to_tables()
    tables["sites"].append(["CASTED"])  # type: ignore[arg-type]
    assert str(refused(Workshop.from_tables, tables)) == "site record: expected a site, got list"


def test_record_from_dict_builds_each_kind(sample: Sample) -> None:
    assert record_from_dict(Site, sample.casted.to_dict()) == sample.casted
    assert record_from_dict(Stay, sample.stay.to_dict()) == sample.stay
    short = {k: v for k, v in sample.kofi.to_dict().items() if k in ("id", "name")}
    assert record_from_dict(Trainee, short) == replace(sample.kofi, country="", group="")


def test_from_tables_keeps_times_of_other_offsets(sample: Sample) -> None:
    utc_leg = replace(sample.train, start=at(8, 9).astimezone(UTC),
                      end=at(8, 9).astimezone(UTC) + timedelta(hours=5))
    sample.workshop.put(utc_leg)
    back = Workshop.from_tables(json.loads(json.dumps(sample.workshop.to_tables())))
    assert back.activities[utc_leg.id].start == at(8, 9)
    assert back.activities[utc_leg.id].day == date(2027, 3, 8)

"""Sealed files load fast and exactly as validated; any edit falls back to full validation."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from cistrat_tui.core.errors import CorruptDatabaseError
from cistrat_tui.core.records import workshop as workshop_module
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.closure import Closure
from cistrat_tui.core.records.model import Contact, Participants, Programme, Site, Trainee
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.store import trusted
from cistrat_tui.core.store.repository import WorkshopStore, tables_of
from cistrat_tui.core.store.storage import encode_tables, read_tables
from tests.core.store.store_helpers import small_workshop


def varied_workshop() -> Workshop:
    """Every kind of field: contacts, hours, a train with seats, groups, named people."""
    workshop = small_workshop()
    workshop.put(Programme(
        "Workshop 研讨会", "2027-03-07", "2027-03-27", coordinator=Contact("Li Wei", "+86 10"),
        emergency_contacts=(Contact("Desk", "110", role="24 h"), Contact("Clinic", "120")),
        id=workshop.programme.id))
    station_a = Site("rail_station", "Beijing South", "Beijing", name_zh="北京南站",
                     lat=39.8658, lon=116.3764)
    station_b = Site("rail_station", "Shanghai Hongqiao", "Shanghai", name_zh="上海虹桥站",
                     lat=31.1963, lon=121.3161, opening_hours={5: ("06:00", "23:00")})
    workshop.put(station_a)
    workshop.put(station_b)
    people = list(workshop.trainees.values())
    start = datetime(2027, 3, 15, 8, 0, tzinfo=SHANGHAI)
    workshop.put(Activity("travel", "G7 Beijing South -> Shanghai Hongqiao", start,
                          start + timedelta(hours=4, minutes=28), from_site_id=station_a.id,
                          to_site_id=station_b.id, mode="high_speed_rail", service_number="G7",
                          seats={p.id: f"Car 5, Seat {n}A" for n, p in enumerate(people)},
                          participants=Participants("named", trainee_ids=(people[0].id,)),
                          status="confirmed", revision=3, internal_notes="票已出"))
    workshop.put(Activity("meal", "Dinner", start + timedelta(hours=10),
                          start + timedelta(hours=12), participants=Participants("group",
                                                                                 group="A")))
    workshop.put(Trainee("Kwame Mensah", country="Ghana", dietary="halal"))
    workshop.put(Closure("2027-03-12", "2027-03-13", "Park open day", station_b.id))
    workshop.put(Closure("2027-03-20", "2027-03-20", "Institute anniversary"))
    return workshop


def test_sealed_rebuild_equals_the_validated_one() -> None:
    workshop = varied_workshop()
    tables = tables_of(workshop)
    fast = trusted.sealed_workshop(tables)
    slow = Workshop.from_tables({n: t.values() for n, t in tables.items() if n != "_meta"})
    assert fast == slow == workshop
    assert len(fast.closures) == 2
    for name in ("sites", "trainees", "activities", "stays", "closures"):
        for record_id, record in getattr(fast, name).items():
            assert type(record) is type(getattr(slow, name)[record_id])


def test_a_sealed_file_opens_without_revalidating(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "w.json"
    workshop = varied_workshop()
    WorkshopStore.open(db, create_from=lambda: workshop).close()
    assert read_tables(db)[1], "a file the store wrote carries a matching seal"

    def no_validation(*args: object) -> None:
        raise AssertionError("a sealed file was validated again")

    monkeypatch.setattr(workshop_module.Workshop, "from_tables", no_validation)
    with WorkshopStore.open(db) as store:
        assert store.workshop == workshop


def test_an_edited_file_is_validated_again(tmp_path: Path) -> None:
    db = tmp_path / "w.json"
    WorkshopStore.open(db, create_from=small_workshop).close()
    sealed = db.read_bytes()
    assert b'"lat":31.2018' in sealed
    db.write_bytes(sealed.replace(b'"lat":31.2018', b'"lat":131.2018'))
    assert not read_tables(db)[1]
    with pytest.raises(CorruptDatabaseError, match="latitude"):
        WorkshopStore.open(db)
    # A valid hand edit is accepted (through full validation) and sealed again on save.
    db.write_bytes(sealed.replace("张江高科技园区".encode(), "张江科学城".encode()))
    with WorkshopStore.open(db) as store:
        park = next(s for s in store.workshop.sites.values() if s.kind == "science_park")
        assert park.name_zh == "张江科学城"
        store.put(Trainee("Resealed"))
    assert read_tables(db)[1]


def test_unexpected_shapes_are_not_trusted() -> None:
    data = varied_workshop().programme.to_dict()
    with pytest.raises(trusted.Untrusted):
        trusted.build(Programme, {k: v for k, v in data.items() if k != "title"})
    with pytest.raises(trusted.Untrusted):
        trusted.build(Programme, {**data, "start_date": "not a date"})
    with pytest.raises(trusted.Untrusted):
        trusted.build(Programme, {**data, "extra": 1})


def test_encoding_is_compact_utf8_with_the_meta_first() -> None:
    payload = encode_tables(tables_of(small_workshop()))
    assert payload.startswith(b'{"_meta":{"1":{"schema_version":')
    assert "张江高科技园区".encode() in payload


def test_money_is_rebuilt_exactly_by_the_fast_loader() -> None:
    from decimal import Decimal

    from cistrat_tui.core.sample import sample_workshop

    validated = sample_workshop()
    fast = trusted.sealed_workshop(tables_of(validated))
    assert fast.costs == validated.costs and fast.budget_rules == validated.budget_rules
    assert fast.stays == validated.stays
    line = next(c for c in fast.costs.values() if c.currency == "USD")
    assert isinstance(line.unit_price, Decimal) and fast.rules.currency_rates == {
        "USD": Decimal("7.10")}
    assert str(fast.rules.currency_rates["USD"]) == "7.10"

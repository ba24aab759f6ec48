"""Closures: a date range and a reason, for one site or the whole programme."""

from __future__ import annotations

from datetime import date

import pytest

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.closure import Closure
from cistrat_tui.core.records.model import Programme, Site, SiteKind
from cistrat_tui.core.records.registry import by_table, record_type
from cistrat_tui.core.records.workshop import Workshop


def workshop_with_park() -> tuple[Workshop, Site]:
    park = Site(SiteKind.SCIENCE_PARK, "Zhangjiang Hi-Tech Park", "Shanghai")
    workshop = Workshop(Programme("W", date(2027, 9, 5), date(2027, 9, 25)))
    workshop.put(park)
    return workshop, park


def test_a_closure_names_its_days_and_round_trips() -> None:
    closure = Closure("2027-09-09", "2027-09-11", "  Park open day  ")
    assert closure.reason == "Park open day" and closure.site_id is None
    assert closure.days() == [date(2027, 9, 9), date(2027, 9, 10), date(2027, 9, 11)]
    assert Closure.from_dict(closure.to_dict()) == closure
    assert Closure(date(2027, 9, 9), date(2027, 9, 9), "x", site_id="").site_id is None


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"first_date": "2027-09-10", "last_date": "2027-09-09", "reason": "x"}, "last date"),
    ({"first_date": "2027-09-10", "last_date": "2028-09-10", "reason": "x"}, "last date"),
    ({"first_date": "2027-09-31", "last_date": "2027-10-01", "reason": "x"}, "first date"),
    ({"first_date": "2027-09-10", "last_date": "2027-09-10", "reason": " "}, "reason"),
    ({"first_date": "2027-09-10", "last_date": "2027-09-10", "reason": "x",
      "site_id": "park"}, "site"),
])
def test_bad_closures_name_the_field(kwargs: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        Closure(**kwargs)  # type: ignore[arg-type]
    assert error.value.field == field


def test_closures_are_a_registered_table_of_the_workshop() -> None:
    assert record_type(Closure).table == "closures"
    assert by_table("closures").cls is Closure
    workshop, park = workshop_with_park()
    closure = Closure("2027-09-09", "2027-09-09", "Open day", park.id)
    workshop.put(closure)
    assert workshop.closures == {closure.id: closure}
    again = Workshop.from_tables(workshop.to_tables())
    assert again.closures == workshop.closures


def test_a_closure_of_an_unknown_site_is_refused() -> None:
    workshop, _ = workshop_with_park()
    with pytest.raises(ValidationError, match="no site has the id"):
        workshop.put(Closure("2027-09-09", "2027-09-09", "Open day",
                             "0ad3e053-f70d-501e-b819-d95d98c2eadf"))
    tables = workshop.to_tables()
    tables["closures"] = [Closure("2027-09-09", "2027-09-09", "Open day",
                                  "0ad3e053-f70d-501e-b819-d95d98c2eadf").to_dict()]
    with pytest.raises(ValidationError, match="no site has the id"):
        Workshop.from_tables(tables)


def test_a_site_with_closures_cannot_be_deleted_until_they_go() -> None:
    workshop, park = workshop_with_park()
    closure = Closure("2027-09-09", "2027-09-09", "Open day", park.id)
    workshop.put(closure)
    with pytest.raises(ValidationError, match="has 1 closure; remove them first"):
        workshop.remove(park)
    workshop.remove(closure)
    workshop.remove(park)
    assert not workshop.sites and not workshop.closures

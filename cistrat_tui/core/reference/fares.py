"""Second-class high-speed rail fares between the six cities (``data/reference/rail_fares.csv``).

Each fare keeps its source and how far to trust it (published, or an estimate), so a budget
line drawn from the table can say where its unit price came from. Fares are the same in both
directions; the table is looked up by city, whatever the station.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.cost import decimal_value
from cistrat_tui.core.reference.places import read_reference_csv

FARES_FILE = "rail_fares.csv"


@dataclass(frozen=True, slots=True)
class Fare:
    """One second-class fare in CNY, with where the figure comes from."""

    city_a: str
    city_b: str
    cny: Decimal
    source: str
    confidence: str


def _city(name: str) -> str:
    return " ".join(name.split()).casefold()


@functools.cache
def _fares() -> dict[frozenset[str], Fare]:
    table: dict[frozenset[str], Fare] = {}
    for row in read_reference_csv(FARES_FILE):
        pair = frozenset({_city(row["city_a"]), _city(row["city_b"])})
        where = f"{FARES_FILE}: {row['city_a']}-{row['city_b']}"
        if len(pair) != 2 or pair in table:
            raise ValidationError("cities", "a fare needs two cities, once each", where)
        try:
            cny = decimal_value(row["second_class_cny"], "second class fare", allow_zero=False)
        except ValidationError as error:
            raise ValidationError(error.field, error.reason, where) from None
        table[pair] = Fare(row["city_a"], row["city_b"], cny, row["source"].strip(),
                           row["confidence"].strip())
    return table


def second_class_fare(city_a: str, city_b: str) -> Fare | None:
    """The fare between two cities (either order); None when the table has none."""
    return _fares().get(frozenset({_city(city_a), _city(city_b)}))


def all_fares() -> list[Fare]:
    """Every fare in the table, in file order."""
    return list(_fares().values())

"""The fare table: every pair of the six cities, a source and a confidence for each."""

from __future__ import annotations

import itertools
from decimal import Decimal

from cistrat_tui.core.reference.fares import all_fares, second_class_fare

SIX = ("Beijing", "Shanghai", "Wuhan", "Hangzhou", "Suzhou", "Guangzhou")


def test_every_pair_of_the_six_cities_has_a_fare_with_its_source() -> None:
    for a, b in itertools.combinations(SIX, 2):
        fare = second_class_fare(a, b)
        assert fare is not None, (a, b)
        assert fare == second_class_fare(b.upper(), f" {a} ")  # either order, any spelling
        assert fare.source and fare.confidence in {"published", "published (older figure)",
                                                   "estimate"}
        assert Decimal(10) < fare.cny < Decimal(2000)
    assert len(all_fares()) == 15


def test_published_figures_and_unknown_pairs() -> None:
    fare = second_class_fare("Beijing", "Guangzhou")
    assert fare is not None and fare.cny == Decimal("865") and "China Daily" in fare.source
    assert second_class_fare("Beijing", "Lhasa") is None
    assert second_class_fare("Beijing", "Beijing") is None

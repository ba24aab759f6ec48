"""The copy of the workshop that the checks' worker reads."""

from __future__ import annotations

from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.problem_source import snapshot


def test_the_checks_worker_sees_every_table(store: WorkshopStore) -> None:
    copy = snapshot(store.workshop)
    assert copy.costs == store.workshop.costs and copy.costs is not store.workshop.costs
    assert copy.budget_rules == store.workshop.budget_rules and copy.costs
    assert copy.to_tables() == store.workshop.to_tables()

"""Fixtures for the app's tests: a store on a copy of the sample, and a predictable checker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.problem_source import overlaps

SIZE = (120, 40)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WorkshopStore]:
    """The sample workshop in a database of the test's own."""
    with WorkshopStore.open(tmp_path / "w.json", create_from=sample_workshop) as opened:
        yield opened


@pytest.fixture
def checker():  # type: ignore[no-untyped-def]
    """The stand-in overlap check: tests that count problems should not depend on the
    core's rules, which grow."""
    return overlaps

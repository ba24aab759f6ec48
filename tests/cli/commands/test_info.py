"""``cistrat-tui info`` counts the stored closures."""

from __future__ import annotations

from pathlib import Path

import pytest

from cistrat_tui.cli import main as cli
from cistrat_tui.core.records.closure import Closure
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore


def closures_line(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    assert cli.main(["info", "--db", str(path)]) == 0
    return next(line for line in capsys.readouterr().out.splitlines()
                if line.startswith("Closures:")).removeprefix("Closures:").strip()


def test_info_counts_closures(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    with WorkshopStore.open(path, create_from=sample_workshop) as store:
        park = next(s for s in store.workshop.sites.values() if s.kind == "science_park")
    assert closures_line(capsys, path) == "0"
    with WorkshopStore.open(path) as store:
        store.put(Closure("2027-03-09", "2027-03-10", "Institute anniversary"))
        store.put(Closure("2027-03-10", "2027-03-12", "Park audit", park.id))
    assert closures_line(capsys, path) == "2 (1 of the whole programme, 1 of sites; 4 days)"

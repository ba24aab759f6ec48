"""``cistrat-tui plan``: day-by-day text, JSON with the matrix, --apply, one-line errors."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from cistrat_tui.cli.main import main
from cistrat_tui.core.records.model import Programme
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference import places as reference
from cistrat_tui.core.store.repository import WorkshopStore

ARGS = ["--from", "casted", "--to", "casted", "--start", "2027-04-12", "--end", "2027-04-30",
        "zhangjiang:3", "east-lake", "Tianhe Software:2.5", "清华科技园"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.json"
    WorkshopStore.open(path, create_from=lambda: Workshop(
        Programme("April trip", "2027-04-12", "2027-04-30"))).close()
    return path


def test_prints_the_plan_day_by_day(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--db", str(db), *ARGS]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Order (optimal order): ")
    assert "Lunch" in out and "door to door" in out
    assert "Mon 2027-04-12" in out and "Visit: Shanghai Zhangjiang Hi-Tech Park" in out
    assert "Night: Hotel in" in out
    with WorkshopStore.open(db, readonly=True) as store:
        assert store.workshop.activities == {}  # nothing written without --apply


def test_json_has_order_days_totals_and_matrix(db: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--db", str(db), "--json", *ARGS]) == 0
    data = json.loads(capsys.readouterr().out)
    stops = {reference.place_id(k) for k in ("zhangjiang", "east-lake",
                                              "tianhe-software-park", "tuspark")}
    assert set(data["order"]) == stops
    casted = reference.place_id("casted")
    assert set(data["matrix"]) == stops | {casted}
    assert all(set(row) == stops | {casted} for row in data["matrix"].values())
    nodes = [casted, *data["order"], casted]
    # Door to door, the hotel transfers included: never less than the stops' path.
    assert data["total_travel_minutes"] >= sum(data["matrix"][a][b]
                                               for a, b in itertools.pairwise(nodes))
    assert data["claim"] == "optimal order" and data["days_used"] >= 1
    assert [d["date"] for d in data["days"]] == sorted(d["date"] for d in data["days"])
    assert all(d["activities"] for d in data["days"])


def test_apply_writes_the_plan(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--db", str(db), "--apply", *ARGS]) == 0
    assert "Applied to" in capsys.readouterr().out
    with WorkshopStore.open(db, readonly=True) as store:
        workshop = store.workshop
        visits = [a for a in workshop.activities.values() if a.kind == "visit"]
        assert len(visits) == 4
        assert workshop.stays and all(workshop.sites[s.hotel_id].kind == "hotel"
                                      for s in workshop.stays.values())


@pytest.mark.parametrize(("extra", "message"), [
    (["nowhere"], "no site is called 'nowhere'"),
    (["park"], "matches 3 sites"),
    (["tuspark:99"], "is not between 0 and 12"),
])
def test_bad_stops_are_one_line_errors(db: Path, capsys: pytest.CaptureFixture[str],
                                       extra: list[str], message: str) -> None:
    assert main(["plan", "--db", str(db), *ARGS[:8], *extra]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_impossible_dates_say_which_stop(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--from", "casted", "--to", "casted", "--start", "2027-04-12", "--end",
            "2027-04-12", "zhangjiang", "east-lake"]
    assert main(["plan", "--db", str(db), *args]) == 1
    err = capsys.readouterr().err
    assert "cannot plan" in err and "end date" in err


def test_an_applied_plan_passes_the_checks(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cistrat_tui.core.checks.runner import Severity, check_workshop
    from cistrat_tui.core.records.model import Trainee

    with WorkshopStore.open(db) as store:
        store.put(Trainee("Amina Bekele", country="Ethiopia"))
        store.put(Trainee("Kwame Mensah", country="Ghana"))
    assert main(["plan", "--db", str(db), "--apply", *ARGS]) == 0
    with WorkshopStore.open(db, readonly=True) as store:
        problems = check_workshop(store.workshop)
    assert not [p for p in problems if p.severity is Severity.ERROR]
    # What is left is what a coordinator still has to do: book seats, book base hotels, and
    # watch the days before Labour Day that the 2027 notice (not out yet) may make days off.
    assert {p.code for p in problems} <= {"missing-seat", "night-without-hotel",
                                          "uncertain-day"}
    capsys.readouterr()
    assert main(["check", "--db", str(db)]) == 0


@pytest.mark.parametrize(("start", "end"), [("0207-04-12", "0207-04-30"),
                                            ("0001-01-01", "0001-01-20"),
                                            ("9999-12-10", "9999-12-30")])
def test_a_plan_in_an_implausible_year_is_refused_and_nothing_written(
        db: Path, capsys: pytest.CaptureFixture[str], start: str, end: str) -> None:
    before = db.read_bytes()
    args = [*ARGS[:4], "--start", start, "--end", end, *ARGS[8:]]
    assert main(["plan", "--db", str(db), "--apply", *args]) == 1
    err = capsys.readouterr().err
    assert "outside the dates this app plans for" in err and err.count("\n") == 1
    assert db.read_bytes() == before
def test_a_request_outside_the_programme_is_refused_and_nothing_written(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = db.read_bytes()
    outside = [a if a != "2027-04-30" else "2027-05-04" for a in ARGS]
    assert main(["plan", "--db", str(db), *outside, "--apply"]) != 0
    err = capsys.readouterr().err
    assert "outside the programme" in err and "2027-05-04" in err
    assert db.read_bytes() == before


def test_no_weekend_travel_is_remembered_when_applied(db: Path) -> None:
    assert main(["plan", "--db", str(db), *ARGS, "--no-weekend-travel", "--apply"]) == 0
    with WorkshopStore.open(db, readonly=True) as store:
        assert store.workshop.programme.weekend_travel is False

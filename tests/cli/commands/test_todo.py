"""``cistrat-tui todo``: the list, its order and filters, --json, and the exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cistrat_tui.cli import main as cli
from cistrat_tui.core.store.repository import WorkshopStore
from tests.core.bookings.test_todo import programme


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.json"
    workshop, _ = programme()
    WorkshopStore.open(path, create_from=lambda: workshop).close()
    return path


def todo(capsys: pytest.CaptureFixture[str], db: Path, *options: str) -> tuple[int, str]:
    code = cli.main(["--db", str(db), "todo", *options])
    return code, capsys.readouterr().out


def test_nothing_overdue_exits_0(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = todo(capsys, db, "--today", "2027-01-04")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith("Sun 2027-02-07  in 34 days")
    assert "hotel rooms: Beijing Hotel, Beijing Sun 07 Mar  [to book]" in lines[0]
    assert lines[-1].startswith("9 open, 0 overdue")


def test_something_overdue_exits_1_and_comes_first(db: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out = todo(capsys, db, "--today", "2027-02-22")
    lines = out.splitlines()
    assert code == 1
    assert [line.split("  ")[1] for line in lines[:4]] == [
        "overdue 15 days", "overdue 14 days", "overdue 6 days", "overdue 1 day"]
    assert "train tickets: Train to Shanghai, Beijing Mon 08 Mar" in lines[3]
    assert lines[4].split("  ")[1].strip() == "due today"
    assert lines[-1].startswith("9 open, 4 overdue")


def test_filters_and_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = todo(capsys, db, "--today", "2027-02-22", "--kind", "visitor_list",
                     "--kind", "restaurant", "--json")
    items = json.loads(out)
    assert code == 0  # neither a visitor list nor a restaurant is overdue yet
    # Both due on Tuesday 2 March; the same deadline sorts by the activity.
    assert [(i["item"], i["what"]) for i in items] == [("restaurant", "Group dinner"),
                                                       ("visitor_list", "Zhangjiang visit")]
    assert items[1]["due"] == "2027-03-02" and items[1]["rule"] == "5 working days before"
    code, out = todo(capsys, db, "--today", "2027-02-22", "--city", "beij", "--json")
    assert {i["city"] for i in json.loads(out)} == {"Beijing"}


def test_a_bad_kind_is_refused_in_one_line(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--db", str(db), "todo", "--kind", "balloon"])
    assert stopped.value.code == 2
    assert "invalid choice: 'balloon'" in capsys.readouterr().err

"""``cistrat-tui check``: output grouped by day, the counts, exit codes, --json, read-only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cistrat_tui.cli import main as cli
from cistrat_tui.core.records.model import Site
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.store.repository import WorkshopStore
from tests.core.checks.test_runner import MON, Mini


def database(tmp_path: Path, workshop: Workshop) -> Path:
    path = tmp_path / "workshop.json"
    WorkshopStore.open(path, create_from=lambda: workshop).close()
    return path


def check(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> tuple[int, str]:
    code = cli.main(["--db", str(path), "check", *options])
    return code, capsys.readouterr().out


def broken() -> Mini:
    """An overlap on Monday (error), a seat missing on Tuesday (error), a site without
    coordinates (undated warning)."""
    mini = Mini()
    mini.times("lunch", MON, "11:30", "13:00")
    ben = mini.trainees["ben"].id
    mini.change("train", seats={t: s for t, s in mini.activities["train"].seats.items()
                                if t != ben})
    mini.sites["park"] = Site("venue", "Olympic Park", "Beijing")
    mini.add("walk", "free_time", "Olympic Park walk", MON, "18:00", "19:00", "park")
    return mini


def test_the_sample_passes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    assert cli.main(["new", "--db", str(path), "--sample"]) == 0
    capsys.readouterr()
    code, out = check(capsys, path)
    # No problem; the one thing to know: the 2027 notice may make Sat 27 Mar a working day.
    assert code == 0
    note, blank, verdict = out.splitlines()
    assert note.startswith("Note: The 2027 holiday notice is not out yet: 1 weekend day "
                           "(27 Mar) may become a make-up working day around Qingming")
    assert (blank, verdict) == ("", "No problems.")


def test_errors_by_day_with_counts_and_exit_1(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    code, out = check(capsys, database(tmp_path, broken().workshop()))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "Mon 8 Mar 2027"
    assert lines[1].startswith("  ERROR    overlap ")
    assert "'Lunch at the canteen' (11:30-13:00) overlaps" in lines[1]
    headers = [line for line in lines if line and not line.startswith(" ")]
    assert headers == ["Mon 8 Mar 2027", "Tue 9 Mar 2027", "Undated", "2 errors, 1 warning."]
    assert lines[-1] == "2 errors, 1 warning."
    undated = lines.index("Undated")
    assert lines[undated + 1].startswith("  WARNING  site-without-coordinates ")


def test_warnings_only_exit_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    mini = Mini()
    mini.stays.pop("bj")  # a night in base without a hotel: a warning
    code, out = check(capsys, database(tmp_path, mini.workshop()))
    assert code == 0
    assert out.splitlines()[-1] == "0 errors, 1 warning."


def test_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    mini = broken()
    code, out = check(capsys, database(tmp_path, mini.workshop()), "--json")
    assert code == 1
    problems = json.loads(out)
    assert [p["code"] for p in problems] == ["overlap", "missing-seat",
                                             "site-without-coordinates"]
    assert problems[0] == {
        "severity": "error", "code": "overlap", "message": problems[0]["message"],
        "day": "2027-03-08", "record_ids": [mini.id("lunch"), mini.id("talk1")]}
    assert problems[-1]["day"] is None and problems[-1]["severity"] == "warning"


def test_read_only_beside_a_writer(capsys: pytest.CaptureFixture[str],
                                   tmp_path: Path) -> None:
    path = database(tmp_path, broken().workshop())
    before = path.read_bytes()
    with WorkshopStore.open(path) as writer:  # another copy holds the write lock
        code, out = check(capsys, path)
        assert code == 1 and "overlap" in out
        assert writer.workshop.activities
    assert path.read_bytes() == before


def test_the_real_command(tmp_path: Path) -> None:
    path = database(tmp_path, broken().workshop())
    result = subprocess.run([sys.executable, "-m", "cistrat_tui", "--db", str(path), "check"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout.splitlines()[-1] == "2 errors, 1 warning."
    help_text = subprocess.run([sys.executable, "-m", "cistrat_tui", "--help"],
                               capture_output=True, text=True, timeout=60, check=False).stdout
    assert "check" in help_text

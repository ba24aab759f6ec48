"""``cistrat-tui export ics``: files, paths and counts printed, options, one-line errors."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from cistrat_tui.cli.main import build_parser, main
from cistrat_tui.core.sample import sample_workshop
from tests.exports.test_ics_workshop import parse_strict

SAMPLE_DIR = Path("exports") / "International-Training-Workshop-on-STI-Policy-2027-sample"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_export_ics_writes_every_calendar_and_prints_paths_and_counts(
        capsys: pytest.CaptureFixture[str], isolated_workdir: Path) -> None:
    code, out, err = run(capsys, "export", "ics")
    assert code == 0, err
    lines = out.splitlines()
    workshop = sample_workshop()
    assert len(lines) == 2 + len(workshop.trainees)
    folder = SAMPLE_DIR / "calendars"
    events = len(workshop.activities) + len(workshop.stays)
    assert lines[0] == f"{folder / 'group.ics'}: {events} events"
    assert lines[1] == f"{folder / 'staff.ics'}: {events} events"
    for line in lines:
        match = re.fullmatch(r"(.+\.ics): (\d+) events?", line)
        assert match, line
        path = Path(match[1])
        calendar = parse_strict(path.read_bytes())
        assert len(calendar.walk("VEVENT")) == int(match[2])
    assert sorted(p.name for p in folder.iterdir()) == sorted(Path(line.split(": ")[0]).name
                                                             for line in lines)


def test_export_one_trainee_to_another_folder_with_other_reminders(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    trainee = next(iter(sample_workshop().trainees.values()))
    out_dir = tmp_path / "elsewhere"
    code, out, err = run(capsys, "export", "ics", "--out", str(out_dir), "--trainee",
                         trainee.name, "--alarm", "15", "--station-buffer", "45")
    assert code == 0, err
    path = Path(out.split(": ")[0])
    assert path.parent == out_dir / SAMPLE_DIR.name / "calendars"
    assert path.name == f"trainee-{trainee.name.replace(' ', '-')}.ics"
    calendar = Calendar.from_ical(path.read_bytes())
    leads = {-alarm.decoded("TRIGGER") for alarm in calendar.walk("VALARM")}
    # The first event of a day 15 minutes ahead; trains 15 + 45 and flights 15 + the default
    # 150, or earlier when that moment falls inside another event (see ics_alarms).
    assert min(leads) == timedelta(minutes=15)
    # A train's reminder, when kept, is at least 15 + 45 minutes ahead.
    for event in calendar.walk("VEVENT"):
        if "Transport: Train" in str(event["DESCRIPTION"]):
            for alarm in event.walk("VALARM"):
                assert -alarm.decoded("TRIGGER") >= timedelta(minutes=60)
    code, out, err = run(capsys, "export", "ics", "--out", str(out_dir), "--trainee",
                         trainee.id, "--no-alarms")
    assert code == 0 and not Calendar.from_ical(path.read_bytes()).walk("VALARM")


def test_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export", "ics", "--trainee", "Nobody Known")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "no trainee" in err
    for argv in (["export"], ["export", "ics", "--alarm", "soon"],
                 ["export", "ics", "--alarm", "-5"], ["export", "nothing"]):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
        assert capsys.readouterr().err.count("\n") == 1


def test_db_option_works_before_and_after_the_target(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    assert parser.parse_args(["--db", "a.json", "export", "ics"]).db == "a.json"
    assert parser.parse_args(["export", "ics", "--db", "b.json"]).db == "b.json"
    db = tmp_path / "other.json"
    assert main(["new", "--db", str(db), "--sample"]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, "export", "ics", "--db", str(db), "--out", str(tmp_path))
    assert code == 0 and db.exists() and out.count("\n") == 17

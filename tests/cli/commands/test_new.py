"""``cistrat-tui new``: an empty programme, the sample, or last year's re-dated; never over a
file; then ``check`` on the copy says what the move broke."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cistrat_tui.cli import main as cli
from cistrat_tui.core.reference.places import load_places
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore

# What the checks find on the sample moved to start on Sun 5 Sep 2027: the Mid-Autumn Festival
# (Wed 15 Sep, statutory) falls on the Wuhan visit, and the 2027 notice is not out yet.
REDATED_PROBLEMS = [
    # last year's pickups of the early arrivals, the day before, and their hotel night:
    # nobody's flight now
    ("Sat 4 Sep 2027", "ERROR", "outside-programme"),
    ("Sat 4 Sep 2027", "ERROR", "outside-programme"),
    ("Sat 4 Sep 2027", "WARNING", "outside-programme"),
    ("Fri 10 Sep 2027", "WARNING", "uncertain-day"),
    ("Tue 14 Sep 2027", "WARNING", "uncertain-day"),
    ("Wed 15 Sep 2027", "ERROR", "non-working-day"),
    ("Wed 15 Sep 2027", "WARNING", "non-working-day"),
    ("Thu 16 Sep 2027", "WARNING", "uncertain-day"),
    ("Fri 17 Sep 2027", "WARNING", "uncertain-day"),
    ("Mon 20 Sep 2027", "WARNING", "uncertain-day"),
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def sample_at(path: Path) -> Path:
    WorkshopStore.open(path, create_from=sample_workshop).close()
    return path


def problems_of(lines: list[str]) -> list[tuple[str, str, str]]:
    """(day header, severity, code) of each problem line of ``check``'s text."""
    found, header = [], ""
    for line in lines:
        if line and not line.startswith(" "):
            header = line
        elif line.startswith("  "):
            severity, code = line.split()[:2]
            found.append((header, severity, code))
    return found


def test_an_empty_programme(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "2027-09" / "workshop.json"
    code, out, _ = run(capsys, "new", "--db", str(path), "--title", "STI Workshop 2027",
                       "--start", "2027-09-06", "--end", "2027-09-24", "--base-city", "Beijing")
    assert code == 0
    assert out.startswith(f"Created {path}: 'STI Workshop 2027', Mon 2027-09-06 to "
                          f"Fri 2027-09-24; {len(load_places())} sites, 0 activities")
    with WorkshopStore.open(path, readonly=True) as store:
        assert not store.workshop.activities and not store.workshop.trainees
    code, out, _ = run(capsys, "check", "--db", str(path))
    assert code == 0 and out.splitlines()[-1] == "No problems."
    assert "Note: The 2027 holiday notice is not out yet" in out  # Mid-Autumn on 15 Sep


def test_the_sample_and_never_over_a_file(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    path = tmp_path / "demo.json"
    assert run(capsys, "new", "--db", str(path), "--sample")[0] == 0
    before = path.read_bytes()
    with WorkshopStore.open(path, readonly=True) as store:
        assert store.workshop.to_tables()["activities"] == \
            sample_workshop().to_tables()["activities"]
    for argv in (["--sample"], ["--title", "T", "--start", "2027-09-06", "--end", "2027-09-24"],
                 ["--from", str(sample_at(tmp_path / "old.json")), "--start", "2027-09-05"]):
        code, out, err = run(capsys, "new", "--db", str(path), *argv)
        assert code == 1 and out == ""
        assert err == (f"cistrat-tui: error: {path} already exists; cistrat-tui new never "
                       "overwrites a database: choose another --db\n")
    assert path.read_bytes() == before


@pytest.mark.parametrize(("argv", "says"), [
    (["--title", "T", "--start", "2027-09-06"], "an empty programme needs --end"),
    (["--from", "old.json"], "a copy needs --start"),
    (["--from", "old.json", "--start", "2027-09-05", "--end", "2027-09-25"],
     "a copy keeps the old programme's length"),
    (["--with-trainees", "--title", "T", "--start", "2027-09-06", "--end", "2027-09-07"],
     "--with-trainees only goes with --from"),
    (["--from", "old.json", "--start", "2027-09-06"],
     "start on Sun 2027-09-05 or Sun 2027-09-12"),
    (["--from", "missing.json", "--start", "2027-09-05"], "there is no database at missing.json"),
])
def test_refusals_are_one_line_and_write_nothing(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path, argv: list[str],
                                                 says: str) -> None:
    sample_at(tmp_path / "old.json")
    code, out, err = run(capsys, "new", "--db", "new.json", *argv)
    assert code == 1 and out == "" and err.count("\n") == 1 and says in err
    assert not (tmp_path / "new.json").exists()


def test_last_years_programme_re_dated(capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    old = sample_at(tmp_path / "2027-03.json")
    old_bytes = old.read_bytes()
    new = tmp_path / "2027-09.json"
    code, out, _ = run(capsys, "new", "--db", str(new), "--from", str(old),
                       "--start", "2027-09-05")
    assert code == 0
    assert old.read_bytes() == old_bytes
    lines = out.splitlines()
    assert lines[0] == (f"Created {new}: 'International Training Workshop on STI Policy 2027 "
                        "(sample)', Sun 2027-09-05 to Sat 2027-09-25; 32 sites, 116 "
                        "activities, 8 stays, 0 trainees.")
    assert lines[1] == ("  Moved +182 days (+26 weeks): 2027-03-07 to 2027-03-27 became "
                        "2027-09-05 to 2027-09-25.")
    assert "  Trainees left out: 15 trainees (--with-trainees keeps them)." in lines
    checks = lines[lines.index("What the checks find on the new dates (cistrat-tui check "
                               "--db ... prints it again):") + 1:]
    assert checks[0].startswith("Note: The 2027 holiday notice is not out yet: 6 weekdays "
                                "(10 Sep, 13-14 Sep, 16-17 Sep, 20 Sep) may become days off")
    assert checks[1] == ""
    assert problems_of(checks[2:]) == REDATED_PROBLEMS
    error = next(line for line in checks if " ERROR " in line and "non-working-day" in line)
    assert error.endswith("The visit 'East Lake High-Tech Zone (Optics Valley): "
                          "optoelectronics cluster' (14:00-17:00) at Wuhan East Lake High-Tech "
                          "Development Zone (Optics Valley) is on Wed 15 Sep, not a working "
                          "day: Mid-Autumn Festival holiday (15 Sep).")
    assert checks[-1] == "3 errors, 7 warnings."
    # ``check`` on the new file prints the same, and exits 1 for the error.
    code, again, _ = run(capsys, "check", "--db", str(new))
    assert code == 1 and again.splitlines() == checks
    code, as_json, _ = run(capsys, "check", "--db", str(new), "--json")
    assert [p["code"] for p in json.loads(as_json)] == [c for _, _, c in REDATED_PROBLEMS]


def test_with_trainees_the_nights_are_checked_too(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    old = sample_at(tmp_path / "old.json")
    code, out, _ = run(capsys, "new", "--db", str(tmp_path / "new.json"), "--from", str(old),
                       "--start", "2027-09-05", "--with-trainees", "--title", "Autumn 2027")
    assert code == 0 and "'Autumn 2027'" in out and "15 trainees." in out.splitlines()[0]
    with WorkshopStore.open(tmp_path / "new.json", readonly=True) as store:
        assert len(store.workshop.trainees) == 15
    # The stays moved with the programme: no trainee lacks a hotel on any night.
    assert "night-without-hotel" not in out

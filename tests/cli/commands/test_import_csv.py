"""``cistrat-tui import trainees|sites FILE`` and ``cistrat-tui export roster|sites``: what the
coordinator sees, exit codes, and the database untouched by a refused file."""

from __future__ import annotations

from pathlib import Path

import pytest

from cistrat_tui.cli import main as cli
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from tests.core.io.test_roster_csv import ROWS, encode

SAMPLE_DIR = Path("exports") / "International-Training-Workshop-on-STI-Policy-2027-sample"
DB = Path("data") / "workshop.json"


@pytest.fixture(autouse=True)
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The import and geocode commands, whether or not cli.py lists them yet."""
    names = tuple(cli.COMMAND_MODULES)
    for name in ("cistrat_tui.cli.commands.import_csv", "cistrat_tui.cli.commands.geocode"):
        if name not in names:
            names += (name,)
    monkeypatch.setattr(cli, "COMMAND_MODULES", names)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_trainees_adds_then_reimport_changes_nothing(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes(encode(ROWS))
    code, out, err = run(capsys, "import", "trainees", str(roster))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "added    Kwame Mensah (row 2)"
    assert lines[-1] == f"{roster} (UTF-8, separated by commas): 4 added, 0 updated, " \
                        "0 unchanged trainees"
    with WorkshopStore.open(DB, readonly=True) as store:
        assert len(store.workshop.trainees) == len(sample_workshop().trainees) + 4
    saved = DB.read_bytes()
    code, out, _ = run(capsys, "import", "trainees", str(roster))
    assert code == 0 and out.endswith("0 added, 0 updated, 4 unchanged trainees\n")
    assert DB.read_bytes() == saved


def test_a_refused_file_lists_every_problem_and_changes_nothing(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "info")  # creates the database from the sample
    saved = DB.read_bytes()
    rows = [list(row) for row in ROWS]
    rows[2][3] = "x@"
    rows[4][0] = ""
    bad = tmp_path / "bad.csv"
    bad.write_bytes(encode(rows, "gb18030", ";"))
    code, out, err = run(capsys, "import", "trainees", str(bad))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"{bad}: row 3: email 'x@' is not an email address",
        f"{bad}: row 5: name (as in passport) must not be empty",
        f"cistrat-tui: nothing was imported from {bad} (2 problems); fix the file and try "
        "again"]
    assert DB.read_bytes() == saved


def test_dry_run_lists_the_changes_and_writes_nothing(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    run(capsys, "info")
    saved = DB.read_bytes()
    sites = tmp_path / "sites.csv"
    sites.write_bytes(encode([["类型", "英文名", "城市", "纬度", "经度", "坐标系", "Shoe size"],
                              ["company", "Optics Valley Co", "Wuhan", "30.5", "114.4",
                               "GCJ-02", "42"]], "utf-8-sig"))
    code, out, err = run(capsys, "import", "sites", str(sites), "--dry-run")
    assert code == 0, err
    assert out.splitlines()[0] == "added    Optics Valley Co (Wuhan) (row 2)"
    assert out.rstrip().endswith("1 added, 0 updated, 0 unchanged sites; dry run, nothing "
                                 "would be written")
    assert "column 'Shoe size' is not used" in err
    assert DB.read_bytes() == saved


def test_a_missing_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", "sites", "nowhere.csv")
    assert code == 1
    assert err == ("cistrat-tui: error: cannot read nowhere.csv: No such file or directory; "
                   "nothing was imported\n")


def test_export_roster_and_sites_then_import_them_back(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    code, out, err = run(capsys, "export", "roster")
    assert code == 0, err
    workshop = sample_workshop()
    roster = SAMPLE_DIR / "roster.csv"
    assert out == f"{roster}: {len(workshop.trainees)} trainees\n"
    code, out, err = run(capsys, "export", "sites", "--out", str(tmp_path / "elsewhere"))
    assert code == 0, err
    sites = tmp_path / "elsewhere" / SAMPLE_DIR.name / "sites.csv"
    assert out == f"{sites}: {len(workshop.sites)} sites\n"
    assert roster.read_bytes().startswith(b"\xef\xbb\xbf")
    saved = DB.read_bytes()
    for target, path in (("trainees", roster), ("sites", sites)):
        code, out, err = run(capsys, "import", target, str(path))
        assert code == 0, err
        assert " 0 added, 0 updated, " in out
    assert DB.read_bytes() == saved


def test_export_help_names_the_csv_targets(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["export", "--help"])
    out = capsys.readouterr().out
    assert "roster" in out and "sites" in out and "ics" in out


def test_escape_sequences_in_a_file_never_reach_the_terminal(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes("Name,Country,Shoe \x1b[2J size\nAna\x1b]0;owned\x07 Gonçalves,"
                       "Moçambique\x9b31m\n".encode())
    code, out, err = run(capsys, "import", "trainees", str(roster))
    assert code == 0, err
    for stream in (out, err):
        assert not any((ord(ch) < 32 and ch not in "\n\t") or 0x7f <= ord(ch) <= 0x9f
                       for ch in stream), repr(stream)
    assert "added    Ana]0;owned Gonçalves (row 2)" in out


def test_a_western_excel_file_is_read_right_and_the_guess_is_said(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes("Name,Country\r\nAna Gonçalves,Moçambique\r\n".encode("cp1252"))
    code, out, err = run(capsys, "import", "trainees", str(roster), "--dry-run")
    assert code == 0, err
    assert "added    Ana Gonçalves (row 2)" in out and "鏰" not in out
    assert "(Windows-1252 (guessed), separated by commas)" in out
    assert "encoding was guessed as Windows-1252: check the names" in err


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_a_device_a_pipe_or_a_folder_is_refused_at_once(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str) -> None:
    """/dev/zero was read until MemoryError, and a pipe nobody writes to hung."""
    import os

    if kind == "device":
        path = Path("/dev/zero")
    elif kind == "fifo":
        path = tmp_path / "pipe.csv"
        os.mkfifo(path)
    else:
        path = tmp_path
    code, _, err = run(capsys, "import", "trainees", str(path))
    assert code == 1
    assert err.count("\n") == 1 and "nothing was imported" in err
    assert ("not a regular file" if kind != "folder" else "is a folder") in err

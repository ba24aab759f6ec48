"""Nothing meant for trainees is written while the programme has errors, unless --force."""

from __future__ import annotations

from pathlib import Path

import pytest

from cistrat_tui.cli import main as cli
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from tests.cli.commands.test_check import broken


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.json"
    workshop = broken().workshop()
    WorkshopStore.open(path, create_from=lambda: workshop).close()
    return path


@pytest.mark.parametrize("command", [["print", "--format", "txt"], ["export", "ics"]])
def test_errors_stop_the_writing(db: Path, tmp_path: Path, command: list[str],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert cli.main(["--db", str(db), *command, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "2 errors are still open in the programme:" in err
    assert "overlap" in err and "nothing was written" in err and "--force" in err
    assert not out.exists()


@pytest.mark.parametrize("command", [["print", "--format", "txt"], ["export", "ics"]])
def test_force_writes_and_still_says_so(db: Path, tmp_path: Path, command: list[str],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert cli.main(["--db", str(db), *command, "--out", str(out), "--force"]) == 0
    captured = capsys.readouterr()
    assert "2 errors are still open" in captured.err and "writing anyway" in captured.err
    assert any(out.rglob("*.txt" if command[0] == "print" else "*.ics"))


def test_a_programme_without_errors_writes_quietly(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    sample = tmp_path / "sample.json"
    WorkshopStore.open(sample, create_from=sample_workshop).close()
    assert cli.main(["--db", str(sample), "export", "ics",
                     "--out", str(out)]) == 0
    assert "still open" not in capsys.readouterr().err


def test_sending_and_publishing_stop_too(db: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    send = ["--db", str(db), "send", "--dry-run", "--from", "coordinator@example.org",
            "--out", str(out)]
    assert cli.main(send) == 1
    assert "still open" in capsys.readouterr().err and not out.exists()
    # Refused before any connection: nothing listens on this port.
    publish = ["--db", str(db), "publish", "--caldav", "http://127.0.0.1:9/"]
    assert cli.main(publish) == 1
    err = capsys.readouterr().err
    assert "still open" in err and "nothing was written" in err
    assert cli.main([*send, "--force"]) == 0  # the small programme has no addresses to mail
    assert "writing anyway" in capsys.readouterr().err

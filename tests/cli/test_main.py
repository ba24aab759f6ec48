"""The command line: database selection, ``info``, ``--version``, and one-line errors."""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cistrat_tui import __version__, entry
from cistrat_tui.cli import main as cli
from cistrat_tui.cli.commands import info as info_command
from cistrat_tui.core.paths import DB_ENV
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore

PR_CAPBSET_DROP = 24  # prctl option, <linux/prctl.h>


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command, ``python -m cistrat_tui``, in a fresh process."""
    full_env = {k: v for k, v in os.environ.items() if k not in (DB_ENV, "CISTRAT_DEBUG")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "cistrat_tui", *args], cwd=cwd,
                          env=full_env, capture_output=True, text=True, timeout=60,
                          preexec_fn=preexec, check=False)


def info(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, str]:
    """Run ``info`` in this process; its output as a label -> value dict."""
    assert cli.main(list(argv)) == 0
    out = capsys.readouterr().out
    facts = {}
    for line in out.splitlines():
        label, _, value = line.partition(":")
        facts[label] = value.strip()
    return facts


def make_sample(path: Path) -> Path:
    """A sample database at ``path`` (a chosen path is never created by opening it)."""
    WorkshopStore.open(path, create_from=sample_workshop).close()
    return path


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int = 1) -> str:
    assert result.returncode == code, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("cistrat-tui"), lines[0]
    assert "error" in lines[0]
    assert result.stdout == ""
    return lines[0]


# --- info -------------------------------------------------------------------------------


def test_info_creates_the_sample_and_summarises_it(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    sample = sample_workshop()
    assert cli.main(["info"]) == 0
    captured = capsys.readouterr()
    assert "created" in captured.err
    database = tmp_path / "data" / "workshop.json"
    assert database.is_file()

    facts = info(capsys, "info")
    programme = sample.programme
    assert facts["Title"] == programme.title
    assert programme.start_date.isoformat() in facts["Dates"]
    assert programme.end_date.isoformat() in facts["Dates"]
    assert facts["Days"] == str(len(programme.days()))
    assert facts["Cities"] == " → ".join(sample.cities())
    assert facts["Sites"] == str(len(sample.sites))
    assert facts["Trainees"] == str(len(sample.trainees))
    cancelled = sum(1 for a in sample.activities.values() if a.cancelled)
    assert facts["Activities"] == f"{len(sample.activities)} ({cancelled} cancelled)"
    assert facts["Stays"] == str(len(sample.stays))
    assert facts["Database"] == str(database.resolve())


def test_sample_visits_all_six_cities(capsys: pytest.CaptureFixture[str]) -> None:
    cities = info(capsys, "info")["Cities"].split(" → ")
    assert cities[0] == "Beijing"
    assert {"Beijing", "Shanghai", "Wuhan", "Hangzhou", "Suzhou", "Guangzhou"} <= set(cities)


def test_second_info_does_not_recreate_or_change_the_file(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["info"]) == 0
    database = tmp_path / "data" / "workshop.json"
    before = database.read_bytes()
    capsys.readouterr()
    assert cli.main(["info"]) == 0
    assert "created" not in capsys.readouterr().err
    assert database.read_bytes() == before


@pytest.mark.parametrize("argv", [
    ["--db", "elsewhere/w.json", "info"],
    ["info", "--db", "elsewhere/w.json"],
])
def test_db_option_before_or_after_the_subcommand(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path, argv: list[str]) -> None:
    make_sample(tmp_path / "elsewhere" / "w.json")
    facts = info(capsys, *argv)
    assert facts["Database"] == str((tmp_path / "elsewhere" / "w.json").resolve())
    assert not (tmp_path / "data").exists()


def test_db_after_the_subcommand_wins_over_before(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    make_sample(tmp_path / "a.json")
    make_sample(tmp_path / "b.json")
    facts = info(capsys, "--db", "a.json", "info", "--db", "b.json")
    assert facts["Database"] == str((tmp_path / "b.json").resolve())


def test_environment_variable_and_option(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DB_ENV, str(make_sample(tmp_path / "env" / "w.json")))
    make_sample(tmp_path / "opt.json")
    assert info(capsys, "info")["Database"] == str(tmp_path / "env" / "w.json")
    assert info(capsys, "info", "--db", "opt.json")["Database"] == str(tmp_path / "opt.json")


def test_info_reads_while_another_process_writes(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    with WorkshopStore.open(path, create_from=sample_workshop):
        facts = info(capsys, "info", "--db", str(path))
    assert facts["Title"] == sample_workshop().programme.title


def test_every_subcommand_accepts_db() -> None:
    parser = cli.build_parser()
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert len(subparsers) == 1
    names = subparsers[0].choices
    assert "info" in names
    for name, sub in names.items():
        assert "--db" in sub._option_string_actions, name


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"cistrat-tui {__version__}"


def test_console_script_and_module_agree(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "cistrat-tui"
    if not script.exists():
        pytest.skip("the console script is not installed beside this interpreter")
    direct = subprocess.run([str(script), "--version"], capture_output=True, text=True,
                            check=False, timeout=60)
    module = run_cli("--version")
    assert direct.returncode == module.returncode == 0
    assert direct.stdout == module.stdout == f"cistrat-tui {__version__}\n"


def test_info_does_not_import_textual(tmp_path: Path) -> None:
    make_sample(tmp_path / "w.json")
    code = ("import sys; from cistrat_tui import entry as cli; "
            f"code = cli.main(['info', '--db', {str(tmp_path / 'w.json')!r}]); "
            "print('TEXTUAL', 'textual' in sys.modules, 'rich' in sys.modules); "
            "raise SystemExit(code)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "TEXTUAL False False" in result.stdout


# --- errors: one line, no traceback -------------------------------------------------------


def test_corrupt_database_is_one_line_and_left_untouched(tmp_path: Path) -> None:
    database = tmp_path / "w.json"
    database.write_text('{"_meta": {"1": {"schema_version": 1}}, "programme": {"1": {',
                        encoding="utf-8")
    before = database.read_bytes()
    for args in (["info", "--db", str(database)], ["--db", str(database)]):
        line = assert_one_line_error(run_cli(*args))
        assert str(database) in line
    assert database.read_bytes() == before


def test_not_json_at_all(tmp_path: Path) -> None:
    database = tmp_path / "w.json"
    database.write_bytes(b"\x00\xff garbage")
    line = assert_one_line_error(run_cli("info", "--db", str(database)))
    assert str(database) in line
    assert database.read_bytes() == b"\x00\xff garbage"


def without_root_override() -> None:
    """In the child: give up root's right to ignore file permissions (Linux capabilities
    CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH), so a read-only folder is read-only to it."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop root's file permission override")


def test_folder_without_write_permission(tmp_path: Path) -> None:
    """Creating the database in a folder the user may not write to fails in one line: the
    default one (in the folder the app runs in) or a new one."""
    readonly_dir = tmp_path / "ro"
    readonly_dir.mkdir()
    readonly_dir.chmod(stat.S_IRUSR | stat.S_IXUSR)
    preexec = without_root_override if os.geteuid() == 0 else None
    try:
        database = readonly_dir / "w.json"
        for cwd, args, named in (
                (readonly_dir, ["info"], "folder data"), (readonly_dir, [], "folder data"),
                (tmp_path, ["new", "--db", str(database), "--sample"], str(readonly_dir))):
            result = run_cli(*args, cwd=cwd, preexec=preexec)
            if "cannot drop root" in result.stderr:
                pytest.skip("running as root without the right to drop capabilities")
            line = assert_one_line_error(result)
            assert named in line
            assert "ermission" in line
        assert list(readonly_dir.iterdir()) == []
    finally:
        readonly_dir.chmod(0o755)


def test_locked_database_is_one_line(tmp_path: Path) -> None:
    database = tmp_path / "w.json"
    with WorkshopStore.open(database, create_from=sample_workshop):
        line = assert_one_line_error(run_cli("--db", str(database)))
    assert str(database) in line
    assert str(os.getpid()) in line


def test_read_only_opens_the_app_beside_a_writer(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from cistrat_tui.tui import app as app_module

    opened: list[WorkshopStore] = []

    class FakeApp:
        return_code = 0

        def __init__(self, store: WorkshopStore, notice: str = "") -> None:
            opened.append(store)
            self.store = store  # the app's database, closed when it quits

        def run(self) -> None:
            pass

    monkeypatch.setattr(app_module, "CistratApp", FakeApp)
    database = tmp_path / "w.json"
    with WorkshopStore.open(database, create_from=sample_workshop):
        assert entry.main(["--db", str(database), "--read-only"]) == 0
    assert opened[0].readonly


@pytest.mark.parametrize("args", [
    ["--bogus"],
    ["info", "--bogus"],
    ["nosuchcommand"],
    ["info", "--db"],
])
def test_bad_arguments_exit_2_in_one_line(args: list[str]) -> None:
    assert_one_line_error(run_cli(*args), code=2)


def test_unexpected_error_is_one_line(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    def broken(args: argparse.Namespace) -> int:
        raise RuntimeError("something\nbroke")

    monkeypatch.setattr(info_command, "COMMAND", cli.Command("info", "x", broken))
    assert cli.main(["info"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "RuntimeError: something broke" in err


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """``info | head -1`` printed 'error: Broken pipe'."""
    db = tmp_path / "w.json"
    WorkshopStore.open(db, create_from=sample_workshop).close()
    env = {k: v for k, v in os.environ.items() if k not in (DB_ENV, "CISTRAT_DEBUG")}
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line
    done = subprocess.run([sys.executable, "-m", "cistrat_tui", "--db", str(db), "info"],
                          stdout=write_end, stderr=subprocess.PIPE, env=env, timeout=60,
                          check=False)
    os.close(write_end)
    assert done.stderr == b""
    assert done.returncode == 141


def test_an_empty_db_option_is_one_line_not_the_default(tmp_path: Path) -> None:
    result = run_cli("--db", "", "info", cwd=tmp_path)
    assert "--db is empty" in assert_one_line_error(result)
    assert not (tmp_path / "data").exists()


def test_taking_over_a_crashed_copys_lock_is_reported(tmp_path: Path) -> None:
    db = tmp_path / "w.json"
    WorkshopStore.open(db, create_from=sample_workshop).close()
    (tmp_path / "w.json.lock").write_text(json.dumps(
        {"pid": 999999, "host": "laptop", "user": "coordinator", "since": "2027-03-07"}))
    result = run_cli("--db", str(db), "import", "trainees", "--dry-run", "/dev/null")
    assert "took over the lock" not in result.stderr  # a dry run takes no lock
    roster = tmp_path / "r.csv"
    roster.write_text("Name\nAna\n", encoding="utf-8")
    result = run_cli("--db", str(db), "import", "trainees", str(roster))
    assert result.returncode == 0, result.stderr
    assert "took over the lock of" in result.stderr and "process 999999" in result.stderr

"""``cistrat-tui publish``: subscription URLs printed, a second run sends nothing new, and a
missing password or server is one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cistrat_tui.cli.main import main
from cistrat_tui.core.store.repository import WorkshopStore
from tests.delivery.servers import PASSWORD, USER, free_port, radicale_server
from tests.exports.test_ics_workshop import small_workshop


def database(tmp_path: Path) -> str:
    path = tmp_path / "w.json"
    WorkshopStore.open(path, create_from=small_workshop).close()
    return str(path)


def test_publish_twice(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    db = database(tmp_path)
    monkeypatch.setenv("CISTRAT_CALDAV_PASSWORD", PASSWORD)
    with radicale_server(tmp_path) as url:
        assert main(["--db", db, "publish", "--force", "--caldav", url, "--user", USER]) == 0
        out = capsys.readouterr().out
        assert out.count("collection created") == 6
        assert "Subscription URLs" in out and out.count(url) == 6
        assert "陈静: http://127.0.0.1" in out
        assert main(["--db", db, "publish", "--force", "--caldav", url, "--user", USER]) == 0
        again = capsys.readouterr().out
        assert "collection created" not in again and again.count(": 0 sent") == 6


def test_publish_errors_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = database(tmp_path)
    monkeypatch.delenv("CISTRAT_CALDAV_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["--db", db, "publish", "--caldav", "http://127.0.0.1:1/", "--user", "u"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "CISTRAT_CALDAV_PASSWORD" in err
    monkeypatch.setenv("CISTRAT_CALDAV_PASSWORD", "x")
    url = f"http://127.0.0.1:{free_port()}/"
    assert main(["--db", db, "publish", "--force", "--caldav", url, "--user", "u"]) == 1
    err = capsys.readouterr().err  # the small programme's open errors, then the one error line
    errors = [line for line in err.splitlines() if line.startswith("cistrat-tui: error:")]
    assert len(errors) == 1 and "cannot reach" in errors[0] and "Traceback" not in err

"""``cistrat-tui send``: one line per person, --dry-run .eml files, real SMTP, errors."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest

from cistrat_tui.cli.main import main
from tests.cli.commands.test_publish import database
from tests.delivery.servers import smtp_server


def test_dry_run_then_send(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = database(tmp_path)
    out_dir = tmp_path / "out"
    assert main(["--db", db, "send", "--force", "--from", "me@example.org", "--dry-run",
                 "--out", str(out_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    emls = sorted(out_dir.rglob("*.eml"))
    assert len(emls) == len([line for line in lines if line.endswith(".eml")]) == 4
    assert all(p.parent.name == "mail" for p in emls)
    message = email.message_from_bytes(emls[0].read_bytes(), policy=email.policy.default)
    assert message["From"] == "me@example.org"
    with smtp_server() as (port, mailbox):
        assert main(["--db", db, "send", "--force", "--from", "me@example.org", "--smtp",
                     f"127.0.0.1:{port}"]) == 0
        out = capsys.readouterr().out
        assert out.count("; sent") == 4 and len(mailbox.envelopes) == 4


def test_send_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = database(tmp_path)
    assert main(["--db", db, "send", "--from", "me@example.org"]) == 1
    assert "--dry-run" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--db", db, "send", "--force", "--from", "me@example.org", "--smtp", "nohost"])

"""A database that cannot be opened gets a screen that explains it, and nothing is touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from cistrat_tui.core.errors import CorruptDatabaseError, DatabaseLockedError
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.launch import run_app
from cistrat_tui.tui.screens import db_problem
from cistrat_tui.tui.screens.db_problem import DatabaseProblemApp, advice


async def test_locked_database_screen(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    with WorkshopStore.open(path, create_from=sample_workshop):
        before = path.read_bytes()
        with pytest.raises(DatabaseLockedError) as caught:
            WorkshopStore.open(path)
        app = DatabaseProblemApp(caught.value, str(path))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            text = str(app.screen.query_one("#db-problem-text", Static).render())
            assert "open in another copy" in text
            assert "--read-only" in text
            assert str(path) in text
            await pilot.press("q")
            await pilot.pause()
            assert not app.is_running
        assert path.read_bytes() == before


def test_corrupt_advice_names_the_backup(tmp_path: Path) -> None:
    backup = tmp_path / "w.json.bak"
    heading, steps = advice(CorruptDatabaseError(tmp_path / "w.json", "bad JSON", [backup]))
    assert "cannot be read" in heading
    assert any(str(backup) in step for step in steps)
    assert any("has not been changed" in step for step in steps)


def test_run_app_shows_the_screen_at_a_terminal(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.json"
    shown: list[str] = []

    def fake_run(self: DatabaseProblemApp) -> None:
        shown.append(advice(self.error)[0])

    monkeypatch.setattr(db_problem.DatabaseProblemApp, "run", fake_run)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    with WorkshopStore.open(path, create_from=sample_workshop):
        before = path.read_bytes()
        with pytest.raises(DatabaseLockedError):
            run_app(str(path), read_only=False)
    assert shown == ["The database is open in another copy of cistrat-tui"]
    assert path.read_bytes() == before

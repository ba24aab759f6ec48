"""Shared fixtures: every test runs in its own empty folder, away from the developer's files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cistrat_tui.core.paths import DB_ENV, EXPORTS_ENV


@pytest.fixture(autouse=True)
def isolated_workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Run the test in ``tmp_path`` with no ``$CISTRAT_DB``/``$CISTRAT_EXPORTS``, so default paths
    (``data/workshop.json``, ``exports/``) land in the test's own folder, and with no geocoder
    settings from the developer's environment (the config file: see ``isolated_config``)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(DB_ENV, raising=False)
    monkeypatch.delenv(EXPORTS_ENV, raising=False)
    monkeypatch.delenv("CISTRAT_DEBUG", raising=False)
    # No geocoder choice, key or config file of the developer's own.
    for name in ("CISTRAT_GEOCODER", "CISTRAT_GEOCODER_URL", "CISTRAT_BAIDU_AK"):
        monkeypatch.delenv(name, raising=False)
    yield tmp_path


@pytest.fixture(autouse=True)
def isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings (theme, keys) read from and written to the test's own folder, never the
    developer's: ``$XDG_CONFIG_HOME`` (what platformdirs reads on Linux) and ``$CISTRAT_CONFIG``
    (every platform) both point into ``tmp_path``."""
    folder = tmp_path / "config-home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    monkeypatch.setenv("CISTRAT_CONFIG", str(folder / "cistrat-tui" / "config.toml"))
    yield folder / "cistrat-tui" / "config.toml"

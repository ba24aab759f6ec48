"""Which database opens, and when one is created: only the default comes from the sample."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cistrat_tui.core.errors import StoreError
from cistrat_tui.core.lifecycle import new_programme
from cistrat_tui.core.paths import DB_ENV
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.opening import (
    MissingDatabaseError,
    create_database,
    open_database,
)
from cistrat_tui.core.store.repository import WorkshopStore


def test_the_default_database_is_created_from_the_sample(tmp_path: Path) -> None:
    store, created = open_database(None, readonly=False)
    with store:
        assert created and store.path == Path("data") / "workshop.json"
        assert store.workshop.programme.title == sample_workshop().programme.title
    store, created = open_database(None, readonly=True)
    with store:
        assert not created


@pytest.mark.parametrize("readonly", [False, True])
def test_a_chosen_missing_path_is_refused_and_nothing_is_made(tmp_path: Path,
                                                              readonly: bool) -> None:
    wanted = tmp_path / "typo" / "x.json"
    with pytest.raises(MissingDatabaseError) as error:
        open_database(str(wanted), readonly=readonly)
    message = str(error.value)
    assert "\n" not in message
    assert f"there is no database at {wanted}" in message
    assert f"cistrat-tui new --db {wanted}" in message
    assert not (tmp_path / "typo").exists() and not (tmp_path / "data").exists()


def test_a_missing_path_from_the_environment_is_refused_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DB_ENV, str(tmp_path / "env.json"))
    with pytest.raises(MissingDatabaseError, match="cistrat-tui new"):
        open_database(None, readonly=True)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_chosen_path_opens(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    WorkshopStore.open(path, create_from=sample_workshop).close()
    store, created = open_database(str(path), readonly=True)
    with store:
        assert not created
        assert len(store.workshop.activities) == len(sample_workshop().activities)


def test_create_database_writes_a_new_file_and_never_overwrites(tmp_path: Path) -> None:
    workshop = new_programme("Workshop 2027", date(2027, 9, 5), date(2027, 9, 25))
    path = create_database(tmp_path / "new" / "w.json", workshop)
    with WorkshopStore.open(path, readonly=True) as store:
        assert store.workshop == workshop
    before = path.read_bytes()
    with pytest.raises(StoreError, match="already exists; cistrat-tui new never overwrites"):
        create_database(path, sample_workshop())
    assert path.read_bytes() == before

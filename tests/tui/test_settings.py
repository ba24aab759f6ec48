"""The settings file: where it is, the theme remembered across starts, keys rebound by binding
id, and a bad file reported in one line and never written over."""

from __future__ import annotations

import tomllib
from pathlib import Path

from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui import settings as settings_module
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.screens.schedule import ScheduleScreen
from cistrat_tui.tui.settings import (
    CONFIG_ENV,
    Settings,
    config_path,
    load_settings,
    save_theme,
    with_theme,
)
from tests.tui.helpers import settle

HAND_WRITTEN = """# my settings
[keys]
"schedule.next-day" = "j"  # vi-like
"""


def notes(app: CistratApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def test_the_file_is_in_the_platforms_config_folder(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv(CONFIG_ENV)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_path() == tmp_path / "xdg" / "cistrat-tui" / "config.toml"
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "elsewhere.toml"))
    assert config_path() == tmp_path / "elsewhere.toml"


def test_the_tests_never_touch_the_developers_settings(isolated_config: Path) -> None:
    assert config_path() == isolated_config
    assert str(isolated_config).startswith(str(isolated_config.parents[2]))
    assert Path.home() not in isolated_config.parents or "config-home" in str(isolated_config)


def test_setting_the_theme_keeps_comments_and_keys() -> None:
    new = with_theme(HAND_WRITTEN, "nord")
    assert new.startswith("# my settings\ntheme = \"nord\"\n")
    assert '"schedule.next-day" = "j"  # vi-like' in new
    assert tomllib.loads(new) == {"theme": "nord", "keys": {"schedule.next-day": "j"}}
    again = with_theme(new, "gruvbox")
    assert again.count("theme =") == 1 and tomllib.loads(again)["theme"] == "gruvbox"


def test_a_theme_line_inside_a_table_is_not_taken_for_the_top_level_one() -> None:
    text = '[keys]\ntheme = "x"\n'
    assert tomllib.loads(with_theme(text, "nord")) == {"theme": "nord",
                                                       "keys": {"theme": "x"}}


def test_a_missing_file_is_created_with_a_header(isolated_config: Path) -> None:
    settings = load_settings()
    assert settings == Settings(isolated_config)
    assert save_theme(settings, "nord") == ""
    text = isolated_config.read_text(encoding="utf-8")
    assert text.startswith("# cistrat-tui settings")
    assert load_settings().theme == "nord"


def test_a_bad_file_is_reported_in_one_line_and_never_written(isolated_config: Path) -> None:
    isolated_config.parent.mkdir(parents=True)
    isolated_config.write_text('theme = "nord\n[keys', encoding="utf-8")
    before = isolated_config.read_bytes()
    settings = load_settings()
    assert not settings.writable and len(settings.problems) == 1
    assert "\n" not in settings.problems[0] and str(isolated_config) in settings.problems[0]
    assert "could not be read" in save_theme(settings, "gruvbox")
    assert isolated_config.read_bytes() == before


def test_bad_keys_are_named_and_the_good_ones_kept(isolated_config: Path) -> None:
    isolated_config.parent.mkdir(parents=True)
    isolated_config.write_text('[keys]\n"schedule.next-day" = "j"\n"schedule.add" = 5\n'
                               '"schedule.edit" = "ctrl e"\n', encoding="utf-8")
    settings = load_settings()
    assert settings.keys == {"schedule.next-day": "j"}
    assert len(settings.problems) == 2
    assert all("ignored" in p for p in settings.problems)


def test_an_unwritable_folder_is_said_and_nothing_raised(isolated_config: Path,
                                                         monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def refuse(path: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(settings_module, "atomic_write_bytes", refuse)
    assert "Permission denied" in save_theme(load_settings(), "nord")


async def test_the_theme_is_remembered_across_restarts(store: WorkshopStore, checker,  # type: ignore[no-untyped-def]
                                                       isolated_config: Path) -> None:
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = app.theme
        await pilot.press("f10")
        await pilot.pause()
        chosen = app.theme
        assert chosen != first
    assert load_settings().theme == chosen
    again = CistratApp(store, checker=checker)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.theme == chosen


async def test_a_key_rebound_in_the_settings_file_works(store: WorkshopStore, checker,  # type: ignore[no-untyped-def]
                                                        isolated_config: Path) -> None:
    isolated_config.parent.mkdir(parents=True)
    isolated_config.write_text(HAND_WRITTEN + '"app.problems" = "f3"\n"no.such-id" = "k"\n',
                               encoding="utf-8")
    days = store.workshop.programme.days()
    app = CistratApp(store, checker=checker, mode="schedule")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScheduleScreen)
        await pilot.press("n")  # no longer next day
        await pilot.pause()
        assert screen.selected_day == days[0]
        await pilot.press("j")
        await pilot.pause()
        assert screen.selected_day == days[1]
        await pilot.press("f3")
        await pilot.pause()
        assert app.current_mode == "problems"
        assert any("no.such-id" in n and "ignored" in n for n in notes(app))


async def test_a_bad_settings_file_does_not_stop_the_app_nor_get_overwritten(
        store: WorkshopStore, checker, isolated_config: Path) -> None:  # type: ignore[no-untyped-def]
    isolated_config.parent.mkdir(parents=True)
    isolated_config.write_bytes(b"theme = \xff\n")
    before = isolated_config.read_bytes()
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert any("Settings not read" in n for n in notes(app))
        await pilot.press("f10")
        await pilot.pause()
        assert any("Theme not remembered" in n for n in notes(app))
    assert isolated_config.read_bytes() == before

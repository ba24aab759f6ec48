"""The app's settings file: the colour theme it remembers and the keys a user has rebound.

It lives in the platform's folder for settings (``platformdirs``: ``~/.config/cistrat-tui/
config.toml`` on Linux, ``~/Library/Application Support/cistrat-tui/`` on macOS, ``%APPDATA%``
on Windows), or wherever ``$CISTRAT_CONFIG`` says. It is TOML, meant to be edited by hand::

    theme = "nord"

    [keys]               # binding id = key(s); F1 in the app lists the ids
    "schedule.next-day" = "j"
    "app.schedule" = "2,f2"

The app writes only the ``theme`` line, in place, so a user's comments and keys stay as they
were; a file it cannot read or parse is reported in one line and never written over.
Free of Textual, so it can be tested without a terminal.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from cistrat_tui.core.store.fileio import atomic_write_bytes

CONFIG_ENV = "CISTRAT_CONFIG"
APP_DIR = "cistrat-tui"
FILE_NAME = "config.toml"
NEW_FILE_HEADER = ("# cistrat-tui settings. The app writes the theme line; [keys] rebinds keys by\n"
                   "# binding id (F1 in the app lists them), for example:\n"
                   '# [keys]\n# "schedule.next-day" = "j"\n\n')
_THEME_LINE = re.compile(r"^\s*theme\s*=.*$", re.MULTILINE)
_KEYS = re.compile(r"^[A-Za-z0-9_+\-]+(,[A-Za-z0-9_+\-]+)*$")


def config_path() -> Path:
    """Where the settings file is: ``$CISTRAT_CONFIG``, else the platform's config folder."""
    chosen = os.environ.get(CONFIG_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs  # here, not at the top: the first screen does not wait for it

    return Path(platformdirs.user_config_dir(APP_DIR, appauthor=False)) / FILE_NAME


@dataclass(frozen=True, slots=True)
class Settings:
    """What the settings file says, and whether it may be written."""

    path: Path
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # one line each, for the coordinator
    writable: bool = True  # False when the file exists but could not be read or parsed


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; a missing file is no settings, a bad one is reported."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(path)
    except OSError as error:
        return Settings(path, problems=(f"Settings not read from {path}: "
                                        f"{error.strerror or error}",), writable=False)
    import tomllib  # only when there is a file: most starts have none

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Settings(path, problems=(f"Settings not read from {path}: {error}",),
                        writable=False)
    problems: list[str] = []
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        problems.append(f"{path}: theme should be a name in quotes; ignored")
        theme = None
    keys: dict[str, str] = {}
    table = data.get("keys", {})
    if not isinstance(table, dict):
        problems.append(f"{path}: [keys] should be a table of binding id = \"key\"; ignored")
        table = {}
    for binding_id, value in table.items():
        tidy = ",".join(k.strip() for k in value.split(",")) if isinstance(value, str) else ""
        if _KEYS.match(tidy):
            keys[binding_id] = tidy
        else:
            problems.append(f"{path}: keys.{binding_id} = {value!r} is not a key such as "
                            "\"j\" or \"ctrl+j,f5\"; ignored")
    return Settings(path, theme, keys, tuple(problems))


def with_theme(text: str, theme: str) -> str:
    """The settings text with its ``theme`` line set to ``theme`` (added at the top level,
    before any table, when there is none); everything else kept as it was."""
    line = f"theme = {_quoted(theme)}"
    first_table = re.search(r"^\s*\[", text, re.MULTILINE)
    top = text[:first_table.start()] if first_table else text
    rest = text[first_table.start():] if first_table else ""
    if _THEME_LINE.search(top):
        top = _THEME_LINE.sub(lambda _: line, top, count=1)
    else:
        top = (top.rstrip("\n") + "\n" if top.strip() else "") + line + "\n" + \
            ("\n" if rest else "")
    return top + rest


def save_theme(settings: Settings, theme: str) -> str:
    """Remember ``theme`` in the settings file; '' when saved, else why not (one line)."""
    if not settings.writable:
        return f"Theme not remembered: {settings.path} could not be read, so it is left as is."
    try:
        old = settings.path.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = NEW_FILE_HEADER
    except (OSError, UnicodeDecodeError) as error:
        return f"Theme not remembered: {settings.path}: {error}"
    new = with_theme(old, theme)
    import tomllib

    try:  # the new text must say the same as the old, but for the theme
        before = tomllib.loads(old)
        after = tomllib.loads(new)
    except tomllib.TOMLDecodeError as error:
        return f"Theme not remembered: {settings.path} could not be read ({error})."
    if after.get("theme") != theme or {**before, "theme": theme} != after:
        return f"Theme not remembered: could not place it in {settings.path} safely."
    try:
        settings.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(settings.path, new.encode("utf-8"))
    except OSError as error:
        return f"Theme not remembered: {settings.path}: {error.strerror or error}"
    return ""


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

"""Backup copies of the database, kept in a folder beside it.

Rotating backups: the file as it was before the first save of a sitting, and again before a save
when the newest backup is older than :data:`BACKUP_INTERVAL`; the newest :data:`KEEP` are kept.
A copy made before a schema migration is labelled so and never rotated away.
"""

from __future__ import annotations

import contextlib
import re
from datetime import datetime, timedelta
from pathlib import Path

from cistrat_tui.core.store.fileio import atomic_write_bytes

KEEP = 10
BACKUP_INTERVAL = timedelta(minutes=10)
_ROTATING_TAG = "-save-"


def backup_dir(database: Path) -> Path:
    """The folder that holds the backups of ``database``."""
    return database.with_name(database.name + ".backups")


def list_backups(database: Path) -> list[Path]:
    """Every backup of ``database``, newest first."""
    folder = backup_dir(database)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_file() and p.name.startswith(database.stem)]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def make_backup(database: Path, label: str = "save") -> Path:
    """Copy ``database`` into the backup folder (atomically) and return the copy's path."""
    folder = backup_dir(database)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{database.stem}-{label}-{stamp}{database.suffix}"
    atomic_write_bytes(target, database.read_bytes())
    return target


def keep_unsaved(database: Path, payload: bytes) -> Path:
    """Write a save that could not go into ``database`` beside its backups (labelled
    "unsaved", never rotated away) and return its path."""
    folder = backup_dir(database)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{database.stem}-unsaved-{stamp}{database.suffix}"
    atomic_write_bytes(target, payload)
    return target


# The temporary file of atomic_write_bytes: ".<name>.<pid>.tmp".
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.\d+\.tmp")


def remove_stale_temporaries(database: Path) -> int:
    """Delete the temporary files that saves killed mid-write left beside ``database`` and in
    its backup folder; returns how many. Call it only while holding the database's write
    lock: every save of this database or its backups happens under that lock, so no such
    file can belong to a save still running."""
    removed = 0
    places = [(database.parent, database.name), (backup_dir(database), None)]
    for directory, name in places:
        try:
            found = list(directory.iterdir()) if directory.is_dir() else []
        except OSError:
            continue
        for path in found:
            match = _TEMPORARY.fullmatch(path.name)
            if match is None or (name is not None and match["name"] != name):
                continue
            if path.is_file() and not path.is_symlink():
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
    return removed


def prune(database: Path, keep: int = KEEP) -> None:
    """Delete the oldest rotating backups beyond ``keep``; labelled ones stay."""
    rotating = [p for p in list_backups(database) if _ROTATING_TAG in p.name]
    for old in rotating[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()


class BackupRotation:
    """Decides when a save should first copy the file it is about to replace."""

    def __init__(self, database: Path, interval: timedelta = BACKUP_INTERVAL,
                 keep: int = KEEP) -> None:
        self.database = database
        self.interval = interval
        self.keep = keep
        self._last: datetime | None = None

    def before_save(self) -> None:
        """Back up the current file if this sitting has not, or not for a while."""
        now = datetime.now()
        if self._last is not None and now - self._last < self.interval:
            return
        if not self.database.exists():
            return
        make_backup(self.database, "save")
        prune(self.database, self.keep)
        self._last = now

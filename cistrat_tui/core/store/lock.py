"""One writer per database: an advisory lock on ``<database>.lock`` that names its holder.

The operating system releases the lock when its process ends, however it ends, so a lock left by a
crashed copy of the app is simply taken over; its file still names the crashed process, which is
reported. The lock file itself is never deleted (deleting it would let two processes lock two
different files of the same name). Someone else may still delete it: :meth:`DatabaseLock.verify`
checks before every save that the lock this process holds is still the file at the lock's
path, and takes the new file when it is not (or says who holds it now).
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import IO

from cistrat_tui.core.errors import DatabaseLockedError, StoreError
from cistrat_tui.core.plain_text import one_line

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined,unused-ignore]

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def lock_path_for(database: Path) -> Path:
    """The lock file that guards ``database``."""
    return database.with_name(database.name + ".lock")


def _describe(holder: dict[str, object]) -> str:
    """Who holds the lock, from its file: any process can write that file, so each value is
    made one short printable line before it goes into an error message."""
    pid, host, user, since = (one_line(str(holder.get(key, "?")), 80)
                              for key in ("pid", "host", "user", "since"))
    return f"process {pid} of user {user} on {host}, since {since}"


class DatabaseLock:
    """The write lock on one database file; release it with :meth:`release` or ``with``."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = lock_path_for(database)
        self.stale_holder: str | None = None
        self._handle: IO[str] | None = None

    def acquire(self) -> DatabaseLock:
        """Take the lock or raise :class:`DatabaseLockedError` naming the process that holds it."""
        try:
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release
        except OSError as error:
            raise StoreError(f"cannot create the lock file {self.path}: "
                             f"{error.strerror or error}") from None
        if not _try_lock(handle):
            holder = self._read_holder(handle)
            handle.close()
            raise DatabaseLockedError(self.database, _describe(holder) if holder else
                                      "a process that did not say who it is")
        previous = self._read_holder(handle)
        if previous:
            self.stale_holder = _describe(previous)
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({
            "pid": os.getpid(), "host": socket.gethostname(), "user": _user(),
            "since": datetime.now().astimezone().isoformat(timespec="seconds"),
        }))
        handle.flush()
        self._handle = handle
        return self

    @staticmethod
    def _read_holder(handle: IO[str]) -> dict[str, object]:
        try:
            handle.seek(0)
            holder = json.loads(handle.read() or "{}")
        except (OSError, ValueError):
            return {}
        return holder if isinstance(holder, dict) else {}

    def release(self) -> None:
        """Let go of the lock (and clear the holder's name from the file)."""
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            _unlock(handle)
        finally:
            handle.close()

    @property
    def held(self) -> bool:
        return self._handle is not None

    def verify(self) -> bool:
        """Make sure the lock held is still the lock file at :attr:`path`.

        Returns True when it is; when the file was deleted or replaced (by hand, or by a
        cleaner), the lock on the new file is taken and False is returned, so the caller
        can check that nobody changed the database meanwhile. Raises
        :class:`DatabaseLockedError` when another process holds the new file."""
        handle = self._handle
        if handle is None:
            raise StoreError(f"the write lock on {self.database} is not held")
        try:
            held, current = os.fstat(handle.fileno()), os.stat(self.path)
            if (held.st_dev, held.st_ino) == (current.st_dev, current.st_ino):
                return True
        except FileNotFoundError:
            pass
        except OSError as error:
            raise StoreError(f"cannot check the lock file {self.path}: "
                             f"{error.strerror or error}") from None
        stale = self.stale_holder
        self._handle = None
        try:
            self.acquire()
        except BaseException:
            self._handle = handle  # still ours (an orphan), released on close
            raise
        self.stale_holder = stale
        _unlock(handle)
        handle.close()
        return False

    def __enter__(self) -> DatabaseLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"

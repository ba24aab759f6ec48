"""Errors the core raises, each with a message a coordinator can act on."""

from __future__ import annotations

from pathlib import Path

from cistrat_tui.core.plain_text import one_line, shorten

# The longest reason an error line gives: a value quoted from a hand-edited file may be huge.
REASON_LIMIT = 300


class CistratError(Exception):
    """Base class: every error the app reports to the user in one clear line."""


class ValidationError(CistratError, ValueError):
    """A record field holds a value that cannot be right.

    ``field`` names the field (as the coordinator sees it in a form), ``reason`` says why.
    """

    def __init__(self, field: str, reason: str, record: str = "") -> None:
        self.field = field
        self.reason = reason = one_line(reason, REASON_LIMIT)
        self.record = record
        where = f"{record} {field}" if record else field
        super().__init__(f"{where}: {reason}")


class NotFoundError(CistratError, LookupError):
    """No record, or more than one, answers to the name or id the user gave."""


class StoreError(CistratError):
    """The database file cannot be used as asked."""


class DatabaseLockedError(StoreError):
    """Another process holds the database open for writing."""

    def __init__(self, path: Path, owner: str) -> None:
        self.path = path
        self.owner = owner
        super().__init__(
            f"{path} is open for writing in another copy of cistrat-tui ({owner}). "
            "Close that copy first, or open this one read-only."
        )


class CorruptDatabaseError(StoreError):
    """The database file cannot be read; it has been left untouched."""

    def __init__(self, path: Path, problem: str, backups: list[Path]) -> None:
        self.path = path
        self.problem = problem = shorten(problem, REASON_LIMIT)
        self.backups = backups
        if backups:
            where = f"the newest backup is {backups[0]} ({len(backups)} in {backups[0].parent})"
        else:
            where = "no backups were found beside it"
        super().__init__(
            f"cannot read {path}: {problem}. The file has not been changed; {where}."
        )


class SchemaTooNewError(StoreError):
    """The database was written by a newer version of the app."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(
            f"{path} has schema version {found}, but this version of cistrat-tui reads "
            f"up to version {supported}. Upgrade cistrat-tui; the file has not been changed."
        )

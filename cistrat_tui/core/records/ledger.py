"""The publication ledger: what each calendar said about each event when it was last exported.

A calendar client decides whether an event it already holds has changed by its SEQUENCE (and
LAST-MODIFIED). The text of an event can change without its activity changing (a site's
address is corrected, the coach leg before it leaves later), so the exporter keeps, for every
calendar and UID, a digest of the event as last written with the SEQUENCE and LAST-MODIFIED it
carried. The next export compares and raises SEQUENCE only where the text changed, and writes
a cancellation for an event that disappeared from a calendar that had it.

``summary``, ``start`` and ``end`` are kept so that a cancellation can still say what was
cancelled and when, after the activity itself is gone. ``sent_sequence`` and ``published_etag``
record what the last e-mail and the last CalDAV publication carried.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records import values as v


def entry_id(calendar: str, uid: str) -> str:
    """The ledger key of one event in one calendar."""
    return f"{calendar} {uid}"


def _moment(text: str, field: str) -> str:
    """A DTSTART or DTEND as ISO text: a date (all-day) or an aware date and time."""
    text = v.text(text, field, required=True, max_length=40)
    if len(text) == 10:
        v.to_date(text, field)
    else:
        v.to_datetime(text, field)
    return text


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One event of one calendar (``calendar`` is "group", "staff" or a trainee's id)."""

    calendar: str
    uid: str
    fingerprint: str
    sequence: int
    last_modified: datetime
    summary: str
    start: str
    end: str
    cancelled_at: datetime | None = None
    sent_sequence: int = -1
    published_etag: str = ""
    id: str = ""

    def __post_init__(self) -> None:
        put = object.__setattr__
        put(self, "calendar", v.text(self.calendar, "calendar", required=True, max_length=100))
        put(self, "uid", v.text(self.uid, "uid", required=True, max_length=300))
        put(self, "fingerprint", v.text(self.fingerprint, "fingerprint", required=True,
                                        max_length=100))
        for name in ("sequence", "sent_sequence"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < -1:
                raise ValidationError(name.replace("_", " "), f"expected a whole number, got "
                                      f"{value!r}")
        put(self, "last_modified", v.to_datetime(self.last_modified, "last modified"))
        if self.cancelled_at is not None:
            put(self, "cancelled_at", v.to_datetime(self.cancelled_at, "cancelled at"))
        put(self, "summary", v.text(self.summary, "summary", max_length=1000))
        put(self, "start", _moment(self.start, "start"))
        put(self, "end", _moment(self.end, "end"))
        put(self, "published_etag", v.text(self.published_etag, "published etag",
                                           max_length=200))
        expected = entry_id(self.calendar, self.uid)
        if self.id not in ("", expected):
            raise ValidationError("id", f"expected {expected!r}, got {self.id!r}")
        put(self, "id", expected)

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LedgerEntry:
        return cls(**data)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "calendar": self.calendar, "uid": self.uid,
            "fingerprint": self.fingerprint, "sequence": self.sequence,
            "last_modified": self.last_modified.isoformat(), "summary": self.summary,
            "start": self.start, "end": self.end,
            "cancelled_at": None if self.cancelled_at is None else self.cancelled_at.isoformat(),
            "sent_sequence": self.sent_sequence, "published_etag": self.published_etag,
        }

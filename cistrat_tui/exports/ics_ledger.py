"""SEQUENCE, LAST-MODIFIED and cancellations from the publication ledger.

For each calendar and UID the ledger holds a fingerprint of the event as last exported (see
:mod:`cistrat_tui.core.records.ledger`). On the next export:

- an event whose text is the same keeps its SEQUENCE and LAST-MODIFIED, so it is written byte
  for byte as before (DTSTAMP follows LAST-MODIFIED, see
  :func:`~cistrat_tui.exports.ics_events.build_event`);
- an event whose text changed in any way (its own fields, a site's address, the leg before it,
  the reader's seat) gets SEQUENCE + 1 (at least the activity's revision) and LAST-MODIFIED
  now;
- an event the ledger knows for a calendar but the calendar no longer holds (the activity was
  deleted, or the reader taken off it) is written as STATUS:CANCELLED with SEQUENCE + 1, and
  again unchanged in later exports, until the coordinator clears old cancellations.

The first export of an event takes the activity's revision as SEQUENCE and its change time as
LAST-MODIFIED, as exports did before the ledger existed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, timedelta, tzinfo

from cistrat_tui.core.records.ledger import LedgerEntry
from cistrat_tui.exports.ics_text import EventText

# Raise when build_event writes something else for the same text: every event then counts as
# changed once, so no client keeps an event written the old way.
EVENT_FORMAT = "2"
_TEXT_FIELDS = tuple(f.name for f in fields(EventText)
                     if f.name not in ("sequence", "last_modified"))
CANCELLED_NOTE = ("CANCELLED: this is no longer in this calendar's programme (it was removed, "
                  "or is no longer for you).")


def fingerprint(text: EventText) -> str:
    """A digest of everything an event says except its SEQUENCE and LAST-MODIFIED."""
    values = (EVENT_FORMAT, *(getattr(text, name) for name in _TEXT_FIELDS))
    return hashlib.blake2b(repr(values).encode(), digest_size=12).hexdigest()


def _iso(moment: datetime | date) -> str:
    return moment.isoformat()


def _moment(text: str, zone: tzinfo) -> datetime | date:
    """A stored DTSTART or DTEND back in the programme's zone (so it is written with TZID)."""
    if len(text) == 10:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text).astimezone(zone)


@dataclass(frozen=True, slots=True)
class Stamped:
    """One event as it goes into a file: its text, SEQUENCE and LAST-MODIFIED, and the ledger
    entry that records it."""

    text: EventText
    sequence: int
    last_modified: datetime
    entry: LedgerEntry


class LedgerBook:
    """The ledger as one export reads and extends it: each event stamped, changes collected."""

    def __init__(self, ledger: Mapping[str, LedgerEntry], stamp: datetime,
                 zone: tzinfo) -> None:
        self.zone = zone
        self.stamp = stamp.astimezone(UTC).replace(microsecond=0)
        self._ledger = ledger
        self._by_calendar: dict[str, dict[str, LedgerEntry]] = {}
        for entry in ledger.values():
            self._by_calendar.setdefault(entry.calendar, {})[entry.uid] = entry
        self._prints: dict[EventText, str] = {}
        self.changed: dict[str, LedgerEntry] = {}

    def _fingerprint(self, text: EventText) -> str:
        found = self._prints.get(text)
        if found is None:
            found = self._prints[text] = fingerprint(text)
        return found

    def _keep(self, entry: LedgerEntry) -> LedgerEntry:
        if self._ledger.get(entry.id) != entry:
            self.changed[entry.id] = entry
        return entry

    def stamp_event(self, calendar: str, text: EventText) -> Stamped:
        """``text`` in ``calendar`` with the SEQUENCE and LAST-MODIFIED it must carry."""
        print_ = self._fingerprint(text)
        old = self._by_calendar.get(calendar, {}).get(text.uid)
        if old is not None and old.fingerprint == print_ and not old.cancelled:
            return Stamped(text, old.sequence, old.last_modified, old)
        if old is None:
            sequence, modified = text.sequence, text.last_modified.astimezone(UTC)
            sent = -1
        else:
            sequence, modified = max(old.sequence + 1, text.sequence), self.stamp
            sent = old.sent_sequence
        # A changed event has not been published yet: no ETag.
        entry = self._keep(LedgerEntry(
            calendar, text.uid, print_, sequence, modified, text.summary, _iso(text.start),
            _iso(text.end), sent_sequence=sent))
        return Stamped(text, entry.sequence, entry.last_modified, entry)

    def cancellations(self, calendar: str, present: Iterable[str]) -> list[Stamped]:
        """The events ``calendar`` had but no longer holds, as cancellations (in time order)."""
        here = set(present)
        found = []
        for uid, old in self._by_calendar.get(calendar, {}).items():
            if uid in here:
                continue
            entry = old
            if not old.cancelled:
                entry = self._keep(replace(old, fingerprint="cancelled", sequence=old.sequence + 1,
                                           last_modified=self.stamp, cancelled_at=self.stamp,
                                           published_etag=""))
            found.append(Stamped(cancellation_text(entry, self.zone), entry.sequence,
                                 entry.last_modified, entry))
        found.sort(key=lambda s: (s.entry.start, s.entry.uid))
        return found


def cancellation_text(entry: LedgerEntry, zone: tzinfo) -> EventText:
    """The event that tells a calendar an event it had is gone."""
    summary = entry.summary if entry.summary.startswith("Cancelled: ") \
        else f"Cancelled: {entry.summary}"
    return EventText(uid=entry.uid, summary=summary, start=_moment(entry.start, zone),
                     end=_moment(entry.end, zone), last_modified=entry.last_modified,
                     sequence=entry.sequence, status="CANCELLED", category="Cancelled",
                     description=CANCELLED_NOTE, transparent=True)


def old_cancellations(ledger: Mapping[str, LedgerEntry], now: datetime,
                      older_than: timedelta = timedelta(0)) -> list[LedgerEntry]:
    """The ledger's cancellations written at least ``older_than`` before ``now``: what the
    coordinator clears once every reader has seen them."""
    return [e for e in ledger.values()
            if e.cancelled_at is not None and now - e.cancelled_at >= older_than]

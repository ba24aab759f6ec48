"""This sitting's changes as (before, after) records, applied through the store, with undo and redo.

Kept free of Textual so it can be tested without a terminal. A change with no ``before`` is an
addition, one with no ``after`` a deletion. Undo applies the change backwards through the same
store calls (put or remove), so every step is saved at once like any other edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from cistrat_tui.core.store import WorkshopStore
from cistrat_tui.core.workshop import Record

LIMIT = 200  # steps kept; older ones fall off the bottom


@dataclass(frozen=True, slots=True)
class Change:
    """One saved change: the record before and after it, and how to name it to the user."""

    before: Record | None
    after: Record | None
    label: str


def _write(store: WorkshopStore, old: Record | None, new: Record | None) -> Record | None:
    """Turn ``old`` into ``new`` in the store; returns the record as stored (or None)."""
    if new is None:
        if old is not None:
            store.remove(old)
        return None
    return store.put(new)


class History:
    """The undo and redo stacks of this sitting."""

    def __init__(self) -> None:
        self._done: list[Change] = []
        self._undone: list[Change] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def apply(self, store: WorkshopStore, before: Record | None, after: Record | None,
              label: str) -> Record | None:
        """Save a new change and remember it; a new change clears what could be redone."""
        stored = _write(store, before, after)
        self._done.append(Change(before, stored, label))
        del self._done[:-LIMIT]
        self._undone.clear()
        return stored

    def undo(self, store: WorkshopStore) -> Change | None:
        """Take back the last change (saved at once); None when there is nothing to undo."""
        if not self._done:
            return None
        change = self._done[-1]
        current = _current(store, change.after or change.before)
        restored = _write(store, current, change.before)
        self._done.pop()
        self._undone.append(Change(restored, current, change.label))
        return change

    def redo(self, store: WorkshopStore) -> Change | None:
        """Make the last undone change again; None when there is nothing to redo."""
        if not self._undone:
            return None
        change = self._undone[-1]
        current = _current(store, change.after or change.before)
        stored = _write(store, current, change.after)
        self._undone.pop()
        self._done.append(Change(current, stored, change.label))
        return change


def _current(store: WorkshopStore, record: Record | None) -> Record | None:
    """The record with the same id as it is in the store now (it may have been revised)."""
    if record is None:
        return None
    try:
        return store.workshop.table_of(record).get(record.id)
    except TypeError:  # the programme: one record, no table
        return store.workshop.programme

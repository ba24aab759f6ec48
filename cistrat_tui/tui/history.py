"""This sitting's changes as (before, after) records, applied through the store, with undo and redo.

Kept free of Textual so it can be tested without a terminal. A change with no ``before`` is an
addition, one with no ``after`` a deletion. Undo applies the change backwards through the same
store calls (put or remove), so every step is saved at once like any other edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cistrat_tui.core.records.workshop import Record
from cistrat_tui.core.store.repository import WorkshopStore

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


@dataclass(frozen=True, slots=True)
class Step:
    """One entry of the history: one or many changes, made, taken back and made again together.

    ``before`` and ``after`` give the record of a single change (to show it after an undo);
    a step of many changes has none to show."""

    parts: tuple[Change, ...]
    label: str

    @property
    def before(self) -> Record | None:
        return self.parts[0].before if len(self.parts) == 1 else None

    @property
    def after(self) -> Record | None:
        return self.parts[0].after if len(self.parts) == 1 else None


class History:
    """The undo and redo stacks of this sitting."""

    def __init__(self) -> None:
        self._done: list[Step] = []
        self._undone: list[Step] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def apply(self, store: WorkshopStore, before: Record | None, after: Record | None,
              label: str) -> Record | None:
        """Save a new change and remember it; a new change clears what could be redone."""
        return self.apply_many(store, [(before, after)], label)[0]

    def apply_many(self, store: WorkshopStore,
                   pairs: Sequence[tuple[Record | None, Record | None]],
                   label: str) -> list[Record | None]:
        """Save every (before, after) in one save and remember them as one step; on an error
        nothing is kept (the store rolls the batch back) and nothing is remembered."""
        with store.batch():
            parts = tuple(Change(before, _write(store, before, after), label)
                          for before, after in pairs)
        self._done.append(Step(parts, label))
        del self._done[:-LIMIT]
        self._undone.clear()
        return [part.after for part in parts]

    def undo(self, store: WorkshopStore) -> Step | None:
        """Take back the last step (saved at once); None when there is nothing to undo."""
        if not self._done:
            return None
        step = self._done[-1]
        with store.batch():
            undone = []
            for part in reversed(step.parts):
                current = _current(store, part.after or part.before)
                undone.append(Change(_write(store, current, part.before), current, part.label))
        self._done.pop()
        self._undone.append(Step(tuple(reversed(undone)), step.label))
        return step

    def redo(self, store: WorkshopStore) -> Step | None:
        """Make the last undone step again; None when there is nothing to redo."""
        if not self._undone:
            return None
        step = self._undone[-1]
        with store.batch():
            redone = []
            for part in step.parts:
                current = _current(store, part.after or part.before)
                redone.append(Change(current, _write(store, current, part.after), part.label))
        self._undone.pop()
        self._done.append(Step(tuple(redone), step.label))
        return step


def _current(store: WorkshopStore, record: Record | None) -> Record | None:
    """The record with the same id as it is in the store now (it may have been revised)."""
    if record is None:
        return None
    try:
        return store.workshop.table_of(record).get(record.id)
    except TypeError:  # the programme: one record, no table
        return store.workshop.programme

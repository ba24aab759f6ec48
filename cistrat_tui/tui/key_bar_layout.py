"""Where each key of the footer goes on its one line (Textual-free, so it is tested alone).

The footer shows the keys of the screen in the order the bindings come, a group of keys (the
area digits) as the keys side by side, each its own, and the group's name after them, and the
command palette key at the right edge. What does not fit is left out, whole keys at a time,
the last first, with an ellipsis: every key is in F1 anyway. Keys marked ``keep`` (F1 itself,
the area digits) are left out only when nothing else is left to leave out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

GAPS = (2, 1)  # columns between two keys (or a key and a group): two if all fit, else one
ELLIPSIS = "…"


@dataclass(frozen=True)
class KeyEntry:
    """One key as the footer shows it."""

    key: str  # the key as Textual names it: what a click presses
    display: str  # the key as shown (after the user's keymap)
    description: str
    enabled: bool = True
    tooltip: str = ""
    group: str | None = None  # the name of its group of keys, shown once after them
    keep: bool = False  # left out last when the line is too short (help, the area keys)


class Role(Enum):
    """What a piece of the line is, for its style."""

    KEY = "key"
    DESCRIPTION = "description"
    LABEL = "label"  # a group's name
    PLAIN = "plain"  # gaps and the ellipsis


@dataclass(frozen=True)
class Piece:
    """A run of text at a column; ``entry`` is the key a click there presses."""

    start: int
    text: str
    role: Role
    entry: KeyEntry | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _unit(entries: Sequence[KeyEntry]) -> list[tuple[str, Role, KeyEntry | None]]:
    """The pieces of one key, or of a group of keys, at no column yet."""
    if len(entries) == 1 and entries[0].group is None:
        entry = entries[0]
        pieces: list[tuple[str, Role, KeyEntry | None]] = [(entry.display, Role.KEY, entry)]
        if entry.description:
            pieces.append((" " + entry.description, Role.DESCRIPTION, entry))
        return pieces
    pieces = [(entry.display, Role.KEY, entry) for entry in entries]
    pieces.append((" " + (entries[0].group or ""), Role.LABEL, None))
    return pieces


def _units(entries: Sequence[KeyEntry]) -> list[list[KeyEntry]]:
    """Single keys, and runs of two or more keys of the same group, in order."""
    units, n = [], 0
    while n < len(entries):
        group, end = entries[n].group, n + 1
        while group is not None and end < len(entries) and entries[end].group == group:
            end += 1
        if group is not None and end - n == 1:  # a group of one: a plain key
            one = entries[n]
            units.append([replace(one, description=one.description or group, group=None)])
        else:
            units.append(list(entries[n:end]))
        n = end
    return units


def _shown(widths: Sequence[int], kept: Sequence[bool], room: int,
           gap: int) -> tuple[list[int], bool]:
    """Which units fit in ``room`` columns ``gap`` apart, and whether some were left out
    (then an ellipsis needs room too): the last ones that are not kept go first."""
    shown = list(range(len(widths)))

    def width(cut: bool) -> int:
        return sum(widths[i] for i in shown) + gap * (len(shown) - 1) + (gap + 1 if cut else 0)

    if width(False) <= room:
        return shown, False
    while shown and width(True) > room:
        droppable = [i for i in shown if not kept[i]] or shown
        shown.remove(droppable[-1])
    return shown, True


def lay_out(entries: Sequence[KeyEntry], palette: KeyEntry | None, width: int) -> list[Piece]:
    """The pieces of the footer line for ``width`` columns, left to right: keys two columns
    apart when they all fit so, else one column apart, and an ellipsis where keys were left
    out (an area's own keys before the ones marked ``keep``)."""
    right = _unit([palette]) if palette is not None else []
    right_width = sum(len(text) for text, _, _ in right)
    units = _units(entries)
    laid = [_unit(unit) for unit in units]
    widths = [sum(len(text) for text, _, _ in unit) for unit in laid]
    kept = [any(entry.keep for entry in unit) for unit in units]
    for gap in GAPS:  # the margins at both ends are as wide as the gap between keys
        margin = gap - 1
        room = width - 2 * margin - right_width - (gap if right else 0)
        shown, cut = _shown(widths, kept, room, gap)
        if not cut:
            break
    pieces: list[Piece] = []
    column, told = margin, False
    for n, unit in enumerate(laid):
        if n not in shown:
            if not told:
                pieces.append(Piece(column, ELLIPSIS, Role.PLAIN))
                column += len(ELLIPSIS) + gap
                told = True
            continue
        for text, role, entry in unit:
            pieces.append(Piece(column, text, role, entry))
            column += len(text)
        column += gap
    column = width - margin - right_width
    for text, role, entry in right:
        pieces.append(Piece(column, text, role, entry))
        column += len(text)
    return pieces


def entry_at(pieces: Sequence[Piece], x: int) -> KeyEntry | None:
    """The key under column ``x``, if any."""
    for piece in pieces:
        if piece.entry is not None and piece.start <= x < piece.end:
            return piece.entry
    return None

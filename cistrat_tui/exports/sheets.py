"""A list as data, before it is a workbook or a PDF: a book of sheets with bilingual headers.

The people-side lists (rooming, meals, visitors, pickups) are built once as a :class:`Book`
and then rendered by :mod:`cistrat_tui.exports.xlsx` and :mod:`cistrat_tui.exports.pdf_lists`,
so the spreadsheet and the printout always say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

Cell = str | int


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its English and Chinese header (hotels and hosts read either)."""

    en: str
    zh: str

    def header(self) -> str:
        return f"{self.en}\n{self.zh}"


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet: a name (a hotel, a host's visit, a day), lines above the table, the table."""

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    lines: tuple[str, ...] = ()  # what the reader needs before the table: dates, vehicle

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"sheet {self.name!r}: a row has {len(row)} cells for "
                                 f"{len(self.columns)} columns")


@dataclass(frozen=True, slots=True)
class Book:
    """A whole list: its title, who it is for, its sheets."""

    title: str
    audience: str  # "for the hotel", "for the host's security desk", "for staff"
    sheets: tuple[Sheet, ...] = field(default_factory=tuple)

    def all_text(self) -> str:
        """Every word of the book (for tests and the privacy scan)."""
        parts: list[str] = [self.title, self.audience]
        for sheet in self.sheets:
            parts += [sheet.name, sheet.title, *sheet.lines]
            parts += [c.header() for c in sheet.columns]
            parts += [str(cell) for row in sheet.rows for cell in row]
        return "\n".join(parts)


def columns(*pairs: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(en, zh) for en, zh in pairs)


def rows(values: Sequence[Sequence[Cell]]) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(row) for row in values)

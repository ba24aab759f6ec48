"""A DataTable whose columns share its width by weight, redrawn when the terminal is resized.

Every list of records in the app (sites, trainees, a day's activities, the days, problems) is
one of these: names and titles take the room there is, short fields fit their content, and a
cell too long for its column ends in "…" (the whole text is in the detail pane beside it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from cistrat_tui.tui.column_widths import ColumnShape, share_widths

Cell = str | Text


@dataclass(frozen=True, slots=True)
class TableColumn:
    """A column: its heading, its key, and how it takes its width."""

    label: str
    key: str
    shape: ColumnShape = field(default_factory=ColumnShape)

    @classmethod
    def fitted(cls, label: str, key: str, fit_max: int = 24) -> TableColumn:
        """A column as wide as its widest cell (at most ``fit_max``)."""
        return cls(label, key, ColumnShape(weight=0, fit_max=fit_max))

    @classmethod
    def weighted(cls, label: str, key: str, weight: int = 1, minimum: int = 8) -> TableColumn:
        """A column that shares the room left by the fitted ones, by ``weight``."""
        return cls(label, key, ColumnShape(weight=weight, minimum=minimum))


def plain(cell: Cell) -> str:
    """The text of a cell, styles dropped."""
    return cell.plain if isinstance(cell, Text) else cell


def fit_cell(cell: Cell, width: int) -> Cell:
    """The cell as it fits ``width`` cells: whole, or cut with '…'."""
    if cell_len(plain(cell)) <= width:
        return cell
    text = cell.copy() if isinstance(cell, Text) else Text(cell)
    text.truncate(width, overflow="ellipsis")
    return text if isinstance(cell, Text) else text.plain


def natural_widths(columns: Sequence[TableColumn],
                   rows: Iterable[Sequence[Cell]]) -> list[int]:
    """The widest cell of each column, its heading included (in terminal cells: 中 is 2)."""
    widths = [cell_len(column.label) for column in columns]
    for cells in rows:
        for index, cell in enumerate(cells):
            widths[index] = max(widths[index], cell_len(plain(cell)))
    return widths


class WeightedTable(DataTable[Cell]):
    """A row-cursor table of keyed rows whose columns share the width by weight."""

    def __init__(self, columns: Sequence[TableColumn], *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.table_columns = tuple(columns)
        self.widths: list[int] = []
        self._rows: list[tuple[str, tuple[Cell, ...]]] = []
        self._natural: list[int] | None = None
        self._drawn_for: tuple[int, int] = (-1, -1)

    @property
    def row_keys(self) -> list[str]:
        """The rows' keys, top to bottom."""
        return [key for key, _ in self._rows]

    @property
    def cursor_key(self) -> str | None:
        """The key of the highlighted row, if any."""
        row = self.cursor_row
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def show_rows(self, rows: Iterable[tuple[str, Sequence[Cell]]], *, keep: str | None = None,
                  natural: list[int] | None = None) -> None:
        """Show ``rows`` (key, cells), the row ``keep`` highlighted when it is among them.

        ``natural`` gives the columns' widest cells when the caller knows them for a larger
        set (all records, not only those a filter lets through), so columns keep their width
        while the coordinator types; by default the rows shown are measured.
        """
        self._rows = [(key, tuple(cells)) for key, cells in rows]
        self._natural = natural
        self._draw(keep)

    def move_to_key(self, key: str) -> bool:
        """Highlight the row ``key``; False when it is not shown."""
        keys = self.row_keys
        if key not in keys:
            return False
        self.move_cursor(row=keys.index(key), animate=False)
        return True

    def _room(self) -> int:
        room = self.size.width
        visible = self.size.height - (1 if self.show_header else 0)
        if len(self._rows) > max(visible, 0):
            room -= self.styles.scrollbar_size_vertical
        return room

    def _draw(self, keep: str | None) -> None:
        room = self._room()
        natural = self._natural or natural_widths(self.table_columns,
                                                  (cells for _, cells in self._rows))
        shapes = [column.shape for column in self.table_columns]
        widths = share_widths(room, shapes, natural, self.cell_padding) if room > 0 \
            else [min(n, s.fit_max if s.weight == 0 else n) for n, s in zip(natural, shapes,
                                                                            strict=True)]
        self._drawn_for = self.size.width, len(self._rows)
        if widths != self.widths or not self.columns:
            self.widths = widths
            self.clear(columns=True)
            for column, width in zip(self.table_columns, widths, strict=True):
                self.add_column(fit_cell(column.label, width), width=width, key=column.key)
        else:
            self.clear()
        self.add_rows_keyed(self._rows, widths)
        if keep is not None:
            self.move_to_key(keep)

    def add_rows_keyed(self, rows: Sequence[tuple[str, tuple[Cell, ...]]],
                       widths: Sequence[int]) -> None:
        for key, cells in rows:
            self.add_row(*(fit_cell(cell, width) for cell, width in zip(cells, widths,
                                                                         strict=True)),
                         key=key)

    def on_resize(self, event: events.Resize) -> None:
        if self._rows and self._drawn_for[0] != event.size.width:
            self._draw(self.cursor_key)

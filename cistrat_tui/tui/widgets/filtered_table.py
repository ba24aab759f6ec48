"""One list of records, as the sites and trainees areas show it: a filter to type into, a table
whose columns share the width, the highlighted record and a detail pane beside the table.

The area says what the records are and how to show them (:class:`ListSpec`); the widget does
the rest and tells the area when the coordinator chose a record (Enter or a click) with
:class:`FilteredTable.Chosen`. Typing filters at once; Enter or Esc in the filter goes back
to the table, so the area keys work again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rich.console import RenderableType
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Static

from cistrat_tui.tui.widgets.inputs import LeavingInput
from cistrat_tui.tui.widgets.weighted_table import (
    Cell,
    TableColumn,
    WeightedTable,
    natural_widths,
)

T = TypeVar("T")


@dataclass(frozen=True)
class ListSpec(Generic[T]):
    """What a filtered list shows.

    ``name`` makes the ids (``<name>-filter``, ``<name>-table``); ``records`` gives every
    record now; ``matching`` the ones that match a filter text, in the order to show them;
    ``cells`` one row's cells (as many as ``columns``); ``detail`` the detail pane of one
    record; ``empty`` the pane's text when nothing is highlighted (``True``: there are
    records, the filter hides them all).
    """

    name: str
    noun: str
    columns: Sequence[TableColumn]
    records: Callable[[], Iterable[T]]
    key: Callable[[T], str]
    matching: Callable[[Iterable[T], str], list[T]]
    cells: Callable[[T], Sequence[Cell]]
    detail: Callable[[T], RenderableType]
    empty: Callable[[bool], str]
    placeholder: str
    detail_id: str
    detail_title: str


class FilteredTable(Widget, Generic[T]):
    """Filter, table and detail pane over one kind of record."""

    DEFAULT_CSS = """
    FilteredTable { height: 1fr; }
    FilteredTable > LeavingInput { margin: 0 1; }
    FilteredTable > Horizontal { height: 1fr; }
    FilteredTable WeightedTable { width: 1fr; height: 1fr; border: round $primary-muted; }
    FilteredTable WeightedTable:focus { border: round $primary; }
    FilteredTable .detail-box { width: 36%; min-width: 28; max-width: 64; height: 1fr;
                                border: round $primary-muted; padding: 0 1; }
    """

    class Chosen(Message):
        """The coordinator chose a record (Enter or a click on its row)."""

        def __init__(self, source: FilteredTable[object], key: str) -> None:
            super().__init__()
            self.source = source
            self.key = key

        @property
        def control(self) -> FilteredTable[object]:
            """The list the record was chosen in (for ``@on(..., "#<name>-list")``)."""
            return self.source

    def __init__(self, spec: ListSpec[T], *, id: str | None = None) -> None:
        super().__init__(id=id or f"{spec.name}-list")
        self.spec = spec
        self._shown: list[T] = []
        self._cells: dict[str, Sequence[Cell]] = {}
        self._natural: list[int] | None = None

    def compose(self) -> ComposeResult:
        yield LeavingInput(id=f"{self.spec.name}-filter", compact=True,
                           placeholder=self.spec.placeholder)
        with Horizontal():
            table = WeightedTable(self.spec.columns, id=f"{self.spec.name}-table")
            table.border_title = self.spec.noun.capitalize() + "s"
            yield table
            with VerticalScroll(classes="detail-box") as box:
                box.border_title = self.spec.detail_title
                yield Static(id=self.spec.detail_id, markup=False)

    @property
    def table(self) -> WeightedTable:
        return self.query_one(f"#{self.spec.name}-table", WeightedTable)

    @property
    def filter_input(self) -> LeavingInput:
        return self.query_one(f"#{self.spec.name}-filter", LeavingInput)

    @property
    def filter_text(self) -> str:
        return self.filter_input.value

    @property
    def shown(self) -> list[T]:
        """The records in the table, top to bottom."""
        return list(self._shown)

    @property
    def selected_key(self) -> str | None:
        """The key of the highlighted record."""
        return self.table.cursor_key

    # --- drawing ----------------------------------------------------------------------------

    def reload(self) -> None:
        """The records changed: measure them all again, then redraw with the filter."""
        records = list(self.spec.records())
        self._cells = {self.spec.key(r): tuple(self.spec.cells(r)) for r in records}
        self._natural = natural_widths(self.spec.columns, self._cells.values())
        self._redraw(records)

    def _redraw(self, records: list[T] | None = None) -> None:
        everything = records if records is not None else list(self.spec.records())
        keep = self.selected_key
        self._shown = self.spec.matching(everything, self.filter_text)
        rows = []
        for record in self._shown:
            key = self.spec.key(record)
            cells = self._cells.get(key)
            if cells is None:  # added since the last reload
                cells = self._cells[key] = tuple(self.spec.cells(record))
            rows.append((key, cells))
        table = self.table
        table.show_rows(rows, keep=keep, natural=self._natural)
        total, plural = len(everything), self.spec.noun + "s"
        table.border_title = (f"{plural.capitalize()}: {total}" if len(self._shown) == total
                              else f"{plural.capitalize()}: {len(self._shown)} of {total}")
        self.show_detail()

    def show_detail(self) -> None:
        """Fill the detail pane from the highlighted record."""
        detail = self.query_one(f"#{self.spec.detail_id}", Static)
        row = self.table.cursor_row
        if 0 <= row < len(self._shown):
            detail.update(self.spec.detail(self._shown[row]))
        else:
            detail.update(self.spec.empty(bool(self._cells)))

    def select(self, key: str) -> None:
        """Highlight the record ``key``, clearing the filter when it hides it."""
        if key not in self.table.row_keys and self.filter_text:
            with self.prevent(LeavingInput.Changed):
                self.filter_input.value = ""
            self._redraw()
        if self.table.move_to_key(key):
            self.show_detail()

    def focus_filter(self) -> None:
        self.filter_input.focus()

    def focus_table(self) -> None:
        self.table.focus()

    # --- events -----------------------------------------------------------------------------

    @on(LeavingInput.Changed)
    def _filter_changed(self, event: LeavingInput.Changed) -> None:
        event.stop()
        self._redraw()

    @on(LeavingInput.Submitted)
    def _filter_done(self, event: LeavingInput.Submitted) -> None:
        event.stop()
        self.focus_table()

    @on(LeavingInput.Left)
    def _filter_left(self, event: LeavingInput.Left) -> None:
        event.stop()
        self.focus_table()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.show_detail()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = self.selected_key
        if key is not None:
            self.post_message(self.Chosen(self, key))  # type: ignore[arg-type]

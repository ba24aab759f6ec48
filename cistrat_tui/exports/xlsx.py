"""A :class:`~.sheets.Book` as an Excel workbook (.xlsx), written with xlsxwriter.

Each sheet starts with its title and the lines the reader needs (hotel and dates, the visit's
time and vehicle), then the table: a header row in English and Chinese, frozen so it stays in
view, with column widths fitted to the content (Chinese characters count double). Every text
cell is written as text, never as a formula, so a name like ``=cmd`` is shown, not run.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

import xlsxwriter

from cistrat_tui.exports.sheets import Book, Cell, Sheet

MAX_SHEET_NAME = 31  # Excel's limit
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
MIN_WIDTH, MAX_WIDTH = 6, 48


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet cell: wide (Chinese) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_names(sheets: tuple[Sheet, ...]) -> list[str]:
    """Names Excel accepts: no ``[]:*?/\\``, at most 31 characters, unique ignoring case."""
    names: list[str] = []
    taken: set[str] = set()
    for sheet in sheets:
        base = _BAD_SHEET_CHARS.sub("-", sheet.name).strip("'") or "Sheet"
        name, n = base[:MAX_SHEET_NAME], 1
        while name.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            name = base[:MAX_SHEET_NAME - len(suffix)] + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _widths(sheet: Sheet) -> list[float]:
    widths = []
    for index, column in enumerate(sheet.columns):
        texts = [column.en, column.zh, *(str(row[index]) for row in sheet.rows)]
        longest = max(display_width(line) for text in texts for line in text.split("\n"))
        widths.append(float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))))
    return widths


def _write(worksheet: Any, row: int, col: int, value: Cell, fmt: Any) -> None:
    if isinstance(value, int):
        worksheet.write_number(row, col, value, fmt)
    elif value:
        worksheet.write_string(row, col, value, fmt)
    else:
        worksheet.write_blank(row, col, None, fmt)


def render_xlsx(book: Book) -> bytes:
    """The workbook's bytes: one worksheet per sheet of ``book`` (an empty book gets one
    sheet that says there is nothing to list)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties({"title": book.title, "comments": book.audience,
                             "author": "cistrat-tui"})
    title = workbook.add_format({"bold": True, "font_size": 13})
    line = workbook.add_format({"font_color": "#333333"})
    header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top",
                                  "bg_color": "#DDDDDD", "border": 1})
    cell = workbook.add_format({"valign": "top", "text_wrap": True, "border": 1})
    sheets = book.sheets or (Sheet("Empty", book.title, (), (), ("Nothing to list yet.",)),)
    for sheet, name in zip(sheets, sheet_names(sheets), strict=True):
        worksheet = workbook.add_worksheet(name)
        worksheet.write_string(0, 0, sheet.title, title)
        for n, text in enumerate(sheet.lines, 1):
            worksheet.write_string(n, 0, text, line)
        top = len(sheet.lines) + 2
        for col, (column, width) in enumerate(zip(sheet.columns, _widths(sheet), strict=True)):
            worksheet.set_column(col, col, width)
            worksheet.write_string(top, col, column.header(), header)
        worksheet.set_row(top, 32)
        for r, values in enumerate(sheet.rows, top + 1):
            for col, value in enumerate(values):
                _write(worksheet, r, col, value, cell)
        worksheet.freeze_panes(top + 1, 0)
        worksheet.set_landscape()
        worksheet.fit_to_pages(1, 0)
        worksheet.repeat_rows(top)
        worksheet.set_footer(f"&L{book.audience}&R&P / &N")
    workbook.close()
    return buffer.getvalue()

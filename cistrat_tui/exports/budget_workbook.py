"""The budget workbook for the finance office: an .xlsx with the lines and the totals.

The *Lines* sheet holds one row per budget line (estimated or entered) with its quantity, unit
price, currency and rate; its CNY amounts are formulas (``ROUND(quantity * unit price * rate,
2)``), so an accountant who corrects a price sees the amounts follow. The *Totals* sheet holds
no number of its own: every total (by category, city and day, planned, actual and projected,
and the ceiling's remainder) is a ``SUMIFS`` or ``SUM`` over the Lines sheet. A spreadsheet
program therefore computes the same totals the app shows, to the fen.

Each formula also carries the app's own result as its cached value, for viewers that do not
compute; ``cached_results=False`` leaves them at 0 (the tests use it to prove that the
spreadsheet, not the app, made the numbers).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from cistrat_tui.core.budget.budget import NO_CITY, UNDATED, Budget, Total, owner_label
from cistrat_tui.core.budget.lines import BudgetLine
from cistrat_tui.core.records.workshop import Workshop

LINES_SHEET = "Lines"
TOTALS_SHEET = "Totals"
# (header, width) of the Lines sheet, in column order; the letters below name them.
LINE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("No", 5), ("Category", 15), ("Description", 44), ("For", 36), ("Source", 9),
    ("Day", 11), ("City", 11), ("Quantity", 9), ("Unit price", 11), ("Currency", 8),
    ("Rate to CNY", 11), ("Planned CNY", 13), ("Actual", 12), ("Invoice", 18),
    ("Actual CNY", 13), ("Projected CNY", 13), ("Over ceiling", 8), ("Basis / notes", 60))
COL = {name: n for n, (name, _) in enumerate(LINE_COLUMNS)}
TOTAL_HEADERS = ("", "Planned CNY", "Actual CNY", "Projected CNY", "Lines")


def _letter(column: str) -> str:
    return str(xl_rowcol_to_cell(0, COL[column])).rstrip("1")


def _number(value: Decimal | None) -> float | str:
    """A cell value: xlsx stores numbers as binary doubles, so the exact Decimal is rounded
    to the nearest double only here, at the edge (the formulas round to the fen again)."""
    return "" if value is None else float(value)


class _Writer:
    """Writes one budget into one workbook."""

    def __init__(self, workshop: Workshop, budget: Budget, cached: bool) -> None:
        self.workshop = workshop
        self.budget = budget
        self.cached = cached
        self.buffer = io.BytesIO()
        # A fixed creation date: the same budget gives the same file.
        self.book = xlsxwriter.Workbook(self.buffer, {"in_memory": True})
        self.book.set_properties({"title": f"Budget: {workshop.programme.title}",
                                  "subject": "Workshop budget", "author": "cistrat-tui",
                                  "created": datetime(2000, 1, 1)})
        self.money = self.book.add_format({"num_format": "#,##0.00"})
        self.rate = self.book.add_format({"num_format": "0.000000"})
        self.day = self.book.add_format({"num_format": "yyyy-mm-dd"})
        self.day_label = self.book.add_format({"num_format": "yyyy-mm-dd", "align": "left"})
        self.bold = self.book.add_format({"bold": True})
        self.bold_money = self.book.add_format({"bold": True, "num_format": "#,##0.00"})
        self.over = self.book.add_format({"bg_color": "#F8CBAD", "num_format": "#,##0.00"})
        self.last_row = max(len(budget.lines) + 1, 2)  # 1-based row of the last line

    def cache(self, value: Decimal | int | str) -> Any:
        if not self.cached:
            return 0
        return float(value) if isinstance(value, Decimal) else value

    def column_range(self, column: str) -> str:
        letter = _letter(column)
        return f"{LINES_SHEET}!${letter}$2:${letter}${self.last_row}"

    # --- the Lines sheet ----------------------------------------------------------------

    def write_lines(self) -> None:
        sheet = self.book.add_worksheet(LINES_SHEET)
        for n, (header, width) in enumerate(LINE_COLUMNS):
            sheet.write_string(0, n, header, self.bold)
            sheet.set_column(n, n, width)
        sheet.freeze_panes(1, 0)
        # Printed for the accounts: landscape, one page wide, the header on every page.
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
        sheet.print_area(0, 0, self.last_row - 1, COL["Over ceiling"])  # not the long notes
        over = self.budget.over_ceiling
        for index, line in enumerate(self.budget.lines, start=1):
            self.write_line(sheet, index, line, line.key in over)
        sheet.autofilter(0, 0, self.last_row - 1, len(LINE_COLUMNS) - 1)

    def write_line(self, sheet: Any, row: int, line: BudgetLine, over: bool) -> None:
        excel_row = row + 1
        cells = {name: f"{_letter(name)}{excel_row}" for name in COL}
        sheet.write_number(row, COL["No"], row)
        sheet.write_string(row, COL["Category"], line.category.value)
        sheet.write_string(row, COL["Description"], line.description)
        sheet.write_string(row, COL["For"], owner_label(self.workshop, line.owner, line.owner_id))
        sheet.write_string(row, COL["Source"], line.source.value)
        if line.day is not None:
            sheet.write_datetime(row, COL["Day"], datetime.combine(line.day, datetime.min.time()),
                                 self.day)
        if line.city:
            sheet.write_string(row, COL["City"], line.city)
        sheet.write_number(row, COL["Quantity"], float(line.quantity))
        sheet.write_number(row, COL["Unit price"], float(line.unit_price), self.money)
        sheet.write_string(row, COL["Currency"], line.currency)
        if line.rate is not None:
            sheet.write_number(row, COL["Rate to CNY"], float(line.rate), self.rate)
        amount = self.over if over else self.money
        sheet.write_formula(
            row, COL["Planned CNY"],
            f"=ROUND({cells['Quantity']}*{cells['Unit price']}*{cells['Rate to CNY']},2)",
            amount, self.cache(line.planned))
        if line.actual_amount is not None:
            sheet.write_number(row, COL["Actual"], float(line.actual_amount), self.money)
        if line.invoice_number:
            sheet.write_string(row, COL["Invoice"], line.invoice_number)
        actual = line.actual
        sheet.write_formula(
            row, COL["Actual CNY"],
            f'=IF({cells["Actual"]}="","",ROUND({cells["Actual"]}*{cells["Rate to CNY"]},2))',
            amount, self.cache("" if actual is None else actual))
        sheet.write_formula(
            row, COL["Projected CNY"],
            f'=IF({cells["Actual CNY"]}="",{cells["Planned CNY"]},{cells["Actual CNY"]})',
            amount, self.cache(line.projected))
        if over:
            sheet.write_string(row, COL["Over ceiling"], "over")
        if line.basis:
            sheet.write_string(row, COL["Basis / notes"], line.basis)

    # --- the Totals sheet -----------------------------------------------------------------

    def write_totals(self) -> None:
        sheet = self.book.add_worksheet(TOTALS_SHEET)
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 4, 15)
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
        sheet.write_string(0, 0, f"Budget: {self.workshop.programme.title}", self.bold)
        sheet.write_string(1, 0, "CNY; every number here is computed from the Lines sheet.")
        row = 3
        row = self.write_section(sheet, row, "By category", "Category",
                                 self.budget.by_category(), text_criteria=True)
        row = self.write_section(sheet, row, "By city", "City", self.budget.by_city(),
                                 text_criteria=True, blank_label=NO_CITY)
        row = self.write_section(sheet, row, "By day", "Day", self.budget.by_day(),
                                 text_criteria=False, blank_label=UNDATED)
        self.write_grand_total(sheet, row)

    def write_section(self, sheet: Any, row: int, title: str, column: str,
                      totals: Sequence[Total], *, text_criteria: bool,
                      blank_label: str | None = None) -> int:
        sheet.write_string(row, 0, title, self.bold)
        for n, header in enumerate(TOTAL_HEADERS[1:], start=1):
            sheet.write_string(row, n, header, self.bold)
        row += 1
        criteria_range = self.column_range(column)
        for total in totals:
            label_cell = xl_rowcol_to_cell(row, 0)
            if total.label == blank_label:
                sheet.write_string(row, 0, total.label)
                criterion = '"="'  # matches the empty cells: lines without a day or city
            elif text_criteria:
                sheet.write_string(row, 0, total.label)
                criterion = label_cell
            else:
                day = datetime.fromisoformat(total.label)
                sheet.write_datetime(row, 0, day, self.day_label)
                criterion = label_cell
            for n, (source, value) in enumerate(
                    (("Planned CNY", total.planned), ("Actual CNY", total.actual),
                     ("Projected CNY", total.projected)), start=1):
                sheet.write_formula(
                    row, n, f"=SUMIFS({self.column_range(source)},{criteria_range},{criterion})",
                    self.money, self.cache(value))
            sheet.write_formula(row, 4, f"=COUNTIFS({criteria_range},{criterion})", None,
                                self.cache(total.lines))
            row += 1
        return row + 1

    def write_grand_total(self, sheet: Any, row: int) -> None:
        total = self.budget.total
        sheet.write_string(row, 0, "Total", self.bold)
        for n, (source, value) in enumerate(
                (("Planned CNY", total.planned), ("Actual CNY", total.actual),
                 ("Projected CNY", total.projected)), start=1):
            sheet.write_formula(row, n, f"=SUM({self.column_range(source)})", self.bold_money,
                                self.cache(value))
        sheet.write_formula(row, 4, f"=COUNTA({self.column_range('Category')})", None,
                            self.cache(total.lines))
        ceiling = self.budget.rules.ceiling
        if ceiling is None:
            sheet.write_string(row + 1, 0, "Ceiling: none set")
            return
        sheet.write_string(row + 1, 0, "Ceiling")
        sheet.write_number(row + 1, 3, float(ceiling), self.money)
        sheet.write_string(row + 2, 0, "Remaining under the ceiling")
        total_cell = xl_rowcol_to_cell(row, 3)
        ceiling_cell = xl_rowcol_to_cell(row + 1, 3)
        sheet.write_formula(row + 2, 3, f"={ceiling_cell}-{total_cell}", self.bold_money,
                            self.cache(ceiling - total.projected))

    def finish(self) -> bytes:
        self.write_lines()
        self.write_totals()
        self.book.close()
        return self.buffer.getvalue()


def budget_workbook(workshop: Workshop, budget: Budget, *, cached_results: bool = True) -> bytes:
    """The workbook's bytes: the Lines sheet, then the Totals sheet of formulas over it."""
    return _Writer(workshop, budget, cached_results).finish()

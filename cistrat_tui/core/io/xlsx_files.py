"""Reading a spreadsheet workbook (.xlsx, .xls, .ods) as rows of text cells, with python-calamine.

Rosters arrive as Excel workbooks more often than as CSV. The first visible worksheet that has
anything in it is read from cell A1, so row numbers are those the spreadsheet shows. Each
cell becomes the text a CSV export of it would hold: a date cell becomes ``YYYY-MM-DD``, a
date-and-time cell ``YYYY-MM-DD HH:MM`` (or just the date at midnight), a time ``HH:MM``, a whole
number without ``.0`` (phone and passport numbers are often typed as numbers), so the same
field rules apply to both kinds of file.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from cistrat_tui.core.errors import CistratError

MAX_ROWS = 20_000


class WorkbookUnreadable(CistratError):
    """The workbook cannot be read; the message is one line for the coordinator."""


def cell_text(value: object) -> str:
    """A workbook cell as the text of the same cell in CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, timedelta):  # a duration cell: shown as hours and minutes
        minutes = int(value.total_seconds() // 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def workbook_records(data: bytes) -> tuple[list[list[str]], str]:
    """The rows of the workbook's first visible sheet with data, and how it was read
    ('Excel workbook, sheet "名单"'); WorkbookUnreadable when the file cannot be read."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as error:
        raise WorkbookUnreadable(
            f"the file looks like a spreadsheet workbook but cannot be read "
            f"({' '.join(str(error).split()) or type(error).__name__}); save it again from "
            "the spreadsheet, or as CSV") from None
    try:
        for meta in workbook.sheets_metadata:
            if meta.typ is not SheetTypeEnum.WorkSheet or \
                    meta.visible is not SheetVisibleEnum.Visible:
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            if sheet.height > MAX_ROWS + 1:
                raise WorkbookUnreadable(f"sheet {meta.name!r} has {sheet.height - 1:,} rows; "
                                         f"at most {MAX_ROWS:,}")
            rows = [[cell_text(cell) for cell in row]
                    for row in sheet.to_python(skip_empty_area=False)]
            if any(cell for row in rows for cell in row):
                return rows, f'Excel workbook, sheet "{meta.name}"'
    except CalamineError as error:
        raise WorkbookUnreadable(f"the workbook cannot be read ({error})") from None
    finally:
        workbook.close()
    raise WorkbookUnreadable("the workbook has no sheet with anything in it; expected a header "
                             "row and one row per record")

"""A roster workbook as coordinators receive them: Chinese headers, Excel date cells, flights.

``python -m tests.core.io.roster_workbook OUT.xlsx`` writes it; the committed fixture
``tests/fixtures/roster_zh_libreoffice.xlsx`` is this file opened and saved again by LibreOffice
Calc (``soffice --headless --convert-to xlsx``), so the import is tried on a workbook a
spreadsheet program wrote, not only on one this project wrote.
"""

from __future__ import annotations

import io
import sys
from datetime import date, datetime

import xlsxwriter

HEADER = ["姓名", "国籍", "工作单位", "邮箱", "性别", "出生日期", "护照号码", "护照有效期",
          "饮食要求", "到达航班", "到达机场", "到达时间", "航站楼", "返程航班", "返程机场",
          "返程时间"]
# name, nationality, organization, email, gender, born, passport, expiry, diet, arrival,
# airport, landing, terminal, departure, airport, take-off
PEOPLE = [
    ("Amina Bekele", "Ethiopia", "MInT", "amina@example.et", "女", date(1985, 4, 2),
     "EP1234567", date(2031, 6, 30), "Halal", "ET604", "PEK", datetime(2027, 3, 7, 7, 40),
     "T3", "ET605", "PEK", datetime(2027, 3, 27, 13, 30)),
    ("Carlos Mamani", "Bolivia", "VCyT", "carlos@example.bo", "男", date(1979, 11, 23),
     12345678, date(2030, 1, 15), "素食", "KL897", "大兴", datetime(2027, 3, 7, 10, 20),
     "", "KL898", "Beijing Capital", datetime(2027, 3, 27, 14, 0)),
    ("Lan Nguyen", "Viet Nam", "NISTPASS", "lan@example.vn", "F", date(1990, 8, 9),
     "C7654321", date(2032, 2, 1), "", "", "", None, "", "", "", None),
]


def roster_workbook() -> bytes:
    """The workbook's bytes: a title-less sheet '学员名单' with the header on row 1."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet = workbook.add_worksheet("学员名单")
    sheet.write_row(0, 0, HEADER)
    for r, person in enumerate(PEOPLE, 1):
        for c, value in enumerate(person):
            if isinstance(value, datetime):
                sheet.write_datetime(r, c, value, moment)
            elif isinstance(value, date):
                sheet.write_datetime(r, c, datetime.combine(value, datetime.min.time()), day)
            elif isinstance(value, int):
                sheet.write_number(r, c, value)
            elif value:
                sheet.write_string(r, c, value)
    workbook.close()
    return buffer.getvalue()


if __name__ == "__main__":
    with open(sys.argv[1], "wb") as out:
        out.write(roster_workbook())

"""Reading and writing the spreadsheets a coordinator exchanges: shared by roster and sites.

A CSV file arrives as spreadsheets save it: UTF-8 with or without a byte-order mark, GB18030
(Chinese Excel), Windows-1252 (Western Excel), Windows-1251 (Cyrillic), or UTF-16 with a mark
("Unicode text"); a legacy encoding is detected, not tried, and named as a guess. Cells are
separated by commas, semicolons (European Excel) or tabs. Headers are matched case- and
punctuation-insensitively against each field's synonyms, in English and Chinese. Every problem
found is collected as one line (``row 7: email 'x@' is not an email address``) so the whole
file can be fixed in one go; the import then writes nothing until every row is valid.

Exports are UTF-8 with a byte-order mark, comma-separated, so Excel opens Chinese right.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.io.file_bytes import MAX_BYTES, decode

# Where the importers and both front ends find it, beside the rest of the import API.
from cistrat_tui.core.io.file_bytes import ImportRefused as ImportRefused
from cistrat_tui.core.memory import without_collector
from cistrat_tui.core.plain_text import printable
from cistrat_tui.core.records.model import Site, Trainee
from cistrat_tui.core.records.workshop import Workshop

if TYPE_CHECKING:
    from cistrat_tui.core.store.repository import WorkshopStore

MAX_ROWS = 20_000
_SEPARATORS = (",", ";", "\t")
_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}
# What makes a spreadsheet read a cell as a formula (OWASP, "CSV injection"): a first
# character of = + - @, or a tab or carriage return before one. A phone number such as
# "+976 9911 2233" starts with one too: unprotected, Excel shows #NAME? in its place.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# A plain negative number (a longitude west of Greenwich) is a number to a spreadsheet,
# not a formula: it is written as it is.
_NEGATIVE_NUMBER = re.compile(r"-\d+(?:\.\d+)?")


# How a field is named to the coordinator, where its name in the code is not plain English.
FIELD_LABELS = {"name_en": "English name", "name_zh": "Chinese name",
                "address_en": "English address", "address_zh": "Chinese address",
                "lat": "latitude", "lon": "longitude", "dietary": "dietary needs",
                "diets": "dietary needs", "date_of_birth": "date of birth",
                "name": "name (as in passport)"}


def label(name: str) -> str:
    """A field's name as the coordinator knows it: 'English name' for name_en."""
    return FIELD_LABELS.get(name, name.replace("_", " "))


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its number as a spreadsheet shows it (the header is row 1) and its
    cells by field name (only the fields whose column the file has)."""

    number: int
    cells: Mapping[str, str]


@dataclass
class Table:
    """A decoded file: its rows, which fields it has, and how it was read."""

    rows: list[Row]
    fields: frozenset[str]
    encoding: str
    separator: str
    ignored: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # rows that could not be read

    @property
    def guessed(self) -> bool:
        """Whether the encoding was detected (a legacy one), not known: the coordinator should
        check the names it gave."""
        return self.encoding.endswith("(guessed)")

    def describe(self) -> str:
        """How the file was read, for the user: 'UTF-8, separated by semicolons'."""
        if self.separator not in _NAMES:
            return self.encoding  # a workbook: 'Excel workbook, sheet 名单'
        return f"{self.encoding}, separated by {_NAMES[self.separator]}"


def header_key(text: str) -> str:
    """A header as compared: NFKC, case-folded, letters and digits of any script only."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line
    return ""


def detect_separator(text: str) -> str:
    """Comma, semicolon or tab: whichever separates the most header cells (outside quotes)."""
    header = re.sub(r'"[^"]*"', "", _first_line(text))
    counts = {sep: header.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _protected(value: str) -> bool:
    """Whether ``value`` is a cell that :func:`protect` wrote (an apostrophe before a
    formula trigger or before another apostrophe)."""
    return len(value) > 1 and value[0] == "'" and value[1:].startswith((*_FORMULA_START, "'"))


def unprotect(value: str) -> str:
    """A cell as written by :func:`protect`, back as it was."""
    return value[1:] if _protected(value) else value


def protect(value: str) -> str:
    """A cell safe to open in a spreadsheet: text that Excel or LibreOffice would run as a
    formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) gets a leading
    apostrophe, the spreadsheets' own mark for "this is text", so ``+976 9911 2233`` still
    reads as the phone number. Control characters are dropped; :func:`unprotect` removes the
    apostrophe again on import."""
    value = printable(value)  # a carriage return becomes a newline, a trigger as well
    if (value.startswith(_FORMULA_START) and not _NEGATIVE_NUMBER.fullmatch(value)) \
            or _protected(value):
        return "'" + value
    return value


def read_table(data: bytes, synonyms: Mapping[str, str], required: Iterable[str] = (),
               what: str = "records") -> Table:
    """Decode ``data`` (CSV, or an .xlsx/.xls/.ods workbook's first sheet) and map its columns
    onto fields through ``synonyms`` (header key to field name). ImportRefused names every
    file-level problem: encoding, missing or repeated columns, malformed CSV, too many rows;
    a row that cannot be read (too many cells) is left out and named in ``Table.problems``,
    for the caller to report with the others."""
    if len(data) > MAX_BYTES:
        raise ImportRefused([f"the file is {len(data):,} bytes; a list of {what} is far "
                             f"smaller (at most {MAX_BYTES:,})"])
    if is_workbook(data):
        from cistrat_tui.core.io.xlsx_files import WorkbookUnreadable, workbook_records

        try:
            records, encoding = workbook_records(data)
        except WorkbookUnreadable as error:
            raise ImportRefused([str(error)]) from None
        separator = ""
    else:
        text, encoding = decode(data)
        excel_hint = re.match(r"sep=(.)\r?\n", text)  # Excel's own first line: 'sep=;'
        if excel_hint and excel_hint[1] in _SEPARATORS:
            separator, text = excel_hint[1], text[excel_hint.end():]
        else:
            separator = detect_separator(text)
        try:
            records = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator,
                                      strict=True))
        except csv.Error as error:
            raise ImportRefused([f"the file is not valid CSV ({error})"]) from None
    return table_from_records(records, synonyms, required, what, encoding, separator)


def is_workbook(data: bytes) -> bool:
    """Whether the bytes are a spreadsheet workbook (.xlsx/.ods: a zip; .xls: OLE2), not CSV."""
    return data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"))


def table_from_records(records: list[list[str]], synonyms: Mapping[str, str],
                       required: Iterable[str], what: str, encoding: str,
                       separator: str) -> Table:
    """Rows of cells (from CSV or a workbook's first sheet) mapped onto fields: the header
    matched through ``synonyms``, each row numbered as a spreadsheet shows it."""
    blank_lead = 0  # blank rows above the header still count in a spreadsheet's numbering
    while records and not any(cell.strip() for cell in records[0]):
        records.pop(0)
        blank_lead += 1
    if not records:
        raise ImportRefused([f"the file is empty; expected a header row and one row per "
                             f"{what.rstrip('s')}"])
    header, body = records[0], records[1:]
    if len(body) > MAX_ROWS:
        raise ImportRefused([f"the file has {len(body):,} rows; at most {MAX_ROWS:,}"])
    problems: list[str] = []
    columns: dict[int, str] = {}
    ignored: list[str] = []
    seen: dict[str, str] = {}
    for index, title in enumerate(header):
        name = title.strip().lstrip("\ufeff")
        target = synonyms.get(header_key(name))
        if target is None:
            if name:
                ignored.append(name)
            continue
        if target in seen:
            problems.append(f"columns {seen[target]!r} and {name!r} both give the "
                            f"{label(target)}; keep one")
            continue
        seen[target] = name
        columns[index] = target
    missing = [f for f in required if f not in seen]
    if missing:
        problems.append(f"no column for the {label(missing[0])} (found: "
                        f"{', '.join(repr(h.strip()) for h in header if h.strip()) or 'none'})")
    if problems:
        raise ImportRefused(problems)
    rows = []
    for offset, record in enumerate(body):
        number = blank_lead + offset + 2  # the header is row 1
        if not any(cell.strip() for cell in record):
            continue
        extra = [cell for cell in record[len(header):] if cell.strip()]
        if extra:
            problems.append(f"row {number}: has {len(record)} cells but the header has "
                            f"{len(header)} columns (a separator inside a cell? put the cell "
                            "in double quotes)")
            continue
        cells = {name: unprotect(record[i].strip()) if i < len(record) else ""
                 for i, name in columns.items()}
        rows.append(Row(number, cells))
    return Table(rows, frozenset(seen), encoding, separator, ignored, problems)


def synonym_table(names: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Header key to field, from each field's list of header spellings."""
    table: dict[str, str] = {}
    for target, spellings in names.items():
        for spelling in (target, *spellings):
            table[header_key(spelling)] = target
    return table


def write_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """CSV bytes for Excel: UTF-8 with a byte-order mark, commas, CRLF line ends."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([protect(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


@lru_cache(maxsize=65536)  # countries, organizations and groups repeat from row to row
def normal_words(text: str) -> str:
    """Text as compared when matching records: accents dropped, case-folded, blanks collapsed
    ('José  Ruiz' and 'jose ruiz' are the same); control characters are dropped, as they are
    when a record stores the text."""
    text = printable(text)
    if text.isascii():
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


@dataclass(frozen=True, slots=True)
class Change:
    """One record the import adds (``before`` is None) or updates."""

    row: int
    before: Site | Trainee | None
    after: Site | Trainee

    def changed_fields(self) -> list[str]:
        """The fields that differ from the stored record, by name."""
        if self.before is None:
            return []
        old, new = self.before.to_dict(), self.after.to_dict()
        return list(dict.fromkeys(label(name) for name in new if old.get(name) != new[name]))


@dataclass
class ImportPlan:
    """What an import would do, checked in full; :func:`apply_plan` carries it out."""

    what: str
    table: Table
    changes: list[Change]
    unchanged: int

    @property
    def added(self) -> list[Change]:
        return [c for c in self.changes if c.before is None]

    @property
    def updated(self) -> list[Change]:
        return [c for c in self.changes if c.before is not None]

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.updated)} updated, "
                f"{self.unchanged} unchanged")


def check_in_workshop(workshop: Workshop, changes: Iterable[Change],
                      problems: list[str]) -> None:
    """Try every change on a copy of the workshop's sites and trainees, as the store will,
    and report what it refuses (a hotel that stays use, turned into something else)."""
    trial = workshop.copy()
    for change in changes:
        try:
            trial.put(change.after)
        except ValidationError as error:
            problems.append(f"row {change.row}: {error}")


def id_in_use(workshop: Workshop, record_id: str) -> bool:
    """Whether any record of the workshop has this id (an ID column from another database
    is kept for a new record only when it is free)."""
    return record_id == workshop.programme.id or any(
        record_id in table for table in (workshop.sites, workshop.trainees,
                                         workshop.activities, workshop.stays, workshop.resources))


def row_problem(number: int, error: ValidationError) -> str:
    """``row 7: email 'x@' is not an email address``."""
    return f"row {number}: {error.field} {error.reason}"


def sort_problems(problems: Iterable[str]) -> list[str]:
    """Problems without repeats, by row number, those about the whole file first."""
    def order(problem: str) -> tuple[int, str]:
        number = problem.split(":", 1)[0].removeprefix("row ")
        return (int(number) if number.isdigit() else 0, problem)

    return sorted(set(problems), key=order)


@without_collector
def apply_plan(store: WorkshopStore, plan: ImportPlan) -> None:
    """Write every change in one save (one write of the file, however many rows); with no
    change, the file is not touched at all."""
    if plan.changes:
        store.put_all([change.after for change in plan.changes])

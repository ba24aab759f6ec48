"""The one list of record types: which class each database table holds, in the order they load.

The workshop aggregate, the store and the fast loader all read this list, so a new kind of
record is added here once (and given a field on :class:`~cistrat_tui.core.records.workshop.Workshop`
named like its table). :func:`fingerprint` digests the record types and the modules that hold
their validation rules: a sealed file written under other rules is validated in full on open.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from cistrat_tui.core.records import values
from cistrat_tui.core.records.activity import Activity, Stay
from cistrat_tui.core.records.booking import Booking, BookingRule
from cistrat_tui.core.records.closure import Closure
from cistrat_tui.core.records.cost import BudgetRules, CostLine
from cistrat_tui.core.records.ledger import LedgerEntry
from cistrat_tui.core.records.model import Programme, Site, Trainee
from cistrat_tui.core.records.people import Resource


@dataclass(frozen=True)
class RecordType:
    """One kind of record: its table (also the workshop's attribute), class and label."""

    table: str
    cls: type[Any]
    label: str
    single: bool = False  # exactly one per workshop (the programme)


RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType("programme", Programme, "programme", single=True),
    RecordType("sites", Site, "site"),
    RecordType("resources", Resource, "resource"),
    RecordType("trainees", Trainee, "trainee"),
    RecordType("activities", Activity, "activity"),
    RecordType("stays", Stay, "stay"),
    RecordType("bookings", Booking, "booking"),
    RecordType("booking_rules", BookingRule, "booking rule"),
    RecordType("closures", Closure, "closure"),
    RecordType("costs", CostLine, "cost line"),
    # At most one: the workshop refuses a second set of rules (see Workshop.check_references).
    RecordType("budget_rules", BudgetRules, "budget rules"),
    # What each calendar said when last exported (see exports/ics_ledger.py).
    RecordType("ledger", LedgerEntry, "calendar ledger entry"),
)

_BY_CLASS = {rt.cls: rt for rt in RECORD_TYPES}
_BY_TABLE = {rt.table: rt for rt in RECORD_TYPES}
TABLE_NAMES: tuple[str, ...] = tuple(rt.table for rt in RECORD_TYPES)


def record_type(record_or_class: object) -> RecordType:
    """The record type of a record (or of a record class); TypeError for anything else."""
    cls = record_or_class if isinstance(record_or_class, type) else type(record_or_class)
    try:
        return _BY_CLASS[cls]
    except KeyError:
        raise TypeError(f"not a workshop record: {record_or_class!r}") from None


def by_table(name: str) -> RecordType:
    """The record type stored in table ``name``; KeyError for an unknown table."""
    return _BY_TABLE[name]


def _module_text(module_name: str) -> bytes:
    """A module's source (or, without one, its compiled code): what its rules are."""
    module = sys.modules[module_name]
    source = getattr(module, "__file__", None)
    if source and Path(source).suffix == ".py" and Path(source).is_file():
        return Path(source).read_bytes()
    loader = getattr(module, "__loader__", None)
    code = loader.get_code(module_name) if loader is not None else None
    return code.co_code if code is not None else module_name.encode()


@cache
def fingerprint() -> str:
    """A digest of every record type's fields and of the modules that validate them."""
    digest = hashlib.blake2b(digest_size=8)
    modules = {values.__name__} | {rt.cls.__module__ for rt in RECORD_TYPES}
    for rt in RECORD_TYPES:
        digest.update(f"{rt.table}={rt.cls.__qualname__}:".encode())
        for field in fields(rt.cls):
            digest.update(f"{field.name}:{field.type};".encode())
    for name in sorted(modules):
        digest.update(_module_text(name))
    return digest.hexdigest()

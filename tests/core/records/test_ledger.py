"""Ledger entries: their key, their checks and their round trip."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.ledger import LedgerEntry, entry_id

WHEN = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def test_the_id_is_the_calendar_and_uid_and_survives_a_round_trip() -> None:
    entry = LedgerEntry("t1", "u@x", "abc", 3, WHEN, "Visit", "2027-03-08T09:00:00+08:00",
                        "2027-03-08T11:00:00+08:00", cancelled_at=WHEN)
    assert entry.id == entry_id("t1", "u@x") == "t1 u@x"
    assert LedgerEntry.from_dict(entry.to_dict()) == entry
    assert entry.cancelled


@pytest.mark.parametrize("change", [
    {"sequence": -2}, {"sequence": True}, {"last_modified": "2026-11-20 10:00"},
    {"start": "not a date"}, {"id": "other"}, {"fingerprint": ""},
])
def test_bad_values_are_refused(change: dict[str, object]) -> None:
    data = {"calendar": "group", "uid": "u@x", "fingerprint": "abc", "sequence": 0,
            "last_modified": WHEN, "summary": "S", "start": "2027-03-08", "end": "2027-03-09"}
    data.update(change)
    with pytest.raises(ValidationError):
        LedgerEntry(**data)  # type: ignore[arg-type]

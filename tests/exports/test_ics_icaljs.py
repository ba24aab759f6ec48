"""ical.js (the parser of Thunderbird and many web calendars) reads every file: zones resolved,
UIDs, SEQUENCE and STATUS as written, cancellations and all-day stays included.

Needs node and ``npm install --prefix tests/tools/icaljs``; skipped, saying so, without them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.exports.ics import build_export, write_calendars

TOOL = Path(__file__).resolve().parents[1] / "tools" / "icaljs"
STAMP = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)


def icaljs(paths: list[Path]) -> list[dict[str, object]]:
    node = shutil.which("node")
    if node is None or not (TOOL / "node_modules" / "ical.js").is_dir():
        pytest.skip("ical.js not installed: npm install --prefix tests/tools/icaljs")
    done = subprocess.run([node, str(TOOL / "check.mjs"), *map(str, paths)], check=False,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_ical_js_reads_every_file_with_a_cancellation(tmp_path: Path) -> None:
    workshop = sample_workshop()
    workshop.ledger.update({e.id: e for e in build_export(workshop, stamp=STAMP).changes})
    gone = next(a for a in workshop.ordered_activities() if a.kind == "visit")
    del workshop.activities[gone.id]
    moved = next(a for a in workshop.ordered_activities() if a.kind == "lecture")
    workshop.activities[moved.id] = replace(moved, title=moved.title + " (room changed)")
    written = write_calendars(workshop, tmp_path, stamp=STAMP)
    results = icaljs([w.path for w in written])
    assert len(results) == len(written)
    uid = f"{gone.id}@cistrat-tui"
    for result, w in zip(results, written, strict=True):
        assert result["path"] == str(w.path)
        assert result["method"] is None
        events = {e["uid"]: e for e in result["events"]}  # type: ignore[union-attr]
        assert len(events) == len(result["events"])  # type: ignore[arg-type]
        if uid in events:
            assert events[uid]["status"] == "CANCELLED" and events[uid]["alarms"] == 0
            assert events[uid]["sequence"] == 1
        lecture = events.get(f"{moved.id}@cistrat-tui")
        assert lecture is not None or w.view.value == "trainee"
        assert lecture is None or lecture["sequence"] == 1
        assert any(isinstance(e["start"], str) for e in events.values())  # all-day stays

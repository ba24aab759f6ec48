"""Property test: random CSV bytes, in any of the encodings spreadsheets use and damaged at
random, read from a file and imported through the store, give a clean report (every problem
one printable line, the database not changed by a byte) or a clean import (saved, and a second
import changes nothing); never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cistrat_tui.core.io.csv_files import ImportRefused, apply_plan
from cistrat_tui.core.io.file_bytes import read_file
from cistrat_tui.core.io.roster_csv import plan_trainee_import
from cistrat_tui.core.io.sites_csv import plan_site_import
from cistrat_tui.core.store.repository import WorkshopStore
from tests.core.store.store_helpers import small_workshop

_FOLDER = Path(tempfile.mkdtemp(prefix="csv-bytes-"))
_DB = _FOLDER / "w.json"
WorkshopStore.open(_DB, create_from=small_workshop).close()
DATABASE = _DB.read_bytes()

ROSTER = ("Name,Country,Email,Phone,Group\r\nAna Gonçalves,Moçambique,ana@example.mz,"
          "+258 84 123 4567,A\r\nJosé Ruiz,Perú,,,B\r\n王小明,中国,wang@example.cn,,A\r\n")
SITES = ("Kind,English name,City,Chinese name,Latitude,Longitude,Datum\r\nhotel,Hotel "
         "Müller,Shanghai,示例酒店,31.2,121.5,GCJ-02\r\n")


@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    text = draw(st.sampled_from([ROSTER, SITES]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "cp1252"]))
    raw = bytearray(text.encode(encoding, errors="replace"))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(raw)))
        action = draw(st.sampled_from(["insert", "cut", "change"]))
        if action == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=6) | st.sampled_from(
                [b"\x1b]0;x\x07", b'"', b",", b"\r", b"\x00", b"=1+1", b"\xff\xfe"]))
        elif action == "cut":
            del raw[at:at + draw(st.integers(1, 30))]
        elif raw:
            raw[min(at, len(raw) - 1)] = draw(st.integers(0, 255))
    return bytes(raw)


def check_import(data: bytes, sites: bool) -> None:
    planner = plan_site_import if sites else plan_trainee_import
    source = _FOLDER / "upload.csv"
    source.write_bytes(data)
    db = _FOLDER / "target.json"
    db.write_bytes(DATABASE)
    with WorkshopStore.open(db) as store:
        try:
            plan = planner(read_file(source), store.workshop)
        except ImportRefused as refused:
            assert refused.problems
            for problem in refused.problems:
                assert problem.isprintable(), repr(problem)
                assert len(problem) < 2000
            assert db.read_bytes() == DATABASE
            return
        apply_plan(store, plan)
        assert (db.read_bytes() == DATABASE) == (not plan.changes)
    with WorkshopStore.open(db) as again:
        assert planner(data, again.workshop).changes == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_bytes(), st.booleans())
def test_random_csv_bytes_give_a_clean_report_or_a_clean_import(data: bytes,
                                                               sites: bool) -> None:
    check_import(data, sites)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300), st.booleans())
def test_arbitrary_bytes_from_a_file_give_a_clean_report_or_a_clean_import(
        data: bytes, sites: bool) -> None:
    check_import(data, sites)

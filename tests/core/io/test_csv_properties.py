"""Property tests: whatever bytes or rows reach the importer, the outcome is a clean report
(ImportRefused with one line per problem) or a clean import that a second import leaves
unchanged; never another exception, never a half-written database."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cistrat_tui.core.io.csv_files import ImportPlan, ImportRefused, apply_plan
from cistrat_tui.core.io.roster_csv import SPELLINGS as ROSTER_SPELLINGS
from cistrat_tui.core.io.roster_csv import plan_trainee_import, roster_csv
from cistrat_tui.core.io.sites_csv import SPELLINGS as SITE_SPELLINGS
from cistrat_tui.core.io.sites_csv import plan_site_import, sites_csv
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.store.repository import WorkshopStore
from tests.core.store.store_helpers import small_workshop

Planner = Callable[[bytes, Workshop], ImportPlan]
OUTCOMES: Counter[str] = Counter()  # how the examples ended, to look at while tuning
PLANNERS: tuple[Planner, ...] = (plan_trainee_import, plan_site_import)
EXPORTERS: dict[Planner, Callable[[Workshop], bytes]] = {plan_trainee_import: roster_csv,
                                                         plan_site_import: sites_csv}
cell_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
cells = st.one_of(cell_text, st.sampled_from(
    ["", "x@", "a@b.cn", "39.9", "116.4", "95", "GCJ-02", "BD-09", "wgs84", "hotel",
     "science park", "Mon-Fri 09:00-17:30", "Beijing", "Amina Bekele", "=1+1", "'@x",
     "6f1c1d5e-7a3b-4b8e-9c2d-1a2b3c4d5e6f"]))


def headers(spellings: dict[str, tuple[str, ...]]) -> st.SearchStrategy[list[str]]:
    names = [name for options in spellings.values() for name in options] + list(spellings)
    return st.lists(st.one_of(st.sampled_from(names), cell_text), min_size=1, max_size=8)


def check_outcome(planner: Planner, data: bytes, workshop: Workshop) -> None:
    """A clean report, or a plan that applies and is then a no-op."""
    try:
        plan = planner(data, workshop)
    except ImportRefused as refused:
        assert refused.problems
        for problem in refused.problems:
            assert problem and "\n" not in problem and "\r" not in problem, problem
        OUTCOMES["refused"] += 1
        return
    OUTCOMES["imported" if plan.changes else "empty"] += 1
    for change in plan.changes:
        workshop.put(change.after)
    again = planner(data, workshop)
    assert again.changes == [], [c.changed_fields() for c in again.changes]
    exported = EXPORTERS[planner](workshop)
    assert planner(exported, workshop).changes == []


HEADER_LINE = "Name;Email;Kind;City;Lat;Lon;Datum\r\n"
byte_files = st.one_of(
    st.binary(max_size=400),
    st.binary(max_size=300).map(lambda tail: HEADER_LINE.encode() + tail),
    st.binary(max_size=300).map(lambda tail: HEADER_LINE.encode("gb18030") + tail),
    st.text(max_size=200).map(lambda tail: (HEADER_LINE + tail).encode("utf-8-sig")))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PLANNERS), byte_files)
def test_arbitrary_bytes_give_a_report_or_an_import(planner: Planner, data: bytes) -> None:
    check_outcome(planner, data, small_workshop(0))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PLANNERS), st.data(), st.sampled_from([",", ";", "\t"]),
       st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
def test_arbitrary_rows_give_a_report_or_an_import(planner: Planner, data: st.DataObject,
                                                   separator: str, encoding: str) -> None:
    spellings = ROSTER_SPELLINGS if planner is plan_trainee_import else SITE_SPELLINGS
    header = data.draw(headers(spellings))
    rows = data.draw(st.lists(st.lists(cells, min_size=0, max_size=len(header) + 1),
                              max_size=6))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=separator).writerows([header, *rows])
    check_outcome(planner, out.getvalue().encode(encoding), small_workshop(0))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(cells, cells, cells), max_size=4))
def test_the_database_is_unchanged_by_a_refused_import_and_valid_after_any_import(
        tmp_path: Path, rows: list[tuple[str, str, str]]) -> None:
    path = tmp_path / "workshop.json"
    path.unlink(missing_ok=True)
    WorkshopStore.open(path, create_from=small_workshop).close()
    before = path.read_bytes()
    out = io.StringIO(newline="")
    csv.writer(out).writerows([("Name", "Email", "Country"), *rows])
    with WorkshopStore.open(path) as store:
        try:
            plan = plan_trainee_import(out.getvalue().encode(), store.workshop)
        except ImportRefused:
            plan = None
        if plan is not None:
            apply_plan(store, plan)
            expected = {t.id: t.to_dict() for t in store.workshop.trainees.values()}
    if plan is None or not plan.changes:
        assert path.read_bytes() == before
    else:
        with WorkshopStore.open(path, readonly=True) as store:
            assert {t.id: t.to_dict() for t in store.workshop.trainees.values()} == expected


words = st.text(st.sampled_from("abcxyzABC é王小明-' "), min_size=1, max_size=8)
GOOD = {
    "Name": words, "Country": words, "Group": st.sampled_from(["A", "B", ""]),
    "Email": st.from_regex(r"[a-c]{1,2}@[a-c]{1,2}\.cn", fullmatch=True),
    "Kind": st.sampled_from(["hotel", "Science Park", "company", "科技园"]),
    "City": st.sampled_from(["Beijing", "beijing ", "Wuhan"]),
    "Lat": st.floats(-90, 90).map(str), "Lon": st.floats(-180, 180).map(str),
    "Datum": st.sampled_from(["", "WGS84", "GCJ-02", "BD-09", "baidu"]),
    "Opening hours": st.sampled_from(["", "Mon-Fri 09:00-17:30", "daily 08:00-20:00"]),
}
MORE: dict[Planner, list[str]] = {
    plan_trainee_import: ["Country", "Email", "Group"],
    plan_site_import: ["Lat", "Lon", "Datum", "Opening hours"]}
FIRST: dict[Planner, list[str]] = {plan_trainee_import: ["Name"],
                                   plan_site_import: ["Name", "Kind", "City"]}


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PLANNERS), st.data())
def test_mostly_valid_rows_import_and_reimport_unchanged(planner: Planner,
                                                         data: st.DataObject) -> None:
    header = FIRST[planner] + data.draw(st.lists(st.sampled_from(MORE[planner]), unique=True))
    row = st.tuples(*(st.one_of(GOOD[name], GOOD[name], cells) for name in header))
    rows = data.draw(st.lists(row, max_size=5))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";").writerows([header, *rows])
    check_outcome(planner, out.getvalue().encode("utf-8"), small_workshop(0))

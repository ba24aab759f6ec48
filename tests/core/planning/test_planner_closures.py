"""The planner reads the workshop's stored closures and says which days a coming holiday
notice may change."""

from __future__ import annotations

from datetime import date, timedelta

from cistrat_tui.core.planning.planner import plan_route
from cistrat_tui.core.records.closure import Closure
from cistrat_tui.core.records.model import ActivityKind
from cistrat_tui.core.reference import places as reference
from tests.core.planning.test_planner import empty_workshop, request

ZHANGJIANG = reference.place_id("zhangjiang")


def visit_day(plan: object) -> date:
    return next(a.day for a in plan.activities  # type: ignore[attr-defined]
                if a.kind is ActivityKind.VISIT and a.site_id == ZHANGJIANG)


def test_a_stored_site_closure_moves_the_visit() -> None:
    workshop = empty_workshop()
    first = visit_day(plan_route(workshop, request(["zhangjiang"])))
    workshop.put(reference.place_by_key("zhangjiang"))
    workshop.put(Closure(first, first + timedelta(days=2), "Park audit", ZHANGJIANG))
    moved = visit_day(plan_route(workshop, request(["zhangjiang"])))
    assert moved > first + timedelta(days=2)


def test_a_stored_closure_of_the_whole_programme_moves_it_too() -> None:
    workshop = empty_workshop()
    first = visit_day(plan_route(workshop, request(["zhangjiang"])))
    workshop.put(Closure(first, first, "Institute anniversary: everyone at CASTED"))
    assert visit_day(plan_route(workshop, request(["zhangjiang"]))) > first


def test_the_plan_says_once_which_days_the_notice_may_change() -> None:
    workshop = empty_workshop("2027-09-06", "2027-09-24")
    plan = plan_route(workshop, request(["zhangjiang"], "2027-09-06", "2027-09-24"))
    uncertain = [n for n in plan.notes if "holiday notice is not out yet" in n]
    assert len(uncertain) == 1 and "Mid-Autumn Festival" in uncertain[0]
    quiet = plan_route(empty_workshop("2027-07-05", "2027-07-16"),
                       request(["zhangjiang"], "2027-07-05", "2027-07-16"))
    assert not [n for n in quiet.notes if "notice" in n]

"""The planner screen's rules without a terminal: the form, the messages, one undoable step."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from cistrat_tui.core.planning.planner import PlanError, plan_route
from cistrat_tui.core.records.model import SiteKind
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.history import History
from cistrat_tui.tui.screens.planner_rules import (
    PlanForm,
    adjust_minutes,
    apply_plan_step,
    check_form,
    default_place,
    describe_error,
    hours_label,
    map_route,
    named_sites,
    place_candidates,
    plan_label,
    stop_candidates,
)

SUZHOU = "Suzhou Science and Technology Town"
ZHANGJIANG = "Shanghai Zhangjiang Hi-Tech Park"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WorkshopStore]:
    def make() -> Workshop:
        sample = sample_workshop()
        return Workshop(sample.programme, dict(sample.sites), dict(sample.trainees), {}, {})

    with WorkshopStore.open(tmp_path / "w.json", create_from=make) as opened:
        yield opened


def named(workshop: Workshop, name: str) -> str:
    return next(s.id for s in workshop.sites.values() if s.name_en == name)


def form(workshop: Workshop, **changes: object) -> PlanForm:
    casted = default_place(workshop)
    base = PlanForm(((named(workshop, SUZHOU), 120), (named(workshop, ZHANGJIANG), 180)),
                    casted, casted, "2027-03-08", "2027-03-12", "2")
    return replace(base, **changes)


def test_stops_are_places_to_visit_and_places_exclude_stations() -> None:
    workshop = sample_workshop()
    kinds = {s.kind for s in stop_candidates(workshop)}
    assert not kinds & {SiteKind.HOTEL, SiteKind.RAIL_STATION, SiteKind.AIRPORT}
    assert SiteKind.SCIENCE_PARK in kinds
    places = place_candidates(workshop)
    assert SiteKind.HOTEL in {s.kind for s in places}
    assert SiteKind.AIRPORT not in {s.kind for s in places}
    assert [s.city for s in places] == sorted((s.city for s in places), key=str.casefold)


def test_the_default_place_is_the_host_institute_in_the_base_city() -> None:
    workshop = sample_workshop()
    assert "CASTED" in workshop.sites[default_place(workshop)].name_en


@pytest.mark.parametrize(("minutes", "steps", "expected"),
                         [(120, 1, 150), (120, -3, 30), (30, -1, 30), (700, 2, 720)])
def test_visit_lengths_move_by_half_hours_within_limits(minutes: int, steps: int,
                                                       expected: int) -> None:
    assert adjust_minutes(minutes, steps) == expected


def test_hours_label() -> None:
    assert (hours_label(120), hours_label(150), hours_label(30)) == ("2 h", "2 h 30", "0 h 30")


def test_a_good_form_becomes_a_request(store: WorkshopStore) -> None:
    request, errors = check_form(form(store.workshop))
    assert errors == {}
    assert request is not None
    assert [s.minutes for s in request.stops] == [120, 180]
    assert str(request.first_day) == "2027-03-08" and request.max_visits_per_day == 2


def test_every_bad_field_is_named(store: WorkshopStore) -> None:
    request, errors = check_form(form(store.workshop, stops=(), start_site_id=None,
                                      first_day="2027-03-40", per_day="0"))
    assert request is None
    assert set(errors) == {"stops", "start", "first_day", "per_day"}
    _, errors = check_form(form(store.workshop, last_day="2027-03-01"))
    assert errors == {"last_day": "is before the first day"}


def test_a_refusal_names_the_constraint_and_the_stop() -> None:
    workshop = sample_workshop()
    park = named(workshop, SUZHOU)
    text = describe_error(PlanError("end date", park, "it does not fit"), named_sites(workshop))
    assert text.splitlines() == ["Cannot plan: it does not fit", "Constraint: end date",
                                 f"Stop: {SUZHOU}"]
    assert describe_error(PlanError("dates", None, "x"), {}).endswith("(the whole request)")


def test_the_map_follows_the_plan(store: WorkshopStore) -> None:
    request, _ = check_form(form(store.workshop))
    assert request is not None
    plan = plan_route(store.workshop, request)
    cities, order = map_route(plan, named_sites(store.workshop, plan), request.start_site_id)
    assert order[0] == order[-1] == "Beijing"
    assert sorted(order[1:-1]) == ["Shanghai", "Suzhou"]
    assert {c.name for c in cities} == {"Beijing", "Suzhou", "Shanghai"}


def test_a_plan_is_one_step_of_the_history(store: WorkshopStore) -> None:
    before = store.workshop.to_tables()
    request, _ = check_form(form(store.workshop))
    assert request is not None
    plan = plan_route(store.workshop, request)
    history = History()
    label = apply_plan_step(history, store, plan)
    assert label == plan_label(plan)
    after = store.workshop.to_tables()
    assert len(after["activities"]) == len(plan.activities)
    site = store.workshop.sites[named(store.workshop, SUZHOU)]
    history.apply(store, site, replace(site, notes="single change"), "edit")
    assert history.undo(store).label == "edit"
    assert history.undo(store).label == label
    assert store.workshop.to_tables() == before
    assert history.undo(store) is None
    assert history.redo(store).label == label
    assert store.workshop.to_tables() == after
    assert history.redo(store).label == "edit"
    assert history.undo(store).label == "edit"
    assert history.undo(store).label == label
    assert store.workshop.to_tables() == before


def test_a_refused_record_keeps_nothing_and_remembers_nothing(store: WorkshopStore) -> None:
    request, _ = check_form(form(store.workshop))
    assert request is not None
    plan = plan_route(store.workshop, request)
    visit = next(a for a in plan.activities if a.site_id)
    plan.activities.append(replace(visit, id="00000000-0000-4000-8000-00000000beef",
                                   site_id="00000000-0000-4000-8000-00000000dead"))
    before = store.workshop.to_tables()
    history = History()
    with pytest.raises(Exception):  # noqa: B017 - whatever the store raises, nothing is kept
        apply_plan_step(history, store, plan)
    assert store.workshop.to_tables() == before
    assert not history.can_undo


def test_the_weekend_choice_is_applied_and_undone_with_the_plan(store: WorkshopStore) -> None:
    assert store.workshop.programme.weekend_travel is True
    request, errors = check_form(form(store.workshop, weekend_travel=False))
    assert request is not None and not errors and request.weekend_travel is False
    plan = plan_route(store.workshop, request)
    history = History()
    label = apply_plan_step(history, store, plan)
    assert "weekend travel not allowed from now on" in label
    assert store.workshop.programme.weekend_travel is False
    assert history.undo(store).label == label
    assert store.workshop.programme.weekend_travel is True

"""The activity form's rules, without a terminal."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.tui.forms.activity_rules import (
    FormValues,
    build_activity,
    duplicate,
    moved,
    values_from,
)


@pytest.fixture
def workshop() -> Workshop:
    return sample_workshop()


def park(workshop: Workshop) -> str:
    return next(s.id for s in workshop.sites.values() if "TusPark" in s.name_en)


def visit_values(workshop: Workshop, **changes: object) -> FormValues:
    return replace(FormValues(title="Visit", day="2027-03-08", site=park(workshop)), **changes)


def test_a_valid_visit(workshop: Workshop) -> None:
    activity, errors = build_activity(visit_values(workshop), workshop)
    assert errors == {}
    assert activity is not None
    assert activity.start == datetime(2027, 3, 8, 9, tzinfo=SHANGHAI)
    assert activity.end == datetime(2027, 3, 8, 11, tzinfo=SHANGHAI)


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"title": "  "}, "title", "title"),
    ({"day": "8 March"}, "day", "not a date"),
    ({"start": "9am"}, "start", "not a time"),
    ({"end": "08:00"}, "end", "not after"),
    ({"site": ""}, "site", "needs a site"),
    ({"audience": "group"}, "group", "name the group"),
    ({"audience": "named"}, "trainees", "at least one"),
    ({"kind": "travel"}, "mode", "mode"),
])
def test_errors_are_keyed_by_field(workshop: Workshop, changes: dict[str, object],
                                   field: str, words: str) -> None:
    activity, errors = build_activity(visit_values(workshop, **changes), workshop)
    assert activity is None
    assert words in errors[field]


def test_an_end_after_midnight(workshop: Workshop) -> None:
    activity, _ = build_activity(visit_values(workshop, start="22:00", end="+01:00"),
                                 workshop)
    assert activity is not None and activity.end.day == 9


def test_editing_keeps_id_and_values_round_trip(workshop: Workshop) -> None:
    leg = next(a for a in workshop.activities.values() if a.seats)
    values = values_from(leg)
    again, errors = build_activity(values, workshop, leg)
    assert errors == {}
    assert again == leg


def test_a_seat_for_someone_not_taking_part(workshop: Workshop) -> None:
    leg = next(a for a in workshop.activities.values() if a.seats)
    trainee = next(iter(workshop.trainees))
    values = replace(values_from(leg), audience="named",
                     trainees=tuple(t for t in workshop.trainees if t != trainee))
    _, errors = build_activity(values, workshop, leg)
    assert "does not take part" in errors["seats"]


def test_moved_keeps_the_length(workshop: Workshop) -> None:
    activity = next(iter(workshop.activities.values()))
    new, error = moved(activity, "2027-03-20", "15:45")
    assert error == "" and new is not None
    assert new.start == datetime(2027, 3, 20, 15, 45, tzinfo=SHANGHAI)
    assert new.end - new.start == activity.end - activity.start
    assert moved(activity, "20 March", "15:45")[1].endswith("(YYYY-MM-DD)")
    assert "not a time" in moved(activity, "2027-03-20", "quarter to four")[1]


def test_duplicate_is_a_new_planned_record(workshop: Workshop) -> None:
    activity = next(a for a in workshop.activities.values() if a.revision or a.status.value
                    == "confirmed")
    copy = duplicate(activity)
    assert copy.id != activity.id and copy.revision == 0
    assert copy.status.value == "planned" and copy.title.endswith("(copy)")
    assert duplicate(copy).title == copy.title

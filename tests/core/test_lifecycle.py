"""A workshop from one year to the next: an empty programme, and last year's re-dated."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.lifecycle import (
    PUBLIC_EMERGENCY_NUMBERS,
    new_programme,
    redated_copy,
    weekday_keeping_starts,
)
from cistrat_tui.core.records.closure import Closure
from cistrat_tui.core.records.model import Audience, Status
from cistrat_tui.core.records.values import SHANGHAI
from cistrat_tui.core.reference.places import load_places
from cistrat_tui.core.sample import sample_workshop

SEPTEMBER = date(2027, 9, 5)  # a Sunday, like the sample's 7 March


def test_an_empty_programme_has_the_reference_places_and_nothing_else() -> None:
    workshop = new_programme("STI Policy Workshop 2027", date(2027, 9, 6), date(2027, 9, 24),
                             base_city="Shanghai")
    programme = workshop.programme
    assert (programme.title, programme.start_date, programme.end_date, programme.base_city) \
        == ("STI Policy Workshop 2027", date(2027, 9, 6), date(2027, 9, 24), "Shanghai")
    assert programme.emergency_contacts == PUBLIC_EMERGENCY_NUMBERS
    assert not programme.coordinator.name  # no sample contact slips in
    assert set(workshop.sites) == {site.id for site in load_places()}
    assert not (workshop.activities or workshop.trainees or workshop.stays or workshop.closures)
    with pytest.raises(ValidationError, match="before the start date"):
        new_programme("X", date(2027, 9, 24), date(2027, 9, 6))


def test_a_start_on_another_weekday_is_refused_with_the_nearest_that_keep_it() -> None:
    with pytest.raises(ValidationError) as error:
        redated_copy(sample_workshop(), date(2027, 9, 6))
    assert "Mon 2027-09-06 is a Monday, but the programme starts on a Sunday" in str(error.value)
    assert "start on Sun 2027-09-05 or Sun 2027-09-12" in str(error.value)
    assert weekday_keeping_starts(date(2027, 3, 7), date(2027, 9, 11)) \
        == (date(2027, 9, 5), date(2027, 9, 12))


def test_every_activity_and_stay_moves_by_whole_weeks_and_keeps_its_weekday() -> None:
    old = sample_workshop()
    copy = redated_copy(old, SEPTEMBER)
    new = copy.workshop
    assert copy.shift_days == 182
    assert (new.programme.start_date, new.programme.end_date) == (SEPTEMBER, date(2027, 9, 25))
    assert len(new.activities) == len(old.activities) and len(new.stays) == len(old.stays)
    moved = {(a.title, a.start.astimezone(SHANGHAI).replace(tzinfo=None),
              a.end.astimezone(SHANGHAI).replace(tzinfo=None)) for a in new.activities.values()}
    expected = {(a.title, a.start.astimezone(SHANGHAI).replace(tzinfo=None) + timedelta(182),
                 a.end.astimezone(SHANGHAI).replace(tzinfo=None) + timedelta(182))
                for a in old.activities.values()}
    assert moved == expected
    for activity in new.activities.values():
        assert activity.start.utcoffset() == timedelta(hours=8)
    assert sorted((s.check_in, s.check_out, s.hotel_id) for s in new.stays.values()) == sorted(
        (s.check_in + timedelta(182), s.check_out + timedelta(182), s.hotel_id)
        for s in old.stays.values())


def test_new_ids_for_activities_stays_and_programme_sites_keep_theirs() -> None:
    old = sample_workshop()
    new = redated_copy(old, SEPTEMBER).workshop
    assert not set(new.activities) & set(old.activities)
    assert not set(new.stays) & set(old.stays)
    assert new.programme.id != old.programme.id
    assert new.sites == old.sites


def test_bookings_are_cleared_and_everything_is_planned_again() -> None:
    old = sample_workshop()
    assert any(a.booking_ref or a.seats or a.service_number for a in old.activities.values())
    copy = redated_copy(old, SEPTEMBER)
    for activity in copy.workshop.activities.values():
        assert (activity.booking_ref, activity.seats, activity.service_number) == ("", {}, "")
        assert activity.status is Status.PLANNED and activity.revision == 0
    assert all(not s.booking_ref for s in copy.workshop.stays.values())
    cancelled = [a.title for a in old.activities.values() if a.cancelled]
    assert len(cancelled) == 1
    said = "\n".join(copy.notes)
    assert f"planned again (cancel them if they still do not happen): {cancelled[0]!r}" in said
    assert "8 hotel bookings" in said


def test_trainees_are_left_out_unless_asked_and_named_activities_say_whom_they_were_for() -> None:
    old = sample_workshop()
    copy = redated_copy(old, SEPTEMBER)
    assert copy.workshop.trainees == {}
    rapporteurs = next(a for a in copy.workshop.activities.values()
                       if a.title == "Rapporteurs' meeting")
    assert rapporteurs.participants.audience is Audience.EVERYONE
    assert "Last year for:" in rapporteurs.internal_notes
    assert "Trainees left out: 15 trainees" in "\n".join(copy.notes)
    kept = redated_copy(old, SEPTEMBER, with_trainees=True).workshop
    assert kept.trainees == old.trainees
    rapporteurs = next(a for a in kept.activities.values() if a.title == "Rapporteurs' meeting")
    assert rapporteurs.participants.audience is Audience.NAMED


def test_the_title_moves_its_year_along_unless_given() -> None:
    old = sample_workshop()
    assert redated_copy(old, SEPTEMBER).workshop.programme.title == old.programme.title
    a_year_on = redated_copy(old, date(2028, 3, 5)).workshop.programme.title
    assert a_year_on == old.programme.title.replace("2027", "2028")
    assert redated_copy(old, SEPTEMBER, title="Autumn 2027").workshop.programme.title \
        == "Autumn 2027"


def test_last_years_closures_are_not_copied_and_the_copy_says_so() -> None:
    old = sample_workshop()
    old.put(Closure("2027-03-10", "2027-03-10", "Institute anniversary"))
    copy = redated_copy(old, SEPTEMBER)
    assert copy.workshop.closures == {}
    assert "Closures not copied (they were for last year's dates): 'Institute anniversary'" \
        in "\n".join(copy.notes)

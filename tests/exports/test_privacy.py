"""The one scrubbing rule: no trainee's identifying data in anything meant for others, in every
format (the PDF, Markdown and text editions render the same itinerary view)."""

from __future__ import annotations

import dataclasses

import pytest

from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import Trainee
from cistrat_tui.core.records.personal import TRAINEE_FIELDS
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.exports.ics import build_calendars
from cistrat_tui.exports.itinerary import Edition, Itinerary, build_itinerary
from cistrat_tui.exports.markdown import render_markdown
from cistrat_tui.exports.privacy import REDACTED, Scrubber, private_fields
from cistrat_tui.exports.text import render_text


def test_every_field_of_a_trainee_says_how_personal_it_is() -> None:
    """A new Trainee field (passport, birth date...) must be classified in TRAINEE_FIELDS."""
    assert set(TRAINEE_FIELDS) == {f.name for f in dataclasses.fields(Trainee)}
    assert {"email", "phone", "emergency_contact", "dietary"} <= set(private_fields())


def _leaky(workshop: Workshop) -> tuple[Trainee, Trainee, Activity]:
    """Two trainees, and an activity for everyone whose free text quotes the first one's
    phone (spaced differently) and email."""
    first, other = sorted(workshop.trainees.values(), key=lambda t: t.name)[:2]
    first = dataclasses.replace(first, phone="+976 9911 2233", email="Bat.Erdene@example.mn",
                                emergency_contact="Oyun (wife) +976 8800 1122")
    workshop.put(first)
    activity = next(a for a in workshop.ordered_activities()
                    if a.participants.includes(other) and a.participants.includes(first)
                    and not a.cancelled)
    leaky = dataclasses.replace(
        activity, title=f"{activity.title} (ask +976-9911-2233)",
        description="Questions: bat.erdene@example.mn or 00976 99 11 22 33.",
        meeting_point="Lobby; if late call Oyun (wife) +976 8800 1122",
        what_to_bring="Passport")
    workshop.put(leaky)
    return first, other, leaky


def _texts(itinerary: Itinerary) -> list[str]:
    return [render_markdown(itinerary), render_text(itinerary)]


def _assert_clean(text: str) -> None:
    squashed = " ".join(text.split()).replace("\\", "").casefold()
    for leak in ("9911 2233", "9911-2233", "99 11 22 33", "bat.erdene@", "8800 1122"):
        assert leak not in squashed, leak


def test_free_text_quoting_a_trainee_is_scrubbed_in_the_group_and_others_editions() -> None:
    workshop = sample_workshop()
    first, other, _ = _leaky(workshop)
    for itinerary in (build_itinerary(workshop, Edition.GROUP),
                      build_itinerary(workshop, Edition.TRAINEE, other.id)):
        for text in _texts(itinerary):
            _assert_clean(text)
            assert REDACTED in text.replace("\\", "") and "Passport" in text
    staff = render_markdown(build_itinerary(workshop, Edition.STAFF))
    assert "9911-2233" in staff  # the organizers' own edition is left as written
    own = render_text(build_itinerary(workshop, Edition.TRAINEE, first.id))
    assert "9911-2233" in own  # a trainee may read their own number


def test_the_calendars_use_the_same_rule() -> None:
    workshop = sample_workshop()
    _leaky(workshop)
    for calendar in build_calendars(workshop):
        if calendar.view.value != "staff":
            _assert_clean(calendar.to_bytes().decode())


@pytest.mark.parametrize(("phone", "written"), [
    ("+976 9911 2233", "call +97699112233 now"), ("+976 9911 2233", "(+976) 9911-2233"),
    ("+86 138 0000 0000", "tel. 0086 13800000000"), ("138 0000 0000", "138-0000-0000"),
])
def test_a_phone_is_found_however_it_is_spaced(phone: str, written: str) -> None:
    scrub = Scrubber([Trainee("Someone", phone=phone)])
    assert not any(ch.isdigit() for ch in scrub(written).replace("0000 0000", "")), scrub(written)


def test_short_numbers_and_ordinary_words_are_left_alone() -> None:
    scrub = Scrubber([Trainee("Li", phone="+86 10 1234 5678", dietary="vegetarian")])
    assert scrub("Room 1234, 10:30, vegetarian lunch, Lin") == \
        "Room 1234, 10:30, vegetarian lunch, Lin"
    assert scrub("Li will present") == f"{REDACTED} will present"

"""The day-by-day view and its Markdown and text editions: what each reader may see, in order."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest

from cistrat_tui.cli.main import main
from cistrat_tui.core.records.model import Audience
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.exports.itinerary import Edition, ItineraryError, build_itinerary
from cistrat_tui.exports.markdown import render_markdown
from cistrat_tui.exports.text import columns, render_text, wrap


@pytest.fixture
def workshop() -> Workshop:
    return sample_workshop()


def squash(value: str) -> str:
    """Text without whitespace or Markdown escapes, so wrapped lines still match."""
    return re.sub(r"\s+|\\", "", value)


def assert_in_order(haystack: str, needles: list[str]) -> None:
    text = squash(haystack)
    position = 0
    for needle in needles:
        found = text.find(squash(needle), position)
        assert found >= 0, f"{needle!r} missing or out of order"
        position = found + 1


def trainee_in_group(workshop: Workshop, group: str) -> str:
    return next(t.id for t in workshop.trainees.values() if t.group == group)


def test_group_edition_has_every_day_in_order_and_no_cancelled_activity(
        workshop: Workshop) -> None:
    itinerary = build_itinerary(workshop, Edition.GROUP)
    # The day before: three trainees land then (their pickups); the programme's days follow.
    eve = workshop.programme.start_date - timedelta(days=1)
    assert [d.date for d in itinerary.days] == [eve, *workshop.programme.days()]
    assert [d.number for d in itinerary.days] == list(range(len(itinerary.days)))
    assert itinerary.days[0].heading == "Before the programme - Saturday 6 March 2027 - Beijing"
    assert itinerary.days[1].heading.startswith("Day 1 - Sunday 7 March 2027")
    expected = [a.id for a in workshop.ordered_activities() if not a.cancelled]
    assert [e.activity_id for e in itinerary.entries()] == expected
    cancelled = [a for a in workshop.activities.values() if a.cancelled]
    assert cancelled, "the sample should hold a cancelled activity for this test"
    assert all(e.activity_id != a.id for a in cancelled for e in itinerary.entries())
    for day in itinerary.days:
        starts = [e.start for e in day.entries]
        assert starts == sorted(starts)
        assert all(e.start.date() == day.date for e in day.entries)


def test_a_day_with_nothing_planned_is_a_free_day(workshop: Workshop) -> None:
    free = date(2027, 3, 13)
    for activity in [a for a in workshop.activities.values() if a.day == free]:
        workshop.remove(activity)
    itinerary = build_itinerary(workshop, Edition.GROUP)
    day = next(d for d in itinerary.days if d.date == free)
    assert day.free and day.nights, "a free day still says where the group sleeps"
    assert "Free day" in render_text(itinerary) and "Free day" in render_markdown(itinerary)


def test_trainee_edition_holds_only_their_entries_and_own_seat(workshop: Workshop) -> None:
    trainee_id = trainee_in_group(workshop, "A")
    trainee = workshop.trainees[trainee_id]
    itinerary = build_itinerary(workshop, Edition.TRAINEE, trainee_id)
    titles = [e.title for e in itinerary.entries()]
    assert "Group A case study: incubation policy" in titles
    assert "Group B case study: technology markets" not in titles
    expected = [a.id for a in workshop.ordered_activities()
                if not a.cancelled and a.participants.includes(trainee)]
    assert [e.activity_id for e in itinerary.entries()] == expected
    seats = [(e.activity_id, e.seat) for e in itinerary.entries() if e.seat]
    assert seats and all(workshop.activities[a].seats[trainee_id] == s for a, s in seats)
    assert all(not e.seats for e in itinerary.entries())
    assert itinerary.reader == trainee.name


@pytest.mark.parametrize("render", [render_markdown, render_text])
def test_personal_edition_names_no_other_trainee(workshop: Workshop, render: object) -> None:
    assert callable(render)
    for trainee_id, trainee in workshop.trainees.items():
        output = render(build_itinerary(workshop, Edition.TRAINEE, trainee_id))
        assert trainee.name in output
        for other in workshop.trainees.values():
            if other.id != trainee_id:
                assert other.name not in output
                for activity in workshop.activities.values():
                    seat = activity.seats.get(other.id)
                    if seat and seat != activity.seats.get(trainee_id):
                        assert seat not in output


@pytest.mark.parametrize("render", [render_markdown, render_text])
def test_group_edition_shows_no_personal_data(workshop: Workshop, render: object) -> None:
    assert callable(render)
    output = render(build_itinerary(workshop, Edition.GROUP))
    for trainee in workshop.trainees.values():
        for value in (trainee.name, trainee.email, trainee.phone, trainee.dietary):
            assert not value or value not in output
    for activity in workshop.activities.values():
        if activity.internal_notes:
            assert activity.internal_notes not in output
        for seat in activity.seats.values():
            assert seat not in output


def test_staff_edition_has_seats_by_name_and_internal_notes(workshop: Workshop) -> None:
    itinerary = build_itinerary(workshop, Edition.STAFF)
    output = render_markdown(itinerary)
    noted = next(a for a in workshop.ordered_activities() if a.internal_notes and
                 not a.cancelled)
    assert squash(noted.internal_notes) in squash(output)
    flight = next(e for e in itinerary.entries() if e.seats)
    assert len(flight.seats) == len(workshop.activities[flight.activity_id].seats)
    named = next(e for e in itinerary.entries() if e.who.startswith("Named"))
    activity = workshop.activities[named.activity_id]
    assert activity.participants.audience is Audience.NAMED
    assert all(workshop.trainees[t].name in named.who for t in activity.participants.trainee_ids)


@pytest.mark.parametrize("edition", ["group", "staff", "trainee"])
def test_markdown_and_text_hold_the_same_entries_in_the_same_order(
        workshop: Workshop, edition: str) -> None:
    trainee_id = trainee_in_group(workshop, "B") if edition == "trainee" else None
    itinerary = build_itinerary(workshop, edition, trainee_id)
    needles = []
    for day in itinerary.days:
        needles.append(day.heading)
        for entry in day.entries:
            needles += [entry.times, entry.title]
            if entry.place is not None and entry.place.name_zh:
                needles.append(entry.place.name_zh)
    assert_in_order(render_markdown(itinerary), needles)
    assert_in_order(render_text(itinerary), needles)


def test_every_chinese_address_is_printed_on_its_day(workshop: Workshop) -> None:
    itinerary = build_itinerary(workshop, Edition.GROUP)
    for render in (render_markdown, render_text):
        output = squash(render(itinerary))
        for day, following in zip(itinerary.days, [*itinerary.days[1:], None], strict=True):
            start = output.index(squash(day.heading))
            end = output.index(squash(following.heading)) if following else len(output)
            for entry in day.entries:
                for place in (entry.origin, entry.place):
                    if place is not None and place.address_zh:
                        assert squash(place.address_zh) in output[start:end]


def test_plain_text_fits_80_columns(workshop: Workshop) -> None:
    trainee = next(iter(workshop.trainees))
    long = next(a for a in workshop.ordered_activities() if a.kind == "visit")
    workshop.put(replace(long, description="参观" * 200 + " " + "word " * 100 + "x" * 150))
    for edition, who in (("group", None), ("staff", None), ("trainee", trainee)):
        output = render_text(build_itinerary(workshop, edition, who))
        widest = max(columns(line) for line in output.splitlines())
        assert widest <= 80


def test_wrap_breaks_chinese_between_characters() -> None:
    lines = wrap("北京市海淀区中关村东路1号院" * 6, "  ")
    assert all(columns(line) <= 80 for line in lines) and len(lines) > 1
    assert "".join(line.strip() for line in lines) == "北京市海淀区中关村东路1号院" * 6
    assert columns("北京 ab") == 7


def test_unknown_trainee_is_a_clear_error(workshop: Workshop) -> None:
    with pytest.raises(ItineraryError, match="no trainee"):
        build_itinerary(workshop, Edition.TRAINEE, "00000000-0000-0000-0000-000000000000")


def test_cli_print_writes_every_edition(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["print", "--format", "md", "--out", "out"]) == 0
    paths = capsys.readouterr().out.split()
    workshop = sample_workshop()
    assert len(paths) == 2 + len(workshop.trainees)
    assert paths[0].endswith("itineraries/group.md") and paths[1].endswith("staff.md")
    for path in paths:
        assert path.startswith("out/")
        with open(path, encoding="utf-8") as handle:
            assert handle.read().startswith("# ")


def test_cli_print_one_trainee_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    trainee = next(iter(sample_workshop().trainees.values()))
    assert main(["print", "--format", "txt", "--trainee", trainee.name.upper()]) == 0
    paths = capsys.readouterr().out.split()
    assert len(paths) == 1 and paths[0].startswith("exports/")
    with open(paths[0], encoding="utf-8") as handle:
        assert trainee.name in handle.read()


def test_cli_print_unknown_trainee_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["print", "--trainee", "nobody"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "nobody" in error


def test_an_activity_far_outside_the_programme_adds_its_own_day_only(
        workshop: Workshop) -> None:
    """A mistyped year (still a plausible one) must not make decades of free days."""
    activity = next(iter(workshop.ordered_activities()))
    moved = replace(activity, start=activity.start.replace(year=2098),
                    end=activity.end.replace(year=2098))
    workshop.put(moved)
    itinerary = build_itinerary(workshop, Edition.GROUP)
    programme_days = len(workshop.programme.days())
    assert len(itinerary.days) == programme_days + 2  # with the day before (arrivals)
    assert itinerary.days[-1].date.year == 2098 and itinerary.days[-1].entries
    assert itinerary.days[-1].heading.startswith("After the programme - ")

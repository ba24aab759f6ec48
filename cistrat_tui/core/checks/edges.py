"""Checks of the edges of the programme: what falls before its first day or after its last.

Trainees fly in from far away, and some land the day before the programme starts (or leave the
day after it ends). So:

- ``outside-programme``: an activity outside the programme's dates is an error, unless it is
  the airport pickup or drop-off of one of its riders' own flights (it is where the flight
  is). A hotel stay's nights outside the programme are normal for the guests who are in China
  on those nights (landed by then, not yet flown out); a warning names the guests who are not
  (a room paid for nobody), or the whole stay when none of them is there.
- ``arrival-night-without-hotel``, ``departure-night-without-hotel`` (warnings): a trainee who
  lands before the first day needs a hotel each night until the programme starts, and one who
  flies out after the last day each night until the flight. The programme's own nights are
  the nights check's.
- ``activity-before-arrival``, ``activity-after-departure`` (warnings): a trainee is among the
  participants of an activity that starts before they can be out of the airport (landing plus
  the allowance for immigration and baggage), or ends after they must be at the airport for
  their flight out (3 h before it); their own pickup and drop-off excepted. Name them out of
  it (the late arrival misses the first dinner) or change the flight.

A flight more than ``EDGE_DAYS`` away from the programme is not taken for its arrival or
departure (a flight left over from a re-dated copy, a typing slip): the transfers check already
says that nothing meets it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from cistrat_tui.core.checks.base import (
    Context,
    Problem,
    Severity,
    clock,
    day_text,
    local,
    named,
)
from cistrat_tui.core.planning.pickups import (
    IMMIGRATION_ALLOWANCE,
    INTERNATIONAL_CHECK_IN,
    away_on_outside_nights,
    meets_own_flight,
)
from cistrat_tui.core.records.activity import Stay
from cistrat_tui.core.records.model import Trainee
from cistrat_tui.core.records.values import SHANGHAI

EDGE_DAYS = 3  # an own flight this many days before or after the programme still belongs to it


def landing_day(trainee: Trainee) -> date | None:
    """The local date the trainee's own flight lands in China (None: not recorded)."""
    return trainee.arrival.at.astimezone(SHANGHAI).date() if trainee.arrival else None


def leaving_day(trainee: Trainee) -> date | None:
    """The local date the trainee's own flight leaves China (None: not recorded)."""
    return trainee.departure.at.astimezone(SHANGHAI).date() if trainee.departure else None


def outside_nights(ctx: Context, stay: Stay) -> list[date]:
    """The stay's nights that are not nights of the programme."""
    first, last = ctx.programme.start_date, ctx.programme.end_date
    return [n for n in stay.nights() if n < first or n >= last]


def check_programme_dates(ctx: Context) -> Iterable[Problem]:
    """An activity (error) or hotel stay (warning) outside the programme's dates, but for
    the transfers and hotel nights of the trainees' own flights."""
    first, last = ctx.programme.start_date, ctx.programme.end_date
    span = f"{day_text(first)} to {day_text(last)}"
    for activity in ctx.activities:
        start, end = local(activity.start).date(), local(activity.end).date()
        if (start < first or end > last) and \
                not meets_own_flight(activity, ctx.who(activity.participants)):
            yield ctx.problem(Severity.ERROR, "outside-programme",
                              f"{named(activity)} on {day_text(start)} is outside the "
                              f"programme ({span}).", start, activity.id)
    for stay in sorted(ctx.workshop.stays.values(), key=lambda s: (s.check_in, s.id)):
        nights = outside_nights(ctx, stay)
        if not nights:
            continue
        guests = ctx.who(stay.participants)
        absent = [t.id for t in away_on_outside_nights(stay, guests, first, last)]
        if guests and not absent:
            continue
        hotel = ctx.site_name(stay.hotel_id)
        where = (f"The stay at '{hotel}' ({day_text(stay.check_in)} to "
                 f"{day_text(stay.check_out)}) runs outside the programme ({span})")
        if len(absent) == len(guests):
            yield ctx.problem(Severity.WARNING, "outside-programme", f"{where}.",
                              stay.check_in, stay.id)
            continue
        dates = ", ".join(day_text(n) for n in nights)
        verb = "is" if len(absent) == 1 else "are"
        yield ctx.problem(Severity.WARNING, "outside-programme",
                          f"{where}: {ctx.describe(absent)} {verb} not in China on the night "
                          f"of {dates} by their flights; book those nights only for who is "
                          "there.", stay.check_in, stay.id, *absent)


def _covered(ctx: Context, trainee: Trainee, night: date) -> bool:
    return any(s.check_in <= night < s.check_out and s.participants.includes(trainee)
               for s in ctx.workshop.stays.values())


def check_flight_nights(ctx: Context) -> Iterable[Problem]:
    """A night before the programme after the trainee lands, or after it before they fly
    out, with no hotel stay for them."""
    first, last = ctx.programme.start_date, ctx.programme.end_date
    for trainee in ctx.trainees:
        landed, leaves = landing_day(trainee), leaving_day(trainee)
        if landed is not None and _near(ctx, landed) and landed < first:
            nights = [landed + timedelta(days=n) for n in range((first - landed).days)]
            missing = [n for n in nights if not _covered(ctx, trainee, n)]
            if missing:
                yield ctx.problem(
                    Severity.WARNING, "arrival-night-without-hotel",
                    f"{trainee.name} lands on {day_text(landed)}, before the programme "
                    f"starts, and has no hotel on the night of "
                    f"{', '.join(day_text(n) for n in missing)}.", missing[0], trainee.id)
        if leaves is not None and _near(ctx, leaves) and leaves > last:
            nights = [last + timedelta(days=n) for n in range((leaves - last).days)]
            missing = [n for n in nights if not _covered(ctx, trainee, n)]
            if missing:
                yield ctx.problem(
                    Severity.WARNING, "departure-night-without-hotel",
                    f"{trainee.name} flies out on {day_text(leaves)}, after the programme "
                    f"ends, and has no hotel on the night of "
                    f"{', '.join(day_text(n) for n in missing)}.", missing[0], trainee.id)


def _near(ctx: Context, day: date | None) -> bool:
    """Whether a flight's date belongs to the programme (within EDGE_DAYS of it)."""
    first, last = ctx.programme.start_date, ctx.programme.end_date
    edge = timedelta(days=EDGE_DAYS)
    return day is not None and first - edge <= day <= last + edge


def check_flight_times(ctx: Context) -> Iterable[Problem]:
    """Activities a trainee is in before they have landed, or after they must have left for
    the airport (their own pickup and drop-off excepted)."""
    for trainee in ctx.trainees:
        arrival, departure = trainee.arrival, trainee.departure
        timeline = ctx.timelines[trainee.id]
        if arrival is not None and _near(ctx, landing_day(trainee)):
            ready = arrival.at + IMMIGRATION_ALLOWANCE
            early = [a for a in timeline if a.start < ready
                     and not meets_own_flight(a, (trainee,))]
            if early:
                first = early[0]
                more = f" and {len(early) - 1} more" if len(early) > 1 else ""
                yield ctx.problem(
                    Severity.WARNING, "activity-before-arrival",
                    f"{trainee.name} lands at {clock(arrival.at)} on "
                    f"{day_text(local(arrival.at).date())} ({arrival.flight_number}) but is "
                    f"among the participants of {named(first)}{more}, before they can be "
                    "out of the airport: name them out of it, or change the flight",
                    first.day, first.id, trainee.id)
        if departure is not None and _near(ctx, leaving_day(trainee)):
            gone = departure.at - INTERNATIONAL_CHECK_IN
            late = [a for a in timeline if a.end > gone
                    and not meets_own_flight(a, (trainee,))]
            if late:
                first = late[0]
                more = f" and {len(late) - 1} more" if len(late) > 1 else ""
                yield ctx.problem(
                    Severity.WARNING, "activity-after-departure",
                    f"{trainee.name} flies out at {clock(departure.at)} on "
                    f"{day_text(local(departure.at).date())} ({departure.flight_number}) but "
                    f"is among the participants of {named(first)}{more}, after they must "
                    "be at the airport: name them out of it, or change the flight",
                    first.day, first.id, trainee.id)

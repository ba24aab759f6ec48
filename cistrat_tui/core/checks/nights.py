"""Checks of the nights: every trainee has one hotel each night, in the city they sleep in.

Where a trainee sleeps is the city of the place their last activity of the day leaves them at
(a travel leg leaves them at its destination), carried over from earlier days when a day has
no activity with a place, and the programme's base city before the first one. Every night of
the programme (the start date up to the night before the end date) needs a stay: trainees
sleep in a hotel in the base city too. A missing hotel away from base is an error; in the
base city it is a warning (the group may have booked it outside the app).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cistrat_tui.core.checks.base import (
    WHO,
    Context,
    Gathered,
    Problem,
    Severity,
    day_text,
    place_after,
)
from cistrat_tui.core.records.activity import Activity, Stay


def _city(name: str) -> str:
    return " ".join(name.split()).casefold()


def _sleeps(ctx: Context, timeline: list[Activity],
            nights: list[date]) -> list[tuple[str, Activity | None]]:
    """For each night, the city the trainee sleeps in and the activity that put them there."""
    placed = [(a.day, ctx.sites[site].city, a) for a in timeline
              if (site := place_after(a)) is not None and site in ctx.sites]
    # Activities of a day in start order; the last one that day with a place wins. When two
    # start together, the one that ends later is last: the timeline's order sees to that.
    result: list[tuple[str, Activity | None]] = []
    city, because, n = ctx.programme.base_city, None, 0
    for night in nights:
        while n < len(placed) and placed[n][0] <= night:
            city, because = placed[n][1], placed[n][2]
            n += 1
        result.append((city, because))
    return result


def check_nights(ctx: Context) -> Iterable[Problem]:
    """A night without a hotel, with two, or with one in another city."""
    nights = ctx.programme.days()[:-1]
    base = _city(ctx.programme.base_city)
    hotels = ctx.sites
    stays = sorted(ctx.workshop.stays.values(), key=lambda s: (s.check_in, s.check_out, s.id))
    where: dict[str, list[tuple[str, Activity | None]]] = {}
    for trainee_ids, timeline in ctx.shared_timelines:
        sleeps = _sleeps(ctx, timeline, nights)
        where.update(dict.fromkeys(trainee_ids, sleeps))
    found = Gathered()
    for trainee in ctx.trainees:
        booked: dict[date, list[Stay]] = {}
        for stay in stays:
            if stay.participants.includes(trainee):
                for night in stay.nights():
                    booked.setdefault(night, []).append(stay)
        sleeps = where[trainee.id]
        for night, (city, because) in zip(nights, sleeps, strict=True):
            cause = (because.id,) if because is not None else ()
            reason = f" (after '{because.title}')" if because is not None else ""
            here = booked.get(night, [])
            if not here:
                away = _city(city) != base
                severity = Severity.ERROR if away else Severity.WARNING
                key = ("night-without-hotel", night.isoformat(), city, *cause)
                if found.join(key, (trainee.id,)):
                    found.put(key, severity, "night-without-hotel", night, cause,
                              f"No hotel for {WHO} on the night of {day_text(night)} in "
                              f"{city}{reason}.")
                continue
            if len(here) > 1:
                key = ("double-booked-hotel", night.isoformat(), *(s.id for s in here))
                if found.join(key, (trainee.id,)):
                    names = " and ".join(f"'{hotels[s.hotel_id].name_en}'" for s in here)
                    found.put(key, Severity.WARNING, "double-booked-hotel", night,
                              tuple(s.id for s in here),
                              f"Two hotels on the night of {day_text(night)} for {WHO}: "
                              f"{names}.")
            for stay in here:
                hotel = hotels[stay.hotel_id]
                key = ("hotel-in-wrong-city", night.isoformat(), stay.id, city, *cause)
                if _city(hotel.city) != _city(city) and found.join(key, (trainee.id,)):
                    found.put(key, Severity.ERROR, "hotel-in-wrong-city", night,
                              (stay.id, *cause),
                              f"The hotel '{hotel.name_en}' ({hotel.city}) is booked for "
                              f"{WHO} on the night of {day_text(night)}, but they sleep in "
                              f"{city}{reason}.")
    return found.problems(ctx)

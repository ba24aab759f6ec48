"""Text rules of every event: control characters, one-line values, the one privacy rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cistrat_tui.core.records.model import Trainee
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.exports.ics import build_calendars
from cistrat_tui.exports.ics_text import place_line
from tests.exports.test_ics_workshop import parse_strict


def test_control_characters_in_a_site_name_never_reach_the_location() -> None:
    workshop = sample_workshop()
    site = next(s for s in workshop.sites.values() if s.kind == "science_park")
    object.__setattr__(site, "name_en", "Tus\x07Park\x1b[31m\nEast\x85")
    object.__setattr__(site, "address_zh", "北京\x00市")
    assert place_line(site).startswith("Tus" "Park[31m East")
    for file in build_calendars(workshop):
        data = file.to_bytes()
        for char in ("\x07", "\x1b", "\x00", "\x85"):
            assert char.encode() not in data
        parse_strict(data)


@dataclass(frozen=True)
class FutureTrainee(Trainee):
    """A trainee record with the fields another issue adds (passport, birth date, gender)."""

    passport_number: str = ""
    birth_date: date | None = None
    gender: str = ""
    extra_ids: tuple[str, ...] = field(default_factory=tuple)



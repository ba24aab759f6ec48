"""Proposing airport pickups and drop-offs from the trainees' own flights."""

from __future__ import annotations

from datetime import timedelta

from cistrat_tui.core.checks.runner import check_workshop
from cistrat_tui.core.planning.pickups import (
    IMMIGRATION_ALLOWANCE,
    propose_transfers,
)
from cistrat_tui.core.records.people import FlightLeg
from tests.core.checks.test_logistics import PeopleMini
from tests.core.checks.test_runner import MON, SAT, at


def road(a: object, b: object) -> int:
    return 50


def flying_mini() -> PeopleMini:
    mini = PeopleMini()
    pek, sha = mini.sites["PEK"].id, mini.sites["SHA"].id
    mini.fly("ann", arrival=FlightLeg("ET604", pek, at(MON, "03:10"), "T3"),
             departure=FlightLeg("ET685", sha, at(SAT, "16:00")))
    mini.fly("ben", arrival=FlightLeg("EK308", pek, at(MON, "04:30"), "T3"),
             departure=FlightLeg("EK303", sha, at(SAT, "15:20")))
    mini.fly("chen", arrival=FlightLeg("QR818", pek, at(MON, "05:00"), "T3"))
    return mini


def test_arrivals_within_the_window_share_a_vehicle_after_the_allowance() -> None:
    mini = flying_mini()
    transfers = propose_transfers(mini.workshop(), road)
    pickups = [t for t in transfers if t.arriving]
    # 03:10 and 04:30 are within 90 min of each other; 05:00 is 110 min after the first.
    assert [[p.name.split()[0] for p in t.trainees] for t in pickups] == [["Ann", "Ben"],
                                                                           ["Chen"]]
    first = pickups[0]
    assert first.start == at(MON, "05:45")  # 04:30 + 75 min
    assert first.end - first.start == timedelta(minutes=50)
    assert first.hotel.name_en == "Beijing Test Hotel"
    assert pickups[1].start == at(MON, "05:00") + IMMIGRATION_ALLOWANCE
    activity = first.activity()
    assert activity.title == "Airport pickup (flights landing 03:10-04:30): Beijing Capital " \
                             "International Airport to Beijing Test Hotel"
    assert "ET604" not in activity.title  # whose flight is not for every reader
    assert activity.internal_notes.startswith("Flights: ET604 03:10 T3, EK308 04:30 T3.")
    assert "T3" in activity.meeting_point and activity.status == "planned"


def test_drop_offs_reach_the_airport_three_hours_before_the_first_flight() -> None:
    transfers = propose_transfers(flying_mini().workshop(), road)
    [drop] = [t for t in transfers if not t.arriving]
    assert drop.end == at(SAT, "12:20") and drop.start == at(SAT, "11:30")
    assert drop.hotel.name_en == "Shanghai Test Hotel"  # where they slept the night before


def test_applied_proposals_satisfy_the_transfer_checks_and_are_not_proposed_again() -> None:
    mini = flying_mini()
    before = {p.code for p in check_workshop(mini.workshop())}
    assert {"arrival-without-pickup", "departure-without-drop-off"} <= before
    unknown_roads = lambda a, b: None  # noqa: E731  (an hour is assumed)
    for n, transfer in enumerate(propose_transfers(mini.workshop(), unknown_roads)):
        mini.activities[f"transfer{n}"] = transfer.activity()
    after = {p.code for p in check_workshop(mini.workshop())}
    assert not after & {"arrival-without-pickup", "departure-without-drop-off",
                        "pickup-before-landing", "drop-off-too-late"}
    assert propose_transfers(mini.workshop(), road) == []


def test_a_late_registration_joins_the_planned_leg_of_its_flight() -> None:
    mini = flying_mini()
    mini.fly("chen", arrival=None)
    for n, transfer in enumerate(propose_transfers(mini.workshop(), road)):
        mini.activities[f"transfer{n}"] = transfer.activity()
    # Registered late, on a flight landing 04:00: out at 05:15, so the 05:45 pickup can take
    # them (a flight landing at 05:00 could not: out at 06:15).
    mini.fly("chen", arrival=FlightLeg("QR818", mini.sites["PEK"].id, at(MON, "04:00"), "T3"))
    [late] = propose_transfers(mini.workshop(), road)
    assert late.joins is not None and late.joins.start == at(MON, "05:45")
    joined = late.activity()
    assert joined.id == late.joins.id and joined.revision == late.joins.revision + 1
    assert set(joined.participants.trainee_ids) == {t.id for t in mini.trainees.values()}
    assert "Also: QR818 04:00 T3." in joined.internal_notes
    mini.activities["transfer0"] = joined
    assert propose_transfers(mini.workshop(), road) == []
    assert "arrival-without-pickup" not in {p.code for p in check_workshop(mini.workshop())}
    mini.fly("chen", arrival=FlightLeg("QR818", mini.sites["PEK"].id, at(MON, "05:00"), "T3"))
    # Their flight moved: the leg now leaves before they are out. The check says so.
    assert "pickup-before-landing" in {p.code for p in check_workshop(mini.workshop())}

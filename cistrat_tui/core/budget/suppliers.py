"""Who an activity was booked with: the supplier a cost line is expected from.

On today's records a booking shows as the activity's booking reference; who the supplier is
follows from what was booked (a train: China Railway; a meal at a restaurant: the restaurant).
When activities point to vehicles and other resources with their own suppliers, this is the
one place that learns to read them.
"""

from __future__ import annotations

from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import ActivityKind, TravelMode
from cistrat_tui.core.records.workshop import Workshop

_CARRIERS = {TravelMode.HIGH_SPEED_RAIL: "China Railway", TravelMode.FLIGHT: "the airline",
             TravelMode.COACH: "the coach company", TravelMode.TAXI: "the taxi company"}


def supplier_of(workshop: Workshop, activity: Activity) -> str | None:
    """The supplier of a booked activity, in words; None when it is not booked (no booking
    reference) or is cancelled."""
    if activity.cancelled or not activity.booking_ref:
        return None
    if activity.kind is ActivityKind.TRAVEL and activity.mode in _CARRIERS:
        return _CARRIERS[activity.mode]
    site = workshop.sites.get(activity.site_id or "")
    return site.name_en if site is not None else "the supplier"

"""How personal each field of a trainee is: the one place that says so.

An output meant for others (group and personal itineraries, calendars, lists for hosts) shows
no field that is not PUBLIC, and scrubs every IDENTIFYING value of another trainee from the
coordinator's free text (:mod:`cistrat_tui.exports.privacy`). A new field of
:class:`~cistrat_tui.core.records.model.Trainee` (passport, birth date, gender...) is added to
:data:`TRAINEE_FIELDS`; a test fails until it is.
"""

from __future__ import annotations

from enum import StrEnum


class Personal(StrEnum):
    """How a trainee's field is personal (see :data:`TRAINEE_FIELDS`)."""

    PUBLIC = "public"  # may be shown to every trainee and host (country, group)
    IDENTIFYING = "identifying"  # personal, and a value that text can quote (an email):
    # scrubbed wherever it appears in free text meant for others
    PRIVATE = "private"  # personal, but a value made of common words (a diet): never shown
    # to others, not searched for in text


# Every field of a trainee, and how personal it is.
TRAINEE_FIELDS: dict[str, Personal] = {
    "name": Personal.IDENTIFYING,
    "country": Personal.PUBLIC,
    "organization": Personal.PUBLIC,
    "email": Personal.IDENTIFYING,
    "phone": Personal.IDENTIFYING,
    "group": Personal.PUBLIC,
    "dietary": Personal.PRIVATE,
    "emergency_contact": Personal.IDENTIFYING,
    "notes": Personal.PRIVATE,
    # The people side: for the staff, the one hotel (gender) or host (passport, birth date,
    # nationality) that needs them.
    "nationality": Personal.PRIVATE,
    "passport_number": Personal.IDENTIFYING,
    "passport_expiry": Personal.PRIVATE,
    "gender": Personal.PRIVATE,
    "date_of_birth": Personal.PRIVATE,
    "diets": Personal.PRIVATE,
    "arrival": Personal.PRIVATE,
    "departure": Personal.PRIVATE,
    "id": Personal.PUBLIC,
}

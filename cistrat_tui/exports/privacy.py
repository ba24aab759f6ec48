"""The one scrubbing rule for every output meant for others: no trainee's personal data in a
group or personal itinerary, a calendar, or anything else handed out.

Which fields of a trainee are personal is said once, in
:data:`cistrat_tui.core.records.personal.TRAINEE_FIELDS`. Structured outputs simply leave the
personal fields out; this module handles the coordinator's free text (titles, descriptions,
meeting points, notes on hosts), where a trainee's email or phone may have been copied: every
identifying value of every trainee (but the reader of a personal edition) is replaced by
:data:`REDACTED`. A phone number is found however it is spaced or punctuated
(``+976 9911 2233``, ``+976-9911-2233``, ``0097699112233``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cistrat_tui.core.records.model import Trainee
from cistrat_tui.core.records.personal import TRAINEE_FIELDS, Personal

REDACTED = "[trainee details removed]"
_MIN_LENGTH = 2  # a one-letter value would match inside ordinary words
_MIN_PHONE_DIGITS = 6  # fewer digits are a room number or a time, not a phone


def identifying_fields() -> tuple[str, ...]:
    """The trainee fields whose values are scrubbed from free text."""
    return tuple(name for name, kind in TRAINEE_FIELDS.items()
                 if kind is Personal.IDENTIFYING)


def private_fields() -> tuple[str, ...]:
    """The trainee fields never shown in an output meant for others."""
    return tuple(name for name, kind in TRAINEE_FIELDS.items() if kind is not Personal.PUBLIC)


def _phone_pattern(value: str) -> str | None:
    """A pattern for a phone number written with any spacing: its digits, with blanks,
    dashes, dots or brackets allowed between them, and + or 00 for the international
    prefix."""
    digits = re.sub(r"\D", "", value)
    if len(digits) < _MIN_PHONE_DIGITS:
        return None
    prefix = r"(?:\+|00)?" if value.lstrip().startswith(("+", "00")) else ""
    if value.lstrip().startswith("00"):
        digits = digits[2:]
    return prefix + r"[\s\-.()/]*".join(digits)


def _patterns(trainee: Trainee) -> list[str]:
    found = []
    for name in identifying_fields():
        value = str(getattr(trainee, name, "") or "").strip()
        if len(value) < _MIN_LENGTH:
            continue
        found.append(re.escape(value))
        if name == "phone":
            phone = _phone_pattern(value)
            if phone is not None:
                found.append(phone)
    return found


class Scrubber:
    """Removes the identifying values of some trainees from text."""

    def __init__(self, trainees: Iterable[Trainee], *, reader: Trainee | None = None) -> None:
        patterns = {pattern for trainee in trainees
                    if reader is None or trainee.id != reader.id
                    for pattern in _patterns(trainee)}
        if not patterns:
            self._pattern = None
            return
        ordered = sorted(patterns, key=lambda p: (-len(p), p))  # the longest value first
        self._pattern = re.compile(rf"(?<![\w+])(?:{'|'.join(ordered)})(?![\w])",
                                   re.IGNORECASE)

    def __call__(self, text: str) -> str:
        """``text`` with every identifying value replaced by :data:`REDACTED`."""
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(REDACTED, text)


def no_scrubbing(text: str) -> str:
    """The staff edition's rule: text for the organizers is shown as it is."""
    return text

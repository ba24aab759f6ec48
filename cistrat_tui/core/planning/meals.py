"""Meal counts: how many people a meal is for, and how many of them have each dietary need.

A meal is for its participants and for the staff with them: the coordinator, plus the
interpreters and guides booked for the meal (their own needs are on their resource record).
Someone with two needs (halal and gluten-free) counts under each; "no special need" counts
the people with none. The allergy and "other" notes are listed without names, because the
kitchen needs to know what, not who.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.people import DIET_LABELS, Diet
from cistrat_tui.core.records.workshop import Workshop

COORDINATOR_STAFF = 1


@dataclass(frozen=True, slots=True)
class MealCount:
    """The numbers a kitchen needs for one meal."""

    trainees: int
    staff: int
    needs: dict[Diet, int]  # every Diet, zero included, in Diet order
    no_special_need: int
    notes: tuple[str, ...]  # "allergy: seafood (1)", without names

    @property
    def total(self) -> int:
        return self.trainees + self.staff

    def summary(self) -> str:
        """'18 people (15 trainees, 3 staff): 2 halal, 3 vegetarian, 12 no special need'."""
        parts = [f"{n} {DIET_LABELS[d][0].lower()}" for d, n in self.needs.items() if n]
        parts.append(f"{self.no_special_need} no special need")
        head = f"{self.total} people ({self.trainees} trainees, {self.staff} staff)"
        notes = f"; {'; '.join(self.notes)}" if self.notes else ""
        return f"{head}: {', '.join(parts)}{notes}"


def meal_count(workshop: Workshop, activity: Activity) -> MealCount:
    """The counts for ``activity`` (any activity; used for meals)."""
    trainees = workshop.participants_of(activity.participants)
    staff = [workshop.resources[r] for r in activity.resource_ids
             if r in workshop.resources and workshop.resources[r].is_person]
    needs: Counter[Diet] = Counter()
    notes: Counter[str] = Counter()
    plain = COORDINATOR_STAFF
    for diets, note in [*((t.diets, t.dietary) for t in trainees),
                        *((s.diets, s.notes) for s in staff)]:
        needs.update(diets)
        if not diets:
            plain += 1
        if note and (Diet.ALLERGY in diets or Diet.OTHER in diets):
            kind = "allergy" if Diet.ALLERGY in diets else "other"
            notes[f"{kind}: {note}"] += 1
    return MealCount(len(trainees), COORDINATOR_STAFF + len(staff),
                     {d: needs[d] for d in Diet}, plain,
                     tuple(f"{text} ({n})" for text, n in sorted(notes.items())))

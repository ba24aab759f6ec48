"""How the columns of a table share its width, free of Textual so the rule can be tested alone.

A column either fits its content (a city, a kind, a date: as wide as its widest cell, up to a
cap) or has a weight (a name, a title): the weighted columns share what the fitted ones leave,
in proportion to their weights, each never narrower than its minimum and never wider than its
widest cell needs. So at 200 columns a long title shows whole, and at 80 it is cut with "…"
instead of pushing the other columns out of sight.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ColumnShape:
    """How one column takes its width: ``weight`` 0 fits the content (at most ``fit_max``
    cells); a weight above 0 shares the room left, at least ``minimum`` cells."""

    weight: int = 0
    minimum: int = 6
    fit_max: int = 24


def share_widths(room: int, shapes: Sequence[ColumnShape], natural: Sequence[int],
                 padding: int = 1) -> list[int]:
    """The width of each column's content when the table has ``room`` cells across.

    ``natural`` is the widest cell of each column (its label included); ``padding`` is added
    on both sides of every column by the table, so it is taken out of the room first.
    """
    if len(shapes) != len(natural):
        raise ValueError("one natural width per column")
    widths = [0] * len(shapes)
    left = room - 2 * padding * len(shapes)
    weighted: list[int] = []
    for index, (shape, wanted) in enumerate(zip(shapes, natural, strict=True)):
        if shape.weight > 0:
            weighted.append(index)
        else:
            widths[index] = max(1, min(wanted, shape.fit_max))
            left -= widths[index]
    # Water-filling: a weighted column that needs less than its share takes what it needs,
    # and the rest is shared again among the others.
    while weighted:
        total = sum(shapes[i].weight for i in weighted)
        shares = {i: left * shapes[i].weight / total for i in weighted}
        content = [i for i in weighted if max(natural[i], 1) <= shares[i]]
        if not content:
            break
        for i in content:
            widths[i] = max(natural[i], 1)
            left -= widths[i]
            weighted.remove(i)
    if weighted:
        total = sum(shapes[i].weight for i in weighted)
        given = 0
        for position, i in enumerate(weighted):
            if position == len(weighted) - 1:
                share = left - given
            else:
                share = left * shapes[i].weight // total
            given += share
            widths[i] = max(shapes[i].minimum, share)
    overflow = sum(widths) + 2 * padding * len(shapes) - room
    # A weighted column that took its whole content can leave the others below their
    # minimums: give back cells from the widest weighted columns above their minimum first,
    # then (too narrow even for the minimums) from the widest fitted columns.
    while overflow > 0:
        roomy = [i for i, s in enumerate(shapes) if s.weight > 0 and widths[i] > s.minimum]
        fitted = [i for i, s in enumerate(shapes) if s.weight == 0 and widths[i] > 3]
        candidates = roomy or fitted
        if not candidates:
            break
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1
        overflow -= 1
    return widths

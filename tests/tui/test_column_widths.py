"""How the columns of a table share its width (tui/column_widths.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cistrat_tui.tui.column_widths import ColumnShape, share_widths

FIT = ColumnShape()
NAME = ColumnShape(weight=3, minimum=10)
OTHER = ColumnShape(weight=1, minimum=6)


def test_a_weighted_column_takes_what_the_fitted_ones_leave() -> None:
    # 100 cells, 3 columns with 1 cell of padding each side: 94 for the content.
    assert share_widths(100, [FIT, FIT, NAME], [8, 5, 300]) == [8, 5, 81]


def test_weighted_columns_share_by_weight() -> None:
    assert share_widths(88, [NAME, OTHER], [500, 500]) == [63, 21]


def test_a_column_that_needs_less_than_its_share_gives_the_rest_away() -> None:
    widths = share_widths(120, [NAME, OTHER], [200, 10])
    assert widths == [106, 10]


def test_a_long_name_shows_whole_when_there_is_room_and_nothing_is_wasted_on_short_ones() -> None:
    assert share_widths(200, [FIT, NAME, OTHER], [9, 66, 12]) == [9, 66, 12]


def test_fitted_columns_stop_at_their_cap() -> None:
    assert share_widths(200, [ColumnShape(fit_max=12), NAME], [40, 10])[0] == 12


def test_too_narrow_keeps_the_minimums_and_narrows_the_fitted_columns() -> None:
    widths = share_widths(30, [FIT, FIT, NAME], [12, 12, 80])
    assert widths[2] == NAME.minimum
    assert sum(widths) + 6 <= 30


@given(room=st.integers(20, 400),
       natural=st.lists(st.integers(1, 300), min_size=2, max_size=6),
       weights=st.lists(st.integers(0, 4), min_size=6, max_size=6))
def test_the_columns_never_need_more_than_the_room_when_the_minimums_fit(
        room: int, natural: list[int], weights: list[int]) -> None:
    shapes = [ColumnShape(weight=w, minimum=4) for w in weights[:len(natural)]]
    widths = share_widths(room, shapes, natural)
    need = sum(4 if s.weight else 3 for s in shapes) + 2 * len(shapes)
    if need <= room:
        assert sum(widths) + 2 * len(shapes) <= room
    for width, shape, wanted in zip(widths, shapes, natural, strict=True):
        assert width >= (min(shape.minimum, wanted) if shape.weight else 1)
        if shape.weight == 0:
            assert width <= min(wanted, shape.fit_max)

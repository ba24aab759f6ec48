"""Where the footer's keys go on its line (tui/key_bar_layout.py)."""

from __future__ import annotations

from cistrat_tui.tui.key_bar_layout import ELLIPSIS, KeyEntry, Role, entry_at, lay_out

PALETTE = KeyEntry("ctrl+p", "^p", "palette")
AREAS = [KeyEntry(str(n), str(n), f"Area {n}", group="Areas") for n in range(1, 10)]


def line(pieces: list) -> str:  # type: ignore[type-arg]
    text = ""
    for piece in pieces:
        text += " " * (piece.start - len(text)) + piece.text
    return text


def test_keys_in_order_then_the_palette_at_the_right_edge() -> None:
    keys = [KeyEntry("e", "e", "Programme"), *AREAS, KeyEntry("f1", "f1", "Help")]
    pieces = lay_out(keys, PALETTE, 80)
    text = line(pieces)
    assert text == " e Programme  123456789 Areas  f1 Help" + " " * 31 + "^p palette"
    assert len(text) == 79  # and a margin of one column at each end


def test_each_digit_of_a_group_is_its_own_key() -> None:
    pieces = lay_out(AREAS, None, 40)
    digits = [p for p in pieces if p.role is Role.KEY]
    assert [p.entry.key for p in digits if p.entry] == [str(n) for n in range(1, 10)]
    assert entry_at(pieces, digits[2].start) == AREAS[2]
    label = next(p for p in pieces if p.role is Role.LABEL)
    assert label.text == " Areas" and entry_at(pieces, label.start + 1) is None


def test_a_group_of_one_shows_as_a_plain_key_with_its_description() -> None:
    pieces = lay_out([AREAS[0]], None, 40)
    assert line(pieces).strip() == "1 Area 1"


def test_when_two_columns_apart_do_not_fit_keys_go_one_apart() -> None:
    keys = [KeyEntry(k, k, "Something long") for k in "abcd"]
    wide = line(lay_out(keys, PALETTE, 90))
    assert "a Something long  b" in wide
    narrow = line(lay_out(keys, PALETTE, 78))  # 4 x 16 + 3 + 1 + 10 columns: one apart
    assert narrow.startswith("a Something long b Something long c")
    assert ELLIPSIS not in narrow
    assert narrow.endswith("^p palette") and len(narrow) == 78


def test_what_does_not_fit_is_left_out_whole_with_an_ellipsis() -> None:
    keys = [KeyEntry(k, k, "Something long") for k in "abcdef"]
    pieces = lay_out(keys, PALETTE, 60)
    text = line(pieces)
    assert len(text) <= 60 and text.endswith("^p palette")
    assert ELLIPSIS in text
    shown = [p.entry.key for p in pieces if p.role is Role.KEY and p.entry]
    assert shown == ["a", "b", "ctrl+p"]  # whole keys, in order, then the palette
    palette_start = next(p.start for p in pieces if p.entry == PALETTE)
    assert all(p.end < palette_start for p in pieces if p.entry != PALETTE)


def test_nothing_is_drawn_past_the_width() -> None:
    keys = [KeyEntry("x", "x", "y" * 200)]
    pieces = lay_out(keys, PALETTE, 30)
    assert max(p.end for p in pieces) <= 30
    assert pieces[0].text == ELLIPSIS


def test_kept_keys_stay_and_the_others_give_way_from_the_last() -> None:
    areas = [KeyEntry(a.key, a.display, a.description, group="Areas", keep=True) for a in AREAS]
    keys = [*(KeyEntry(k, k, "Something long") for k in "abcd"), *areas,
            KeyEntry("f1", "f1", "Help", keep=True)]
    pieces = lay_out(keys, PALETTE, 80)
    text = line(pieces)
    assert text.startswith("a Something long b Something long … 123456789 Areas f1 Help")
    assert text.endswith("^p palette") and len(text) <= 80

"""Wrapping by display width: Chinese counts two columns, and a Chinese word or name is never
split across lines (the text edition of the sample once printed 玉渊潭学 / 术交流酒店)."""

from __future__ import annotations

import re

from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.exports.display_width import ADDRESS_UNITS, columns, wrap
from cistrat_tui.exports.itinerary import Edition, build_itinerary
from cistrat_tui.exports.markdown import render_markdown, wrap_markdown
from cistrat_tui.exports.text import render_text

HOTEL = "玉渊潭学术交流酒店"


def test_a_chinese_name_moves_to_the_next_line_whole() -> None:
    for lead in range(40, 80):
        lines = wrap("x" * lead + " " + HOTEL + " tail", width=80)
        assert all(columns(line) <= 80 for line in lines)
        assert any(HOTEL in line for line in lines), lead


def test_a_line_breaks_after_chinese_punctuation() -> None:
    lines = wrap("甲" * 30 + "\uff0c" + "乙" * 30, width=70)
    assert lines == ["甲" * 30 + "\uff0c", "乙" * 30]


def test_a_chinese_word_longer_than_a_line_is_cut_after_an_address_unit() -> None:
    address = "北京市海淀区中关村东路1号院" * 6
    lines = wrap(address, "  ")
    assert "".join(line.strip() for line in lines) == address
    assert all(columns(line) <= 80 for line in lines) and len(lines) > 1
    assert all(line.strip()[-1] in ADDRESS_UNITS for line in lines[:-1])


def test_web_addresses_are_never_cut_when_asked() -> None:
    url = "https://example.org/" + "x" * 120
    assert wrap(f"see {url} end", "- ", cut_long=False) == ["- see", f"  {url}", "  end"]


def test_every_chinese_name_and_address_of_the_sample_stays_on_one_line() -> None:
    workshop = sample_workshop()
    trainee = next(iter(workshop.trainees))
    names = {s.name_zh for s in workshop.sites.values() if s.name_zh}
    addresses = {s.address_zh for s in workshop.sites.values() if s.address_zh}
    for edition, who in (("group", None), ("staff", None), ("trainee", trainee)):
        itinerary = build_itinerary(workshop, edition, who)
        for output in (render_text(itinerary), render_markdown(itinerary)):
            lines = output.splitlines()
            body = "\n".join(lines)
            for value in names | addresses:
                if value in re.sub(r"\s+", "", body):
                    assert any(value in line for line in lines), value


def test_markdown_lines_fit_80_columns_except_a_lone_link() -> None:
    itinerary = build_itinerary(sample_workshop(), Edition.GROUP)
    for line in render_markdown(itinerary).splitlines():
        if columns(line) > 80:
            assert line.strip().startswith("[") and " " not in line.strip(), line


def test_a_markdown_continuation_never_starts_a_list() -> None:
    lines = wrap_markdown("  - Nights: " + "word " * 13 + "Mon 08 Mar - Fri 12 Mar - 1. done")
    assert len(lines) > 1
    for line in lines[1:]:
        assert line.startswith("    ") and not re.match(r"\s*([-+]|\d+[.)])\s", line), line


def test_a_phone_number_is_never_split() -> None:
    for lead in range(50, 78):
        lines = wrap("x" * lead + " call +86 10 5555 0120 now", width=80)
        assert any("+86 10 5555 0120" in line for line in lines), lead
        assert all(columns(line) <= 80 for line in lines)

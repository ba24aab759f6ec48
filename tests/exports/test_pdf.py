"""PDF itineraries read back with pypdf: every entry in order with its Chinese address, the right
people's data only, page numbers, repeated day headers, fonts and taxi cards."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.exports import fonts
from cistrat_tui.exports.itinerary import Edition, Itinerary, build_itinerary
from cistrat_tui.exports.pdf import render_pdf
from cistrat_tui.exports.pdf_cards import qr_path


def squash(value: str) -> str:
    return re.sub(r"\s+", "", value)


def pages_of(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def workshop() -> Workshop:
    return sample_workshop()


@pytest.fixture(scope="module")
def group(workshop: Workshop) -> tuple[Itinerary, list[str]]:
    itinerary = build_itinerary(workshop, Edition.GROUP)
    return itinerary, pages_of(render_pdf(itinerary))


def trainee_id(workshop: Workshop, group_name: str) -> str:
    return next(t.id for t in workshop.trainees.values() if t.group == group_name)


def test_every_activity_of_every_day_in_order_with_its_chinese_address(
        group: tuple[Itinerary, list[str]]) -> None:
    itinerary, pages = group
    text = squash("\n".join(pages))
    position = 0
    for day in itinerary.days:
        start = text.index(squash(day.heading), position)
        for entry in day.entries:
            found = text.find(squash(entry.title), position)
            assert found > position or position == 0, f"{entry.title!r} missing or out of order"
            position = found
            for place in (entry.origin, entry.place):
                if place is not None and place.address_zh:
                    assert squash(place.address_zh) in text[start:], place.name_en
        position = max(position, start)


def test_no_cancelled_activity_in_any_edition(workshop: Workshop,
                                              group: tuple[Itinerary, list[str]]) -> None:
    cancelled = [a.title for a in workshop.activities.values() if a.cancelled]
    staff = "".join(pages_of(render_pdf(build_itinerary(workshop, Edition.STAFF))))
    for text in ("".join(group[1]), staff):
        for title in cancelled:
            assert squash(title) not in squash(text)


def test_personal_edition_holds_only_that_trainees_entries_and_seat(workshop: Workshop) -> None:
    reader_id = trainee_id(workshop, "A")
    reader = workshop.trainees[reader_id]
    itinerary = build_itinerary(workshop, Edition.TRAINEE, reader_id)
    text = squash("".join(pages_of(render_pdf(itinerary))))
    assert squash(reader.name) in text
    assert squash("Group A case study") in text
    assert squash("Group B case study") not in text
    own_seats = {a.seats[reader_id] for a in workshop.activities.values() if reader_id in a.seats}
    assert own_seats and all(squash(seat) in text for seat in own_seats)
    for other in workshop.trainees.values():
        if other.id == reader_id:
            continue
        assert squash(other.name) not in text
        for activity in workshop.activities.values():
            seat = activity.seats.get(other.id)
            if seat and seat not in own_seats:
                assert squash(seat) not in text


def test_group_edition_holds_no_personal_data(workshop: Workshop,
                                              group: tuple[Itinerary, list[str]]) -> None:
    text = squash("".join(group[1]))
    for trainee in workshop.trainees.values():
        for value in (trainee.name, trainee.email, trainee.phone, trainee.dietary):
            assert not value or squash(value) not in text


def test_every_page_has_page_n_of_m(group: tuple[Itinerary, list[str]]) -> None:
    pages = group[1]
    for number, text in enumerate(pages, 1):
        assert f"page {number} of {len(pages)}" in text


def test_a_day_that_runs_onto_another_page_repeats_its_header(
        group: tuple[Itinerary, list[str]]) -> None:
    itinerary, pages = group
    continued = [(n, p) for n, p in enumerate(pages) if "(continued)" in p]
    assert continued, "in the sample, some day runs onto a second page"
    for number, text in continued:
        heading = next(d.heading for d in itinerary.days if f"{d.heading} (continued)" in text)
        assert squash(heading) in squash(pages[number - 1]), "the day started a page before"


def test_page_count_fits_the_content(workshop: Workshop,
                                     group: tuple[Itinerary, list[str]]) -> None:
    itinerary, pages = group
    one_day = Workshop(replace(workshop.programme, start_date=date(2027, 3, 10),
                               end_date=date(2027, 3, 10)), dict(workshop.sites),
                       dict(workshop.trainees), resources=dict(workshop.resources))
    for activity in workshop.activities_on(date(2027, 3, 10)):
        one_day.put(activity)
    small = pages_of(render_pdf(build_itinerary(one_day, Edition.GROUP)))
    assert 3 <= len(small) <= 4  # cover, the day, one page of taxi cards (plus at most one)
    assert all(page.strip() for page in pages)
    cards = -(-len(itinerary.places) // 4)
    assert len(itinerary.days) // 2 + cards < len(pages) < len(itinerary.days) + cards + 4


def test_taxi_cards_show_chinese_and_a_map_code(group: tuple[Itinerary, list[str]]) -> None:
    itinerary, pages = group
    start = next(n for n, p in enumerate(pages) if "Taxi cards" in p)
    cards = squash("".join(pages[start:]))
    for place in itinerary.places:
        assert squash(place.name_zh) in cards
        assert squash(place.address_zh) in cards
        assert place.links is not None
        count, ops = qr_path(place.links.amap)
        assert count >= 21 and ops.endswith("f")


def test_a_very_long_entry_splits_across_pages(workshop: Workshop) -> None:
    copy = sample_workshop()
    visit = next(a for a in copy.ordered_activities() if a.kind == "visit")
    copy.put(replace(visit, description="Long notes. 长的说明。 " * 1000))
    first = copy.ordered_activities()[0]  # right under its day's header
    copy.put(replace(first, description="First entry. 第一项。 " * 1000))
    pages = pages_of(render_pdf(build_itinerary(copy, Edition.GROUP)))
    text = squash("".join(pages))
    assert text.count(squash("Long notes. 长的说明。")) == 1000
    assert text.count(squash("First entry. 第一项。")) == 1000
    assert squash(visit.title) in text


def test_the_font_is_embedded_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fonts.FONT_ENV, raising=False)
    font = fonts.choose_font()
    assert font.embedded, "paperang-p2-fonts-cjk (a dependency) ships WenQuanYi Micro Hei"
    data = render_pdf(build_itinerary(sample_workshop(), Edition.GROUP), font)
    assert b"/FontFile2" in data


def test_the_cid_fallback_still_writes_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fonts.FONT_ENV, "cid")
    font = fonts.choose_font()
    assert not font.embedded and font.name == "STSong-Light"
    workshop = sample_workshop()
    data = render_pdf(build_itinerary(workshop, Edition.GROUP), font)
    assert b"/STSong-Light" in data and b"/FontFile2" not in data


def test_fonts_that_cannot_print_chinese_are_refused(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    cff = tmp_path / "fake.otf"
    cff.write_bytes(b"OTTO\x00\x01\x00\x00\x00\x00\x00\x00" + b"CFF " + b"\x00" * 12)
    with pytest.raises(fonts.FontError, match="PostScript"):
        fonts.choose_font(str(cff))
    with pytest.raises(fonts.FontError, match="does not exist"):
        fonts.choose_font(str(tmp_path / "missing.ttf"))
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if latin.is_file():
        with pytest.raises(fonts.FontError, match="no Chinese"):
            fonts.choose_font(str(latin))


def test_an_activity_with_no_site_prints(workshop: Workshop) -> None:
    copy = sample_workshop()
    day = date(2027, 3, 13)
    copy.put(Activity("free_time", "Free afternoon in the city", f"{day}T14:00+08:00",
                      f"{day}T18:00+08:00"))
    text = squash("".join(pages_of(render_pdf(build_itinerary(copy, Edition.GROUP)))))
    assert squash("Free afternoon in the city") in text


def test_print_warns_when_no_font_can_be_embedded(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from cistrat_tui.cli.main import main

    monkeypatch.delenv(fonts.FONT_ENV, raising=False)
    monkeypatch.setattr(fonts, "candidate_fonts", list)
    trainee = next(iter(sample_workshop().trainees.values()))
    assert main(["print", "--trainee", trainee.id]) == 0
    captured = capsys.readouterr()
    assert "STSong-Light" in captured.err and fonts.FONT_ENV in captured.err
    path = captured.out.strip()
    assert path.endswith(".pdf")
    with open(path, "rb") as handle:
        assert b"/STSong-Light" in handle.read()

"""PDF itineraries read back with pypdf: every entry in order with its Chinese address, the right
people's data only, page numbers and targets, repeated day headers, the font and taxi cards."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.exports import fonts
from cistrat_tui.exports.itinerary import Edition, Itinerary, build_itinerary
from cistrat_tui.exports.pdf import render_pdf
from cistrat_tui.exports.pdf_data import qr_svg, taxi_places

TRAINEE_PAGES = 10  # the targets of issue 18 for the sample
GROUP_PAGES = 14


def squash(value: str) -> str:
    return re.sub(r"\s+", "", value)


def pages_of(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def text_off_the_page(data: bytes) -> list[str]:
    """The text drawn outside its page's printable box (lost on paper), if any."""
    lost: list[str] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        box = page.mediabox

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float,
                  top: float = float(box.top)) -> None:
            y = cm[5] + tm[5]
            if text.strip() and not 5 < y < top - 5:
                lost.append(text)

        page.extract_text(visitor_text=visit)
    return lost


@pytest.fixture(scope="module")
def workshop() -> Workshop:
    return sample_workshop()


@pytest.fixture(scope="module")
def group(workshop: Workshop) -> tuple[Itinerary, list[str]]:
    itinerary = build_itinerary(workshop, Edition.GROUP)
    return itinerary, pages_of(render_pdf(itinerary))


@pytest.fixture(scope="module")
def trainee_pdfs(workshop: Workshop) -> dict[str, tuple[Itinerary, bytes]]:
    found = {}
    for trainee_id in workshop.trainees:
        itinerary = build_itinerary(workshop, Edition.TRAINEE, trainee_id)
        found[trainee_id] = (itinerary, render_pdf(itinerary))
    return found


@pytest.fixture(scope="module")
def trainees(trainee_pdfs: dict[str, tuple[Itinerary, bytes]]
             ) -> dict[str, tuple[Itinerary, list[str]]]:
    """The text of one trainee's edition for each different set of entries (reading a PDF's
    text back is the slow part; trainees with the same entries differ only in name and seat,
    which the seat test covers for one of them)."""
    found: dict[str, tuple[Itinerary, list[str]]] = {}
    seen: set[tuple[str, ...]] = set()
    for trainee_id, (itinerary, data) in trainee_pdfs.items():
        entries = tuple(e.activity_id for e in itinerary.entries())
        if entries not in seen:
            seen.add(entries)
            found[trainee_id] = (itinerary, pages_of(data))
    return found


def trainee_id(workshop: Workshop, group_name: str) -> str:
    return next(t.id for t in workshop.trainees.values() if t.group == group_name)


def test_every_activity_of_every_day_in_order_with_its_chinese_address(
        group: tuple[Itinerary, list[str]]) -> None:
    itinerary, pages = group
    text = squash("\n".join(pages))
    position = 0
    for day, following in zip(itinerary.days, [*itinerary.days[1:], None], strict=True):
        start = text.index(squash(day.heading), position)
        end = text.index(squash(following.heading), start) if following else len(text)
        position = start
        for entry in day.entries:
            found = text.find(squash(entry.title), position)
            assert start <= found < end, f"{entry.title!r} missing or out of order"
            position = found
            for place in (entry.origin, entry.place):
                if place is not None and place.address_zh:
                    assert squash(place.address_zh) in text[start:end], place.name_en


def test_sample_editions_meet_the_page_targets(
        group: tuple[Itinerary, list[str]],
        trainee_pdfs: dict[str, tuple[Itinerary, bytes]]) -> None:
    assert len(group[1]) <= GROUP_PAGES
    assert len(trainee_pdfs) == 15
    for itinerary, data in trainee_pdfs.values():
        assert len(PdfReader(io.BytesIO(data)).pages) <= TRAINEE_PAGES, itinerary.reader


def test_nothing_a_trainee_needs_is_left_out(
        workshop: Workshop, trainees: dict[str, tuple[Itinerary, list[str]]]) -> None:
    """Times, places in both languages with both addresses, meeting points, what to bring,
    dress, seats, hosts, hotels and every contact number: in every trainee's edition."""
    for reader_id, (itinerary, pages) in trainees.items():
        text = squash("".join(pages))
        needed = [itinerary.reader, itinerary.coordinator.phone,
                  *(c.phone for c in itinerary.emergency)]
        for stay in itinerary.hotels:
            needed += [stay.place.name_en, stay.place.name_zh, stay.place.address_zh,
                       stay.place.address_en, stay.place.phone]
        for entry in itinerary.entries():
            needed += [entry.title, f"{entry.start:%H:%M}", f"{entry.end:%H:%M}",
                       entry.meeting_point, entry.transport, entry.seat, *entry.notes]
            for place in (entry.origin, entry.place):
                if place is not None:
                    needed += [place.name_en, place.name_zh, place.address_zh,
                               place.address_en]
        activities = [a for a in workshop.activities.values() if not a.cancelled
                      and a.participants.includes(workshop.trainees[reader_id])]
        needed += [f"Bring: {a.what_to_bring}" for a in activities if a.what_to_bring]
        needed += [f"Yourseat:{a.seats[reader_id]}" for a in activities if reader_id in a.seats]
        missing = [value for value in needed if value and squash(value) not in text]
        assert not missing, (itinerary.reader, missing[:5])


def test_no_cancelled_activity_in_any_edition(workshop: Workshop,
                                              group: tuple[Itinerary, list[str]]) -> None:
    cancelled = [a.title for a in workshop.activities.values() if a.cancelled]
    assert cancelled
    staff = "".join(pages_of(render_pdf(build_itinerary(workshop, Edition.STAFF))))
    for text in ("".join(group[1]), staff):
        for title in cancelled:
            assert squash(title) not in squash(text)


def test_personal_edition_holds_only_that_trainees_entries_and_seat(
        workshop: Workshop, trainees: dict[str, tuple[Itinerary, list[str]]]) -> None:
    reader_id = next(t for t in trainees if workshop.trainees[t].group == "A")
    reader = workshop.trainees[reader_id]
    text = squash("".join(trainees[reader_id][1]))
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


def test_nothing_is_drawn_off_the_page(group: tuple[Itinerary, list[str]]) -> None:
    assert text_off_the_page(render_pdf(group[0])) == []


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


def test_a_short_programme_is_short(workshop: Workshop) -> None:
    one_day = Workshop(replace(workshop.programme, start_date=date(2027, 3, 10),
                               end_date=date(2027, 3, 10)), dict(workshop.sites),
                       dict(workshop.trainees), resources=dict(workshop.resources))
    for activity in workshop.activities_on(date(2027, 3, 10)):
        one_day.put(activity)
    itinerary = build_itinerary(one_day, Edition.GROUP)
    small = pages_of(render_pdf(itinerary))
    cards = -(-len(taxi_places(itinerary)) // 4)
    assert 1 < len(small) <= 1 + cards
    assert all(page.strip() for page in small)


def test_each_address_is_printed_once_a_day(group: tuple[Itinerary, list[str]]) -> None:
    itinerary, pages = group
    text = squash("".join(pages))
    cards = text.index(squash("师傅\uff0c请送我到这里"))
    days = text[:cards]
    for day, following in zip(itinerary.days, [*itinerary.days[1:], None], strict=True):
        start = days.index(squash(day.heading))
        end = days.index(squash(following.heading)) if following else len(days)
        places = {p.site_id: p for e in day.entries for p in (e.origin, e.place) if p}
        for place in places.values():
            if place.address_en:
                assert days[start:end].count(squash(place.address_en)) == 1, place.name_en


def test_taxi_cards_four_to_a_page_with_chinese_and_a_map_code(
        group: tuple[Itinerary, list[str]]) -> None:
    itinerary, pages = group
    ask = squash("师傅\uff0c请送我到这里")
    counts = [squash(page).count(ask) for page in pages]
    assert max(counts) == 4 and sum(counts) == len(taxi_places(itinerary))
    cards = squash("".join(pages))
    cards = cards[cards.index(ask):]
    for place in taxi_places(itinerary):
        assert squash(place.name_zh) in cards and squash(place.address_zh) in cards
        assert place.links is not None
        svg = qr_svg(place.links.amap)
        assert svg.startswith("<svg") and "<path" in svg


def test_no_card_for_a_station_only_arrived_at(group: tuple[Itinerary, list[str]]) -> None:
    itinerary = group[0]
    chosen = {p.name_en for p in taxi_places(itinerary)}
    assert "Guangzhou Baiyun International Airport" not in chosen  # arrival by plane only
    assert "Wuhan Railway Station" in chosen  # also a departure
    assert {s.place.name_en for s in itinerary.hotels} <= chosen
    assert {e.place.name_en for e in itinerary.entries()
            if e.place is not None and e.origin is None} <= chosen


def test_the_longest_name_of_the_sample_fits_its_card_above_the_qr_code(
        group: tuple[Itinerary, list[str]]) -> None:
    itinerary = group[0]
    longest = max((p for p in taxi_places(itinerary)), key=lambda p: len(p.name_zh))
    assert longest.name_zh == "武汉东湖新技术开发区\uff08中国光谷\uff09"
    reader = PdfReader(io.BytesIO(render_pdf(itinerary)))
    width = float(reader.pages[0].mediabox.width)
    for page in reader.pages:
        runs: list[tuple[str, float, float, float]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float,
                  found: list[tuple[str, float, float, float]] = runs) -> None:
            if text.strip():
                found.append((text, cm[4] + tm[4], cm[5] + tm[5], size * tm[0]))

        page.extract_text(visitor_text=visit)
        name_runs = [r for r in runs if r[3] >= 12 and squash(r[0]) in longest.name_zh
                     and len(squash(r[0])) > 1]
        if "".join(squash(r[0]) for r in name_runs) != longest.name_zh:
            continue
        left = min(r[1] for r in name_runs)
        column_right = left + (width - 2 * 31.2 - 14.2) / 2 - 2 * 11.3  # the card's inner width
        for text, x, _, size in name_runs:
            assert x + len(squash(text)) * size <= column_right + 1, text
        labels = [r for r in runs if "Amap" in r[0] and abs(r[1] - left) < 300
                  and r[2] < min(n[2] for n in name_runs)]
        qr_top = max(r[2] for r in labels) + 34 * 72 / 25.4
        assert min(r[2] for r in name_runs) > qr_top, "the name runs under the QR code"
        return
    pytest.fail("the card of the longest name was not found")


def test_a_very_long_entry_splits_across_pages() -> None:
    copy = sample_workshop()
    visit = next(a for a in copy.ordered_activities() if a.kind == "visit")
    copy.put(replace(visit, description="Long notes. 长的说明。 " * 1000))
    first = copy.ordered_activities()[0]  # right under its day's header
    copy.put(replace(first, description="First entry. 第一项。 " * 1000))
    data = render_pdf(build_itinerary(copy, Edition.GROUP))
    assert text_off_the_page(data) == []
    pages = pages_of(data)
    # Without the running header and the footer, which interrupt the text at a page break.
    running = re.compile(r"^((Day \d+|Before the programme) .*\(continued\)|"
                         r".* page \d+ of \d+)$")
    text = squash("".join("\n".join(line for line in page.splitlines()
                                     if not running.match(line.strip())) for page in pages))
    assert text.count(squash("Long notes. 长的说明。")) == 1000
    assert text.count(squash("First entry. 第一项。")) == 1000
    assert squash(visit.title) in text


def test_the_bundled_font_is_embedded_with_its_licence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fonts.FONT_ENV, raising=False)
    font = fonts.choose_font()
    assert font.family == "Noto Sans SC"
    assert "Open Font License" in fonts.bundled_licence_path().read_text()
    data = render_pdf(build_itinerary(sample_workshop(), Edition.GROUP), font)
    assert b"/FontFile3" in data and b"NotoSansSC" in data
    assert "北京市海淀区" in "".join(pages_of(data))


def test_fonts_that_cannot_print_chinese_are_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.otf"
    fake.write_bytes(b"OTTO\x00\x01\x00\x00\x00\x00\x00\x00" + b"CFF " + b"\x00" * 12)
    with pytest.raises(fonts.FontError, match="cannot use the font"):
        fonts.choose_font(str(fake))
    with pytest.raises(fonts.FontError, match="does not exist"):
        fonts.choose_font(str(tmp_path / "missing.ttf"))
    text = tmp_path / "notes.txt"
    text.write_text("not a font")
    with pytest.raises(fonts.FontError, match=r"choose an \.otf"):
        fonts.choose_font(str(text))
    latin = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if latin.is_file():
        with pytest.raises(fonts.FontError, match="no Chinese"):
            fonts.choose_font(str(latin))


def test_another_chinese_font_can_be_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = fonts.bundled_font_path()
    monkeypatch.setenv(fonts.FONT_ENV, str(bundled))
    font = fonts.choose_font()
    assert font.family == "Noto Sans SC" and font.folder != bundled.parent
    assert next(iter(font.folder.iterdir())).resolve() == bundled.resolve()


def test_an_activity_with_no_site_prints() -> None:
    copy = sample_workshop()
    day = date(2027, 3, 13)
    copy.put(Activity("free_time", "Free afternoon in the city", f"{day}T14:00+08:00",
                      f"{day}T18:00+08:00"))
    text = squash("".join(pages_of(render_pdf(build_itinerary(copy, Edition.GROUP)))))
    assert squash("Free afternoon in the city") in text


def test_markup_in_names_is_printed_as_text() -> None:
    copy = sample_workshop()
    visit = next(a for a in copy.ordered_activities() if a.kind == "visit")
    title = '#pagebreak() *bold* $x$ ] [ #"quote" \\ <label> @ref'
    copy.put(replace(visit, title=title))
    pages = pages_of(render_pdf(build_itinerary(copy, Edition.GROUP)))
    assert squash(title) in squash("".join(pages))


def test_print_refuses_an_unusable_font_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cistrat_tui.cli.main import main

    assert main(["--db", str(tmp_path / "w.json"), "print", "--font",
                 str(tmp_path / "none.ttf")]) != 0
    captured = capsys.readouterr()
    assert captured.out == "" and len(captured.err.strip().splitlines()) == 1
    assert "does not exist" in captured.err

"""Every output of the sample scanned for every trainee's personal values (issue 15).

Passport numbers and dates of birth appear only in a host's visitor list (for the visitors of
that host) and in the staff outputs; gender only in rooming lists, visitor lists and staff
outputs; phones, emails, emergency contacts and flight numbers never in the group's outputs
or in another trainee's. The itineraries are scanned as Markdown and text (every edition) and
the group's PDF; the PDF editions render the same view as those (see ``exports/itinerary``).
"""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pypdf
import pytest
from python_calamine import CalamineWorkbook

from cistrat_tui.core.io.roster_csv import roster_csv
from cistrat_tui.core.records.model import Participants, Trainee
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference.places import place_id
from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.exports.ics import build_calendars
from cistrat_tui.exports.itinerary import Edition, build_itinerary
from cistrat_tui.exports.list_files import books, render
from cistrat_tui.exports.markdown import render_markdown
from cistrat_tui.exports.renderers import renderer
from cistrat_tui.exports.text import render_text

GENDER_WORDS = re.compile(r"\b(female|male)\b|F 女|M 男|性别|\bGender\b")


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def xlsx_text(data: bytes) -> str:
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return "\n".join(str(cell) for name in workbook.sheet_names
                     for row in workbook.get_sheet_by_name(name).to_python() for cell in row)


def outputs(workshop: Workshop) -> dict[str, tuple[str, str | None]]:
    """Every output by name: its text and its reader (``group``, ``staff``, a trainee id,
    ``rooming``, ``meals``, ``pickups`` or ``visitors:<site id>``)."""
    found: dict[str, tuple[str, str | None]] = {}
    for calendar in build_calendars(workshop):
        text = calendar.to_bytes().decode("utf-8").replace("\r\n ", "")  # unfolded
        reader = calendar.trainee_id if calendar.trainee_id else calendar.view.value
        found[calendar.filename] = (text, reader)
    editions = [("group", build_itinerary(workshop, Edition.GROUP)),
                ("staff", build_itinerary(workshop, Edition.STAFF))]
    editions += [(t.id, build_itinerary(workshop, Edition.TRAINEE, t.id))
                 for t in workshop.trainees.values()]
    for reader, itinerary in editions:
        found[f"itinerary-{reader}.md"] = (render_markdown(itinerary), reader)
        found[f"itinerary-{reader}.txt"] = (render_text(itinerary), reader)
    found["itinerary-group.pdf"] = (pdf_text(renderer("pdf")(editions[0][1])), "group")
    found["roster.csv"] = (roster_csv(workshop).decode("utf-8-sig"), "staff")
    for which in ("rooming", "meals", "pickups", "visitors"):
        for stem, book in books(workshop, which).items():
            reader = which
            if which == "visitors":
                reader = "visitors:" + next(s for s in workshop.sites.values()
                                            if f"Visitor list: {s.name_en}" == book.title).id
            found[f"{stem}.xlsx"] = (xlsx_text(render(book, "xlsx")), reader)
            found[f"{stem}.pdf"] = (pdf_text(render(book, "pdf")), reader)
    return found


def visitors_of(workshop: Workshop, site_id: str) -> set[str]:
    return {t.id for a in workshop.activities.values()
            if a.site_id == site_id and a.kind == "visit" and not a.cancelled
            for t in workshop.participants_of(a.participants)}


def leaks(workshop: Workshop) -> list[str]:
    """Every personal value found where it must not be, as 'file: field of name'."""
    found = []
    for name, (text, reader) in outputs(workshop).items():
        if reader == "staff":
            continue
        for trainee in workshop.trainees.values():
            if reader == trainee.id:
                continue  # a trainee's own edition may show their own details
            values = trainee.personal_values()
            for leg in (trainee.arrival, trainee.departure):
                if leg is not None:
                    values.setdefault("flight", leg.flight_number)
            for field, value in values.items():
                if value not in text:
                    continue
                if field in ("passport_number", "passport_expiry", "date_of_birth") and \
                        reader is not None and reader.startswith("visitors:") and \
                        trainee.id in visitors_of(workshop, reader.split(":", 1)[1]):
                    continue
                if field == "flight" and reader == "pickups":
                    continue
                found.append(f"{name}: {field} of {trainee.name}")
        if reader not in ("rooming", "pickups") and not str(reader).startswith("visitors:") \
                and GENDER_WORDS.search(text):
            found.append(f"{name}: gender ({GENDER_WORDS.search(text)[0]!r})")  # type: ignore[index]
    return found


@pytest.fixture(scope="module")
def sample() -> Workshop:
    return sample_workshop()


def test_the_sample_has_every_kind_of_personal_value(sample: Workshop) -> None:
    for trainee in sample.trainees.values():
        assert {"passport_number", "date_of_birth", "phone", "email"} <= \
            set(trainee.personal_values()), trainee.name
        assert trainee.gender and trainee.arrival and trainee.departure


def test_no_output_of_the_sample_shows_personal_data_to_the_wrong_reader(
        sample: Workshop) -> None:
    assert leaks(sample) == []


def test_a_passport_in_a_title_is_scrubbed_from_every_output_for_others(
        sample: Workshop) -> None:
    workshop = dataclasses.replace(sample, activities=dict(sample.activities))
    first: Trainee = next(iter(workshop.trainees.values()))
    lunch = next(a for a in workshop.activities.values() if a.kind == "meal")
    workshop.activities[lunch.id] = dataclasses.replace(
        lunch, title=f"Lunch (bring passport {first.passport_number})")
    assert leaks(workshop) == []


def test_the_scan_catches_a_leak_and_a_visitor_list_of_another_host(
        sample: Workshop, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scan is not blind: with the scrubbing rule broken, a passport in a title is found,
    and so is a host that is not visited by group B."""
    from cistrat_tui.exports import privacy

    monkeypatch.setattr(privacy.Scrubber, "__call__", lambda self, text: text)
    workshop = dataclasses.replace(sample, activities=dict(sample.activities))
    first: Trainee = next(iter(workshop.trainees.values()))
    lunch = next(a for a in workshop.activities.values() if a.kind == "meal")
    workshop.activities[lunch.id] = dataclasses.replace(
        lunch, title=f"Lunch (bring passport {first.passport_number})")
    visit = next(a for a in workshop.activities.values()
                 if a.kind == "visit" and a.site_id == place_id("zhangjiang"))
    workshop.activities[visit.id] = dataclasses.replace(visit, participants=Participants(
        "group", "A"))
    found = leaks(workshop)
    assert "group.ics: passport_number of Selamawit Bekele Tadesse" in found
    assert "meals.xlsx: passport_number of Selamawit Bekele Tadesse" in found
    # The other Zhangjiang visit still has everyone, so B's passports stay in that file; a
    # host that group B never visits gets no passport of theirs:
    assert not any("visitors-Shanghai-Zhangjiang" in f for f in found)


def test_a_host_visited_by_one_group_gets_only_that_group(sample: Workshop) -> None:
    workshop = dataclasses.replace(sample, activities=dict(sample.activities))
    for activity in list(workshop.activities.values()):
        if activity.kind == "visit" and activity.site_id == place_id("zhangjiang"):
            workshop.activities[activity.id] = dataclasses.replace(
                activity, participants=Participants("group", "A"))
    [(stem, book)] = books(workshop, "visitors", host="zhangjiang").items()
    text = xlsx_text(render(book, "xlsx"))
    for trainee in workshop.trainees.values():
        assert (trainee.passport_number in text) == (trainee.group == "A"), trainee.name
    assert Path(stem).name.startswith("visitors-")

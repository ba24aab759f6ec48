"""The trainees area: the roster and its filter, adding and grouping a trainee, and importing a
roster CSV (a file with a bad row writes nothing at all; a good one is previewed, then saved)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.widgets import Button, Static

from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui import app as app_module
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.forms.trainee import TraineeForm, build_trainee, trainee_texts
from cistrat_tui.tui.screens.dialogs import Prompt
from cistrat_tui.tui.screens.roster_import import RosterImportScreen
from cistrat_tui.tui.screens.trainees import TraineesScreen, filter_trainees
from tests.tui.conftest import SIZE
from tests.tui.helpers import error_beside, fill, settle

BAD_ROSTER = ("Name,Country,Email,Group\n"
              "Amina Diallo,Senegal,amina.diallo@example.org,B\n"
              "Kofi Mensah,Ghana,kofi@,A\n")
GOOD_ROSTER = ("Name,Country,Email,Group,Dietary needs\n"
               "Amina Diallo,Senegal,amina.diallo@example.org,B,Halal\n"
               "Kofi Mensah,Ghana,kofi.mensah@example.org,A,\n")


class TraineesApp(CistratApp):
    """The app with the trainees area as a mode (until app.py lists it)."""

    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))
    MODES: ClassVar = {**CistratApp.MODES, "trainees": TraineesScreen}


def on_disk(store: WorkshopStore) -> dict[str, object]:
    with WorkshopStore.open(store.path, readonly=True) as again:
        return dict(again.workshop.trainees)


def shown(app: CistratApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, TraineesScreen)
    return [t.name for t in screen.shown_trainees]


def text_of(app: CistratApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def test_the_filter_matches_name_country_group_and_accents() -> None:
    trainees = list(sample_workshop().trainees.values())
    ethiopians = filter_trainees(trainees, "ethiopia")
    assert ethiopians and all(t.country == "Ethiopia" for t in ethiopians)
    in_b = filter_trainees(trainees, "group b")
    assert in_b and all(t.group == "B" for t in in_b)
    assert [t.name for t in filter_trainees(trainees, "SELAMAWIT")] == \
        ["Selamawit Bekele Tadesse"]


def test_the_form_refuses_a_bad_email_and_a_second_trainee_with_the_same_email() -> None:
    workshop = sample_workshop()
    someone = next(iter(workshop.trainees.values()))
    texts = {**trainee_texts(None), "name": "New Person", "email": "new@"}
    assert "email" in build_trainee(texts, workshop)[1]
    texts["email"] = someone.email.upper()
    assert "already the email" in build_trainee(texts, workshop)[1]["email"]
    assert build_trainee(trainee_texts(someone), workshop, someone) == (someone, {})


async def test_the_roster_shows_personal_data_and_filters(store: WorkshopStore,
                                                          checker) -> None:  # type: ignore[no-untyped-def]
    app = TraineesApp(store, checker=checker, mode="trainees")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(shown(app)) == len(store.workshop.trainees)
        await pilot.press("slash", *"selamawit", "enter")
        await pilot.pause()
        assert shown(app) == ["Selamawit Bekele Tadesse"]
        detail = text_of(app, "#trainee-detail")
        for part in ("selamawit.bekele@example.org", "+251 91 555 0101",
                     "No meat on Wednesdays", "Family contact of Selamawit"):
            assert part in detail


async def test_add_a_trainee_then_put_them_in_a_group(store: WorkshopStore,
                                                      checker) -> None:  # type: ignore[no-untyped-def]
    app = TraineesApp(store, checker=checker, mode="trainees")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, TraineeForm)
        await fill(pilot, "name", "Lucía Fernández")
        await fill(pilot, "email", "lucia@")
        assert "email" in error_beside(app, "email")
        assert app.screen.query_one("#form-save", Button).disabled
        await fill(pilot, "email", "lucia@example.org")
        await fill(pilot, "country", "Peru")
        await pilot.press("ctrl+s")
        await settle(pilot)
        lucia = next(t for t in on_disk(store).values() if t.name == "Lucía Fernández")  # type: ignore[attr-defined]
        assert app.screen.selected_trainee.id == lucia.id  # type: ignore[attr-defined]
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, Prompt)
        app.screen.query_one("#prompt-0").value = "B"
        await pilot.press("enter")
        await settle(pilot)
        assert on_disk(store)[lucia.id].group == "B"  # type: ignore[attr-defined]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert on_disk(store)[lucia.id].group == ""  # type: ignore[attr-defined]


async def import_file(pilot, path: Path) -> RosterImportScreen:  # type: ignore[no-untyped-def]
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(pilot.app.screen, Prompt)
    pilot.app.screen.query_one("#prompt-0").value = str(path)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, RosterImportScreen)
    return screen


async def test_a_roster_with_a_bad_row_writes_nothing_then_a_good_one_is_imported(
        store: WorkshopStore, checker, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_text(BAD_ROSTER, encoding="utf-8")
    good.write_text(GOOD_ROSTER, encoding="utf-8")
    before = store.path.read_bytes()
    count = len(store.workshop.trainees)
    app = TraineesApp(store, checker=checker, mode="trainees")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        preview = await import_file(pilot, bad)
        assert preview.plan is None
        assert "1 problem" in text_of(app, "#import-heading")
        assert "row 3: email 'kofi@'" in text_of(app, "#import-preview")
        assert app.screen.query_one("#import-apply", Button).disabled
        await pilot.press("ctrl+s")  # refused: no way to write a bad file
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TraineesScreen)
        assert store.path.read_bytes() == before
        assert len(store.workshop.trainees) == count

        preview = await import_file(pilot, good)
        assert "2 added, 0 updated" in text_of(app, "#import-heading")
        lines = text_of(app, "#import-preview")
        assert "+ row 2: add Amina Diallo (Senegal, group B)" in lines
        assert "+ row 3: add Kofi Mensah (Ghana, group A)" in lines
        assert store.path.read_bytes() == before  # a preview writes nothing
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TraineesScreen)
        saved = {t.name: t for t in on_disk(store).values()}  # type: ignore[attr-defined]
        assert saved["Amina Diallo"].dietary == "Halal"  # type: ignore[attr-defined]
        assert saved["Kofi Mensah"].group == "A"  # type: ignore[attr-defined]
        assert len(saved) == count + 2
        assert "Kofi Mensah" in shown(app)

        again = await import_file(pilot, good)  # the same file again changes nothing
        assert again.plan is not None and not again.plan.changes
        assert "Nothing to change" in text_of(app, "#import-preview")
        await pilot.press("escape")
        await settle(pilot)

        moved = tmp_path / "moved.csv"
        moved.write_text("Name,Email,Group\nKofi Mensah,kofi.mensah@example.org,B\n",
                         encoding="utf-8")
        await import_file(pilot, moved)
        assert "~ row 2: update Kofi Mensah: group 'A' → 'B'" in text_of(app, "#import-preview")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert on_disk(store)[saved["Kofi Mensah"].id].group == "B"  # type: ignore[attr-defined]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert on_disk(store)[saved["Kofi Mensah"].id].group == "A"  # type: ignore[attr-defined]


async def test_a_whole_import_is_one_undo(store: WorkshopStore, checker,
                                                              tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.csv"
    good.write_text(GOOD_ROSTER, encoding="utf-8")
    count = len(store.workshop.trainees)
    app = TraineesApp(store, checker=checker, mode="trainees")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await import_file(pilot, good)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(on_disk(store)) == count + 2
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert len(on_disk(store)) == count
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert len(on_disk(store)) == count + 2


def test_the_import_preview_shows_a_guessed_encoding_and_the_decoded_names(
        tmp_path: Path) -> None:
    from cistrat_tui.core.io.csv_files import ImportRefused
    from cistrat_tui.tui.screens.roster_import import preview_lines, read_plan

    roster = tmp_path / "western-excel.csv"
    roster.write_bytes("Name,Country\r\nAna Gonçalves,Moçambique\r\n".encode("cp1252"))
    plan = read_plan(roster, sample_workshop())
    assert not isinstance(plan, ImportRefused)
    text = "\n".join(preview_lines(plan))
    assert "Read as Windows-1252 (guessed)" in text and "check that the names" in text
    assert "Ana Gonçalves" in text
    refused = read_plan(Path("/dev/zero"), sample_workshop())
    assert isinstance(refused, ImportRefused) and "not a regular file" in refused.problems[0]

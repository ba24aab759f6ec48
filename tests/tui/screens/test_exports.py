"""The exports screen: write everything or one reader's files in a worker, list them, read a
text itinerary inside the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import (
    DataTable,
    Input,
    ProgressBar,
    RadioButton,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from cistrat_tui.core.sample import sample_workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.exports.ics import write_calendars
from cistrat_tui.exports.renderers import write_itineraries
from cistrat_tui.tui.problem_source import StandInProblem
from cistrat_tui.tui.screens.dialogs import Confirm
from cistrat_tui.tui.screens.exports import ExportsScreen, export_jobs, size_text
from cistrat_tui.tui.screens.text_viewer import TextViewer
from tests.tui.conftest import SIZE
from tests.tui.helpers import settle
from tests.tui.screens.test_planner import TestApp


def names_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


async def choose(pilot, folder: Path, kinds: list[str], whom: str = "everyone",
                 trainee_id: str | None = None) -> None:
    screen = pilot.app.screen
    selection = screen.query_one("#exports-kinds", SelectionList)
    selection.deselect_all()
    for kind in kinds:
        selection.select(kind)
    if trainee_id is not None:
        screen.query_one("#exports-trainee", Select).value = trainee_id
    screen.query_one(f"#whom-{whom}", RadioButton).value = True
    screen.query_one("#exports-folder", Input).value = str(folder)
    await pilot.pause()


def test_the_jobs_are_the_files_the_commands_write(tmp_path: Path) -> None:
    """Same folders, same names as ``cistrat-tui export ics`` and ``cistrat-tui print``."""
    workshop = sample_workshop()
    jobs = export_jobs(workshop, ["ics", "md", "txt"], "everyone", None, tmp_path / "app")
    by_command = tmp_path / "cli"
    first = jobs[0].path.parent.parent.name
    write_calendars(workshop, by_command / first / "calendars")
    for fmt in ("md", "txt"):
        write_itineraries(workshop, by_command / first / "itineraries", fmt)
    assert {str(j.path.relative_to(tmp_path / "app")) for j in jobs} == names_under(by_command)
    one = next(iter(workshop.trainees))
    assert len(export_jobs(workshop, ["ics", "txt"], "trainee", one, tmp_path)) == 2
    group = export_jobs(workshop, ["ics", "txt"], "group", None, tmp_path)
    assert sorted(j.path.name for j in group) == ["group.ics", "group.txt", "staff.ics",
                                                  "staff.txt"]


def test_size_text() -> None:
    assert (size_text(812), size_text(14_200)) == ("812 B", "14.2 kB")


async def test_export_everything_and_find_the_files_on_disk(store: WorkshopStore, checker,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "out"
    app = TestApp(store, checker=checker, mode="exports")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ExportsScreen)
        await choose(pilot, out, ["ics", "pdf", "md", "txt"])
        await pilot.press("ctrl+s")
        await settle(pilot)
        readers = len(store.workshop.trainees) + 2  # group and staff editions
        files = app.screen.query_one("#exports-files", DataTable)
        assert files.row_count == 4 * readers
        listed = {str(files.get_row_at(n)[3]) for n in range(files.row_count)}
        on_disk = {str(p) for p in out.rglob("*") if p.is_file()}
        assert listed == on_disk
        for suffix in (".ics", ".pdf", ".md", ".txt"):
            assert sum(p.endswith(suffix) for p in on_disk) == readers
        assert all(Path(p).stat().st_size > 0 for p in on_disk)
        progress = app.screen.query_one("#exports-progress", ProgressBar)
        assert progress.total == progress.progress == 4 * readers
        status = str(app.screen.query_one("#exports-status", Static).render())
        assert status.startswith(f"Wrote {4 * readers} files to ")
        highlighted = Path(str(files.get_row_at(files.cursor_row)[3]))
        assert highlighted.name == "group.txt"  # the first text itinerary, ready to read
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextViewer)
        assert app.screen.path == highlighted


async def test_one_trainees_text_itinerary_opens_in_the_viewer(store: WorkshopStore, checker,
                                                              tmp_path: Path) -> None:
    trainee = sorted(store.workshop.trainees.values(), key=lambda t: t.name)[0]
    app = TestApp(store, checker=checker, mode="exports")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, tmp_path, ["txt"], "trainee", trainee.id)
        await pilot.click("#exports-write")
        await settle(pilot)
        files = app.screen.query_one("#exports-files", DataTable)
        assert files.row_count == 1
        path = Path(str(files.get_row_at(0)[3]))
        assert path.name.startswith("trainee-") and path.suffix == ".txt"
        assert files.has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextViewer)
        area = app.screen.query_one("#viewer-text", TextArea)
        assert area.read_only
        assert area.text == path.read_text(encoding="utf-8")
        assert trainee.name in area.text
        await pilot.press("x", "pagedown")  # nothing can be typed; it scrolls
        assert area.text == path.read_text(encoding="utf-8")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExportsScreen)


async def test_other_files_do_not_open_and_say_where_they_are(store: WorkshopStore, checker,
                                                             tmp_path: Path) -> None:
    app = TestApp(store, checker=checker, mode="exports")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, tmp_path, ["ics"], "group")
        await pilot.press("ctrl+s")
        await settle(pilot)
        files = app.screen.query_one("#exports-files", DataTable)
        assert [Path(str(files.get_row_at(n)[3])).name for n in range(2)] == ["group.ics",
                                                                             "staff.ics"]
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ExportsScreen)
        assert any("group.ics" in str(n.message) for n in app._notifications)


@pytest.mark.parametrize(("kinds", "whom", "problem"), [
    ([], "everyone", "choose at least one kind of file"),
    (["txt"], "trainee", "choose the trainee"),
])
async def test_an_incomplete_choice_writes_nothing(store: WorkshopStore, checker,
                                                   tmp_path: Path, kinds: list[str],
                                                   whom: str, problem: str) -> None:
    app = TestApp(store, checker=checker, mode="exports")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, tmp_path / "out", kinds, whom)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert problem in str(app.screen.query_one("#exports-status", Static).render())
        assert not (tmp_path / "out").exists()


async def test_a_folder_that_cannot_be_written_is_reported(store: WorkshopStore, checker,
                                                           tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app = TestApp(store, checker=checker, mode="exports")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, blocker, ["txt"], "group")
        await pilot.press("ctrl+s")
        await settle(pilot)
        status = str(app.screen.query_one("#exports-status", Static).render())
        assert status.startswith("Stopped after 0 files:")
        assert not app.screen.writing


def one_error(workshop: object) -> list[StandInProblem]:
    return [StandInProblem("error", "overlap", "Lecture and visit overlap on Tue 9 Mar"),
            StandInProblem("warning", "no-coordinates", "A site has no coordinates")]


async def test_open_errors_are_shown_and_asked_before_writing(store: WorkshopStore,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "out"
    app = TestApp(store, checker=one_error, mode="exports")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await choose(pilot, out, ["txt"])
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert "1 error still open" in question and "Lecture and visit overlap" in question
        assert "coordinates" not in question  # warnings do not stop anything
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ExportsScreen) and not out.exists()
        status = str(app.screen.query_one("#exports-status", Static).render())
        assert "Nothing done: 1 error still open" in status
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert any(out.rglob("*.txt"))


async def test_publishing_with_open_errors_asks_first(store: WorkshopStore) -> None:
    app = TestApp(store, checker=one_error, mode="exports")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert "Publish the trainees' calendars anyway?" in str(
            app.screen.query_one("#confirm-question", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ExportsScreen)

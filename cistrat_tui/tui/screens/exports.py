"""The exports area: choose what (calendars, PDF, Markdown, text itineraries, and the people
lists: rooming, meals, visitors, pickups as .xlsx and PDF) and for whom (everyone, the group and
staff editions, one trainee; the lists are the same for all); write in a worker with a progress bar;
list the files written with their paths; open a text itinerary in a viewer inside the app.

The files and their names are exactly those of ``cistrat-tui export ics``, ``cistrat-tui
export rooming`` (and the other lists) and ``cistrat-tui print`` (the same builders, stems and
folders); only the loop is here, one file at a time, so the progress bar can follow it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import (
    Button,
    DataTable,
    Input,
    Label,
    ProgressBar,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.selection_list import Selection

from cistrat_tui.core.errors import CistratError
from cistrat_tui.core.paths import exports_dir
from cistrat_tui.core.records.ledger import LedgerEntry
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.store.fileio import atomic_write_bytes
from cistrat_tui.exports.filenames import unique_stems
from cistrat_tui.exports.ics import build_export
from cistrat_tui.exports.ics_text import View
from cistrat_tui.exports.itinerary import Edition, build_itinerary
from cistrat_tui.exports.list_files import books as list_books
from cistrat_tui.exports.list_files import lists_dir
from cistrat_tui.exports.list_files import render as render_list
from cistrat_tui.exports.locations import calendars_dir, itineraries_dir
from cistrat_tui.exports.renderers import renderer
from cistrat_tui.exports.sheets import Book
from cistrat_tui.tui.problem_source import snapshot
from cistrat_tui.tui.screens.area import AreaScreen, counted
from cistrat_tui.tui.screens.dialogs import Confirm
from cistrat_tui.tui.screens.text_viewer import TextViewer
from cistrat_tui.tui.widgets.inputs import LeavingInput
from cistrat_tui.tui.widgets.ticks import TickList, TickRadioButton

KINDS = {"ics": "Calendars (.ics)", "pdf": "PDF itineraries (for print)",
         "md": "Markdown itineraries (for email)", "txt": "Text itineraries (80 columns)"}
# The people lists, each as .xlsx and PDF; not chosen until the coordinator ticks them.
LIST_KINDS = {"rooming": "Rooming lists for the hotels (.xlsx, PDF)",
              "meals": "Meal counts for the kitchens (.xlsx, PDF)",
              "visitors": "Visitor lists, one per host (.xlsx, PDF)",
              "pickups": "Airport pickups for staff and drivers (.xlsx, PDF)"}
WHOM = {"everyone": "Everyone: group, staff and each trainee",
        "group": "The group and staff editions only", "trainee": "One trainee:"}


@dataclass(frozen=True, slots=True)
class ExportJob:
    """One file to write: what it is, for whom, where, and how to make its bytes."""

    kind: str
    reader: str
    path: Path
    make: Callable[[], bytes]


def export_jobs(workshop: Workshop, kinds: Sequence[str], whom: str,
                trainee_id: str | None, out: str | Path | None, *,
                changes: list[LedgerEntry] | None = None) -> list[ExportJob]:
    """The files to write, in order: calendars, then PDF, Markdown and text itineraries;
    each kind as group, staff, then trainees by name (or only ``trainee_id``'s).
    The calendars are built here (fast); each itinerary when its job runs. The calendars'
    ledger changes are added to ``changes``: save them before writing the files."""
    one = trainee_id if whom == "trainee" else None
    if whom == "trainee" and one not in workshop.trainees:
        raise CistratError("choose the trainee whose files to write")
    names = {t.id: t.name for t in workshop.trainees.values()}
    jobs: list[ExportJob] = []
    if "ics" in kinds:
        folder = calendars_dir(workshop, out)
        export = build_export(workshop, one)
        if changes is not None:
            changes += export.changes
        for file in export.files:
            if whom == "group" and file.view is View.TRAINEE:
                continue
            reader = names.get(file.trainee_id or "", file.view.value)
            jobs.append(ExportJob("ics", reader, folder / file.filename, file.to_bytes))
    stems = unique_stems(list(names.items()), "trainee")
    editions: list[tuple[str, str, Edition, str | None]] = []
    if whom != "trainee":
        editions += [("group", "group", Edition.GROUP, None),
                     ("staff", "staff", Edition.STAFF, None)]
    if whom == "everyone":
        ordered = sorted(workshop.trainees.values(), key=lambda t: t.name.casefold())
        editions += [(f"trainee-{stems[t.id]}", t.name, Edition.TRAINEE, t.id) for t in ordered]
    elif one is not None:
        editions.append((f"trainee-{stems[one]}", names[one], Edition.TRAINEE, one))
    folder = itineraries_dir(workshop, out)
    for fmt in ("pdf", "md", "txt"):
        if fmt not in kinds:
            continue
        render = renderer(fmt)
        for stem, reader, edition, owner in editions:
            def make(edition: Edition = edition, owner: str | None = owner,
                     render: Callable[..., bytes] = render) -> bytes:
                return render(build_itinerary(workshop, edition, owner))
            jobs.append(ExportJob(fmt, reader, folder / f"{stem}.{fmt}", make))
    chosen_lists = [k for k in LIST_KINDS if k in kinds]
    if chosen_lists:
        folder = lists_dir(workshop, out)
        for which in chosen_lists:
            for stem, book in list_books(workshop, which).items():
                for fmt in ("xlsx", "pdf"):
                    def make_list(book: Book = book, fmt: str = fmt) -> bytes:
                        return render_list(book, fmt)
                    jobs.append(ExportJob(which, book.audience, folder / f"{stem}.{fmt}",
                                          make_list))
    return jobs


def size_text(size: int) -> str:
    """'812 B', '14.2 kB'."""
    return f"{size} B" if size < 1000 else f"{size / 1000:.1f} kB"


class ExportProgress(Message):
    """The worker wrote a file (or learned how many there are: ``job`` None)."""

    def __init__(self, done: int, total: int, job: ExportJob | None) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.job = job


class ExportFinished(Message):
    """The worker stopped: every file written, or ``error`` stopped it."""

    def __init__(self, written: int, error: Exception | None) -> None:
        super().__init__()
        self.written = written
        self.error = error


class ExportsScreen(AreaScreen):
    """Write the calendars and itineraries, see where they went, read a text one."""

    DEFAULT_CSS = """
    #exports-body { height: 1fr; }
    #exports-form { width: 52; height: 1fr; padding: 0 1 0 0; }
    #exports-kinds { height: auto; border: round $primary-muted; }
    #exports-whom { width: 1fr; height: auto; border: round $primary-muted; }
    #exports-form .form-row { height: auto; }
    #exports-form .form-label { width: 8; }
    #exports-trainee { width: 1fr; }
    #exports-write { margin-top: 1; }
    #exports-result { width: 1fr; height: 1fr; }
    #exports-status { height: auto; padding: 0 1; }
    #exports-progress { height: 1; padding: 0 1; }
    #exports-files { height: 1fr; border: round $primary-muted; }
    #exports-files:focus { border: round $primary; }
    #exports-path { height: auto; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "write", "Write files", id="exports.write",
                tooltip="Write the chosen files for the chosen readers."),
        Binding("v", "view", "View text", id="exports.view",
                tooltip="Open the highlighted text itinerary in a viewer."),
        Binding("u", "deliver('publish')", "Publish", show=False, id="exports.publish",
                tooltip="Publish every calendar on a CalDAV server for trainees to subscribe."),
        Binding("m", "deliver('send')", "E-mail", show=False, id="exports.send",
                tooltip="E-mail each trainee their calendar and itinerary."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.writing = False
        self.written: list[ExportJob] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="exports-body"):
            with Vertical(id="exports-form"):
                kinds = TickList[str](*(Selection(label, kind, True, id=kind)
                                        for kind, label in KINDS.items()),
                                      *(Selection(label, kind, False, id=kind)
                                        for kind, label in LIST_KINDS.items()),
                                      id="exports-kinds")
                kinds.border_title = "What"
                yield kinds
                with RadioSet(id="exports-whom") as whom:
                    whom.border_title = "For whom"
                    for key, label in WHOM.items():
                        yield TickRadioButton(label, value=key == "everyone", id=f"whom-{key}")
                yield Select[str]([], id="exports-trainee", prompt="(choose a trainee)")
                with Horizontal(classes="form-row"):
                    yield Label("Folder", classes="form-label")
                    yield LeavingInput(str(exports_dir()), id="exports-folder", compact=True)
                yield Button("Write files (ctrl+s)", id="exports-write", variant="primary")
            with Vertical(id="exports-result"):
                yield Static("Choose what and for whom, then write (ctrl+s).",
                             id="exports-status")
                yield ProgressBar(total=1, id="exports-progress", show_eta=False)
                files: DataTable[str | Text] = DataTable(
                    id="exports-files", cursor_type="row", zebra_stripes=True)
                files.border_title = "Files written (Enter or v opens a text itinerary)"
                yield files
                yield Static("", id="exports-path")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#exports-files", DataTable).add_columns("File", "For", "Size", "Path")
        self.focus_home()

    def focus_home(self) -> None:
        self.query_one("#exports-kinds", SelectionList).focus()

    def refresh_view(self) -> None:
        """Offer the trainees (keeping the one chosen)."""
        select = self.query_one("#exports-trainee", Select)
        chosen = select.value
        trainees = sorted(self.workshop.trainees.values(), key=lambda t: t.name.casefold())
        select.set_options([(t.name, t.id) for t in trainees])
        if isinstance(chosen, str) and chosen in self.workshop.trainees:
            select.value = chosen

    # --- choosing ---------------------------------------------------------------------------

    def chosen(self) -> tuple[list[str], str, str | None, str]:
        """(kinds, whom, trainee id, folder) as the form shows them."""
        kinds = list(self.query_one("#exports-kinds", SelectionList).selected)
        pressed = self.query_one("#exports-whom", RadioSet).pressed_button
        whom = (pressed.id or "whom-everyone").removeprefix("whom-") if pressed else "everyone"
        trainee = self.query_one("#exports-trainee", Select).value
        folder = self.query_one("#exports-folder", Input).value.strip()
        return kinds, whom, trainee if isinstance(trainee, str) else None, folder

    @on(Select.Changed, "#exports-trainee")
    def _trainee_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.query_one("#whom-trainee", RadioButton).value = True

    # --- writing ----------------------------------------------------------------------------

    def action_write(self) -> None:
        """Write the chosen files in a worker."""
        if self.writing:
            return
        kinds, whom, trainee_id, folder = self.chosen()
        problem = ("choose at least one kind of file" if not kinds else
                   "choose the trainee" if whom == "trainee" and trainee_id is None else
                   "give the folder to write to" if not folder else "")
        if problem:
            self._status(Text(f"Nothing written: {problem}.", "bold red"))
            return
        self.after_open_errors(lambda: self._start_writing(kinds, whom, trainee_id, folder),
                               "Write what the trainees receive anyway?")

    def after_open_errors(self, proceed: Callable[[], object], question: str) -> None:
        """Run ``proceed`` at once when the programme has no errors; otherwise list them and
        ask first (anything written, published or sent for the trainees goes through here)."""
        errors = [p for p in self.cistrat.problem_checker()(self.workshop)
                  if p.severity == "error"]
        if not errors:
            proceed()
            return

        def answered(go_on: bool | None) -> None:
            if go_on:
                proceed()
            else:
                self._status(Text(f"Nothing done: {counted(len(errors), 'error')} still "
                                  "open (see Problems).", "bold red"))

        shown = "\n".join(f"  {p.message[:90]}" for p in errors[:5])
        more = f"\n  ... and {len(errors) - 5} more" if len(errors) > 5 else ""
        self.app.push_screen(Confirm(
            f"{counted(len(errors), 'error')} still open in the programme:\n{shown}{more}\n"
            f"{question}", yes="Go on anyway"), answered)

    def _start_writing(self, kinds: list[str], whom: str, trainee_id: str | None,
                       folder: str) -> None:
        self.writing = True
        self.written = []
        self.query_one("#exports-files", DataTable).clear()
        self.query_one("#exports-write", Button).disabled = True
        self.query_one("#exports-progress", ProgressBar).update(total=None, progress=0)
        self._status("Preparing...")
        self._write(snapshot(self.workshop), kinds, whom, trainee_id, folder)

    @work(thread=True, exclusive=True, group="exports", exit_on_error=False)
    def _write(self, workshop: Workshop, kinds: list[str], whom: str, trainee_id: str | None,
               folder: str) -> None:
        done = 0
        try:
            changes: list[LedgerEntry] = []
            jobs = export_jobs(workshop, kinds, whom, trainee_id, folder, changes=changes)
            if changes:  # the ledger first, in the app's thread: the store is not shared
                self.app.call_from_thread(self.app.store.put_all, changes)  # type: ignore[attr-defined]
            self.post_message(ExportProgress(0, len(jobs), None))
            for job in jobs:
                job.path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_bytes(job.path, job.make())
                done += 1
                self.post_message(ExportProgress(done, len(jobs), job))
        except Exception as error:  # shown on the screen with what was written before it
            self.post_message(ExportFinished(done, error))
            return
        self.post_message(ExportFinished(done, None))

    def on_export_progress(self, message: ExportProgress) -> None:
        self.query_one("#exports-progress", ProgressBar).update(total=message.total,
                                                                progress=message.done)
        job = message.job
        if job is None:
            self._status(f"Writing {counted(message.total, 'file')}...")
            return
        self.written.append(job)
        self._status(f"Writing {message.done} of {message.total}: {job.path.name}")
        size = job.path.stat().st_size if job.path.exists() else 0
        self.query_one("#exports-files", DataTable).add_row(
            job.path.name, job.reader, size_text(size), str(job.path), key=str(job.path))

    def on_export_finished(self, message: ExportFinished) -> None:
        self.writing = False
        self.query_one("#exports-write", Button).disabled = False
        if message.error is not None:
            error = message.error
            why = str(error) if isinstance(error, CistratError | OSError) else \
                f"unexpected {type(error).__name__}: {error}"
            self._status(Text(f"Stopped after {counted(message.written, 'file')}: {why}",
                              "bold red"))
            return
        folders = sorted({str(job.path.parent) for job in self.written})
        self._status(Text(f"Wrote {counted(message.written, 'file')} to "
                          f"{' and '.join(folders) or 'nowhere'}.", "bold green"))
        self.notify(f"Wrote {counted(message.written, 'file')}.", timeout=4)
        files = self.query_one("#exports-files", DataTable)
        if self.written:
            texts = [n for n, job in enumerate(self.written) if job.path.suffix == ".txt"]
            files.move_cursor(row=texts[0] if texts else 0, column=0, animate=False)
            files.focus()

    def _status(self, text: str | Text) -> None:
        self.query_one("#exports-status", Static).update(text)

    def action_deliver(self, kind: str) -> None:
        """Open the publish or send dialog (see :mod:`.delivery`)."""
        from cistrat_tui.tui.screens.delivery import DeliveryScreen

        folder = self.query_one("#exports-folder", Input).value.strip() or None
        verb = "Publish" if kind == "publish" else "E-mail"
        self.after_open_errors(
            lambda: self.app.push_screen(DeliveryScreen(kind, self.cistrat.store, folder)),
            f"{verb} the trainees' calendars anyway?")

    # --- viewing ----------------------------------------------------------------------------

    def action_view(self) -> None:
        """Open the highlighted file when it is a text itinerary."""
        files = self.query_one("#exports-files", DataTable)
        if not self.written or files.cursor_row < 0:
            self.notify("Write the files first, then pick a text itinerary.",
                        severity="warning")
            return
        self.view_file(Path(str(files.get_row_at(files.cursor_row)[3])))

    def view_file(self, path: Path) -> None:
        """Show a .txt file in the viewer; say where any other file is."""
        if path.suffix != ".txt":
            self.notify(f"Only text itineraries open here; this file is at {path}",
                        severity="warning", timeout=6)
            return
        self.app.push_screen(TextViewer(path))

    @on(DataTable.RowHighlighted, "#exports-files")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.query_one("#exports-path", Static).update(str(event.row_key.value))

    @on(DataTable.RowSelected, "#exports-files")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self.view_file(Path(str(event.row_key.value)))

    @on(Button.Pressed, "#exports-write")
    def _write_pressed(self) -> None:
        self.action_write()

"""Lists of the hotel stays, of the closures and of the vehicles, interpreters and guides: add,
edit and delete, each change saved at once and undoable (ctrl+z, once the list is closed)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from cistrat_tui.core.records.activity import Stay
from cistrat_tui.core.records.closure import Closure
from cistrat_tui.core.records.people import Resource
from cistrat_tui.core.records.workshop import Record
from cistrat_tui.tui.forms.closure import ClosureForm
from cistrat_tui.tui.forms.closure_rules import closure_label, new_values
from cistrat_tui.tui.forms.closure_rules import values_from as closure_values
from cistrat_tui.tui.forms.resource import ResourceForm
from cistrat_tui.tui.forms.resource_rules import (
    ResourceValues,
    delete_question,
    resource_line,
    sorted_resources,
    unbooked,
)
from cistrat_tui.tui.forms.resource_rules import values_from as resource_values
from cistrat_tui.tui.forms.stay import StayForm
from cistrat_tui.tui.forms.stay_rules import StayValues, stay_label
from cistrat_tui.tui.forms.stay_rules import values_from as stay_values
from cistrat_tui.tui.forms.validated import ValidatedForm
from cistrat_tui.tui.screens.dialogs import Confirm
from cistrat_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from cistrat_tui.core.records.workshop import Workshop
    from cistrat_tui.tui.app import CistratApp

Listed = Stay | Closure | Resource


class RecordList(ModalScreen[None]):
    """A list of one kind of record with add, edit and delete; subclasses say which."""

    DEFAULT_CSS = """
    RecordList { align: center middle; }
    #list-box { width: 96%; max-width: 120; height: 80%; border: round $accent;
                background: $surface; }
    #list-table { height: 1fr; }
    #list-hint { color: $text-muted; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", id="list.add", tooltip="Add one."),
        Binding("e", "edit", "Edit", id="list.edit", tooltip="Edit the highlighted one."),
        Binding("delete,x", "delete", "Delete", id="list.delete",
                tooltip="Delete the highlighted one (asks first)."),
        Binding("escape,q", "close", "Close", id="list.close", tooltip="Close the list."),
    ]
    noun = "record"
    heading = "Records"

    def __init__(self, day: date | None = None) -> None:
        super().__init__(id="record-list")
        self.day = day
        self._ids: list[str] = []

    @property
    def cistrat(self) -> CistratApp:
        return cast("CistratApp", self.app)

    @property
    def workshop(self) -> Workshop:
        return self.cistrat.store.workshop

    # --- what a subclass says ---------------------------------------------------------------

    def records(self) -> list[Listed]:
        raise NotImplementedError

    def describe(self, record: Listed) -> str:
        raise NotImplementedError

    def form(self, record: Listed | None) -> ValidatedForm[Listed]:
        raise NotImplementedError

    # --- the list ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="list-box") as box:
            box.border_title = self.heading
            yield DataTable(id="list-table", cursor_type="row", zebra_stripes=True)
            yield Static(f"a adds a {self.noun}, e or enter edits, x deletes; every change is "
                         "saved at once, ctrl+z (after closing) takes it back.", id="list-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#list-table", DataTable).add_column(self.heading)
        self.redraw()
        self.query_one("#list-table", DataTable).focus()

    def redraw(self, keep: str | None = None) -> None:
        table = self.query_one("#list-table", DataTable)
        table.clear()
        records = self.records()
        self._ids = [r.id for r in records]
        for record in records:
            table.add_row(self.describe(record), key=record.id)
        if not records:
            table.add_row(f"No {self.noun}s yet: press a to add one.")
        if keep in self._ids:
            table.move_cursor(row=self._ids.index(keep), animate=False)

    @property
    def highlighted(self) -> Listed | None:
        row = self.query_one("#list-table", DataTable).cursor_row
        if not 0 <= row < len(self._ids):
            return None
        return next((r for r in self.records() if r.id == self._ids[row]), None)

    def _save(self, before: Listed | None, after: Listed | None, label: str) -> None:
        stored = self.cistrat.change(before, after, label)
        self.redraw(stored.id if stored is not None else None)

    def action_add(self) -> None:
        """Add one, through its form."""
        def done(record: Listed | None) -> None:
            if record is not None:
                self._save(None, record, f"Added {self.describe(record)}")

        self.app.push_screen(self.form(None), done)

    @on(DataTable.RowSelected, "#list-table")
    def action_edit(self) -> None:
        """Edit the highlighted one."""
        record = self.highlighted
        if record is None:
            return

        def done(edited: Listed | None) -> None:
            if edited is not None and edited != record:
                self._save(record, edited, f"Edited {self.describe(edited)}")

        self.app.push_screen(self.form(record), done)

    def action_delete(self) -> None:
        """Delete the highlighted one, after asking."""
        record = self.highlighted
        if record is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self._save(record, None, f"Deleted {self.describe(record)}")

        self.app.push_screen(Confirm(f"Delete {self.describe(record)}?\nctrl+z (after "
                                     "closing this list) brings it back.", "Delete"), done)

    def action_close(self) -> None:
        self.dismiss(None)


class StaysList(RecordList):
    """Every hotel stay, by check-in date."""

    noun = "stay"
    heading = "Hotel stays"

    def records(self) -> list[Listed]:
        stays: list[Stay] = sorted(self.workshop.stays.values(), key=lambda s: (s.check_in, s.id))
        return list(stays)

    def describe(self, record: Listed) -> str:
        return stay_label(self.workshop, cast(Stay, record))

    def form(self, record: Listed | None) -> ValidatedForm[Listed]:
        if record is None:
            start = self.day or self.workshop.programme.start_date
            values = StayValues(check_in=start.isoformat())
            return cast(ValidatedForm[Listed], StayForm(self.workshop, values, None,
                                                        "New hotel stay"))
        stay = cast(Stay, record)
        return cast(ValidatedForm[Listed], StayForm(self.workshop, stay_values(stay), stay,
                                                    "Edit hotel stay"))


class ClosuresList(RecordList):
    """Every closure, by first date."""

    noun = "closure"
    heading = "Closures (days a site or the whole programme does not work)"

    def records(self) -> list[Listed]:
        closures: list[Closure] = sorted(self.workshop.closures.values(),
                                         key=lambda c: (c.first_date, c.id))
        return list(closures)

    def describe(self, record: Listed) -> str:
        return closure_label(self.workshop, cast(Closure, record))

    def form(self, record: Listed | None) -> ValidatedForm[Listed]:
        if record is None:
            values = new_values(self.day or self.workshop.programme.start_date)
            return cast(ValidatedForm[Listed], ClosureForm(self.workshop, values, None,
                                                           "New closure"))
        closure = cast(Closure, record)
        return cast(ValidatedForm[Listed], ClosureForm(self.workshop, closure_values(closure),
                                                       closure, "Edit closure"))


class ResourcesList(RecordList):
    """Every vehicle, interpreter and guide, with what books them. Deleting one that activities
    book says so, and takes it off them in the same save (one ctrl+z brings all back)."""

    noun = "vehicle, interpreter or guide"
    heading = "Vehicles, interpreters and guides"

    def records(self) -> list[Listed]:
        return list(sorted_resources(self.workshop))

    def describe(self, record: Listed) -> str:
        return resource_line(cast(Resource, record), self.workshop)

    def form(self, record: Listed | None) -> ValidatedForm[Listed]:
        if record is None:
            return cast(ValidatedForm[Listed], ResourceForm(
                self.workshop, ResourceValues(), None, "New vehicle, interpreter or guide"))
        resource = cast(Resource, record)
        return cast(ValidatedForm[Listed], ResourceForm(
            self.workshop, resource_values(resource), resource, f"Edit {resource.name[:60]}"))

    def action_delete(self) -> None:
        """Delete the highlighted one, after asking; the activities that book it lose it."""
        record = self.highlighted
        if record is None:
            return
        resource = cast(Resource, record)
        question = delete_question(self.workshop, resource)

        def done(yes: bool | None) -> None:
            if not yes:
                return
            pairs: list[tuple[Record | None, Record | None]] = [
                *unbooked(self.workshop, resource), (resource, None)]
            app = self.cistrat
            label = f"Deleted {resource.label()}"
            try:
                app.history.apply_many(app.store, pairs, label)
            except Exception as error:  # the store keeps the file as it was on any error
                self.notify(str(error), title="Not saved", severity="error", timeout=10)
                return
            app.notify(label, timeout=3)
            app.workshop_changed()
            self.redraw()

        self.app.push_screen(Confirm(f"{question}\nctrl+z (after closing this list) brings it "
                                     "back.", "Delete"), done)

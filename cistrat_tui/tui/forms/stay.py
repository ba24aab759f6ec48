"""The hotel stay form: hotel, check-in and check-out, who stays, booking reference, notes, and
the rooms with who sleeps in which (a room is added or changed in the room form).

The rooms table has its own keys while it has the focus (a adds a room, enter changes the
highlighted one, x removes it), so they never type into a field; under it the form says what
the checks would: who is still without a room, a room over its beds, genders sharing without
the mark. Esc on a form whose rooms changed asks first, as for any other field.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, Select, SelectionList, Static

from cistrat_tui.core.records.activity import Stay
from cistrat_tui.core.records.model import Audience
from cistrat_tui.core.records.people import Room
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.tui.forms.fields import form_row, select_value
from cistrat_tui.tui.forms.room import RoomForm
from cistrat_tui.tui.forms.room_rules import (
    RoomValues,
    occupant_choices,
    put_room,
    remove_room,
    room_cells,
    room_name,
    room_values,
    rooms_report,
)
from cistrat_tui.tui.forms.stay_rules import StayValues, build_stay, hotels, staying
from cistrat_tui.tui.forms.validated import ValidatedForm, save_cancel_bindings, save_cancel_buttons


class RoomsTable(DataTable[str]):
    """The stay's rooms, a row each; its keys act on the stay form's rooms."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "screen.add_room", "Add room", id="stay-form.add-room",
                tooltip="Add a room to the stay (in the rooms table)."),
        Binding("e", "screen.edit_room", "Change room", id="stay-form.edit-room",
                tooltip="Change the highlighted room: type, number, guests, agreed."),
        Binding("x,delete", "screen.remove_room", "Remove room", id="stay-form.remove-room",
                tooltip="Remove the highlighted room from the stay."),
    ]


class StayForm(ValidatedForm[Stay]):
    """Add or edit one hotel stay."""

    DEFAULT_CSS = """
    StayForm { align: center middle; }
    StayForm #row-rooms { height: auto; margin-top: 1; }
    StayForm #rooms-label { width: 1fr; }
    StayForm #row-rooms > .form-error { max-width: 100%; padding: 0; }
    StayForm #field-rooms { max-height: 12; }
    StayForm #rooms-buttons { height: auto; }
    StayForm #rooms-buttons Button { margin-right: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = save_cancel_bindings("stay-form", "stay")

    def __init__(self, workshop: Workshop, values: StayValues, base: Stay | None,
                 heading: str) -> None:
        super().__init__(id="stay-form")
        self.workshop = workshop
        self.initial = values
        self.base = base
        self.heading = heading
        self.rooms: tuple[Room, ...] = values.rooms

    def compose(self) -> ComposeResult:
        values = self.initial
        options = [(f"{h.city}: {h.name_en}", h.id) for h in hotels(self.workshop)]
        groups = self.workshop.groups()
        trainees = sorted(self.workshop.trainees.values(), key=lambda t: t.name)
        with Vertical(id="form-box") as box:
            box.border_title = self.heading
            with VerticalScroll(id="form-fields"):
                yield form_row("hotel", "Hotel", Select(
                    options, value=values.hotel_id or Select.NULL, id="field-hotel",
                    prompt="choose a hotel", compact=True))
                yield form_row("check_in", "Check-in", Input(
                    values.check_in, id="field-check_in", placeholder="YYYY-MM-DD",
                    compact=True))
                yield form_row("check_out", "Check-out", Input(
                    values.check_out, id="field-check_out", placeholder="YYYY-MM-DD",
                    compact=True))
                yield form_row("audience", "Who", Select(
                    [("everyone", "everyone"), ("a group", "group"),
                     ("named trainees", "named")], value=values.audience,
                    allow_blank=False, id="field-audience", compact=True))
                yield form_row("group", "Group", Select(
                    [(f"group {g}", g) for g in groups],
                    value=values.group if values.group in groups else Select.NULL,
                    id="field-group", prompt="choose a group", compact=True))
                yield form_row("trainees", "Trainees", SelectionList[str](
                    *[(f"{t.name} ({t.group or 'no group'})", t.id, t.id in values.trainees)
                      for t in trainees], id="field-trainees"))
                yield form_row("booking", "Booking ref", Input(
                    values.booking, id="field-booking", compact=True))
                yield form_row("notes", "Notes", Input(values.notes, id="field-notes",
                                                       compact=True))
                with Vertical(id="row-rooms", classes="form-row"):
                    yield Label("Rooms (in the table: a adds, enter or e changes, x removes)",
                                id="rooms-label")
                    yield RoomsTable(id="field-rooms", cursor_type="row", zebra_stripes=True)
                    with Horizontal(id="rooms-buttons"):
                        yield Button("Add room", id="room-add", compact=True)
                        yield Button("Change room", id="room-edit", compact=True)
                        yield Button("Remove room", id="room-remove", compact=True)
                    yield Static("", id="error-rooms", classes="form-error")
                    yield Static("", id="rooms-status", classes="dialog-hint")
                yield Static("", id="error-form", classes="form-error")
            yield save_cancel_buttons()

    def on_mount(self) -> None:
        table = self.query_one("#field-rooms", RoomsTable)
        table.add_columns("Room", "Type", "Guests", "Shared")
        self.redraw_rooms()
        self.revalidate()
        self.query_one("#field-check_in", Input).focus()

    @property
    def changed(self) -> bool:
        """Whether a field or the rooms hold something else than when the form opened."""
        return self.rooms != self.initial.rooms or super().changed

    # --- the rooms ----------------------------------------------------------------------------

    def redraw_rooms(self, keep: int | None = None) -> None:
        """The rooms table from the working list of rooms."""
        table = self.query_one("#field-rooms", RoomsTable)
        table.clear()
        for room in self.rooms:
            table.add_row(*room_cells(room, self.workshop.trainees))
        table.display = bool(self.rooms)
        if keep is not None and self.rooms:
            table.move_cursor(row=min(keep, len(self.rooms) - 1), animate=False)

    @property
    def highlighted_room(self) -> int | None:
        """The place in the list of the room under the cursor, if any."""
        row = self.query_one("#field-rooms", RoomsTable).cursor_row
        return row if self.rooms and 0 <= row < len(self.rooms) else None

    def _set_rooms(self, rooms: tuple[Room, ...], keep: int | None) -> None:
        self.rooms = rooms
        self.redraw_rooms(keep)
        self.revalidate()

    def open_room(self, at: int | None) -> None:
        """The room form for a new room (``at`` None) or the room at ``at``."""
        guests = staying(self.current_values(), self.workshop)
        if not guests:
            self.notify("Say who stays first (everyone, a group or named trainees).",
                        severity="warning")
            return
        choices = occupant_choices(guests, self.rooms, at)
        values = room_values(self.rooms[at]) if at is not None else RoomValues()
        known = {t for _, t in choices}
        choices += [(f"{self.workshop.trainees[t].name} (not in this stay)"
                     if t in self.workshop.trainees else t, t)
                    for t in values.occupants if t not in known]
        others = [r for n, r in enumerate(self.rooms) if n != at]
        heading = f"Change {room_name(self.rooms[at])}" if at is not None else "Add a room"

        def done(room: Room | None) -> None:
            if room is not None:
                placed = put_room(self.rooms, at, room)
                self._set_rooms(placed, placed.index(room))

        self.app.push_screen(RoomForm(values, choices, others, heading), done)

    def action_add_room(self) -> None:
        """Add a room (in the room form)."""
        self.open_room(None)

    @on(DataTable.RowSelected, "#field-rooms")
    def action_edit_room(self) -> None:
        """Change the highlighted room (in the room form)."""
        at = self.highlighted_room
        if at is None:
            self.notify("The stay has no room yet: add one.", severity="warning")
            return
        self.open_room(at)

    def action_remove_room(self) -> None:
        """Take the highlighted room out of the stay (the form still has to be saved)."""
        at = self.highlighted_room
        if at is not None:
            self._set_rooms(remove_room(self.rooms, at), at)

    @on(Button.Pressed, "#room-add")
    def _add_pressed(self) -> None:
        self.action_add_room()

    @on(Button.Pressed, "#room-edit")
    def _edit_pressed(self) -> None:
        self.action_edit_room()

    @on(Button.Pressed, "#room-remove")
    def _remove_pressed(self) -> None:
        self.action_remove_room()

    def current_values(self) -> StayValues:
        """The form as it stands."""
        def text(name: str) -> str:
            return self.query_one(f"#field-{name}", Input).value

        return StayValues(
            hotel_id=select_value(self.query_one("#field-hotel", Select)),
            check_in=text("check_in"), check_out=text("check_out"),
            audience=select_value(self.query_one("#field-audience", Select)),
            group=select_value(self.query_one("#field-group", Select)),
            trainees=tuple(self.query_one("#field-trainees", SelectionList).selected),
            booking=text("booking"), notes=text("notes"), rooms=self.rooms)

    def check(self) -> tuple[Stay | None, dict[str, str]]:
        values = self.current_values()
        self.query_one("#row-group").display = values.audience == Audience.GROUP.value
        self.query_one("#row-trainees").display = values.audience == Audience.NAMED.value
        report = rooms_report(self.rooms, staying(values, self.workshop),
                              self.workshop.trainees)
        status = (report.text() or "Everyone in the stay has a room.") if self.rooms else \
            "No rooms yet: the rooming list shows everyone as not yet assigned."
        self.query_one("#rooms-status", Static).update(status)
        for name in ("room-edit", "room-remove"):
            self.query_one(f"#{name}", Button).disabled = not self.rooms
        return build_stay(values, self.workshop, self.base)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self) -> None:
        if self.is_mounted:
            self.revalidate()

"""The trainees area: the roster filtered as the coordinator types, a detail pane with each
trainee's personal data (shown here and nowhere else in the app), adding, editing, assigning a
group, and importing a roster CSV after a preview."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.io.csv_files import ImportPlan, normal_words
from cistrat_tui.core.io.roster_csv import flight_text
from cistrat_tui.core.planning.pickups import drop_offs_for, pickups_for
from cistrat_tui.core.records import values as v
from cistrat_tui.core.records.activity import Activity, Stay
from cistrat_tui.core.records.model import Trainee
from cistrat_tui.core.records.people import DIET_LABELS
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.tui.forms.trainee import TraineeForm
from cistrat_tui.tui.rooming import assign_room, room_text
from cistrat_tui.tui.screens.area import AreaScreen
from cistrat_tui.tui.screens.dialogs import Confirm, Prompt
from cistrat_tui.tui.screens.pickups import PickupsScreen
from cistrat_tui.tui.screens.roster_import import RosterImportScreen, apply_roster
from cistrat_tui.tui.widgets.filtered_table import FilteredTable, ListSpec
from cistrat_tui.tui.widgets.weighted_table import TableColumn

if TYPE_CHECKING:
    from cistrat_tui.tui.app import CistratApp

COLUMNS = (TableColumn.weighted("Name", "name", weight=3, minimum=14),
           TableColumn.fitted("Country", "country", fit_max=16),
           TableColumn.fitted("Group", "group", fit_max=8),
           TableColumn.weighted("Organization", "organization", weight=2, minimum=10))


def trainee_cells(trainee: Trainee) -> tuple[str, str, str, str]:
    """One trainee as a row of the roster (no personal data: that is in the pane)."""
    return trainee.name, trainee.country, trainee.group, trainee.organization


def filter_trainees(trainees: list[Trainee], query: str) -> list[Trainee]:
    """The trainees whose name, country, organization or email hold every word of ``query``
    (accents and case ignored), by name; ``group B`` asks for the group exactly."""
    words = normal_words(query).split()
    group: str | None = None
    if "group" in words[:-1]:
        at = words.index("group")
        group = words[at + 1]
        del words[at:at + 2]

    def haystack(t: Trainee) -> str:
        return normal_words(" ".join((t.name, t.country, t.organization, t.email)))

    found = [t for t in trainees if all(w in haystack(t) for w in words)
             and (group is None or normal_words(t.group) == group)]
    return sorted(found, key=lambda t: (normal_words(t.name), t.id))


def trainee_detail(trainee: Trainee, workshop: Workshop) -> str:
    """Everything known about one trainee, personal data included, and what they take part in."""
    lines = [trainee.name, f"{trainee.country or 'country not given'} · "
             f"{trainee.organization or 'organization not given'}", "",
             f"Group: {trainee.group or 'none'}", f"Email: {trainee.email or '-'}",
             f"Phone: {trainee.phone or '-'}", f"Dietary needs: {diets_text(trainee)}",
             f"Emergency contact: {trainee.emergency_contact or '-'}",
             f"Nationality: {trainee.nationality or '-'} · gender: "
             f"{trainee.gender.value or '-'} · born: {trainee.date_of_birth or '-'}",
             f"Passport: {trainee.passport_number or '-'}"
             + (f" (expires {trainee.passport_expiry})" if trainee.passport_expiry else ""),
             f"Arrives: {flight_text(workshop, trainee.arrival) or '-'}",
             f"Leaves: {flight_text(workshop, trainee.departure) or '-'}"]
    lines += transfer_lines(trainee, workshop)
    for stay in sorted(workshop.stays.values(), key=lambda s: s.check_in):
        room = stay.room_of(trainee.id)
        if room is not None:
            hotel = workshop.sites[stay.hotel_id]
            lines.append(f"Room {room.number or '?'} ({room.kind.value}) at {hotel.name_en}, "
                         f"{stay.check_in:%d %b}")
    if trainee.notes:
        lines += ["", trainee.notes]
    taking_part = [a for a in workshop.activities.values()
                   if not a.cancelled and a.participants.includes(trainee)]
    named = workshop.users_of_trainee(trainee.id)
    count = len(taking_part)
    lines += ["", f"Takes part in {count} {'activity' if count == 1 else 'activities'}",
              f"Named in {len(named)} activities or hotel stays (by name or seat)"]
    seats = sorted((a.start, a.title, a.seats[trainee.id]) for a in workshop.activities.values()
                   if trainee.id in a.seats)
    for start, title, seat in seats[:8]:
        lines.append(f"  {seat}: {start.astimezone(v.SHANGHAI):%a %d %b %H:%M} {title}")
    return "\n".join(lines)


def diets_text(trainee: Trainee) -> str:
    """'halal, no alcohol (notes)' or 'none'."""
    kinds = ", ".join(DIET_LABELS[d][0].lower() for d in trainee.diets)
    note = f" ({trainee.dietary})" if trainee.dietary and kinds else trainee.dietary
    return (kinds + note) or "none"


def transfer_lines(trainee: Trainee, workshop: Workshop) -> list[str]:
    """The legs that meet the trainee's own flights, with their vehicles, or a warning."""
    activities = list(workshop.activities.values())

    def carries(activity: Activity) -> bool:
        return activity.participants.includes(trainee)

    lines = []
    for label, leg, find in (("Pickup", trainee.arrival, pickups_for),
                             ("Drop-off", trainee.departure, drop_offs_for)):
        if leg is None:
            continue
        found = find(trainee, activities, carries)
        if not found:
            lines.append(f"{label}: none yet (propose with P)")
        for activity in found:
            vehicles = [workshop.resources[r].label() for r in activity.resource_ids
                        if r in workshop.resources]
            lines.append(f"{label}: {activity.start.astimezone(v.SHANGHAI):%a %d %b %H:%M} "
                         f"{', '.join(vehicles) or 'no vehicle yet'}")
    return lines


class TraineesScreen(AreaScreen):
    """The roster; type to filter, a to add, e to edit, g to set the group, i to import, p for
    the airport pickups."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash,f", "filter", "Filter", show=False, id="trainees.filter",
                tooltip="Type part of a name, country, organization, group or email."),
        Binding("a", "add", "Add trainee", id="trainees.add", tooltip="Add a trainee."),
        Binding("e", "edit", "Edit", id="trainees.edit",
                tooltip="Edit the highlighted trainee."),
        Binding("g", "group", "Group", show=False, id="trainees.group",
                tooltip="Put the highlighted trainee in a group (blank: none)."),
        Binding("i", "import_roster", "Import", id="trainees.import",
                tooltip="Import a roster CSV: preview every change first."),
        Binding("r", "rooms", "Rooms", show=False, id="trainees.rooms",
                tooltip="Put the trainee in a room of each hotel stay ('601 twin')."),
        Binding("p", "pickups", "Pickups", show=False, id="trainees.pickups",
                tooltip="Airport pickups and drop-offs for every trainee's own flights."),
        Binding("V", "app.resources", "Vehicles, staff", show=False, id="trainees.resources",
                tooltip="List the vehicles, interpreters and guides: add, edit, delete."),
        Binding("delete,x", "delete", "Delete", show=False, id="trainees.delete",
                tooltip="Delete the highlighted trainee (asks first; refused while named)."),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield FilteredTable(ListSpec(
            name="trainees", noun="trainee", columns=COLUMNS,
            records=lambda: self.workshop.trainees.values(), key=lambda trainee: trainee.id,
            matching=lambda trainees, query: filter_trainees(list(trainees), query),
            cells=trainee_cells,
            detail=lambda trainee: trainee_detail(trainee, self.workshop),
            empty=lambda any_at_all: ("No trainee matches the filter." if any_at_all else
                                      "No trainees yet: a to add one, i to import a roster "
                                      "CSV."),
            placeholder="filter: name, country, organization, group or email; / to come "
                        "back, esc to leave",
            detail_id="trainee-detail", detail_title="Trainee (personal data)"))
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.roster.focus_table()

    @property
    def roster(self) -> FilteredTable[Trainee]:
        return self.query_one("#trainees-list", FilteredTable)

    def focus_home(self) -> None:
        self.roster.focus_table()

    # --- drawing ----------------------------------------------------------------------------

    def refresh_view(self) -> None:
        """Redraw the roster from the workshop and the filter, keeping the highlighted one."""
        self.roster.reload()

    @property
    def shown_trainees(self) -> list[Trainee]:
        """The trainees in the table, top to bottom."""
        return self.roster.shown if self.is_mounted else []

    @property
    def selected_trainee(self) -> Trainee | None:
        """The highlighted trainee, as stored now."""
        if not self.is_mounted:
            return None
        return self.workshop.trainees.get(self.roster.selected_key or "")

    def select_trainee(self, trainee_id: str) -> None:
        """Highlight a trainee (clearing the filter when it hides them)."""
        self.roster.select(trainee_id)

    @on(FilteredTable.Chosen, "#trainees-list")
    def _chosen(self) -> None:
        self.action_edit()

    def action_filter(self) -> None:
        """Type to filter the roster."""
        self.roster.focus_filter()

    # --- changes ----------------------------------------------------------------------------

    def _saved(self, stored: object) -> None:
        if isinstance(stored, Trainee):
            self.select_trainee(stored.id)

    def _need_trainee(self) -> Trainee | None:
        trainee = self.selected_trainee
        if trainee is None:
            self.notify("No trainee is highlighted.", severity="warning")
        return trainee

    def action_add(self) -> None:
        """Add a trainee in the form."""
        def done(trainee: Trainee | None) -> None:
            if trainee is not None:
                self._saved(self.cistrat.change(None, trainee, f"Added {trainee.name!r}"))

        self.app.push_screen(TraineeForm(self.workshop, None, "Add a trainee"), done)

    def action_edit(self) -> None:
        """Edit the highlighted trainee in the form."""
        trainee = self._need_trainee()
        if trainee is None:
            return

        def done(edited: Trainee | None) -> None:
            if edited is not None and edited != trainee:
                self._saved(self.cistrat.change(trainee, edited, f"Edited {edited.name!r}"))

        self.app.push_screen(TraineeForm(self.workshop, trainee, f"Edit {trainee.name[:60]}"),
                             done)

    def action_group(self) -> None:
        """Put the highlighted trainee in a group, or in none."""
        trainee = self._need_trainee()
        if trainee is None:
            return
        groups = ", ".join(self.workshop.groups()) or "none yet"

        def check(texts: list[str]) -> str:
            try:
                replace(trainee, group=texts[0].strip())
            except ValidationError as error:
                return error.reason
            return ""

        def done(answer: list[str] | None) -> None:
            if answer is None or answer[0].strip() == trainee.group:
                return
            moved = replace(trainee, group=answer[0].strip())
            where = f"group {moved.group}" if moved.group else "no group"
            self._saved(self.cistrat.change(trainee, moved, f"Put {trainee.name!r} in {where}"))

        self.app.push_screen(Prompt(f"Group of {trainee.name[:40]} (in use: {groups})",
                                    [("Group", trainee.group)], check), done)

    def action_import_roster(self) -> None:
        """Ask for a CSV or .xlsx file, then preview the import before writing anything."""
        def check(texts: list[str]) -> str:
            path = Path(texts[0].strip()).expanduser()
            if not texts[0].strip():
                return "give the path of a .csv or .xlsx file"
            return "" if path.is_file() else f"there is no file at {path}"

        def chosen(answer: list[str] | None) -> None:
            if answer is not None:
                self.preview_import(Path(answer[0].strip()).expanduser())

        self.app.push_screen(Prompt("Import a roster (CSV or Excel .xlsx)", [("File", "")],
                                    check), chosen)

    def preview_import(self, path: Path) -> None:
        """Show what importing ``path`` would change (or every bad row); write on Apply."""
        def done(plan: ImportPlan | None) -> None:
            if plan is not None:
                apply_roster(self.cistrat, plan)

        self.app.push_screen(RosterImportScreen(path, self.workshop), done)

    def action_rooms(self) -> None:
        """Ask for the trainee's room in each stay they are in ('601 twin', blank: none)."""
        trainee = self._need_trainee()
        if trainee is None:
            return
        stays = sorted((s for s in self.workshop.stays.values()
                        if s.participants.includes(trainee) or s.room_of(trainee.id)),
                       key=lambda s: s.check_in)
        if not stays:
            self.notify(f"{trainee.name} is in no hotel stay.", severity="warning")
            return

        def label(stay: Stay) -> str:
            return f"{self.workshop.sites[stay.hotel_id].city[:10]} {stay.check_in:%d %b}"

        def check(texts: list[str]) -> str:
            for stay, text in zip(stays, texts, strict=True):
                try:
                    assign_room(stay, trainee.id, text)
                except ValidationError as error:
                    return f"{label(stay)}: {error.reason}"
            return ""

        def done(answer: list[str] | None) -> None:
            if answer is None:
                return
            pairs = [(stay, assign_room(stay, trainee.id, text))
                     for stay, text in zip(stays, answer, strict=True)]
            pairs = [(old, new) for old, new in pairs if new != old]
            if not pairs:
                return
            app: CistratApp = self.app  # type: ignore[assignment]
            try:
                app.history.apply_many(app.store, pairs, f"Rooms of {trainee.name!r}")
            except Exception as error:  # the store keeps the file as it was on any error
                self.notify(str(error), title="Not saved", severity="error", timeout=10)
                return
            app.notify(f"Rooms of {trainee.name} saved", timeout=3)
            app.workshop_changed()

        self.app.push_screen(Prompt(
            f"Rooms of {trainee.name[:40]}: number and type (single, twin, double), "
            "'agreed' for a shared room agreed",
            [(label(s), room_text(s, trainee.id)) for s in stays], check), done)

    def action_pickups(self) -> None:
        """Open the pickups view (P there proposes the missing ones)."""
        self.app.push_screen(PickupsScreen(self.workshop), lambda _: self.sync())

    def action_delete(self) -> None:
        """Delete the highlighted trainee, after asking; refused while activities name them."""
        trainee = self._need_trainee()
        if trainee is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.cistrat.change(trainee, None, f"Deleted {trainee.name!r}")

        self.app.push_screen(Confirm(f"Delete {trainee.name} from the roster?", "Delete"), done)

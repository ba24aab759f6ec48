"""The trainees area: the roster filtered as the coordinator types, a detail pane with each
trainee's personal data (shown here and nowhere else in the app), adding, editing, assigning a
group, and importing a roster CSV after a preview."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.io.csv_files import ImportPlan, normal_words
from cistrat_tui.core.records import values as v
from cistrat_tui.core.records.model import Trainee
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.tui.forms.trainee import TraineeForm
from cistrat_tui.tui.screens.area import AreaScreen
from cistrat_tui.tui.screens.dialogs import Confirm, Prompt
from cistrat_tui.tui.screens.roster_import import RosterImportScreen, apply_roster
from cistrat_tui.tui.widgets.filtered_table import FilteredTable, ListSpec
from cistrat_tui.tui.widgets.weighted_table import TableColumn

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
             f"Phone: {trainee.phone or '-'}", f"Dietary needs: {trainee.dietary or 'none'}",
             f"Emergency contact: {trainee.emergency_contact or '-'}"]
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


class TraineesScreen(AreaScreen):
    """The roster; type to filter, a to add, e to edit, g to set the group, i to import."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash,f", "filter", "Filter", show=False, id="trainees.filter",
                tooltip="Type part of a name, country, organization, group or email."),
        Binding("a", "add", "Add trainee", id="trainees.add", tooltip="Add a trainee."),
        Binding("e", "edit", "Edit", id="trainees.edit",
                tooltip="Edit the highlighted trainee."),
        Binding("g", "group", "Group", show=False, id="trainees.group",
                tooltip="Put the highlighted trainee in a group (blank: none)."),
        Binding("i", "import_roster", "Import CSV", id="trainees.import",
                tooltip="Import a roster CSV: preview every change first."),
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
        """Ask for a CSV file, then preview the import before writing anything."""
        def check(texts: list[str]) -> str:
            path = Path(texts[0].strip()).expanduser()
            if not texts[0].strip():
                return "give the path of a .csv file"
            return "" if path.is_file() else f"there is no file at {path}"

        def chosen(answer: list[str] | None) -> None:
            if answer is not None:
                self.preview_import(Path(answer[0].strip()).expanduser())

        self.app.push_screen(Prompt("Import a roster (CSV)", [("File", "")], check), chosen)

    def preview_import(self, path: Path) -> None:
        """Show what importing ``path`` would change (or every bad row); write on Apply."""
        def done(plan: ImportPlan | None) -> None:
            if plan is not None:
                apply_roster(self.cistrat, plan)

        self.app.push_screen(RosterImportScreen(path, self.workshop), done)

    def action_delete(self) -> None:
        """Delete the highlighted trainee, after asking; refused while activities name them."""
        trainee = self._need_trainee()
        if trainee is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.cistrat.change(trainee, None, f"Deleted {trainee.name!r}")

        self.app.push_screen(Confirm(f"Delete {trainee.name} from the roster?", "Delete"), done)

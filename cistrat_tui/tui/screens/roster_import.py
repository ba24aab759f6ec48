"""Importing a roster CSV: a preview of every change, or of every bad row, before anything is
written.

The file is checked in full by :func:`cistrat_tui.core.io.roster_csv.plan_trainee_import`, which
changes nothing. When any row is bad, the modal lists every problem and offers no way to write;
otherwise it lists who is added and what changes for whom, and returns the plan on Apply. The
caller writes it in one save (:func:`apply_roster`), each change undoable.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from cistrat_tui.core.io.csv_files import ImportPlan, ImportRefused, label
from cistrat_tui.core.io.file_bytes import read_file
from cistrat_tui.core.io.roster_csv import plan_trainee_import
from cistrat_tui.core.records.model import Trainee
from cistrat_tui.core.records.workshop import Workshop

if TYPE_CHECKING:
    from cistrat_tui.tui.app import CistratApp


def read_plan(path: Path, workshop: Workshop) -> ImportPlan | ImportRefused:
    """The plan for a roster file, or why it cannot be imported (every bad row)."""
    try:
        return plan_trainee_import(read_file(path, "trainees"), workshop)
    except ImportRefused as refused:
        return refused


def _who(trainee: Trainee) -> str:
    extra = ", ".join(p for p in (trainee.country, f"group {trainee.group}"
                                  if trainee.group else "") if p)
    return f"{trainee.name} ({extra})" if extra else trainee.name


def _short(text: str, width: int = 40) -> str:
    return repr(text if len(text) <= width else text[:width - 1] + "…")


def _differences(before: Trainee, after: Trainee) -> str:
    """'group 'A' -> 'B', phone '' -> '+233 ...'': what an update changes."""
    old, new = before.to_dict(), after.to_dict()
    return ", ".join(f"{label(name)} {_short(str(old[name]))} → {_short(str(new[name]))}"
                     for name in new if old.get(name) != new[name])


def preview_lines(plan: ImportPlan) -> list[str]:
    """What the import will do, one line per trainee added or updated."""
    lines = [f"Read as {plan.table.describe()}: {plan.summary()}."]
    if plan.table.guessed:
        lines.append("The file is not UTF-8 and its encoding was guessed: check that the names "
                     "below read right (or save it as 'CSV UTF-8').")
    if plan.table.ignored:
        lines.append("Columns not used: " + ", ".join(repr(c) for c in plan.table.ignored))
    lines.append("")
    for change in plan.added:
        lines.append(f"+ row {change.row}: add {_who(change.after)}")  # type: ignore[arg-type]
    for change in plan.updated:
        lines.append(f"~ row {change.row}: update {change.after.name}: "  # type: ignore[union-attr]
                     f"{_differences(change.before, change.after)}")  # type: ignore[arg-type]
    if not plan.changes:
        lines.append("Nothing to change: every row matches the roster already.")
    return lines


class RosterImportScreen(ModalScreen[ImportPlan | None]):
    """The preview of a roster import; Apply returns the plan, anything else None."""

    DEFAULT_CSS = """
    RosterImportScreen { align: center middle; }
    RosterImportScreen #import-box { width: 96%; max-width: 120; height: 90%;
                                     border: round $accent; background: $surface; }
    RosterImportScreen #import-heading { padding: 0 1; text-style: bold; }
    RosterImportScreen #import-lines { height: 1fr; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", "Apply", id="import.apply", priority=True,
                tooltip="Write the changes shown (only when no row is bad)."),
        Binding("escape", "cancel", "Cancel", id="import.cancel",
                tooltip="Close without writing anything."),
    ]

    def __init__(self, path: Path, workshop: Workshop) -> None:
        super().__init__(id="roster-import")
        self.path = path
        self.outcome = read_plan(path, workshop)

    @property
    def plan(self) -> ImportPlan | None:
        return self.outcome if isinstance(self.outcome, ImportPlan) else None

    @property
    def problems(self) -> tuple[str, ...]:
        return self.outcome.problems if isinstance(self.outcome, ImportRefused) else ()

    def compose(self) -> ComposeResult:
        if self.plan is not None:
            heading = f"Import {self.path.name}: {self.plan.summary()}"
            lines = preview_lines(self.plan)
        else:
            count = len(self.problems)
            heading = (f"{self.path.name} cannot be imported: {count} "
                       f"problem{'' if count == 1 else 's'}. Nothing will be written.")
            lines = ["Fix these in the spreadsheet and import it again:", "",
                     *[f"! {problem}" for problem in self.problems]]
        with Vertical(id="import-box") as box:
            box.border_title = "Import a roster"
            yield Static(heading, id="import-heading")
            with VerticalScroll(id="import-lines"):
                yield Static("\n".join(lines), id="import-preview", markup=False)
            with Horizontal(id="form-buttons"):
                can_apply = self.plan is not None and bool(self.plan.changes)
                yield Button("Apply (ctrl+s)", id="import-apply", variant="primary",
                             disabled=not can_apply)
                yield Button("Cancel (esc)" if can_apply else "Close (esc)",
                             id="import-cancel")

    def on_mount(self) -> None:
        self.query_one("#import-cancel", Button).focus()

    @on(Button.Pressed, "#import-apply")
    def action_apply(self) -> None:
        """Close with the plan, when it has changes and no bad row."""
        if self.plan is not None and self.plan.changes:
            self.dismiss(self.plan)

    @on(Button.Pressed, "#import-cancel")
    def action_cancel(self) -> None:
        """Close; nothing is written."""
        self.dismiss(None)


def apply_roster(app: CistratApp, plan: ImportPlan) -> bool:
    """Write an import in one save; a refusal is a notification and leaves the database as it
    was. The whole import is one undo step."""
    label = f"Imported the roster ({plan.summary()})"
    pairs = [(change.before, change.after) for change in plan.changes]
    try:
        app.history.apply_many(app.store, pairs, label)
    except Exception as error:  # the store keeps the file as it was on any error
        app.notify(f"{error}. Nothing was imported.", title="Not imported", severity="error",
                   timeout=10)
        app.workshop_changed()
        return False
    app.notify(f"Roster imported: {plan.summary()}", timeout=5)
    app.workshop_changed()
    return True

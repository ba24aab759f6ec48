"""The app's actions on the programme itself, its hotel stays, closures and resources (vehicles,
interpreters, guides), and on other databases (a new programme, a re-dated copy): kept beside
the app so that it stays readable.

:class:`ProgrammeActions` is a part of :class:`~cistrat_tui.tui.app.CistratApp`; it uses the
app's store, its :meth:`change` (save and remember for undo) and its redraw methods.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.screen import ModalScreen

from cistrat_tui.core.errors import CistratError
from cistrat_tui.core.records.activity import Stay
from cistrat_tui.core.records.model import Programme
from cistrat_tui.core.records.workshop import Record
from cistrat_tui.core.store.opening import create_database
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.history import History
from cistrat_tui.tui.problem_source import ProblemLike

if TYPE_CHECKING:
    from cistrat_tui.tui.forms.new_database_rules import NewDatabase

# The forms are imported when first opened, like the screens: the first screen needs none.


class ProgrammeActions(App[None]):
    """Editing the programme, its stays and closures; opening another database."""

    store: WorkshopStore
    history: History
    problems: list[ProblemLike]
    problems_generation: int

    def change(self, before: Record | None, after: Record | None, label: str) -> Record | None:
        """Save a change and remember it for undo (the app's own)."""
        raise NotImplementedError

    def update_sub_title(self) -> None:
        """Redraw the header (the app's own)."""
        raise NotImplementedError

    def workshop_changed(self) -> None:
        """Redraw the area in sight and re-run the checks (the app's own)."""
        raise NotImplementedError

    def action_edit_programme(self) -> None:
        """Edit the programme itself (saved at once, undoable)."""
        if isinstance(self.screen, ModalScreen):
            return
        before = self.store.workshop.programme

        def done(programme: Programme | None) -> None:
            if programme is not None and programme != before:
                self.change(before, programme, "Edited the programme")
                self.update_sub_title()

        from cistrat_tui.tui.forms.programme import ProgrammeForm

        self.push_screen(ProgrammeForm(self.store.workshop), done)

    def action_stays(self, day: date | None = None) -> None:
        """List the hotel stays (add, edit, delete)."""
        from cistrat_tui.tui.screens.record_lists import StaysList

        if not isinstance(self.screen, ModalScreen):
            self.push_screen(StaysList(day))

    def action_closures(self, day: date | None = None) -> None:
        """List the closures (add, edit, delete)."""
        from cistrat_tui.tui.screens.record_lists import ClosuresList

        if not isinstance(self.screen, ModalScreen):
            self.push_screen(ClosuresList(day))

    def action_resources(self) -> None:
        """List the vehicles, interpreters and guides (add, edit, delete)."""
        from cistrat_tui.tui.screens.record_lists import ResourcesList

        if not isinstance(self.screen, ModalScreen):
            self.push_screen(ResourcesList())

    def night_hotel(self, night: date) -> None:
        """The hotel of one night: a new stay when there is none, its form when there is one,
        the list of stays when there are several."""
        from cistrat_tui.tui.forms.stay import StayForm
        from cistrat_tui.tui.forms.stay_rules import stays_on_night
        from cistrat_tui.tui.forms.stay_rules import values_from as stay_values

        stays = stays_on_night(self.store.workshop, night)
        if not stays:
            self.add_stay_for_night(night)
        elif len(stays) > 1:
            from cistrat_tui.tui.screens.record_lists import StaysList

            self.push_screen(StaysList(night))
        else:
            stay = stays[0]

            def done(edited: Stay | None) -> None:
                if edited is not None and edited != stay:
                    self.change(stay, edited, f"Edited the hotel stay from {stay.check_in:%d %b}")

            self.push_screen(StayForm(self.store.workshop, stay_values(stay), stay,
                                      f"Hotel for the night of {night:%a %d %b}"), done)

    def add_stay_for_night(self, night: date, cause_id: str | None = None) -> None:
        """The stay form filled in for one night (a night without a hotel)."""
        from cistrat_tui.tui.forms.stay import StayForm
        from cistrat_tui.tui.forms.stay_rules import stay_for_night

        workshop = self.store.workshop
        form = StayForm(workshop, stay_for_night(workshop, night, cause_id), None,
                        f"Hotel for the night of {night:%a %d %b}")

        def done(stay: Stay | None) -> None:
            if stay is not None:
                self.change(None, stay, f"Added a hotel stay from {night:%d %b}")

        self.push_screen(form, done)

    def action_new_programme(self) -> None:
        """Start an empty programme in a new file, then open it."""
        from cistrat_tui.tui.forms.new_database import NewProgrammeForm

        if not isinstance(self.screen, ModalScreen):
            self.push_screen(NewProgrammeForm.starting(self.store.path, self.store.workshop),
                             self._open_new)

    def action_copy_programme(self) -> None:
        """Copy this programme to new dates in a new file, then open it."""
        from cistrat_tui.tui.forms.new_database import CopyProgrammeForm

        if not isinstance(self.screen, ModalScreen):
            self.push_screen(CopyProgrammeForm.starting(self.store.path, self.store.workshop),
                             self._open_new)

    def _open_new(self, made: NewDatabase | None) -> None:
        if made is None:
            return
        try:
            path = create_database(made.path, made.workshop)
        except CistratError as error:
            self.notify(str(error), title="Not created", severity="error", timeout=10)
            return
        self.switch_database(path, f"Created and opened {path}. " + " ".join(made.notes[:1]))

    def switch_database(self, path: Path, notice: str) -> None:
        """Close this database and open the one at ``path``: a new sitting (no undo back into
        the other file)."""
        try:
            opened = WorkshopStore.open(path)
        except CistratError as error:
            self.notify(str(error), title="Not opened", severity="error", timeout=10)
            return
        self.store.close()
        self.store = opened
        self.history = History()
        self.problems = []
        self.problems_generation = -1
        self.update_sub_title()
        self.workshop_changed()
        self.notify(notice, timeout=10)

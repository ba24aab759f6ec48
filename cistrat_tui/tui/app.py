"""The Textual application: a thin shell over one store, with its seven areas as modes.

The app owns what every area shares: the store, this sitting's undo history, the problems
found by the checks (recomputed in a worker after every change) and the header that shows the
programme, the database file and the number of problems. Every change goes through
:meth:`CistratApp.change`, which saves at once and reports a refused change as a notification.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.worker import Worker, WorkerState

from cistrat_tui.core.errors import CistratError
from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.workshop import Record, Workshop
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.core.store.storage import ChangedElsewhere
from cistrat_tui.tui.areas import AREA_BINDINGS, AREAS, AreaFactory, area_class
from cistrat_tui.tui.commands import CistratCommands, PaletteCommand
from cistrat_tui.tui.history import History
from cistrat_tui.tui.messages import ProblemsFound
from cistrat_tui.tui.problem_source import Checker, ProblemLike, default_checker, snapshot
from cistrat_tui.tui.programme_actions import ProgrammeActions
from cistrat_tui.tui.screens.area import AreaScreen, counted
from cistrat_tui.tui.settings import Settings, load_settings, save_theme

if TYPE_CHECKING:
    from cistrat_tui.tui.screens.schedule import ScheduleScreen

THEMES = ("textual-dark", "textual-light", "nord", "gruvbox", "solarized-light")
FIRST_CHECKS_DELAY = 0.25  # seconds after the first screen is drawn
WORKER_NAMES = {"checks": "The checks", "planner": "The route planner",
                "exports": "Writing the files", "geocode": "The address look-up"}


class CistratApp(ProgrammeActions):
    """The coordinator's workshop app. Quit with ctrl+q."""

    CSS_PATH = "app.tcss"
    TITLE = "cistrat-tui"
    MODES: ClassVar = {name: AreaFactory(name) for name in AREAS}
    DEFAULT_MODE: ClassVar[str] = "overview"
    COMMANDS: ClassVar = App.COMMANDS | {CistratCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        *AREA_BINDINGS,
        Binding("ctrl+z", "undo", "Undo", id="app.undo",
                tooltip="Take back the last change of this sitting (saved at once)."),
        Binding("ctrl+y", "redo", "Redo", show=False, id="app.redo",
                tooltip="Make the last undone change again."),
        Binding("f1,question_mark", "help", "Help", id="app.help",
                tooltip="List every key, with the ids that rebind them in the settings file."),
        Binding("f10", "next_theme", "Theme", show=False, id="app.theme",
                tooltip="Switch to the next colour theme (remembered for the next start)."),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit",
                tooltip="Quit the app (everything is already saved)."),
    ]

    # In the command palette (ctrl+p) only, without a key of their own.
    PALETTE_COMMANDS: ClassVar[tuple[PaletteCommand, ...]] = (
        PaletteCommand("Programme details", "edit_programme",
                       "Edit the title, dates, base city, working day, lunch and contacts."),
        PaletteCommand("Hotel stays", "stays", "List, add, edit and delete the hotel stays."),
        PaletteCommand("Closures", "closures", "Days a site or the whole programme does not "
                       "work: list, add, edit, delete."),
        PaletteCommand("Vehicles, interpreters and guides", "resources",
                       "List, add, edit and delete what activities book besides places."),
        PaletteCommand("New programme", "new_programme",
                       "Start an empty programme in a new database file and open it."),
        PaletteCommand("Copy this programme to new dates", "copy_programme",
                       "Re-date this programme (same weekdays) into a new file and open it."),
    )

    def __init__(self, store: WorkshopStore, *, notice: str = "",
                 checker: Checker | None = None, mode: str = "overview",
                 settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else load_settings()
        self.area_screens: list[AreaScreen] = []
        self._clashes_told: set[frozenset[str]] = set()
        self.store = store
        self.notice = notice
        self.history = History()
        # The core's checks are imported by the first check, in its worker: they pull in
        # geopy and the reference tables, which the first screen does not need.
        self.checker: Checker | None = checker
        self.problems: list[ProblemLike] = []
        self.problems_generation = -1
        self.first_checks_pending = True  # until the first checks start, after the first paint
        self.generation = 0
        self.first_mode = mode
        self.title = store.workshop.programme.title

    # --- start ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.apply_settings()
        self.update_sub_title()
        if self.first_mode != self.current_mode:
            self.switch_mode(self.first_mode)
        if self.notice:
            self.notify(self.notice, timeout=8)
        if self.store.readonly:
            self.notify("Opened read-only: changes are refused.", timeout=8)
        # The checks start a moment after the first screen is drawn (it says "Checking..."
        # meanwhile), so that the screen answers the first keys without sharing the
        # interpreter with them (their first run imports numpy and the reference tables).
        self.call_after_refresh(self.set_timer, FIRST_CHECKS_DELAY, self._first_checks)

    def apply_settings(self) -> None:
        """The remembered theme and the user's keys from the settings file; every problem
        with the file is one notification, and the app starts anyway."""
        settings = self.settings
        problems = list(settings.problems)
        if settings.theme:
            if settings.theme in self.available_themes:
                self.theme = settings.theme
            else:
                problems.append(f"{settings.path}: there is no theme {settings.theme!r}; "
                                f"using {self.theme}")
        if settings.keys:
            known = known_binding_ids()
            unknown = sorted(set(settings.keys) - known)
            if unknown:
                problems.append(f"{settings.path}: no key has the id {', '.join(unknown)} "
                                "(F1 lists the ids); ignored")
            self.set_keymap({k: v for k, v in settings.keys.items() if k in known})
        for problem in problems:
            self.notify(problem, title="Settings", severity="warning", timeout=10)

    def handle_bindings_clash(self, clashed_bindings: set[Binding], node: DOMNode) -> None:
        """A key rebound in the settings file took a key another binding had: say so once."""
        ids = frozenset(b.id or b.action for b in clashed_bindings)
        if ids not in self._clashes_told:
            self._clashes_told.add(ids)
            self.notify(f"{', '.join(sorted(ids))} lost a key to the settings file's [keys]",
                        title="Settings", severity="warning", timeout=8)

    def update_sub_title(self) -> None:
        """The header: the programme, the database file (read-only?) and the problem count,
        shortened to fit the width (the title first, then the folder of the file)."""
        room = max(self.size.width - 20, 20)  # the header's icon and margins take the rest
        count = ""
        if self.problems_generation >= 0:
            errors = sum(1 for p in self.problems if p.severity == "error")
            count = (f"{counted(len(self.problems), 'problem')}, {counted(errors, 'error')}"
                     if self.problems else "no problems")
        mode = " (read-only)" if self.store.readonly else ""
        where = str(self.store.path) + mode
        if self.size.width < 120 and len(where) + len(count) > room // 3:
            where = self.store.path.name + mode
        self.sub_title = " · ".join(p for p in (where, count) if p)
        title = self.store.workshop.programme.title
        budget = room - len(self.sub_title) - 3
        self.title = title if len(title) <= budget else title[:max(budget - 1, 8)] + "…"

    def on_resize(self) -> None:
        self.update_sub_title()

    # --- areas ------------------------------------------------------------------------------

    def action_area(self, name: str, anywhere: bool = False) -> None:
        """Show one of the areas. A digit does nothing over a dialog; alt+digit (``anywhere``)
        leaves a form or dialog open in its area and shows the other one."""
        if name == self.current_mode or (isinstance(self.screen, ModalScreen)
                                         and not anywhere):
            return
        self.switch_mode(name)

    def action_next_area(self, step: int) -> None:
        """Show the next (or previous) area in the order of the digits, from anywhere."""
        names = list(AREAS)
        now = names.index(self.current_mode) if self.current_mode in names else 0
        self.action_area(names[(now + step) % len(names)], True)

    async def run_in_area(self, name: str, action: str) -> None:
        """Show the area ``name``, then run one of its actions there (the command palette's
        commands for the other areas)."""
        if name != self.current_mode:
            await self.switch_mode(name)
        screen = self.screen
        if isinstance(screen, AreaScreen):
            screen.sync()
            await screen.run_action(action)

    def action_help(self) -> None:
        """Show every key."""
        if not isinstance(self.screen, ModalScreen):
            from cistrat_tui.tui.screens.help import HelpScreen  # when first asked for

            self.push_screen(HelpScreen(self.screen))

    def action_next_theme(self) -> None:
        """Switch to the next of a few colour themes (the palette offers every theme)."""
        names = [t for t in THEMES if t in self.available_themes]
        now = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(now + 1) % len(names)]

    def watch_theme(self, theme: str) -> None:
        """Remember the theme (chosen with F10 or the palette) for the next start."""
        if not self.is_running or theme == self.settings.theme:
            return
        problem = save_theme(self.settings, theme)
        if problem:
            self.notify(problem, title="Settings", severity="warning", timeout=8)
            return
        self.settings = replace(self.settings, theme=theme)
        self.notify(f"Theme: {theme} (remembered)", timeout=2)

    def schedule_in_sight(self) -> ScheduleScreen | None:
        """The schedule, when it is the screen in sight."""
        screen = self.screen
        return cast("ScheduleScreen", screen) if isinstance(screen, area_class("schedule")) \
            else None

    async def jump_to(self, record_id: str | None, day: date | None = None) -> None:
        """Show the schedule at the record a problem is about: the activity highlighted, or
        for a hotel stay (or a problem without a record) its day; a cost line is shown in
        the budget area."""
        workshop = self.store.workshop
        if record_id is not None and record_id in workshop.costs:
            await self.switch_mode("budget")
            if isinstance(self.screen, area_class("budget")):
                self.screen.sync()
                self.screen.select_line(record_id)  # type: ignore[attr-defined]
            return
        activity = workshop.activities.get(record_id or "")
        stay = workshop.stays.get(record_id or "")
        day = activity.day if activity else stay.check_in if stay else day
        if day is None:
            self.notify("That problem is about the whole programme, not one day.",
                        severity="warning")
            return
        await self.switch_mode("schedule")
        screen = self.schedule_in_sight()
        if screen is not None:
            screen.sync()
            if activity is not None:
                screen.select_activity(activity.id)
            else:
                screen.go_to(day)

    # --- changes ----------------------------------------------------------------------------

    def change(self, before: Record | None, after: Record | None, label: str) -> Record | None:
        """Save a change at once and remember it for undo; a refused change is a notification.
        Returns the record as stored (None for a delete or a refusal)."""
        try:
            stored = self.history.apply(self.store, before, after, label)
        except Exception as error:  # the store keeps the file as it was on any error
            self.notify(_message(error), title="Not saved", severity="error", timeout=10)
            if isinstance(error, ChangedElsewhere):  # the store re-read the file: show it
                self.workshop_changed()
            return None
        self.notify(label, timeout=3)
        self.workshop_changed()
        return stored

    def action_undo(self) -> None:
        """Take back the last change of this sitting."""
        self._step(self.history.undo, "Undid", "Nothing to undo in this sitting.")

    def action_redo(self) -> None:
        """Make the last undone change again."""
        self._step(self.history.redo, "Redid", "Nothing to redo.")

    def _step(self, step: object, verb: str, nothing: str) -> None:
        if isinstance(self.screen, ModalScreen):
            return
        try:
            change = step(self.store)  # type: ignore[operator]
        except Exception as error:  # the store keeps the file as it was on any error
            self.notify(_message(error), title=f"{verb[:-1]} refused", severity="error",
                        timeout=10)
            if isinstance(error, ChangedElsewhere):
                self.workshop_changed()
            return
        if change is None:
            self.notify(nothing, severity="warning", timeout=3)
            return
        self.notify(f"{verb}: {change.label}", timeout=3)
        self.workshop_changed()
        record = change.after or change.before
        screen = self.schedule_in_sight()
        if screen is not None and isinstance(record, Activity):
            screen.show_record(record)

    def workshop_changed(self) -> None:
        """Redraw the area in sight (the others redraw when shown) and re-run the checks."""
        self.generation += 1
        if isinstance(self.screen, AreaScreen):
            self.screen.sync()
        self.find_problems()

    # --- problems ---------------------------------------------------------------------------

    def problem_checker(self) -> Checker:
        """The checks, imported the first time they are needed (not for the first screen)."""
        if self.checker is None:
            self.checker = default_checker()
        return self.checker

    def _first_checks(self) -> None:
        if self.first_checks_pending:  # unless a change has started them already
            self.find_problems()

    def find_problems(self) -> None:
        """Run the checks on a copy of the workshop (taken here, on the app's thread), away
        from the screen; the newest result wins."""
        self.first_checks_pending = False
        self._check(snapshot(self.store.workshop), self.generation)

    @work(thread=True, exclusive=True, group="checks", name="checks", exit_on_error=False)
    def _check(self, workshop: Workshop, generation: int) -> None:
        problems: Sequence[ProblemLike] = self.problem_checker()(workshop)
        self.post_message(ProblemsFound(problems, generation))

    def on_problems_found(self, message: ProblemsFound) -> None:
        if message.generation < self.problems_generation:
            return
        self.problems = message.problems
        self.problems_generation = message.generation
        self.update_sub_title()
        for screen in self._areas():
            screen.problems_changed()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed is said with its own name and reason; one cancelled because
        a newer one replaced it (the checks after a quick second change) is no failure."""
        if event.state is not WorkerState.ERROR:
            return
        worker = event.worker
        what = WORKER_NAMES.get(worker.group, WORKER_NAMES.get(worker.name, ""))
        what = what or (f"The background task {worker.name!r}" if worker.name
                        else "A background task")
        self.notify(_reason(worker.error), title=f"{what} failed", severity="error",
                    timeout=10)

    def _areas(self) -> list[AreaScreen]:
        return [screen for screen in self.area_screens if screen.is_attached]


def known_binding_ids() -> set[str]:
    """The ids of every binding of the app, its areas and their widgets, as a settings file
    may rebind them."""
    ids: set[str] = set()
    import cistrat_tui.tui.screens.help  # noqa: F401 (its close key has an id too)

    for name in AREAS:  # imports every area (and its forms): only when there are [keys]
        area_class(name)
    for cls in _ours(DOMNode):
        for binding in Binding.make_bindings(cls.BINDINGS):
            if binding.id:
                ids.add(binding.id)
    return ids


def _ours(base: type[DOMNode]) -> list[type[DOMNode]]:
    """Every subclass of ``base`` defined in this package (screens, forms, widgets)."""
    found, todo = [], list(base.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("cistrat_tui."):
            found.append(cls)
    return found


def _reason(error: BaseException | None) -> str:
    """Why a worker failed, never blank: its message, else the kind of error."""
    if error is None:
        return "no reason was given"
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text and not isinstance(error, CistratError) \
        else text or type(error).__name__


def _message(error: Exception) -> str:
    """An error as the coordinator reads it; an unexpected one says what kind it is."""
    if isinstance(error, CistratError):
        return str(error)
    return f"Unexpected {type(error).__name__}: {error}. Nothing was changed."

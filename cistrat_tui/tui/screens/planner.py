"""The route planner area: pick the stops and their visit lengths, the dates, where the trip
starts and ends; plan in a worker; preview the plan day by day and on the map; apply it as one
undoable step, or discard it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from cistrat_tui.core.errors import CistratError
from cistrat_tui.core.planning.plan_text import plan_lines
from cistrat_tui.core.planning.planner import Plan, PlanRequest, plan_route
from cistrat_tui.core.records.model import Site
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.tui.problem_source import snapshot
from cistrat_tui.tui.screens.area import AreaScreen, counted
from cistrat_tui.tui.screens.planner_rules import (
    DEFAULT_VISIT_MINUTES,
    PlanForm,
    adjust_minutes,
    apply_plan_step,
    check_form,
    default_place,
    describe_error,
    hours_label,
    map_route,
    named_sites,
    place_candidates,
    stop_candidates,
)
from cistrat_tui.tui.widgets.inputs import LeavingInput
from cistrat_tui.tui.widgets.map_view import MapView
from cistrat_tui.tui.widgets.ticks import TickList

FIELD_NAMES = {"stops": "Stops", "start": "From", "end": "To", "first_day": "First day",
               "last_day": "Last day", "per_day": "Visits a day"}


class PlanFinished(Message):
    """The planner's worker finished: a plan, or the error that stopped it."""

    def __init__(self, plan: Plan | None, error: Exception | None, request: PlanRequest,
                 generation: int) -> None:
        super().__init__()
        self.plan = plan
        self.error = error
        self.request = request
        self.generation = generation


def _message(error: Exception) -> str:
    if isinstance(error, CistratError):
        return str(error)
    return f"Unexpected {type(error).__name__}: {error}. Nothing was changed."


def preview_text(plan: Plan, sites: dict[str, Site]) -> Text:
    """The plan day by day (as ``cistrat-tui plan`` prints it), headings and notes styled."""
    text = Text()
    for number, line in enumerate(plan_lines(plan, sites)):
        style = ""
        if number < 2:
            style = "bold"
        elif line.startswith("Note:"):
            style = "yellow"
        elif line.startswith("  Night:"):
            style = "dim"
        elif not line.startswith(" "):
            style = "bold underline"
        text.append(line + "\n", style)
    return text


def stops_title(picked: int) -> str:
    """The stops list's title: how many are picked and the keys that pick and set them."""
    return f"Stops: {picked} picked (space picks, + and - set the visit)"


def place_label(site: Site, width: int = 34) -> str:
    """A place as one short line for the From and To lists: its name cut to fit, its city."""
    room = width - len(site.city) - 3
    name = site.name_en if len(site.name_en) <= room else site.name_en[:room - 1] + "…"
    return f"{name} · {site.city}"


class PlannerScreen(AreaScreen):
    """Plan a trip through sites, look at it, then apply it to the programme or drop it."""

    DEFAULT_CSS = """
    #planner-body { height: 1fr; }
    #planner-form { width: 56; height: 1fr; padding: 0 1 0 0; }
    #planner-stops { height: 1fr; border: round $primary-muted; }
    #planner-stops:focus { border: round $primary; }
    #planner-form .form-row { height: auto; }
    #planner-form .form-label { width: 13; }
    #planner-errors { height: auto; color: $error; }
    #planner-buttons { height: auto; }
    #planner-buttons Button { margin-right: 1; min-width: 10; }
    #planner-result { width: 1fr; height: 1fr; }
    #planner-status { height: auto; padding: 0 1; }
    #planner-preview-box { height: 1fr; border: round $primary-muted; }
    #planner-map { height: 14; border: round $primary-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "plan", "Plan", id="planner.plan",
                tooltip="Plan the route through the picked stops (the form stays as it is)."),
        Binding("ctrl+s", "apply", "Apply", id="planner.apply",
                tooltip="Write the plan shown into the programme (ctrl+z takes it back)."),
        Binding("escape", "discard", "Discard", id="planner.discard",
                tooltip="Drop the plan shown without writing anything."),
        Binding("plus,equals_sign", "longer", "Longer visit", show=False, id="planner.longer",
                tooltip="Make the highlighted stop's visit half an hour longer."),
        Binding("minus", "shorter", "Shorter visit", show=False, id="planner.shorter",
                tooltip="Make the highlighted stop's visit half an hour shorter."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.minutes: dict[str, int] = {}  # visit length by site id, picked or not
        self.plan: Plan | None = None
        self.plan_request: PlanRequest | None = None
        self.plan_generation = -1
        self.planning = False
        self._stop_ids: list[str] = []
        self._options_shown = False
        self._place_ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="planner-body"):
            with Vertical(id="planner-form"):
                stops = TickList[str](id="planner-stops")
                stops.border_title = stops_title(0)
                yield stops
                for name, label in (("start", "From"), ("end", "To")):
                    with Horizontal(classes="form-row"):
                        yield Label(label, classes="form-label")
                        yield Select[str]([], id=f"planner-{name}", compact=True)
                for name, label in (("first_day", "First day"), ("last_day", "Last day"),
                                    ("per_day", "Visits a day")):
                    with Horizontal(classes="form-row"):
                        yield Label(label, classes="form-label")
                        yield LeavingInput(id=f"planner-{name}", compact=True)
                with Horizontal(classes="form-row"):
                    yield Label("Weekends", classes="form-label")
                    yield Checkbox("travel between cities", True, id="planner-weekend",
                                   compact=True,
                                   tooltip="Journeys between cities on weekends and holidays; "
                                           "applying a plan remembers the choice.")
                yield Static("", id="planner-errors")
                with Horizontal(id="planner-buttons"):
                    yield Button("Plan (ctrl+r)", id="planner-plan", variant="primary")
                    yield Button("Apply (ctrl+s)", id="planner-apply", variant="success",
                                 disabled=True)
                    yield Button("Discard (esc)", id="planner-discard", disabled=True)
            with Vertical(id="planner-result"):
                yield Static("Pick the stops, then plan (ctrl+r).", id="planner-status")
                with VerticalScroll(id="planner-preview-box") as box:
                    box.border_title = "Plan, day by day"
                    yield Static("", id="planner-preview")
                route_map = MapView(id="planner-map")
                route_map.border_title = "Route of the plan"
                yield route_map
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.query_one("#planner-per_day", Input).value = "2"
        self.focus_home()

    def focus_home(self) -> None:
        self.query_one("#planner-stops", SelectionList).focus()

    # --- the form ---------------------------------------------------------------------------

    def refresh_view(self) -> None:
        """Offer the workshop's sites (keeping what was picked) and, the first time, the
        programme's dates; a plan made before a change is marked out of date."""
        workshop = self.workshop
        self._offer_stops(workshop)
        self._offer_places(workshop)
        first, last = (self.query_one(f"#planner-{n}", Input) for n in ("first_day", "last_day"))
        if not first.value and not last.value:
            first.value = workshop.programme.start_date.isoformat()
            last.value = workshop.programme.end_date.isoformat()
        if not self._options_shown:  # the programme's choice, once; then the coordinator's
            self.query_one("#planner-weekend", Checkbox).value = \
                workshop.programme.weekend_travel
            self._options_shown = True
        if self.plan is not None and self.plan_generation != self.cistrat.generation:
            self._status(Text("The programme changed since this plan was made: plan again "
                              "before applying it.", "bold yellow"))

    def _offer_stops(self, workshop: Workshop) -> None:
        stops = self.query_one("#planner-stops", SelectionList)
        candidates = stop_candidates(workshop)
        ids = [s.id for s in candidates]
        if ids == self._stop_ids:
            return
        picked = set(stops.selected)
        stops.clear_options()
        stops.add_options([Selection(self._stop_prompt(site), site.id, site.id in picked,
                                     id=site.id) for site in candidates])
        self._stop_ids = ids

    def _stop_prompt(self, site: Site) -> Text:
        minutes = self.minutes.get(site.id, DEFAULT_VISIT_MINUTES)
        text = Text(f"{hours_label(minutes):>7}  ", "bold")
        text.append(site.name_en)
        text.append(f"  {site.city}", "dim")
        return text

    def _offer_places(self, workshop: Workshop) -> None:
        places = place_candidates(workshop)
        ids = [s.id for s in places]
        if ids == self._place_ids:
            return
        self._place_ids = ids
        options = [(place_label(s), s.id) for s in places]
        default = default_place(workshop)
        for name in ("start", "end"):
            select = self.query_one(f"#planner-{name}", Select)
            now = select.value if isinstance(select.value, str) else default
            select.set_options(options)
            if now in ids:
                select.value = now

    def _form(self) -> PlanForm:
        stops = self.query_one("#planner-stops", SelectionList)
        picked = tuple((site_id, self.minutes.get(site_id, DEFAULT_VISIT_MINUTES))
                       for site_id in self._stop_ids if site_id in set(stops.selected))
        values = {n: self.query_one(f"#planner-{n}", Select).value for n in ("start", "end")}
        start, end = (v if isinstance(v, str) else None for v in values.values())
        first_day, last_day, per_day = (self.query_one(f"#planner-{n}", Input).value
                                        for n in ("first_day", "last_day", "per_day"))
        return PlanForm(picked, start, end, first_day, last_day, per_day,
                        weekend_travel=self.query_one("#planner-weekend", Checkbox).value)

    @on(SelectionList.SelectedChanged, "#planner-stops")
    def _picked(self, event: SelectionList.SelectedChanged) -> None:
        event.selection_list.border_title = stops_title(len(event.selection_list.selected))

    def action_longer(self) -> None:
        """The highlighted stop's visit half an hour longer."""
        self._adjust(1)

    def action_shorter(self) -> None:
        """The highlighted stop's visit half an hour shorter."""
        self._adjust(-1)

    def _adjust(self, steps: int) -> None:
        stops = self.query_one("#planner-stops", SelectionList)
        if stops.highlighted is None:
            return
        site_id = stops.get_option_at_index(stops.highlighted).value
        self.minutes[site_id] = adjust_minutes(
            self.minutes.get(site_id, DEFAULT_VISIT_MINUTES), steps)
        stops.replace_option_prompt(site_id, self._stop_prompt(self.workshop.sites[site_id]))

    # --- planning ---------------------------------------------------------------------------

    def action_plan(self) -> None:
        """Check the form; when it is fine, plan in a worker."""
        if self.planning:
            return
        request, errors = check_form(self._form())
        self.query_one("#planner-errors", Static).update(
            "\n".join(f"{FIELD_NAMES[name]}: {reason}" for name, reason in errors.items()))
        if request is None:
            return
        self._show_plan(None)
        self.planning = True
        self.query_one("#planner-preview-box").loading = True
        self.query_one("#planner-plan", Button).disabled = True
        self._status(f"Planning {counted(len(request.stops), 'stop')}...")
        self._run_planner(snapshot(self.workshop), request, self.cistrat.generation)

    @work(thread=True, exclusive=True, group="planner", exit_on_error=False)
    def _run_planner(self, workshop: Workshop, request: PlanRequest, generation: int) -> None:
        try:
            plan = plan_route(workshop, request)
        except Exception as error:  # every refusal is shown on the screen, not raised
            self.post_message(PlanFinished(None, error, request, generation))
            return
        self.post_message(PlanFinished(plan, None, request, generation))

    def on_plan_finished(self, message: PlanFinished) -> None:
        self.planning = False
        self.query_one("#planner-preview-box").loading = False
        self.query_one("#planner-plan", Button).disabled = False
        if message.plan is None:
            error = message.error or RuntimeError("the planner gave no plan")
            self._show_plan(None)
            self._status(Text(describe_error(error, named_sites(self.workshop)), "bold red"))
            return
        self.plan_request = message.request
        self.plan_generation = message.generation
        self._show_plan(message.plan)
        plan = message.plan
        self._status(Text(f"Plan ready ({plan.claim}; {counted(plan.days_used, 'day')}): "
                          "apply it (ctrl+s) or discard it (esc).", "bold green"))

    def _show_plan(self, plan: Plan | None) -> None:
        self.plan = plan
        preview = self.query_one("#planner-preview", Static)
        route_map = self.query_one("#planner-map", MapView)
        for name in ("apply", "discard"):
            self.query_one(f"#planner-{name}", Button).disabled = plan is None
        if plan is None or self.plan_request is None:
            preview.update("")
            route_map.show([], [])
            return
        sites = named_sites(self.workshop, plan)
        preview.update(preview_text(plan, sites))
        route_map.show(*map_route(plan, sites, self.plan_request.start_site_id))

    def _status(self, text: str | Text) -> None:
        self.query_one("#planner-status", Static).update(text)

    # --- apply or discard -------------------------------------------------------------------

    def action_apply(self) -> None:
        """Write the plan into the programme as one undoable step."""
        if self.plan is None:
            self.notify("Nothing to apply: plan a route first (ctrl+r).", severity="warning")
            return
        if self.plan_generation != self.cistrat.generation:
            self.notify("The programme changed since this plan was made: plan again first.",
                        severity="warning", timeout=6)
            return
        try:
            label = apply_plan_step(self.cistrat.history, self.store, self.plan)
        except Exception as error:  # the store keeps the file as it was on any error
            self.notify(_message(error), title="Not saved", severity="error", timeout=10)
            return
        self._show_plan(None)
        self._status(Text(f"{label}. ctrl+z takes it back.", "bold green"))
        self.notify(label, timeout=4)
        self.cistrat.workshop_changed()
        self.focus_home()  # out of the date fields: the next digit switches areas

    def action_discard(self) -> None:
        """Drop the plan shown; nothing is written."""
        if self.plan is None:
            return
        self._show_plan(None)
        self._status("Plan discarded: nothing was written.")

    @on(Button.Pressed, "#planner-plan")
    def _plan_pressed(self) -> None:
        self.action_plan()

    @on(Button.Pressed, "#planner-apply")
    def _apply_pressed(self) -> None:
        self.action_apply()

    @on(Button.Pressed, "#planner-discard")
    def _discard_pressed(self) -> None:
        self.action_discard()

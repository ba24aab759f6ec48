"""The activity form: a modal that returns a valid Activity, or None when the user cancels.

Every field is checked as the coordinator types (see form_logic); each error shows beside its
field and Save stays disabled until the whole form is valid, so nothing invalid is saved.
Travel legs show from, to, mode, service and one seat field per trainee; other activities
show their site. Who takes part: everyone, a group, or named trainees.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Select, SelectionList, Static

from cistrat_tui.core.records.activity import Activity
from cistrat_tui.core.records.model import ActivityKind, Audience, SiteKind, Status, TravelMode
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.tui.day_list import KIND_LABELS, MODE_LABELS
from cistrat_tui.tui.forms.activity_rules import FormValues, build_activity, meal_line
from cistrat_tui.tui.forms.validated import ValidatedForm, save_cancel_bindings, save_cancel_buttons
from cistrat_tui.tui.widgets.ticks import TickList

INPUTS = {"title": "Title", "day": "Date", "start": "Starts", "end": "Ends",
          "service": "Service no.", "booking": "Booking ref", "description": "Description"}
PLACEHOLDERS = {"day": "YYYY-MM-DD", "start": "HH:MM", "end": "HH:MM (+HH:MM: next day)",
                "service": "e.g. G7", "title": "what the trainees see"}
TRAVEL_ONLY = ("from", "to", "mode", "service", "seats")


def _select_value(select: Select[str]) -> str:
    value = select.value
    return "" if value is Select.NULL else str(value)


class ActivityForm(ValidatedForm[Activity]):
    """Add or edit one activity."""

    BINDINGS: ClassVar[list[BindingType]] = save_cancel_bindings("form", "activity")

    def __init__(self, workshop: Workshop, values: FormValues, base: Activity | None,
                 heading: str) -> None:
        super().__init__(id="activity-form")
        self.workshop = workshop
        self.initial = values
        self.base = base
        self.heading = heading

    # --- building the form ------------------------------------------------------------------

    def _row(self, name: str, label: str, widget: Widget) -> Horizontal:
        return Horizontal(Label(label, classes="form-label"), widget,
                          Static("", id=f"error-{name}", classes="form-error"),
                          id=f"row-{name}", classes="form-row")

    def _input(self, name: str) -> Horizontal:
        value = getattr(self.initial, {"day": "day"}.get(name, name))
        return self._row(name, INPUTS[name], Input(value, id=f"field-{name}",
                                                   placeholder=PLACEHOLDERS.get(name, ""),
                                                   compact=True))

    def _site_select(self, name: str, value: str, kinds: set[SiteKind] | None = None) -> Select:
        sites = sorted(self.workshop.sites.values(), key=lambda s: (s.city, s.name_en))
        options = [(f"{s.city}: {s.name_en}", s.id) for s in sites
                   if kinds is None or s.kind in kinds or s.id == value]
        return Select(options, value=value or Select.NULL, id=f"field-{name}",
                      prompt="choose a place", compact=True)

    def compose(self) -> ComposeResult:
        values = self.initial
        with Vertical(id="form-box") as box:
            box.border_title = self.heading
            with VerticalScroll(id="form-fields"):
                yield self._row("kind", "Kind", Select(
                    [(KIND_LABELS[k], k.value) for k in ActivityKind], value=values.kind,
                    allow_blank=False, id="field-kind", compact=True))
                yield self._input("title")
                yield self._input("day")
                yield self._input("start")
                yield self._input("end")
                yield self._row("site", "Site", self._site_select("site", values.site))
                yield self._row("from", "From", self._site_select("from", values.from_site))
                yield self._row("to", "To", self._site_select("to", values.to_site))
                yield self._row("mode", "Mode", Select(
                    [(MODE_LABELS[m], m.value) for m in TravelMode],
                    value=values.mode or Select.NULL, id="field-mode", prompt="how", compact=True))
                yield self._input("service")
                yield self._input("booking")
                yield self._row("status", "Status", Select(
                    [(s.value, s.value) for s in Status], value=values.status,
                    allow_blank=False, id="field-status", compact=True))
                yield self._row("audience", "Who", Select(
                    [("everyone", "everyone"), ("a group", "group"),
                     ("named trainees", "named")], value=values.audience,
                    allow_blank=False, id="field-audience", compact=True))
                groups = self.workshop.groups()
                yield self._row("group", "Group", Select(
                    [(f"group {g}", g) for g in groups],
                    value=values.group if values.group in groups else Select.NULL,
                    id="field-group", prompt="choose a group", compact=True))
                trainees = sorted(self.workshop.trainees.values(), key=lambda t: t.name)
                yield self._row("trainees", "Trainees", TickList[str](
                    *[(f"{t.name} ({t.group or 'no group'})", t.id, t.id in values.trainees)
                      for t in trainees], id="field-trainees"))
                with Vertical(id="row-seats", classes="form-row"):
                    yield Label("Seats (one per trainee, e.g. 05A; blank: none yet)",
                                classes="form-label")
                    yield Static("", id="error-seats", classes="form-error")
                    for number, trainee in enumerate(trainees):
                        yield Horizontal(
                            Label(trainee.name[:24], classes="seat-name"),
                            Input(values.seats.get(trainee.id, ""), id=f"seat-{number}",
                                  classes="seat-input", placeholder="seat", compact=True),
                            classes="seat-row")
                resources = sorted(self.workshop.resources.values(),
                                   key=lambda r: (r.kind.value, r.name))
                yield self._row("resources", "Vehicle, staff", SelectionList[str](
                    *[(r.label(), r.id, r.id in values.resources) for r in resources],
                    id="field-resources"))
                yield Static("", id="meal-counts", classes="dialog-hint")
                yield self._input("description")
                yield Static("", id="error-form", classes="form-error")
            yield save_cancel_buttons()
        self._trainee_order = [t.id for t in trainees]

    def on_mount(self) -> None:
        self.revalidate()
        self.query_one("#field-title", Input).focus()

    # --- reading and checking ---------------------------------------------------------------

    def current_values(self) -> FormValues:
        """The form as it stands."""
        def text(name: str) -> str:
            return self.query_one(f"#field-{name}", Input).value

        def choice(name: str) -> str:
            return _select_value(self.query_one(f"#field-{name}", Select))

        seats = {tid: self.query_one(f"#seat-{n}", Input).value
                 for n, tid in enumerate(self._trainee_order)}
        return FormValues(
            kind=choice("kind"), title=text("title"), day=text("day"), start=text("start"),
            end=text("end"), site=choice("site"), from_site=choice("from"),
            to_site=choice("to"), mode=choice("mode"), service=text("service"),
            booking=text("booking"), status=choice("status"), audience=choice("audience"),
            group=choice("group"),
            trainees=tuple(self.query_one("#field-trainees", SelectionList).selected),
            seats=seats, description=text("description"),
            resources=tuple(self.query_one("#field-resources", SelectionList).selected))

    def check(self) -> tuple[Activity | None, dict[str, str]]:
        """Show the rows that this kind and audience need, then check the whole form."""
        values = self.current_values()
        travel = values.kind == ActivityKind.TRAVEL.value
        for name in TRAVEL_ONLY:
            self.query_one(f"#row-{name}").display = travel
        self.query_one("#row-site").display = not travel
        self.query_one("#row-group").display = values.audience == Audience.GROUP.value
        self.query_one("#row-trainees").display = values.audience == Audience.NAMED.value
        self.query_one("#row-resources").display = bool(self.workshop.resources)
        counts = meal_line(values, self.workshop)
        meal = self.query_one("#meal-counts", Static)
        meal.display = bool(counts)
        meal.update(counts)
        return build_activity(values, self.workshop, self.base)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self) -> None:
        if self.is_mounted:
            self.revalidate()

    # --- leaving ----------------------------------------------------------------------------


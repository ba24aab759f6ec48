"""The site form: a modal that returns a valid Site, or None when the user cancels.

Every field is checked as the coordinator types (see site_logic); each error shows beside its
field and Save stays disabled until the form is valid. Coordinates are typed in the datum they
were copied in (WGS84, GCJ-02 from Amap or Tencent, BD-09 from Baidu) and stored as WGS84.
"Look up address" (ctrl+l) asks the geocoder in a thread worker, so the screen never freezes,
lists the candidates to pick from, and says plainly when the service cannot be reached.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from cistrat_tui.core.geo.datums import Datum
from cistrat_tui.core.geo.geocode import Candidate, Lookup, PlaceFinder
from cistrat_tui.core.records.model import Site, SiteKind
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.tui.forms.site_rules import (
    DATUM_LABELS,
    SiteFormValues,
    build_site,
    kind_label,
    lookup_query,
    with_candidate,
)
from cistrat_tui.tui.forms.validated import ValidatedForm, save_cancel_buttons

INPUTS = {"name_en": "English name", "name_zh": "Chinese name", "city": "City",
          "address_en": "Address EN", "address_zh": "Address 中文", "lat": "Latitude",
          "lon": "Longitude", "hours": "Hours", "phone": "Phone",
          "host_name": "Host name", "host_phone": "Host phone", "host_email": "Host email",
          "host_role": "Host role", "notes": "Notes"}
PLACEHOLDERS = {"lat": "e.g. 39.9934", "lon": "e.g. 116.3246",
                "hours": "Mon-Fri 09:00-17:30; Sat 09:00-12:00 (blank: not recorded)",
                "city": "Beijing, Shanghai...", "address_zh": "北京市海淀区..."}
TEXT_FIELDS = tuple(INPUTS)
LOOKUP_LIMIT = 5


def _select_value(select: Select[str]) -> str:
    value = select.value
    return "" if value is Select.NULL else str(value)


class SiteForm(ValidatedForm[Site]):
    """Add or edit one site."""

    DEFAULT_CSS = """
    SiteForm { align: center middle; }
    SiteForm #lookup-row { height: auto; }
    SiteForm #lookup-status { width: 1fr; padding: 0 1; height: auto; }
    SiteForm #candidates { height: auto; max-height: 7; display: none; }
    SiteForm #candidates.shown { display: block; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="site-form.save", priority=True,
                tooltip="Save the site (only when every field is valid)."),
        Binding("ctrl+l", "look_up", "Look up address", id="site-form.look-up",
                priority=True, tooltip="Find the coordinates of the address (geocoder)."),
        Binding("escape", "cancel", "Cancel", id="site-form.cancel",
                tooltip="Close the form without saving."),
    ]

    def __init__(self, workshop: Workshop, values: SiteFormValues, base: Site | None,
                 heading: str, make_geocoder: Callable[[], PlaceFinder]) -> None:
        super().__init__(id="site-form")
        self.workshop = workshop
        self.initial = values
        self.base = base
        self.heading = heading
        self.make_geocoder = make_geocoder
        self.candidates: tuple[Candidate, ...] = ()

    # --- building the form ------------------------------------------------------------------

    def _row(self, name: str, label: str, widget: Widget) -> Horizontal:
        return Horizontal(Label(label, classes="form-label"), widget,
                          Static("", id=f"error-{name}", classes="form-error"),
                          id=f"row-{name}", classes="form-row")

    def _input(self, name: str) -> Horizontal:
        return self._row(name, INPUTS[name], Input(getattr(self.initial, name),
                                                   id=f"field-{name}", compact=True,
                                                   placeholder=PLACEHOLDERS.get(name, "")))

    def compose(self) -> ComposeResult:
        values = self.initial
        with Vertical(id="form-box") as box:
            box.border_title = self.heading
            with VerticalScroll(id="form-fields"):
                yield self._row("kind", "Kind", Select(
                    [(kind_label(k), k.value) for k in SiteKind], value=values.kind,
                    allow_blank=False, id="field-kind", compact=True))
                for name in ("name_en", "name_zh", "city", "address_en", "address_zh"):
                    yield self._input(name)
                with Horizontal(id="lookup-row", classes="form-row"):
                    yield Button("Look up address (ctrl+l)", id="look-up", compact=True)
                    yield Static("", id="lookup-status")
                yield OptionList(id="candidates")
                yield self._input("lat")
                yield self._input("lon")
                yield self._row("datum", "Datum", Select(
                    [(label, d.value) for d, label in DATUM_LABELS.items()],
                    value=values.datum or Datum.WGS84.value, allow_blank=False,
                    id="field-datum", compact=True))
                for name in ("hours", "phone", "host_name", "host_phone", "host_email",
                             "host_role", "notes"):
                    yield self._input(name)
                yield Static("", id="error-form", classes="form-error")
            yield save_cancel_buttons()

    def on_mount(self) -> None:
        self.revalidate()
        self.query_one("#field-name_en", Input).focus()

    # --- reading and checking ---------------------------------------------------------------

    def current_values(self) -> SiteFormValues:
        """The form as it stands."""
        texts = {name: self.query_one(f"#field-{name}", Input).value for name in TEXT_FIELDS}
        return SiteFormValues(kind=_select_value(self.query_one("#field-kind", Select)),
                              datum=_select_value(self.query_one("#field-datum", Select)),
                              **texts)

    def fill(self, values: SiteFormValues) -> None:
        """Put values into the form (a picked candidate's coordinates)."""
        for name in TEXT_FIELDS:
            self.query_one(f"#field-{name}", Input).value = getattr(values, name)
        self.query_one("#field-datum", Select).value = values.datum

    def check(self) -> tuple[Site | None, dict[str, str]]:
        return build_site(self.current_values(), self.workshop, self.base)

    @on(Input.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if self.is_mounted:
            self.revalidate()

    # --- looking up the address -------------------------------------------------------------

    @on(Button.Pressed, "#look-up")
    def action_look_up(self) -> None:
        """Ask the geocoder for the address, away from the screen."""
        query = lookup_query(self.current_values())
        if not query:
            self.show_status("Type an address (or the name and city) to look up first.")
            return
        self.show_status(f"Looking up {query!r}...")
        self.show_candidates(())
        self._look_up(query)

    @work(thread=True, exclusive=True, group="geocode", exit_on_error=False)
    def _look_up(self, query: str) -> None:
        attribution = ""
        try:
            finder = self.make_geocoder()
            attribution = finder.attribution
            lookup: Lookup | str = finder.search(query, limit=LOOKUP_LIMIT)
        except Exception as error:  # every failure is said plainly, never a crash
            lookup = (f"Cannot look the address up: {error}" if str(error)
                      else f"Cannot look the address up ({type(error).__name__}).")
        self.app.call_from_thread(self._looked_up, lookup, attribution)

    def _looked_up(self, lookup: Lookup | str, attribution: str = "") -> None:
        if not self.is_attached:  # the form was closed while the geocoder was asked
            return
        if isinstance(lookup, str):
            self.show_status(lookup, error=True)
            return
        if not lookup.candidates:
            self.show_status(f"No place found for {lookup.query!r}; try the Chinese address, "
                             "or enter the coordinates by hand.")
            return
        where = " (from the cache)" if lookup.cached else ""
        self.show_status(f"{len(lookup.candidates)} found{where}: pick one with Enter. "
                         f"{attribution}")
        self.show_candidates(lookup.candidates)
        self.query_one("#candidates", OptionList).focus()

    def show_status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#lookup-status", Static)
        status.update(text)
        status.styles.color = "red" if error else None

    def show_candidates(self, candidates: tuple[Candidate, ...]) -> None:
        self.candidates = candidates
        options = self.query_one("#candidates", OptionList)
        options.clear_options()
        options.add_options([Option(f"{c.name}  ({c.lat:.5f}, {c.lon:.5f})", id=str(n))
                             for n, c in enumerate(candidates)])
        options.set_class(bool(candidates), "shown")
        if candidates:
            options.highlighted = 0

    @on(OptionList.OptionSelected, "#candidates")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.pick(event.option_index)

    def pick(self, index: int) -> None:
        """Use a candidate's coordinates (WGS84) in the form."""
        if not 0 <= index < len(self.candidates):
            return
        chosen = self.candidates[index]
        self.fill(with_candidate(self.current_values(), chosen))
        self.show_status(f"Using {chosen.name[:80]}")
        self.show_candidates(())
        self.query_one("#field-lat", Input).focus()
        self.revalidate()

    # --- leaving ----------------------------------------------------------------------------


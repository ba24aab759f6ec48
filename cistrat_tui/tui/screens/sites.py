"""The sites area: every site in a table, filtered as the coordinator types, with a detail pane
(both names and addresses, coordinates, hours, host, the activities held there), and adding or
editing a site in a validated form that can look the address up."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Input, Static

from cistrat_tui.core.geo.geocode import PlaceFinder, cache_path_for, place_finder
from cistrat_tui.core.records.model import Site
from cistrat_tui.tui.forms.site import SiteForm
from cistrat_tui.tui.forms.site_rules import (
    SiteFormValues,
    filter_sites,
    short_kind,
    site_detail,
    site_values_from,
)
from cistrat_tui.tui.screens.area import AreaScreen, counted
from cistrat_tui.tui.screens.dialogs import Confirm

NAME_WIDTH = 30


class SitesScreen(AreaScreen):
    """All sites; type to filter, Enter or e to edit, a to add."""

    DEFAULT_CSS = """
    SitesScreen #sites-filter { margin: 0 1; }
    SitesScreen #sites-body { height: 1fr; }
    SitesScreen #sites-table { width: 1fr; height: 1fr; border: round $primary-muted; }
    SitesScreen #sites-table:focus { border: round $primary; }
    SitesScreen #site-detail-box { width: 44; height: 1fr; border: round $primary-muted;
                                   padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash,f", "filter", "Filter", show=False, id="sites.filter",
                tooltip="Type part of a name (English or Chinese), a city or a kind."),
        Binding("a", "add", "Add site", id="sites.add", tooltip="Add a site."),
        Binding("e", "edit", "Edit site", id="sites.edit",
                tooltip="Edit the highlighted site."),
        Binding("l", "look_up", "Look up address", id="sites.look-up",
                tooltip="Edit the highlighted site and look its address up (geocoder)."),
        Binding("delete,x", "delete", "Delete", show=False, id="sites.delete",
                tooltip="Delete the highlighted site (asks first; refused while in use)."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown: list[Site] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield Input(id="sites-filter", compact=True,
                    placeholder="filter: name (English or 中文), city or kind; / to come back")
        with Horizontal(id="sites-body"):
            table: DataTable[str | Text] = DataTable(
                id="sites-table", cursor_type="row", zebra_stripes=True)
            table.border_title = "Sites"
            yield table
            with VerticalScroll(id="site-detail-box") as box:
                box.border_title = "Site"
                yield Static(id="site-detail")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        table = self.query_one("#sites-table", DataTable)
        table.add_column("City")
        table.add_column("Kind")
        table.add_column("Name", width=NAME_WIDTH)
        table.add_column("中文名")
        table.focus()

    # --- drawing ----------------------------------------------------------------------------

    @property
    def query_text(self) -> str:
        return self.query_one("#sites-filter", Input).value

    def refresh_view(self) -> None:
        """Redraw the table from the workshop and the filter, keeping the highlighted site."""
        table = self.query_one("#sites-table", DataTable)
        keep = self.selected_site.id if self.selected_site else None
        self._shown = filter_sites(self.workshop.sites.values(), self.query_text)
        table.clear()
        for site in self._shown:
            name = site.name_en if len(site.name_en) <= NAME_WIDTH \
                else site.name_en[:NAME_WIDTH - 1] + "…"
            table.add_row(site.city, short_kind(site.kind), name, site.name_zh, key=site.id)
        total = len(self.workshop.sites)
        table.border_title = (f"Sites: {counted(total, 'site')}" if len(self._shown) == total
                              else f"Sites: {len(self._shown)} of {total}")
        ids = [s.id for s in self._shown]
        if keep in ids:
            table.move_cursor(row=ids.index(keep), animate=False)
        self._show_detail(table.cursor_row)

    @property
    def shown_sites(self) -> list[Site]:
        """The sites in the table, top to bottom."""
        return list(self._shown)

    @property
    def selected_site(self) -> Site | None:
        """The highlighted site, as stored now."""
        if not self.is_mounted:
            return None
        row = self.query_one("#sites-table", DataTable).cursor_row
        if not 0 <= row < len(self._shown):
            return None
        return self.workshop.sites.get(self._shown[row].id)

    def select_site(self, site_id: str) -> None:
        """Highlight a site (clearing the filter when it hides it)."""
        if site_id not in [s.id for s in self._shown]:
            self.query_one("#sites-filter", Input).value = ""
            self.refresh_view()
        ids = [s.id for s in self._shown]
        if site_id in ids:
            self.query_one("#sites-table", DataTable).move_cursor(row=ids.index(site_id))
            self._show_detail(ids.index(site_id))

    def _show_detail(self, row: int) -> None:
        detail = self.query_one("#site-detail", Static)
        if 0 <= row < len(self._shown):
            site = self.workshop.sites.get(self._shown[row].id)
            detail.update(site_detail(site, self.workshop) if site else "")
        elif self.workshop.sites:
            detail.update("No site matches the filter.")
        else:
            detail.update("No sites yet: press a to add one.")

    @on(DataTable.RowHighlighted, "#sites-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    @on(DataTable.RowSelected, "#sites-table")
    def _chosen(self) -> None:
        self.action_edit()

    # --- the filter -------------------------------------------------------------------------

    @on(Input.Changed, "#sites-filter")
    def _filter_changed(self) -> None:
        self.refresh_view()

    @on(Input.Submitted, "#sites-filter")
    def _filter_done(self) -> None:
        self.query_one("#sites-table", DataTable).focus()

    def action_filter(self) -> None:
        """Type to filter the sites."""
        self.query_one("#sites-filter", Input).focus()

    # --- changes ----------------------------------------------------------------------------

    def make_geocoder(self) -> PlaceFinder:
        """The look-up chosen by ``$CISTRAT_GEOCODER`` or the config file (Baidu, Nominatim,
        or offline over this database's sites), cached beside the database."""
        return place_finder(cache_path_for(self.store.path), self.workshop.sites.values())

    def _form(self, values: SiteFormValues, base: Site | None, heading: str) -> SiteForm:
        return SiteForm(self.workshop, values, base, heading, self.make_geocoder)

    def _saved(self, stored: object) -> None:
        if isinstance(stored, Site):
            self.select_site(stored.id)

    def action_add(self) -> None:
        """Add a site in the form."""
        city = self.workshop.programme.base_city

        def done(site: Site | None) -> None:
            if site is not None:
                self._saved(self.cistrat.change(None, site, f"Added site {site.name_en!r}"))

        self.app.push_screen(self._form(SiteFormValues(city=city), None, "Add a site"), done)

    def action_edit(self, look_up: bool = False) -> None:
        """Edit the highlighted site in the form."""
        site = self.selected_site
        if site is None:
            self.notify("No site is highlighted.", severity="warning")
            return

        def done(edited: Site | None) -> None:
            if edited is not None and edited != site:
                self._saved(self.cistrat.change(site, edited, f"Edited site {edited.name_en!r}"))

        form = self._form(site_values_from(site), site, f"Edit {site.name_en[:60]}")
        self.app.push_screen(form, done)
        if look_up:
            self.call_after_refresh(form.action_look_up)

    def action_look_up(self) -> None:
        """Edit the highlighted site and look its address up at once."""
        self.action_edit(look_up=True)

    def action_delete(self) -> None:
        """Delete the highlighted site, after asking; the store refuses a site in use."""
        site = self.selected_site
        if site is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.cistrat.change(site, None, f"Deleted site {site.name_en!r}")

        self.app.push_screen(Confirm(f"Delete {site.name_en} ({site.city})?", "Delete"), done)

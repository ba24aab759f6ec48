"""The sites area: every site in a table, filtered as the coordinator types, with a detail pane
(both names and addresses, coordinates, hours, host, the activities held there), and adding or
editing a site in a validated form that can look the address up."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

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
from cistrat_tui.tui.screens.area import AreaScreen
from cistrat_tui.tui.screens.dialogs import Confirm
from cistrat_tui.tui.widgets.filtered_table import FilteredTable, ListSpec
from cistrat_tui.tui.widgets.weighted_table import TableColumn

COLUMNS = (TableColumn.fitted("City", "city", fit_max=12),
           TableColumn.fitted("Kind", "kind", fit_max=12),
           TableColumn.weighted("Name", "name", weight=3, minimum=12),
           TableColumn.weighted("中文名", "name_zh", weight=1, minimum=6))


def site_cells(site: Site) -> tuple[str, str, str, str]:
    """One site as a row of the table."""
    return site.city, short_kind(site.kind), site.name_en, site.name_zh


class SitesScreen(AreaScreen):
    """All sites; type to filter, Enter or e to edit, a to add."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash,f", "filter", "Filter", show=False, id="sites.filter",
                tooltip="Type part of a name (English or Chinese), a city or a kind."),
        Binding("a", "add", "Add site", id="sites.add", tooltip="Add a site."),
        Binding("e", "edit", "Edit site", id="sites.edit",
                tooltip="Edit the highlighted site."),
        Binding("l", "look_up", "Look up", id="sites.look-up",
                tooltip="Edit the highlighted site and look its address up (geocoder)."),
        Binding("delete,x", "delete", "Delete", show=False, id="sites.delete",
                tooltip="Delete the highlighted site (asks first; refused while in use)."),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        yield FilteredTable(ListSpec(
            name="sites", noun="site", columns=COLUMNS,
            records=lambda: self.workshop.sites.values(), key=lambda site: site.id,
            matching=filter_sites, cells=site_cells,
            detail=lambda site: site_detail(site, self.workshop),
            empty=lambda any_at_all: ("No site matches the filter." if any_at_all
                                      else "No sites yet: press a to add one."),
            placeholder="filter: name (English or 中文), city or kind; / to come back, "
                        "esc to leave",
            detail_id="site-detail", detail_title="Site"))
        yield from self.compose_footer()

    def on_mount(self) -> None:
        self.sites_list.focus_table()

    @property
    def sites_list(self) -> FilteredTable[Site]:
        return self.query_one("#sites-list", FilteredTable)

    def focus_home(self) -> None:
        self.sites_list.focus_table()

    # --- drawing ----------------------------------------------------------------------------

    @property
    def query_text(self) -> str:
        return self.sites_list.filter_text

    def refresh_view(self) -> None:
        """Redraw the table from the workshop and the filter, keeping the highlighted site."""
        self.sites_list.reload()

    @property
    def shown_sites(self) -> list[Site]:
        """The sites in the table, top to bottom."""
        return self.sites_list.shown if self.is_mounted else []

    @property
    def selected_site(self) -> Site | None:
        """The highlighted site, as stored now."""
        if not self.is_mounted:
            return None
        return self.workshop.sites.get(self.sites_list.selected_key or "")

    def select_site(self, site_id: str) -> None:
        """Highlight a site (clearing the filter when it hides it)."""
        self.sites_list.select(site_id)

    @on(FilteredTable.Chosen, "#sites-list")
    def _chosen(self) -> None:
        self.action_edit()

    def action_filter(self) -> None:
        """Type to filter the sites."""
        self.sites_list.focus_filter()

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

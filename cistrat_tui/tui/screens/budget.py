"""The budget area: totals by category, city or day (planned, actual, projected), the ceiling,
and every line, estimated or entered, with the spending past the ceiling in red.

Lines are added, edited and deleted in a validated form, each change saved at once and
undoable (ctrl+z). An estimate follows the programme; editing one enters it as a cost line
that replaces it (and its siblings: every night of a stay). ``r`` changes the rules the
estimates use. The numbers come from :func:`cistrat_tui.core.budget.budget.build_budget`, the
same as ``cistrat-tui budget`` and the workbook.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Static

from cistrat_tui.core.budget.budget import Budget, build_budget, owner_label
from cistrat_tui.core.budget.lines import BudgetLine, LineSource
from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.cost import BudgetRules, CostLine, CostOwner, optional_decimal
from cistrat_tui.exports.budget_summary import GROUPINGS, ceiling_text, cny, label_of, totals_of
from cistrat_tui.tui.forms.cost import BudgetRulesForm, CostLineForm
from cistrat_tui.tui.forms.cost_rules import cost_texts, replaced_by_entering, texts_from_estimate
from cistrat_tui.tui.screens.area import AreaScreen, counted
from cistrat_tui.tui.screens.dialogs import Confirm, Prompt

MONEY_CODES = frozenset({"cost-line-missing", "cost-over-plan", "cost-without-rate",
                         "budget-over-ceiling"})
DESCRIPTION_WIDTH = 38


def _money(amount: object, style: str = "") -> Text:
    return Text(cny(amount) if amount is not None else "-", style=style,  # type: ignore[arg-type]
                justify="right")


class BudgetScreen(AreaScreen):
    """The budget: v switches the totals, a/e/x change lines, r the rules."""

    DEFAULT_CSS = """
    BudgetScreen #budget-top { height: 14; }
    BudgetScreen #budget-totals { width: 1fr; height: 1fr; border: round $primary-muted; }
    BudgetScreen #budget-totals:focus { border: round $primary; }
    BudgetScreen #budget-summary { width: 46; height: 1fr; border: round $primary-muted;
                                   padding: 0 1; }
    BudgetScreen #budget-lines { height: 1fr; border: round $primary-muted; }
    BudgetScreen #budget-lines:focus { border: round $primary; }
    BudgetScreen #budget-line-detail { height: 3; padding: 0 1; border-top: solid $primary-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "next_totals", "By category/city/day", id="budget.totals",
                tooltip="Show the totals by category, by city or by day."),
        Binding("a", "add", "Add line", id="budget.add", tooltip="Add a cost line."),
        Binding("e", "edit", "Edit line", id="budget.edit",
                tooltip="Edit the highlighted line; an estimate is entered as a cost line."),
        Binding("delete,x", "delete", "Delete line", id="budget.delete",
                tooltip="Delete the highlighted cost line (asks first)."),
        Binding("r", "rules", "Rules", id="budget.rules",
                tooltip="Per diem, prices, currency rates, ceiling and margin."),
        Binding("h", "room_rate", "Room rate", id="budget.room-rate",
                tooltip="Set the agreed room rate of the highlighted line's hotel stay."),
        Binding("w", "workbook", "Workbook", id="budget.workbook",
                tooltip="Write the budget workbook (.xlsx) for the finance office to the "
                        "exports folder."),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.grouping = GROUPINGS[0]
        self.budget: Budget | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_header()
        with Horizontal(id="budget-top"):
            totals: DataTable[object] = DataTable(id="budget-totals", cursor_type="row",
                                                  zebra_stripes=True)
            totals.border_title = "Totals by category"
            yield totals
            summary = Static(id="budget-summary")
            summary.border_title = "Budget (CNY)"
            yield summary
        lines: DataTable[object] = DataTable(id="budget-lines", cursor_type="row",
                                             zebra_stripes=True)
        lines.border_title = "Lines"
        yield lines
        yield Static(id="budget-line-detail")
        yield from self.compose_footer()

    def on_mount(self) -> None:
        totals = self.query_one("#budget-totals", DataTable)
        for name in ("", "Planned", "Actual", "Projected", "Lines"):
            totals.add_column(name)
        lines = self.query_one("#budget-lines", DataTable)
        for name, width in (("Day", 6), ("Category", 14), ("Description", DESCRIPTION_WIDTH),
                            ("Planned", 12), ("Actual", 12), ("Source", 8), ("Flag", 9)):
            lines.add_column(name, width=width)
        lines.focus()

    # --- drawing ----------------------------------------------------------------------------

    def refresh_view(self) -> None:
        """Rebuild the budget from the workshop and redraw, keeping the highlighted line."""
        keep = self.selected_line.key if self.selected_line else None
        self.budget = build_budget(self.workshop)
        self._draw_totals()
        self._draw_summary()
        table = self.query_one("#budget-lines", DataTable)
        table.clear()
        over = self.budget.over_ceiling
        overruns = {line.key for line in self.budget.overruns()}
        for line in self.budget.lines:
            flag = "ceiling" if line.key in over else ""
            flag = "above plan" if line.key in overruns else flag
            style = "bold red" if line.key in over else ""
            description = line.description if len(line.description) <= DESCRIPTION_WIDTH \
                else line.description[:DESCRIPTION_WIDTH - 1] + "…"
            table.add_row(f"{line.day:%d %b}" if line.day else "—",
                          label_of(line.category.value), Text(description, style=style),
                          _money(line.planned, style), _money(line.actual, style),
                          line.source.value, Text(flag, style="bold red" if flag else ""),
                          key=line.key)
        table.border_title = (f"Lines: {counted(len(self.budget.lines), 'line')}"
                              + (f", {len(over)} past the ceiling (red)" if over else ""))
        keys = [line.key for line in self.budget.lines]
        if keep in keys:
            table.move_cursor(row=keys.index(keep), animate=False)
        self._show_detail(table.cursor_row)

    def _draw_totals(self) -> None:
        assert self.budget is not None
        table = self.query_one("#budget-totals", DataTable)
        table.clear()
        for total in totals_of(self.budget, self.grouping):
            table.add_row(label_of(total.label), _money(total.planned), _money(total.actual),
                          _money(total.projected), Text(str(total.lines), justify="right"))
        total = self.budget.total
        table.add_row(Text("Total", style="bold"), _money(total.planned, "bold"),
                      _money(total.actual, "bold"), _money(total.projected, "bold"),
                      Text(str(total.lines), justify="right"))
        table.border_title = f"Totals by {self.grouping} (v: next)"

    def _draw_summary(self) -> None:
        assert self.budget is not None
        total = self.budget.total
        ceiling = ceiling_text(self.budget)
        over = self.budget.rules.ceiling is not None and \
            total.projected > self.budget.rules.ceiling
        parts = [f"Planned    {cny(total.planned):>16}", f"Actual     {cny(total.actual):>16}",
                 f"Projected  {cny(total.projected):>16}", ""]
        text = Text("\n".join(parts))
        text.append(ceiling + "\n", style="bold red" if over else "bold green")
        money = [p for p in self.cistrat.problems if p.code in MONEY_CODES]
        if money:
            text.append(f"{counted(len(money), 'money problem')} (3 lists them)\n",
                        style="yellow")
        if self.budget.gaps:
            text.append(f"Not estimated ({len(self.budget.gaps)}):\n", style="yellow")
            for gap in self.budget.gaps[:3]:
                text.append(f"· {gap.message}\n")
        self.query_one("#budget-summary", Static).update(text)

    def problems_changed(self) -> None:
        if self.budget is not None and self.is_mounted:
            self._draw_summary()

    @property
    def selected_line(self) -> BudgetLine | None:
        """The highlighted line of the budget as last drawn."""
        if not self.is_mounted or self.budget is None:
            return None
        row = self.query_one("#budget-lines", DataTable).cursor_row
        return self.budget.lines[row] if 0 <= row < len(self.budget.lines) else None

    def select_line(self, key: str) -> None:
        """Highlight a line by its key (a cost line's id)."""
        if self.budget is None:
            return
        keys = [line.key for line in self.budget.lines]
        if key in keys:
            self.query_one("#budget-lines", DataTable).move_cursor(row=keys.index(key))

    def _show_detail(self, row: int) -> None:
        detail = self.query_one("#budget-line-detail", Static)
        if self.budget is None or not 0 <= row < len(self.budget.lines):
            detail.update("No lines yet: press a to add one, r to set the rules.")
            return
        line = self.budget.lines[row]
        rate = "" if line.currency == "CNY" else \
            f" at {line.rate} CNY" if line.rate is not None else " (no rate set!)"
        invoice = f" · invoice {line.invoice_number}" if line.invoice_number else ""
        detail.update(
            f"For {owner_label(self.workshop, line.owner, line.owner_id)}"
            f"{' in ' + line.city if line.city else ''} · {line.quantity} x "
            f"{line.unit_price} {line.currency}{rate}{invoice}\n{line.basis}")

    @on(DataTable.RowHighlighted, "#budget-lines")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    @on(DataTable.RowSelected, "#budget-lines")
    def _chosen(self) -> None:
        self.action_edit()

    def action_next_totals(self) -> None:
        """Show the totals by the next grouping (category, city, day)."""
        self.grouping = GROUPINGS[(GROUPINGS.index(self.grouping) + 1) % len(GROUPINGS)]
        if self.budget is not None:
            self._draw_totals()

    # --- changes ----------------------------------------------------------------------------

    def _saved(self, stored: object) -> None:
        if isinstance(stored, CostLine):
            self.select_line(stored.id)

    def action_add(self) -> None:
        """Add a cost line in the form."""

        def done(line: CostLine | None) -> None:
            if line is not None:
                self._saved(self.cistrat.change(None, line,
                                                f"Added cost line {line.description!r}"))

        self.app.push_screen(CostLineForm(self.workshop, cost_texts(None), None,
                                          "Add a cost line"), done)

    def action_edit(self) -> None:
        """Edit the highlighted cost line, or enter the highlighted estimate as one."""
        line = self.selected_line
        if line is None or self.budget is None:
            self.notify("No line is highlighted.", severity="warning")
            return
        if line.source is LineSource.ENTERED:
            base = self.workshop.costs.get(line.key)
            if base is None:
                return

            def edited(new: CostLine | None) -> None:
                if new is not None and new != base:
                    self._saved(self.cistrat.change(base, new,
                                                    f"Edited cost line {new.description!r}"))

            self.app.push_screen(CostLineForm(self.workshop, cost_texts(base), base,
                                              f"Edit {base.description[:60]}"), edited)
            return
        replaced = replaced_by_entering(self.budget, line)
        total = sum((other.planned for other in replaced), line.planned * 0)
        hint = (f"Saving enters this estimate as a cost line; it replaces "
                f"{counted(len(replaced), 'estimate line')} (CNY {cny(total)}). The estimate "
                "comes back if the line is deleted.")

        def entered(new: CostLine | None) -> None:
            if new is not None:
                self._saved(self.cistrat.change(None, new,
                                                f"Entered cost line {new.description!r}"))

        self.app.push_screen(CostLineForm(self.workshop, texts_from_estimate(
            self.workshop, self.budget, line), None, "Enter an estimate as a cost line",
            hint), entered)

    def action_delete(self) -> None:
        """Delete the highlighted cost line, after asking; an estimate cannot be deleted."""
        line = self.selected_line
        if line is None:
            return
        base = self.workshop.costs.get(line.key)
        if base is None:
            self.notify("An estimate follows the programme and the rules: change them (r), or "
                        "enter it as a line (e).", severity="warning")
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.cistrat.change(base, None, f"Deleted cost line {base.description!r}")

        self.app.push_screen(Confirm(f"Delete the cost line {base.description!r} "
                                     f"(CNY {cny(line.planned)})?", "Delete"), done)

    def action_room_rate(self) -> None:
        """Set (or clear) the room rate of the stay the highlighted line is for: the nightly
        estimates of that stay follow it."""
        line = self.selected_line
        stay = self.workshop.stays.get(line.owner_id or "") \
            if line is not None and line.owner is CostOwner.STAY else None
        if stay is None:
            self.notify("Highlight a line of a hotel stay (accommodation) first.",
                        severity="warning")
            return
        hotel = self.workshop.sites[stay.hotel_id].name_en

        def check(texts: list[str]) -> str:
            try:
                optional_decimal(texts[0], "room rate")
            except ValidationError as error:
                return error.reason
            return ""

        def done(texts: list[str] | None) -> None:
            if texts is None:
                return
            rate = optional_decimal(texts[0], "room rate")
            if rate != stay.room_rate:
                self.cistrat.change(stay, replace(stay, room_rate=rate),
                                    f"Room rate at {hotel}: "
                                    f"{'CNY ' + cny(rate) if rate is not None else 'cleared'}")

        current = "" if stay.room_rate is None else str(stay.room_rate)
        self.app.push_screen(Prompt(f"CNY per room-night at {hotel} from "
                                    f"{stay.check_in:%d %b} (blank: the default rate)",
                                    [("Room rate", current)], check), done)

    def action_workbook(self) -> None:
        """Write the budget workbook beside the other exports and say where."""
        from cistrat_tui.core.store.fileio import atomic_write_bytes
        from cistrat_tui.exports.budget_workbook import budget_workbook
        from cistrat_tui.exports.locations import programme_dir

        budget = build_budget(self.workshop)
        try:
            folder = programme_dir(self.workshop)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "budget.xlsx"
            atomic_write_bytes(path, budget_workbook(self.workshop, budget))
        except OSError as error:
            self.notify(f"Could not write the workbook: {error.strerror or error}",
                        title="Not written", severity="error", timeout=10)
            return
        self.notify(f"Wrote {path} ({counted(len(budget.lines), 'line')})", timeout=8)

    def action_rules(self) -> None:
        """Change the budget rules in the form; the estimates follow at once."""
        stored = next(iter(self.workshop.budget_rules.values()), None)
        rules = self.workshop.rules

        def done(new: BudgetRules | None) -> None:
            if new is not None and new != stored:
                self.cistrat.change(stored, new, "Changed the budget rules")

        self.app.push_screen(BudgetRulesForm(rules), done)

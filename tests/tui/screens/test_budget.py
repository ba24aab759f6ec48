"""The budget area: totals and lines on the sample, the ceiling in red, a line added, edited,
undone; an estimate entered as a line; the rules changed and the estimates following."""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import Button, DataTable, Static

from cistrat_tui.core.budget.budget import build_budget
from cistrat_tui.core.records.cost import CostLine
from cistrat_tui.core.store.repository import WorkshopStore
from cistrat_tui.tui.app import CistratApp
from cistrat_tui.tui.forms.cost import BudgetRulesForm, CostLineForm
from cistrat_tui.tui.screens.budget import BudgetScreen
from tests.tui.conftest import SIZE
from tests.tui.helpers import error_beside, fill, settle


def cells(app: CistratApp, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(table_id, DataTable)
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


def on_disk(store: WorkshopStore) -> dict[str, CostLine]:
    with WorkshopStore.open(store.path, readonly=True) as again:
        return dict(again.workshop.costs)


async def test_totals_and_lines_of_the_sample(store: WorkshopStore, checker) -> None:  # type: ignore[no-untyped-def]
    budget = build_budget(store.workshop)
    app = CistratApp(store, checker=checker)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("9")
        await settle(pilot)
        assert isinstance(app.screen, BudgetScreen)
        totals = cells(app, "#budget-totals")
        assert totals[-1][:2] == ["Total", f"{budget.total.planned:,.2f}"]
        assert [row[0] for row in totals[:-1]] == [t.label.replace("_", " ")
                                                   for t in budget.by_category()]
        await pilot.press("v")
        assert cells(app, "#budget-totals")[0][0] == "Beijing"
        await pilot.press("v")
        assert cells(app, "#budget-totals")[0][0] == "undated"
        assert len(cells(app, "#budget-lines")) == len(budget.lines)
        summary = str(app.screen.query_one("#budget-summary", Static).render())
        assert "remaining" in summary and f"{budget.total.projected:,.2f}" in summary


async def test_add_edit_undo_and_the_ceiling(store: WorkshopStore, checker) -> None:  # type: ignore[no-untyped-def]
    app = CistratApp(store, checker=checker, mode="budget")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, CostLineForm)
        await fill(pilot, "category", "other")
        await fill(pilot, "description", "Emergency repairs")
        await fill(pilot, "unit_price", "120000.5")
        await fill(pilot, "actual", "130000")
        assert "invoice number" in error_beside(app, "invoice_number")
        assert app.screen.query_one("#form-save", Button).disabled
        await fill(pilot, "invoice_number", "R-1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, BudgetScreen)
        [line] = [c for c in on_disk(store).values() if c.description == "Emergency repairs"]
        assert line.unit_price == Decimal("120000.5") and line.actual == Decimal("130000")
        screen = app.screen
        assert screen.selected_line is not None and screen.selected_line.key == line.id
        # Over the ceiling now: the lines past it are flagged, the summary says by how much.
        flagged = [row for row in cells(app, "#budget-lines") if row[-1] == "ceiling"]
        assert flagged and "OVER by" in str(app.screen.query_one("#budget-summary",
                                                                 Static).render())
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, "quantity", "2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert on_disk(store)[line.id].quantity == 2
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert on_disk(store)[line.id].quantity == 1
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert line.id not in on_disk(store)
        assert not [row for row in cells(app, "#budget-lines") if row[-1] == "ceiling"]


async def test_an_estimate_entered_as_a_line_replaces_it(store: WorkshopStore, checker) -> None:  # type: ignore[no-untyped-def]
    stay = min(store.workshop.stays.values(), key=lambda s: s.check_in)
    app = CistratApp(store, checker=checker, mode="budget")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BudgetScreen)
        first_night = f"estimate:room:{stay.id}:{stay.check_in.isoformat()}"
        screen.select_line(first_night)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CostLineForm)
        # The first stay is the night before, for the three early arrivals: a room each.
        guests = store.workshop.participants_of(stay.participants)
        assert len(guests) == 3 and len(stay.nights()) == 1
        assert form.current_texts()["quantity"] == "3"
        await fill(pilot, "unit_price", "500")
        await pilot.press("ctrl+s")
        await settle(pilot)
        keys = [line.key for line in app.screen.budget.lines]  # type: ignore[attr-defined]
        assert not [k for k in keys if k.startswith(f"estimate:room:{stay.id}")]
        [entered] = [c for c in on_disk(store).values() if c.owner_id == stay.id]
        assert entered.planned == Decimal(500 * 3)


async def test_rules_change_the_estimates(store: WorkshopStore, checker) -> None:  # type: ignore[no-untyped-def]
    before = build_budget(store.workshop)
    per_diem = next(t for t in before.by_category() if t.label == "per_diem")
    app = CistratApp(store, checker=checker, mode="budget")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, BudgetRulesForm)
        await fill(pilot, "per_diem", "abc")
        assert "not a number" in error_beside(app, "per_diem")
        await fill(pilot, "per_diem", "300")
        await fill(pilot, "currency_rates", "USD=7.2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        after = build_budget(store.workshop)
        assert next(t for t in after.by_category() if t.label == "per_diem").planned == \
            per_diem.planned * 2
        assert store.workshop.rules.rate_of("USD") == Decimal("7.2")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert build_budget(store.workshop).total == before.total



async def test_a_money_problem_opens_its_line_in_the_budget(store: WorkshopStore) -> None:
    from cistrat_tui.core.checks.runner import check_workshop
    from cistrat_tui.tui.screens.problems import ProblemsScreen

    line = store.put(CostLine("interpretation", "Interpreter, field week", quantity="5",
                              unit_price="1000", actual="9000", invoice_number="INT-9"))
    app = CistratApp(store, checker=check_workshop, mode="problems")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        codes = [p.code for p in app.screen._shown]
        table = app.screen.query_one("#problems-table", DataTable)
        table.move_cursor(row=codes.index("cost-over-plan"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BudgetScreen)
        assert app.screen.selected_line is not None
        assert app.screen.selected_line.key == line.id


async def test_w_writes_the_workbook_to_the_exports_folder(store: WorkshopStore, checker,  # type: ignore[no-untyped-def]
                                                           tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from python_calamine import CalamineWorkbook

    from cistrat_tui.core import paths

    monkeypatch.setenv(paths.EXPORTS_ENV, str(tmp_path / "out"))
    app = CistratApp(store, checker=checker, mode="budget")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
    [path] = (tmp_path / "out").glob("*/budget.xlsx")
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["Lines", "Totals"]


async def test_h_sets_a_stays_room_rate_and_the_nights_follow(store: WorkshopStore,  # type: ignore[no-untyped-def]
                                                              checker) -> None:
    from textual.widgets import Input

    stay = max(store.workshop.stays.values(), key=lambda s: s.check_in)
    night = f"estimate:room:{stay.id}:{stay.check_in.isoformat()}"
    app = CistratApp(store, checker=checker, mode="budget")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BudgetScreen)
        screen.select_line(night)
        await pilot.press("h")
        await pilot.pause()
        prompt = app.screen.query_one("#prompt-0", Input)
        prompt.value = "61.255"
        await pilot.pause()
        assert "more than 2 decimals" in str(app.screen.query_one("#prompt-error").render())
        prompt.value = "612.50"
        await pilot.press("enter")
        await settle(pilot)
        assert store.workshop.stays[stay.id].room_rate == Decimal("612.50")
        line = screen.budget.line(night)  # type: ignore[union-attr]
        assert line is not None and line.unit_price == Decimal("612.50")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.workshop.stays[stay.id].room_rate == stay.room_rate

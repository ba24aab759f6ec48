"""``cistrat-tui export budget``: the budget workbook (.xlsx) for the finance office.

Written to ``<exports>/<programme>/budget.xlsx``: a sheet of lines and a sheet of totals whose
cells are formulas over the lines (see :mod:`cistrat_tui.exports.budget_workbook`).
"""

from __future__ import annotations

import argparse

from cistrat_tui.cli.base import Command
from cistrat_tui.cli.commands.export_roster import configure, write_export
from cistrat_tui.core.records.workshop import Workshop


def _render(workshop: Workshop) -> bytes:
    from cistrat_tui.core.budget.budget import build_budget
    from cistrat_tui.exports.budget_workbook import budget_workbook

    return budget_workbook(workshop, build_budget(workshop))


def _count(workshop: Workshop) -> str:
    from cistrat_tui.core.budget.budget import build_budget
    from cistrat_tui.exports.budget_summary import cny

    budget = build_budget(workshop)
    n = len(budget.lines)
    return (f"{n} budget line" + ("" if n == 1 else "s")
            + f", projected CNY {cny(budget.total.projected)}")


def run(args: argparse.Namespace) -> int:
    return write_export(args, "budget.xlsx", _render, _count)


TARGET = Command("budget", "the budget workbook (.xlsx): lines, and totals as formulas over "
                 "them", run, configure)

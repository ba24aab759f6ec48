"""``cistrat-tui budget``: the budget's totals by category, city and day, and the ceiling.

Estimates follow the programme (see :mod:`cistrat_tui.core.budget.estimates`); entered cost
lines replace them. ``--lines`` adds every line; ``--json`` prints everything as JSON with the
amounts as exact decimal text. The database is opened read-only.
"""

from __future__ import annotations

import argparse
import json

from cistrat_tui.cli.base import Command, open_store


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", choices=("category", "city", "day", "all"), default="all",
                        help="which totals to print (default: all three)")
    parser.add_argument("--lines", action="store_true", help="also print every line")
    parser.add_argument("--json", action="store_true",
                        help="print the totals, lines and gaps as JSON (amounts as text)")


def run(args: argparse.Namespace) -> int:
    """Print the budget."""
    from cistrat_tui.core.budget.budget import build_budget
    from cistrat_tui.exports.budget_summary import GROUPINGS, budget_data, summary_lines

    store, _created = open_store(args, readonly=True)
    with store:
        workshop = store.workshop
        budget = build_budget(workshop)
        if args.json:
            print(json.dumps(budget_data(workshop, budget), ensure_ascii=False, indent=1))
        else:
            groupings = GROUPINGS if args.by == "all" else (args.by,)
            print("\n".join(summary_lines(workshop, budget, groupings, lines=args.lines)))
    return 0


COMMAND = Command("budget", "the budget: planned, actual and projected totals by category, "
                  "city and day, against the ceiling", run, configure)

"""``cistrat-tui todo``: what is still to book or confirm, overdue first, then by deadline.

One line an item: its deadline and how far off it is, what it is (train tickets, the visitor
list to the host...), for which activity or stay, its city and date, its state and reference.
Exits 1 when something is overdue, so it can run each morning from a scheduler and say so.
``--json`` prints the same list as JSON. The database is opened read-only.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from cistrat_tui.cli.base import Command, open_store
from cistrat_tui.core.records.booking import BookingItem, BookingState

if TYPE_CHECKING:
    from cistrat_tui.core.bookings.todo import TodoItem


def when(item: TodoItem, today: date) -> str:
    """``overdue 3 days``, ``due today``, ``in 12 days``."""
    left = item.days_left(today)
    if item.state is BookingState.CONFIRMED:
        return "done"
    if item.overdue(today):
        return f"overdue {-left} day{'' if left == -1 else 's'}"
    if left == 0:
        return "due today"
    return f"in {left} day{'' if left == 1 else 's'}"


def text_lines(items: Sequence[TodoItem], today: date) -> list[str]:
    """The list as printed, with a count line at the end."""
    if not items:
        return ["Nothing left to book or confirm."]
    width = max(len(when(i, today)) for i in items)
    lines = []
    for item in items:
        reference = f" ({item.reference})" if item.reference else ""
        lines.append(f"{item.due:%a %Y-%m-%d}  {when(item, today):<{width}}  {item.label}: "
                     f"{item.what}, {item.city or 'no city'} {item.day:%a %d %b}  "
                     f"[{item.state.value.replace('_', ' ')}{reference}]")
    overdue = sum(1 for i in items if i.overdue(today))
    lines.append(f"{len(items)} open, {overdue} overdue (deadlines: "
                 "cistrat_tui/data/reference/booking_rules.csv, or the app's bookings area).")
    return lines


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    parser.add_argument("--kind", action="append", default=[], metavar="KIND",
                        choices=[item.value for item in BookingItem],
                        help="only this kind (repeatable): " +
                             ", ".join(item.value for item in BookingItem))
    parser.add_argument("--city", default="", help="only this city (part of its name)")
    parser.add_argument("--all", action="store_true", help="confirmed items too")
    parser.add_argument("--today", metavar="YYYY-MM-DD",
                        help="count deadlines from this day instead of today")


def run(args: argparse.Namespace) -> int:
    """Print the list; exit 1 when something is overdue."""
    from cistrat_tui.core.bookings.todo import todo_list
    from cistrat_tui.core.records.values import to_date

    today = to_date(args.today, "today") if args.today else date.today()
    store, _created = open_store(args, readonly=True)
    with store:
        items = todo_list(store.workshop, today, items=[BookingItem(k) for k in args.kind],
                          city=args.city, include_confirmed=args.all)
    if args.json:
        print(json.dumps([i.to_json(today) for i in items], ensure_ascii=False, indent=1))
    else:
        print("\n".join(text_lines(items, today)))
    return 1 if any(i.overdue(today) for i in items) else 0


COMMAND = Command("todo", "what is still to book or confirm, with deadlines; exits 1 when "
                  "something is overdue", run, configure)

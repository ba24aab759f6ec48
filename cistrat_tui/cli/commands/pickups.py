"""``cistrat-tui pickups``: propose airport pickups and drop-offs from the trainees' flights.

Arrivals at the same airport within ``--window`` minutes of the first share a vehicle, which
leaves ``--allowance`` minutes (immigration and baggage) after the last of them lands; drop-offs
reach the airport three hours before the first international departure of their group. Only
trainees whom no leg carries yet are proposed; one that a planned leg for named trainees can
carry too (it leaves after they are out) is added to that leg. ``--apply`` saves the proposals
as planned coach legs (in one save), for the coordinator to edit: vehicle, driver, times.
"""

from __future__ import annotations

import argparse
from datetime import timedelta

from cistrat_tui.cli.base import Command, open_store


def _minutes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of minutes") from None
    if not 0 <= value <= 600:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 600 minutes")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--allowance", metavar="MINUTES", type=_minutes, default=75,
                        help="from landing to leaving the airport: immigration and baggage "
                             "(default: 75)")
    parser.add_argument("--window", metavar="MINUTES", type=_minutes, default=90,
                        help="arrivals this close to the first of a group share its vehicle "
                             "(default: 90)")
    parser.add_argument("--apply", action="store_true",
                        help="save the proposals as planned legs (default: only list them)")


def run(args: argparse.Namespace) -> int:
    from cistrat_tui.core.planning.pickups import propose_transfers
    from cistrat_tui.core.planning.travel import TravelModel
    from cistrat_tui.core.records.model import Site

    travel = TravelModel.default()

    def road(a: Site, b: Site) -> int | None:
        if not (a.has_coordinates and b.has_coordinates):
            return None
        return travel.estimate(a, b).minutes

    store, _created = open_store(args, readonly=not args.apply)
    with store:
        transfers = propose_transfers(store.workshop, road,
                                      allowance=timedelta(minutes=args.allowance),
                                      window=timedelta(minutes=args.window))
        for transfer in transfers:
            names = ", ".join(t.name for t in transfer.trainees)
            how = "joins the planned leg " if transfer.joins else ""
            print(f"{transfer.start:%a %d %b %H:%M}-{transfer.end:%H:%M}  {how}"
                  f"{transfer.title()}: {len(transfer.trainees)} ({names}; flights "
                  f"{transfer.flights_text()})")
        if args.apply and transfers:
            with store.batch():
                for transfer in transfers:
                    store.put(transfer.activity())
    if not transfers:
        print("nothing to propose: every trainee's own flight has its pickup and drop-off "
              "(or no flights are recorded)")
    elif args.apply:
        new = sum(1 for t in transfers if t.joins is None)
        print(f"saved {new} new planned legs and added trainees to {len(transfers) - new} "
              "planned ones; give each new leg a vehicle in the app")
    else:
        print(f"{len(transfers)} proposed; run again with --apply to save them")
    return 0


COMMAND = Command("pickups", "propose airport pickups and drop-offs from the trainees' "
                  "flights (--apply saves them)", run, configure)

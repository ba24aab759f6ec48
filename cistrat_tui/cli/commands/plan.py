"""``cistrat-tui plan``: plan a route through sites, print it day by day, optionally apply it.

    cistrat-tui plan --from casted --to casted --start 2027-04-12 --end 2027-04-30 \\
        zhangjiang:3 east-lake "Tianhe Software Park:2.5" --apply

A site is named by its id, a reference key (``zhangjiang``, ``beijing-south``), or its English
or Chinese name (a unique part of it is enough); ``:HOURS`` sets the visit length (default 2).
"""

from __future__ import annotations

import argparse
import json

from cistrat_tui.cli.base import Command, open_store
from cistrat_tui.core.errors import ValidationError
from cistrat_tui.core.records.model import Site
from cistrat_tui.core.records.values import to_date

DEFAULT_HOURS = 2.0


def find_site(sites: dict[str, Site], key: str, keys: dict[str, str]) -> str:
    """The id of the site that ``key`` names: an id, a reference key, or a unique name."""
    key = key.strip()
    if key in sites:
        return key
    if key.casefold() in keys:
        return keys[key.casefold()]
    wanted = key.casefold()
    exact = [s.id for s in sites.values()
             if wanted in (s.name_en.casefold(), s.name_zh.casefold())]
    if len(exact) == 1:
        return exact[0]
    partial = [s for s in sites.values()
               if wanted in s.name_en.casefold() or (s.name_zh and wanted in s.name_zh)]
    if len(partial) == 1:
        return partial[0].id
    if partial:
        names = "; ".join(sorted(s.name_en for s in partial)[:6])
        raise ValidationError("site", f"{key!r} matches {len(partial)} sites ({names}): "
                              "be more precise")
    raise ValidationError("site", f"no site is called {key!r}")


def parse_stop(text: str) -> tuple[str, float]:
    """``SITE[:HOURS]`` as (site key, hours)."""
    site, _, hours = text.rpartition(":")
    if site and hours:
        try:
            value = float(hours)
        except ValueError:
            return text, DEFAULT_HOURS
        if not 0 < value <= 12:
            raise ValidationError("visit length", f"{hours} hours for {site!r} is not between "
                                  "0 and 12")
        return site, value
    return text, DEFAULT_HOURS


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start_site", required=True, metavar="SITE",
                        help="where the group starts (e.g. casted)")
    parser.add_argument("--to", dest="end_site", required=True, metavar="SITE",
                        help="where the group ends")
    parser.add_argument("--start", required=True, metavar="DATE", help="first day, YYYY-MM-DD")
    parser.add_argument("--end", required=True, metavar="DATE", help="last day, YYYY-MM-DD")
    parser.add_argument("--max-per-day", type=int, default=2, metavar="N",
                        help="at most N visits a day (default 2)")
    parser.add_argument("--weekend-travel", action=argparse.BooleanOptionalAction,
                        default=None, help="allow journeys between cities on weekends and "
                        "holidays (default: as the programme says; --apply remembers it)")
    parser.add_argument("--apply", action="store_true",
                        help="write the plan into the database")
    parser.add_argument("--json", action="store_true", help="print the plan as JSON")
    parser.add_argument("stops", nargs="+", metavar="SITE[:HOURS]",
                        help="the sites to visit, with the visit length in hours")


def run(args: argparse.Namespace) -> int:
    from cistrat_tui.core.planning.plan_text import plan_lines
    from cistrat_tui.core.planning.planner import PlanRequest, Stop, apply_plan, plan_route
    from cistrat_tui.core.reference import places as reference

    store, _ = open_store(args, readonly=not args.apply)
    with store:
        workshop = store.workshop
        sites = {p.id: p for p in reference.load_places()}
        sites.update(workshop.sites)
        keys = {k.casefold(): reference.place_id(k) for k in reference.place_keys()}
        stops = []
        for text in args.stops:
            key, hours = parse_stop(text)
            stops.append(Stop(find_site(sites, key, keys), round(hours * 60)))
        request = PlanRequest(tuple(stops), find_site(sites, args.start_site, keys),
                              find_site(sites, args.end_site, keys),
                              to_date(args.start, "--start"), to_date(args.end, "--end"),
                              max_visits_per_day=args.max_per_day,
                              weekend_travel=args.weekend_travel)
        plan = plan_route(workshop, request)
        for site in plan.new_sites:
            sites[site.id] = site
        if args.json:
            print(json.dumps(plan.to_json(sites), ensure_ascii=False, indent=1))
        else:
            print("\n".join(plan_lines(plan, sites)))
        if args.apply:
            apply_plan(store, plan)
            print(f"Applied to {store.path}: {len(plan.activities)} activities, "
                  f"{len(plan.stays)} hotel stays, {len(plan.new_sites)} new sites.")
    return 0


COMMAND = Command("plan", "plan a route through sites day by day (--apply to write it)", run,
                  configure)

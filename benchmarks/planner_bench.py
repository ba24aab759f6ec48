"""Planner benchmark: our order of stops against Google OR-Tools and LKH-3 on the same matrix,
and the whole planner against the constraint-aware optimum.

Run: ``pip install -e ".[bench]"`` once, then ``python benchmarks/planner_bench.py``.

1. Seeded instances of 8, 12, 20, 40 and 80 stops spread over the six cities (around each
   city's science park), from and back to the host institute in Beijing. Both solvers get the
   same door-to-door travel-minute matrix: ours (:func:`routing.best_route`) and OR-Tools
   routing with guided local search and a 2-second limit. Cost ratio (ours / OR-Tools; targets
   at most 1.00 up to 40 stops, 1.01 at 80) and time ratio (target under 0.10).
2. LKH-3 (the ``elkai`` package) beside OR-Tools at 80 and 150 stops: our cost at most 1.005 x
   LKH's, in at most a tenth of OR-Tools' time.
3. The constraint-aware optimum for 6 to 9 stops: every order of the stops through the same
   scheduler (depth first, a prefix cut when its travel already exceeds the best), the best by
   total door-to-door travel, then days used; the planner's plan against it (target 1.000).
4. The whole planner on six twelve-stop instances with date windows (target: each under 10 s),
   and on 100 stops (target under 2 s).
"""

from __future__ import annotations

import argparse
import os
import random
import time
from datetime import date

from cistrat_tui.core.planning import routing
from cistrat_tui.core.planning.planner import PlanRequest, Stop, plan_route
from cistrat_tui.core.planning.schedule_packing import Packer
from cistrat_tui.core.planning.schedule_rules import Packing, Rules
from cistrat_tui.core.planning.travel import TravelModel
from cistrat_tui.core.records.model import Programme, Site, SiteKind
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference import places as reference
from cistrat_tui.core.reference.calendar import WorkingCalendar

CITY_PARKS = ["tuspark", "zhangjiang", "east-lake", "qingshan-lake", "suzhou-sci-tech-town",
              "tianhe-software-park"]
SIZES = (8, 12, 20, 40, 80)
LKH_SIZES = (80, 150)
OPTIMUM_SIZES = (6, 7, 8, 9)


def instance_sites(size: int, seed: int) -> list[Site]:
    """``size`` made-up institutes within about 15 km of the six cities' science parks."""
    rng = random.Random(seed)
    parks = [reference.place_by_key(k) for k in CITY_PARKS]
    sites = []
    for n in range(size):
        park = parks[rng.randrange(len(parks))]
        assert park.lat is not None and park.lon is not None
        sites.append(Site(SiteKind.RESEARCH_INSTITUTE, f"Institute {n} ({park.city})",
                          park.city, lat=park.lat + rng.uniform(-0.12, 0.12),
                          lon=park.lon + rng.uniform(-0.12, 0.12),
                          id=f"00000000-0000-4000-8000-{seed:04d}{n:08d}"))
    return sites


def ortools_order(cost: list[list[int]], start: int, stops: list[int], end: int,
                  seconds: int) -> list[int]:
    """The order OR-Tools finds for the open path start -> stops -> end."""
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    nodes = [start, *stops, end]
    matrix = [[cost[a][b] for b in nodes] for a in nodes]
    manager = pywrapcp.RoutingIndexManager(len(nodes), 1, [0], [len(nodes) - 1])
    model = pywrapcp.RoutingModel(manager)
    callback = model.RegisterTransitCallback(
        lambda i, j: matrix[manager.IndexToNode(i)][manager.IndexToNode(j)])
    model.SetArcCostEvaluatorOfAllVehicles(callback)
    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = \
        routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    parameters.local_search_metaheuristic = \
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    parameters.time_limit.FromSeconds(seconds)
    solution = model.SolveWithParameters(parameters)
    order, index = [], model.Start(0)
    while not model.IsEnd(index):
        node = manager.IndexToNode(index)
        if 0 < node < len(nodes) - 1:
            order.append(nodes[node])
        index = solution.Value(model.NextVar(index))
    return order


def lkh_order(cost: list[list[int]], start: int, stops: list[int]) -> list[int]:
    """The order LKH-3 finds for the closed tour from ``start`` (the benchmark's start and end
    are the same place), read from the start."""
    import elkai

    nodes = [start, *stops]
    matrix = [[cost[a][b] for b in nodes] for a in nodes]
    tour = elkai.DistanceMatrix(matrix).solve_tsp(runs=10)
    at = tour.index(0)
    cycle = tour[at:-1] + tour[:at] if tour[-1] == tour[0] else tour[at:] + tour[:at]
    return [nodes[i] for i in cycle[1:]]


def compare_with_lkh(travel: TravelModel, casted: Site, seed: int, seconds: int) -> None:
    print(f"{'stops':>5}{'ours':>9}{'LKH':>9}{'OR-Tools':>10}{'ours/LKH':>10}"
          f"{'ours (s)':>10}{'LKH (s)':>9}{'OR (s)':>8}{'ours/OR time':>14}  target")
    for size in LKH_SIZES:
        sites = [casted, *instance_sites(size, seed + size)]
        matrix = travel.travel_matrix(sites)
        cost = [[matrix[a.id][b.id] for b in sites] for a in sites]
        stops = list(range(1, len(sites)))
        begin = time.perf_counter()
        ours = routing.best_route(cost, 0, stops, 0)
        our_seconds = time.perf_counter() - begin
        begin = time.perf_counter()
        lkh = routing.path_cost(cost, 0, lkh_order(cost, 0, stops), 0)
        lkh_seconds = time.perf_counter() - begin
        begin = time.perf_counter()
        theirs = routing.path_cost(cost, 0, ortools_order(cost, 0, stops, 0, seconds), 0)
        their_seconds = time.perf_counter() - begin
        ratio, time_ratio = ours.cost / lkh, our_seconds / their_seconds
        verdict = "ok" if ratio <= 1.005 + 1e-9 and time_ratio <= 0.10 else "MISSED"
        print(f"{size:>5}{ours.cost:>9.0f}{lkh:>9.0f}{theirs:>10.0f}{ratio:>10.4f}"
              f"{our_seconds:>10.3f}{lkh_seconds:>9.2f}{their_seconds:>8.2f}{time_ratio:>14.4f}"
              f"  cost <= 1.005 x LKH, time <= 0.10 x OR {verdict}")


def real_sites(size: int, seed: int) -> list[Site]:
    """``size`` stops: the reference parks and institutes first, then made-up institutes."""
    keys = [*CITY_PARKS, "cas-zhongguancun"]
    parks = [reference.place_by_key(k) for k in keys][:size]
    return parks + instance_sites(size - len(parks), seed)


def schedule_objective(packing: Packing) -> tuple[int, int]:
    return packing.travel_minutes, packing.days_used


def constraint_aware_optimum(workshop: Workshop, request: PlanRequest) -> tuple[int, int]:
    """The best (travel, days) over every order of the stops, through the planner's own
    scheduler, by depth-first search with the schedule state kept along each prefix."""
    from cistrat_tui.core.planning import planner
    from cistrat_tui.core.planning.schedule_day import State

    sites = planner._sites(workshop)
    hotels, made = planner._hotels(workshop, request, sites)
    sites.update({h.id: h for h in made})
    programme = workshop.programme
    rules = Rules(request.first_day, request.last_day, programme.day_start, programme.day_end,
                  programme.lunch_start, programme.lunch_end, request.max_visits_per_day,
                  request.evening_limit, programme.timezone, programme.weekend_travel)
    packer = Packer(rules, sites, WorkingCalendar.default(), TravelModel.default(),
                    planner._fixed(workshop, request), request.start_site_id,
                    request.end_site_id, hotels, planner._pinned(workshop, request))
    best: list[tuple[int, int]] = [(10**9, 10**9)]

    def travel(state: State) -> int:
        return sum(m.journey.minutes for m in state.moves)

    def search(state: State, left: list[Stop]) -> None:
        if travel(state) > best[0][0]:
            return
        if not left:
            ended = packer._finish(state)
            if not isinstance(ended, Packing):
                done = Packing(ended.visits, ended.moves, ended.lunches, ended.nights)
                best[0] = min(best[0], schedule_objective(done))
            return
        for stop in left:
            placed = packer._place(state, stop)
            if not isinstance(placed, Packing):
                search(placed, [s for s in left if s is not stop])

    start = State(packer.at(rules.first_day, rules.day_start), request.start_site_id)
    packer.skip_past(start)
    search(start, list(request.stops))
    return best[0]


def compare_with_optimum(casted: Site, seed: int) -> None:
    print(f"{'stops':>5}{'planner (min, days)':>22}{'optimum (min, days)':>22}"
          f"{'ratio':>8}{'planner (s)':>13}{'optimum (s)':>13}  target")
    for size in OPTIMUM_SIZES:
        workshop = Workshop(Programme("Benchmark", "2027-04-12", "2027-05-07"))
        request = PlanRequest(tuple(Stop(s.id, 150) for s in real_sites(size, seed + size)),
                              casted.id, casted.id, date(2027, 4, 12), date(2027, 5, 7))
        for site in real_sites(size, seed + size):
            workshop.put(site)
        begin = time.perf_counter()
        plan = plan_route(workshop, request)
        plan_seconds = time.perf_counter() - begin
        ours = (plan.total_travel_minutes, plan.days_used)
        begin = time.perf_counter()
        optimum = constraint_aware_optimum(workshop, request)
        optimum_seconds = time.perf_counter() - begin
        ratio = ours[0] / optimum[0]
        verdict = "ok" if ours <= optimum else "MISSED"
        print(f"{size:>5}{ours!s:>22}{optimum!s:>22}{ratio:>8.3f}{plan_seconds:>13.2f}"
              f"{optimum_seconds:>13.2f}  1.000 {verdict}")


def twelve_stop_times(casted: Site, seed: int) -> None:
    """Six twelve-stop instances, each with a date window on two stops that the cheapest
    order on the matrix breaks, so that the exact search has to work."""
    worst = 0.0
    for n in range(6):
        sites = real_sites(12, seed + 100 + n)
        workshop = Workshop(Programme("Benchmark", "2027-04-12", "2027-05-07"))
        for site in sites:
            workshop.put(site)
        rng = random.Random(seed + n)
        windowed = set(rng.sample(range(12), 2))
        stops = tuple(Stop(s.id, 120, earliest=date(2027, 4, 26) if i in windowed else None)
                      for i, s in enumerate(sites))
        request = PlanRequest(stops, casted.id, casted.id, date(2027, 4, 12), date(2027, 5, 7))
        begin = time.perf_counter()
        plan = plan_route(workshop, request)
        seconds = time.perf_counter() - begin
        worst = max(worst, seconds)
        print(f"  12 stops, instance {n + 1}: {seconds:6.2f} s, {plan.claim}, "
              f"{plan.days_used} days")
    print(f"twelve stops: worst {worst:.2f} s (target < 10 s) "
          f"{'ok' if worst < 10 else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=2, help="OR-Tools' time limit")
    parser.add_argument("--seed", type=int, default=2027)
    args = parser.parse_args()
    travel = TravelModel.default()
    casted = reference.place_by_key("casted")
    print(f"planner benchmark: seed {args.seed}, OR-Tools GLS limit {args.seconds} s, "
          f"load average {load()}")
    print(f"{'stops':>5}{'ours (min)':>12}{'OR-Tools':>10}{'cost ratio':>12}"
          f"{'ours (s)':>10}{'OR (s)':>8}{'time ratio':>12}  target")
    for size in SIZES:
        sites = [casted, *instance_sites(size, args.seed + size)]
        matrix = travel.travel_matrix(sites)
        cost = [[matrix[a.id][b.id] for b in sites] for a in sites]
        stops = list(range(1, len(sites)))
        begin = time.perf_counter()
        ours = routing.best_route(cost, 0, stops, 0)
        our_seconds = time.perf_counter() - begin
        begin = time.perf_counter()
        theirs = ortools_order(cost, 0, stops, 0, args.seconds)
        their_seconds = time.perf_counter() - begin
        their_cost = routing.path_cost(cost, 0, theirs, 0)
        cost_ratio = ours.cost / their_cost
        time_ratio = our_seconds / their_seconds
        limit = 1.00 if size <= 40 else 1.01
        verdict = "ok" if cost_ratio <= limit + 1e-9 and time_ratio < 0.10 else "MISSED"
        print(f"{size:>5}{ours.cost:>12.0f}{their_cost:>10.0f}{cost_ratio:>12.4f}"
              f"{our_seconds:>10.3f}{their_seconds:>8.2f}{time_ratio:>12.4f}  "
              f"cost <= {limit:.2f}, time < 0.10 {verdict}")
    sites = instance_sites(100, args.seed)
    workshop = Workshop(Programme("Benchmark", "2027-03-01", "2027-08-31"))
    for site in sites:
        workshop.put(site)
    request = PlanRequest(tuple(Stop(s.id, 90) for s in sites), casted.id, casted.id,
                          date(2027, 3, 1), date(2027, 8, 31), max_visits_per_day=3)
    begin = time.perf_counter()
    plan = plan_route(workshop, request)
    seconds = time.perf_counter() - begin
    print(f"whole planner, 100 stops: {seconds:.2f} s (target < 2 s), "
          f"{len(plan.days())} days, {plan.nights_away} nights away "
          f"{'ok' if seconds < 2 else 'MISSED'}")
    print()
    compare_with_lkh(travel, casted, args.seed, args.seconds)
    print()
    compare_with_optimum(casted, args.seed)
    print()
    twelve_stop_times(casted, args.seed)
    print(f"load average at the end: {load()}")


def load() -> str:
    """The machine's load (1, 5 and 15 minutes): the times mean little without it."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()

"""Planner benchmark: our order of stops against Google OR-Tools on the same matrix.

Run: ``pip install -e ".[bench]"`` once, then ``python benchmarks/planner_bench.py``.

Seeded instances of 8, 12, 20, 40 and 80 stops spread over the six cities (around each city's
science park), from and back to the host institute in Beijing. Both solvers get the same
door-to-door travel-minute matrix from the travel model: ours (:func:`routing.best_route`)
and OR-Tools routing with guided local search and a 2-second limit. For each size it prints the
cost ratio (ours / OR-Tools; targets: at most 1.00 up to 40 stops and 1.01 at 80) and the time
ratio (target under 0.10). A last line times the whole planner (matrix, order, packing into
days) on 100 stops (target under 2 s).
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date

from cistrat_tui.core.planning import routing
from cistrat_tui.core.planning.planner import PlanRequest, Stop, plan_route
from cistrat_tui.core.planning.travel import TravelModel
from cistrat_tui.core.records.model import Programme, Site, SiteKind
from cistrat_tui.core.records.workshop import Workshop
from cistrat_tui.core.reference import places as reference

CITY_PARKS = ["tuspark", "zhangjiang", "east-lake", "qingshan-lake", "suzhou-sci-tech-town",
              "tianhe-software-park"]
SIZES = (8, 12, 20, 40, 80)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=2, help="OR-Tools' time limit")
    parser.add_argument("--seed", type=int, default=2027)
    args = parser.parse_args()
    travel = TravelModel.default()
    casted = reference.place_by_key("casted")
    print(f"planner benchmark: seed {args.seed}, OR-Tools GLS limit {args.seconds} s")
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


if __name__ == "__main__":
    main()

"""Criminal analysis: quality on the synthetic truth, speed at national scale, reports.

    python -m benchmarks.analysis --sizes 20000 100000 [--scale-nodes 100000 --scale-edges 1000000]

Quality, for each size: synthesise, load and resolve (all cached beside the data), then
score `turquesa groups` against the planted groups (adjusted Rand index; target >= 0.9)
and `turquesa routes` against the truth's flows (legs must equal exactly; persons within
the resolution's error), per year and per month.

Scale: a graph of `--scale-nodes` nodes and `--scale-edges` edges with planted groups
(dense inside, sparse between) goes through the same calls as `turquesa groups` and
`turquesa players` (Leiden, independent brokers, centrality across and within groups,
cut points, bridges), and a data set of as many movers with three legs each through the
route analysis (legs, flows, journeys, corridors). Target: under 30 s in all.

Report: the strategic report for the demo data (2,000 persons), target under 30 s.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.load import synthesise
from benchmarks.resolve import loaded_database


def resolved_database(data: Path) -> str:
    """The loaded database, resolved once and cached (resolution is benchmarked apart)."""
    url = loaded_database(data)
    db = data / "resolved.db"
    if not (data / "resolved.ok").exists():
        from turquesa.resolve.run import resolve
        from turquesa.storage.engine import open_database

        shutil.copyfile(data / "loaded.db", db)
        started = time.perf_counter()
        engine = open_database(f"sqlite:///{db}")
        resolve(engine, run_by="bench")
        engine.dispose()
        (data / "resolved.ok").write_text("ok")
        print(f"  resolved in {time.perf_counter() - started:.1f} s", flush=True)
    del url
    return f"sqlite:///{db}"


def timed(label: str, work: Callable[[], Any], clock: dict[str, float]) -> Any:
    started = time.perf_counter()
    result = work()
    clock[label] = time.perf_counter() - started
    return result


def quality(size: int, seed: int) -> None:
    from sqlalchemy import create_engine

    from turquesa.analysis.dataset import load_dataset
    from turquesa.analysis.group_quality import score_groups, truth_groups
    from turquesa.analysis.groups import find_groups
    from turquesa.analysis.players import key_players
    from turquesa.analysis.route_quality import compare_flows
    from turquesa.analysis.routes import flows, legs_of

    print(f"{size:,} persons", flush=True)
    data = synthesise(size, seed)
    url = resolved_database(data)
    clock: dict[str, float] = {}
    dataset = timed("read", lambda: load_dataset(create_engine(url)), clock)
    result = timed("groups", lambda: find_groups(dataset), clock)
    timed("players", lambda: key_players(result.graph, result.group_of), clock)
    scored = score_groups(
        result.member_records(dataset), truth_groups(data / "truth" / "persons.csv")
    )
    print(
        f"  groups    ARI {scored['ari']:.4f} (target >= 0.9)  {scored['groups_found']} found, "
        f"{scored['groups_true']} planted; member records: precision {scored['precision']:.4f} "
        f"recall {scored['recall']:.4f}",
        flush=True,
    )
    legs = timed("routes", lambda: legs_of(dataset), clock)
    for period in ("year", "month"):
        compared = compare_flows(flows(legs, period), data / "truth" / "flows.csv")
        print(f"  routes    by {period}: {_flow_line(compared)}", flush=True)
    print(
        "  seconds   " + "  ".join(f"{k} {v:.1f}" for k, v in clock.items()) + f"  peak {_peak()}",
        flush=True,
    )


def _flow_line(compared: dict[str, Any]) -> str:
    legs = (
        "legs equal the truth's in every cell"
        if compared.get("legs_equal")
        else (f"legs differ in {compared.get('legs_cells_different')} cells")
    )
    return (
        f"{legs}; persons {compared.get('persons_total')} vs {compared.get('persons_total_truth')}"
        f" (mean absolute error {compared.get('persons_mean_absolute_error', 0):.2f} per cell, "
        f"relative {compared.get('persons_relative_error', 0):.2%})"
    )


def _peak() -> str:
    return f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"


def planted_graph(nodes: int, edges: int, group_size: int = 20, seed: int = 7) -> Any:
    """Groups of `group_size` with 80% of edges inside them, the rest between groups."""
    import igraph as ig

    rng = random.Random(seed)
    groups = nodes // group_size
    inside = int(edges * 0.8)
    chosen: set[tuple[int, int]] = set()
    while len(chosen) < inside:
        g = rng.randrange(groups)
        a, b = rng.sample(range(g * group_size, (g + 1) * group_size), 2)
        chosen.add((min(a, b), max(a, b)))
    while len(chosen) < edges:
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        if a != b:
            chosen.add((min(a, b), max(a, b)))
    graph = ig.Graph(n=nodes, edges=sorted(chosen))
    graph.vs["name"] = [f"P-{i:06d}" for i in range(nodes)]
    graph.es["weight"] = [rng.uniform(0.2, 1.0) for _ in range(graph.ecount())]
    return graph


def movers_dataset(movers: int, seed: int = 7) -> Any:
    """`movers` persons with three legs each along a handful of corridors."""
    from turquesa.analysis.dataset import Dataset, MovementRecord, PersonRecord, Scope

    rng = random.Random(seed)
    routes = [("VE", "CO", "PA", "CR"), ("HT", "DO", "PR", "US"), ("EC", "CO", "PA", "MX")]
    dataset = Dataset(scope=Scope(), agencies={"CO-DIJIN": "CO"})
    for i in range(movers):
        rid = f"P{i}"
        dataset.persons[("CO-DIJIN", rid)] = PersonRecord(
            "CO-DIJIN", rid, None, "smuggled_migrant", f"P-{i}", (), "F", 30, ("VE",), "VE",
            (), None, (), None, None,
        )  # fmt: skip
        route = rng.choice(routes)
        day = rng.randrange(0, 1000)
        for leg in range(3):
            start = _date(day + leg * 9)
            dataset.movements.append(
                MovementRecord(
                    "CO-DIJIN", f"M{i}-{leg}", None, (rid,), None, None, route[leg], None,
                    None, route[leg + 1], start, _date(day + leg * 9 + 3), "land", None, None,
                    None, float(rng.randrange(100, 900)), "USD",
                )
            )  # fmt: skip
    return dataset


def _date(day: int) -> str:
    import datetime as dt

    return (dt.date(2022, 1, 1) + dt.timedelta(days=day)).isoformat()


def scale(nodes: int, edges: int) -> None:
    from turquesa.analysis.groups import (
        attach_peripheral,
        independent_brokers,
        leiden,
        split_at_brokers,
    )
    from turquesa.analysis.players import measure
    from turquesa.analysis.routes import corridors, flows, journeys, legs_of

    print(f"scale: {nodes:,} nodes, {edges:,} edges (target < 30 s)", flush=True)
    started = time.perf_counter()
    graph = planted_graph(nodes, edges)
    print(f"  graph built in {time.perf_counter() - started:.1f} s (not counted)", flush=True)
    clock: dict[str, float] = {}
    found = timed("leiden", lambda: leiden(graph), clock)
    parted, joining = timed("split", lambda: split_at_brokers(graph, found), clock)
    kept, brokers = timed("brokers", lambda: independent_brokers(graph, parted), clock)
    kept = timed("attach", lambda: attach_peripheral(graph, kept, brokers | joining), clock)
    group_of = {m: f"G{i}" for i, members in enumerate(kept) for m in members}
    _players, method = timed("centrality", lambda: measure(graph, group_of), clock)
    dataset = movers_dataset(nodes)
    legs = timed("legs", lambda: legs_of(dataset), clock)
    timed("flows", lambda: flows(legs, "year"), clock)
    timed("journeys", lambda: journeys(legs), clock)
    timed("corridors", lambda: corridors(legs), clock)
    total = sum(clock.values())
    print(
        f"  {len(kept):,} groups, {len(brokers):,} independent brokers; betweenness {method}; "
        f"{len(legs):,} legs",
        flush=True,
    )
    print(
        f"  total {total:.1f} s: "
        + "  ".join(f"{k} {v:.1f}" for k, v in clock.items())
        + f"  peak {_peak()}",
        flush=True,
    )


def report(seed: int) -> None:
    from sqlalchemy import create_engine

    from turquesa.analysis.dataset import load_dataset

    try:
        from turquesa.report.render import render_html
        from turquesa.report.strategic import build_strategic_report
    except ImportError as exc:
        print(f"report: not available ({exc})")
        return
    data = synthesise(2000, seed)
    url = resolved_database(data)
    started = time.perf_counter()
    engine = create_engine(url)
    dataset = load_dataset(engine)
    html = render_html(build_strategic_report(dataset, engine=engine, lang="en"))
    wall = time.perf_counter() - started
    print(
        f"report: strategic report for 2,000 persons in {wall:.1f} s (target < 30 s), "
        f"{len(html) / 1024:.0f} KB of HTML",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[20_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale-nodes", type=int, default=100_000)
    parser.add_argument("--scale-edges", type=int, default=1_000_000)
    parser.add_argument("--no-report", action="store_true")
    args = parser.parse_args()
    for size in args.sizes:
        quality(size, args.seed)
    if args.scale_nodes:
        scale(args.scale_nodes, args.scale_edges)
    if not args.no_report:
        report(args.seed)


if __name__ == "__main__":
    main()

"""Entity resolution: quality on the synthetic truth, speed and peak memory.

    python -m benchmarks.resolve --sizes 10000 100000 [1000000]

For each size: synthesise (cached), load into a SQLite database (cached beside the
data: loading is benchmarked by benchmarks.load), then run `resolve` in a child
process whose wall time and peak memory are printed (over the child and its workers, see
benchmarks.tree_memory, and for its largest process alone); then score the
entities against truth/persons.csv: pairwise precision, recall and F1, recall per kind
of noise, and the blocking rules' recall and pairs per record.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.load import CACHE, synthesise
from benchmarks.tree_memory import TreePeak


def loaded_database(data: Path) -> str:
    db = data / "loaded.db"
    url = f"sqlite:///{db}"
    if (data / "loaded.ok").exists():
        return url
    from turquesa.ingest.loader import ingest
    from turquesa.storage.engine import open_database

    db.unlink(missing_ok=True)
    started = time.perf_counter()
    engine = open_database(url)
    for folder in sorted(p for p in data.iterdir() if p.is_dir() and p.name != "truth"):
        if not ingest(engine, folder, loaded_by="bench").ok:
            raise SystemExit(f"{folder.name} refused")
    engine.dispose()
    (data / "loaded.ok").write_text("ok")
    print(f"  loaded in {time.perf_counter() - started:.1f} s", flush=True)
    return url


def child(url: str, threshold: float) -> None:
    from turquesa.resolve.run import resolve
    from turquesa.storage.engine import open_database

    report = resolve(open_database(url), run_by="bench", accept_from=threshold)
    print(json.dumps(report.as_dict()))


def score(url: str, data: Path) -> None:
    from sqlalchemy import select

    from turquesa.resolve.blocking import blocking_figures
    from turquesa.resolve.features import record_key
    from turquesa.resolve.people import person_feature_rows
    from turquesa.resolve.quality import pairwise_score
    from turquesa.storage.engine import open_database
    from turquesa.storage.tables import entity_members

    truth: dict[str, str] = {}
    noise: dict[str, list[str]] = {}
    with (data / "truth" / "persons.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = record_key(row["agency"], row["record_id"])
            truth[key] = row["true_person_id"]
            noise[key] = [k for k in (row.get("noise") or "").split(";") if k]
    engine = open_database(url)
    with engine.connect() as conn:
        predicted = {
            record_key(a, r): e
            for a, r, e in conn.execute(
                select(
                    entity_members.c.agency, entity_members.c.record_id, entity_members.c.entity_id
                ).where(entity_members.c.kind == "person")
            )
        }
        rows = list(person_feature_rows(conn))
    result = pairwise_score(predicted, truth, noise)
    print(
        f"  quality   precision {result.precision:.4f}  recall {result.recall:.4f}  "
        f"F1 {result.f1:.4f}  ({result.true_pairs:,} true pairs, "
        f"{result.predicted_pairs:,} predicted)  targets: precision >= 0.99, recall >= 0.98"
    )
    print(
        "  recall by kind of noise: "
        + ", ".join(f"{kind} {value:.3f}" for kind, (value, _n) in result.recall_by_noise.items())
    )
    blocking = blocking_figures(rows, truth)
    print(
        f"  blocking  recall {blocking.recall:.4f}  {blocking.candidate_pairs:,} candidate "
        f"pairs, {blocking.candidate_pairs / max(1, len(rows)):.1f} per record  "
        "(targets: recall >= 0.995, <= 50 per record)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threshold", type=float, default=None, help="accept pairs from here")
    parser.add_argument("--child", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    from turquesa.resolve.run import ACCEPT_FROM

    threshold = args.threshold if args.threshold is not None else ACCEPT_FROM
    if args.child:
        child(args.child, threshold)
        return
    print(f"resolution benchmark (targets for 1,000,000 persons: < 180 s, < 4 GB) in {CACHE}")
    for size in args.sizes:
        print(f"{size:,} persons", flush=True)
        data = synthesise(size, args.seed)
        url = loaded_database(data)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "benchmarks.resolve",
                "--child",
                url,
                "--threshold",
                str(threshold),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        tree = TreePeak(process.pid)
        stdout, stderr = process.communicate()
        tree_mb = tree.stop()
        if process.returncode != 0:
            print(f"  resolve failed: {stderr.strip().splitlines()[-6:]}", flush=True)
            continue
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        report = json.loads(stdout.strip().splitlines()[-1])
        whole = (
            f"peak {tree_mb:.0f} MB over {tree.processes} processes (proportional set size), "
            if tree_mb is not None
            else ""
        )
        print(
            f"  resolve   {wall:.1f} s wall  {after.ru_utime - before.ru_utime:.1f} s user  "
            f"{whole}largest process {after.ru_maxrss / 1024:.0f} MB  "
            f"{report['person_records']:,} person records -> {report['persons']:,} persons; "
            f"steps {report['timings']}",
            flush=True,
        )
        score(url, data)


if __name__ == "__main__":
    main()

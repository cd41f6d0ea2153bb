"""Load speed and peak memory for N synthetic persons on SQLite and PostgreSQL.

    python -m benchmarks.load --sizes 100000 1000000 [--backends sqlite postgres]

For each size: synthesise (timed apart: it is not part of a load), then load every
agency's submission into a fresh database in a child process, whose wall time and
peak resident memory (getrusage of the children, as /usr/bin/time -v reports) are
printed. Worker processes that clean rows in parallel are children too; the peak
printed is that of the largest single process, and the sum of their user+system CPU
is printed beside the wall time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

PG_SERVER = os.environ.get("TURQUESA_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
CACHE = Path(os.environ.get("TURQUESA_BENCH_CACHE", Path(tempfile.gettempdir()) / "turquesa-bench"))


def synthesise(persons: int, seed: int) -> Path:
    out = CACHE / f"synth-{persons}-{seed}"
    if (out / "truth").exists():
        return out
    from turquesa.synth import generate

    started = time.perf_counter()
    summary = generate(out, seed=seed, persons=persons)
    total = sum(summary.records.values())
    print(
        f"  synthesised {persons:,} persons ({total:,} rows) in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return out


def load_all(url: str, data: Path) -> dict[str, object]:
    """Runs in the child: load every agency folder, return counts."""
    from turquesa.ingest.loader import ingest
    from turquesa.storage.engine import open_database

    engine = open_database(url)
    rows = 0
    for folder in sorted(p for p in data.iterdir() if p.is_dir() and p.name != "truth"):
        report = ingest(engine, folder, loaded_by="bench")
        if not report.ok:
            raise SystemExit(f"{folder.name} refused: {report.errors[:3]}")
        rows += sum(report.counts.values())
    return {"records": rows}


def measure(url: str, data: Path) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.load", "--child", url, str(data)],
        check=True,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    return {
        "seconds": wall,
        "cpu_seconds": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "peak_mb": after.ru_maxrss / 1024,
        "records": counts["records"],
    }


def fresh_url(backend: str, work: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{work / f'bench-{uuid.uuid4().hex[:6]}.db'}"
    return f"{PG_SERVER}/turquesa_bench_{uuid.uuid4().hex[:8]}"


def drop(url: str) -> None:
    if url.startswith("postgresql"):
        from sqlalchemy import create_engine, text

        admin = create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child", nargs=2, metavar=("URL", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(load_all(args.child[0], Path(args.child[1]))))
        return
    work = Path(tempfile.mkdtemp(prefix="turquesa-bench-"))
    print(
        f"load benchmark on {os.cpu_count()} cores (targets for 1,000,000 persons: "
        "SQLite < 180 s, PostgreSQL < 300 s, peak < 2 GB)"
    )
    try:
        for size in args.sizes:
            print(f"{size:,} persons", flush=True)
            data = synthesise(size, args.seed)
            for backend in args.backends:
                url = fresh_url(backend, work)
                try:
                    m = measure(url, data)
                except subprocess.CalledProcessError as exc:
                    print(f"  {backend}: failed: {exc.stderr.strip().splitlines()[-1:]}")
                    continue
                finally:
                    drop(url)
                rate = m["records"] / m["seconds"]
                print(
                    f"  {backend:<9} {m['seconds']:7.1f} s wall  {m['cpu_seconds']:7.1f} s cpu  "
                    f"peak {m['peak_mb']:6.0f} MB  {m['records']:,} records  "
                    f"{rate:,.0f} records/s",
                    flush=True,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

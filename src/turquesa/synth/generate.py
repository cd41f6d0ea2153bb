"""Orchestration: make the world batch by batch and stream it to the submission folders.

The run is deterministic for a seed: every batch has its own random stream derived from
the seed and the batch number, nothing iterates over hash-ordered sets of strings, and
files are written in a fixed order, so the same seed and arguments give byte-identical
files. Large runs are cut into chunks of ``CHUNK_GROUPS`` groups that worker processes
write side by side and that are then concatenated in order; the chunking depends only on
``persons``, never on the number of workers, so the bytes do not depend on it either.
"""

from __future__ import annotations

import os
import shutil
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from .agencies import AGENCIES
from .batch import Batch, World, crime_of
from .config import NoiseConfig, SynthSummary
from .groups import make_brokers
from .people import PersonFactory
from .rand import FastRandom
from .recorder import Recorder
from .schema import COLUMNS
from .truth import Truth, write_flows, write_noise

PERSONS_PER_GROUP = 150
PROGRESS_EVERY = 5000
CHUNK_GROUPS = 40
_Key = tuple[str, str, str]


@dataclass(frozen=True)
class _Job:
    out_dir: Path
    seed: int
    persons: int
    n_groups: int
    first: int  # first batch (0-based) of the chunk
    last: int  # one past the last batch
    block: int
    noise: NoiseConfig


@dataclass
class _Result:
    done: int
    records: dict[str, int]
    legs: Counter[_Key]
    movers: Counter[_Key]


def _n_brokers(n_groups: int) -> int:
    return max(3, n_groups // 10)


def _target(job: _Job, i: int, start: int) -> int:
    """True persons made once batch ``i`` (0-based) is done.

    Budgets are weighted by the group's crime: a trafficking group exploits a few dozen
    victims while a smuggling group moves hundreds of migrants, so that victims stay a
    small share of persons, as in the Turquesa operations (163 victims, 12,000 migrants).
    """
    weights = _weights(job.seed, job.n_groups)
    return start + round((job.persons - start) * weights[i] / weights[-1])


_WEIGHT = {"trafficking": 0.25, "both": 1.0, "smuggling": 1.15}
_WEIGHTS: dict[tuple[int, int], list[float]] = {}


def _weights(seed: int, n_groups: int) -> list[float]:
    """Cumulative budget weights of the batches (computed once per run)."""
    key = (seed, n_groups)
    if key not in _WEIGHTS:
        acc, out = 0.0, []
        for i in range(n_groups):
            acc += _WEIGHT[crime_of(seed, i + 1)]
            out.append(acc)
        _WEIGHTS.clear()
        _WEIGHTS[key] = out
    return _WEIGHTS[key]


def _run_chunk(job: _Job, progress: Callable[[int], None] | None = None) -> _Result:
    factory = PersonFactory()
    truth = Truth(job.out_dir)
    recorders = {a.code: Recorder(a, job.out_dir, job.noise, truth, job.block) for a in AGENCIES}
    brokers = make_brokers(FastRandom(job.seed * 7919 + 1), factory, _n_brokers(job.n_groups))
    start = factory.next_id - 1
    if job.first == 0:
        for b in brokers:
            truth.person(b.person, "broker")
    else:
        factory.next_id = _target(job, job.first - 1, start) + 1
    world = World(job.seed, factory, recorders, truth, brokers)
    reported = 0
    for i in range(job.first, job.last):
        Batch(world, i + 1, _target(job, i, start)).run()
        done = factory.next_id - 1
        if progress is not None and done - reported >= PROGRESS_EVERY:
            progress(done)
            reported = done
    if job.last < job.n_groups and factory.next_id - 1 != _target(job, job.last - 1, start):
        raise RuntimeError("a chunk made more persons than planned; ids would collide")
    records: dict[str, int] = {}
    for rec in recorders.values():
        for kind, n in rec.close().items():
            records[kind] = records.get(kind, 0) + n
    truth.close()
    return _Result(factory.next_id - 1, records, truth.legs, truth.movers)


def _merge(out_dir: Path, parts: list[Path]) -> None:
    """Concatenate the chunk folders in order (header and BOM from the first only)."""
    names = [(a.code, f"{kind}.csv") for a in AGENCIES for kind in COLUMNS]
    names += [("truth", n) for n in ("persons.csv", "groups.csv", "people.csv")]
    for folder, name in names:
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
        with open(out_dir / folder / name, "wb") as out:
            for n, part in enumerate(parts):
                data = (part / folder / name).read_bytes()
                if n == 0:
                    out.write(data)
                elif name != "agency.csv":
                    out.write(data[data.index(b"\n") + 1 :])


def generate(
    out_dir: Path,
    *,
    seed: int = 7,
    persons: int = 2000,
    noise: NoiseConfig = NoiseConfig(),  # noqa: B008 - frozen, safe as a default
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> SynthSummary:
    """Write a synthetic multi-agency data set with its truth into ``out_dir``.

    ``persons`` true persons are made (group members, brokers, migrants, victims); each
    appears in at least one agency's records, many in several. ``progress`` is called
    with the number of true persons done, every few thousand and at the end. ``workers``
    processes share large runs (default: the CPUs of the machine); it changes the speed,
    never the output.
    """
    t0 = time.perf_counter()
    out_dir = Path(out_dir)
    for name in [a.code for a in AGENCIES] + ["truth", ".parts"]:
        if (out_dir / name).exists():
            shutil.rmtree(out_dir / name)
    out_dir.mkdir(parents=True, exist_ok=True)
    n_groups = max(6, round(persons / PERSONS_PER_GROUP))
    bounds = [*range(0, n_groups, CHUNK_GROUPS), n_groups]
    single = len(bounds) == 2
    jobs = [
        _Job(
            out_dir if single else out_dir / ".parts" / f"{c:05d}",
            seed,
            persons,
            n_groups,
            a,
            b,
            c,
            noise,
        )
        for c, (a, b) in enumerate(pairwise(bounds))
    ]
    results: list[_Result] = []
    if single:
        results.append(_run_chunk(jobs[0], progress))
    else:
        n_workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
        with ProcessPoolExecutor(n_workers) as pool:
            for res in pool.map(_run_chunk, jobs):
                results.append(res)
                if progress is not None:
                    progress(res.done)
        _merge(out_dir, [j.out_dir for j in jobs])
        shutil.rmtree(out_dir / ".parts")
    done = results[-1].done
    records: dict[str, int] = {}
    legs: Counter[_Key] = Counter()
    movers: Counter[_Key] = Counter()
    for res in results:
        legs.update(res.legs)
        movers.update(res.movers)
        for kind, n in res.records.items():
            records[kind] = records.get(kind, 0) + (n if kind != "agency" or not records else 0)
    records["agency"] = len(AGENCIES)
    write_flows(out_dir / "truth", legs, movers)
    write_noise(out_dir / "truth", seed, done, noise)
    if progress is not None and single:
        progress(done)
    return SynthSummary(
        out_dir=out_dir,
        persons=done,
        records=records,
        agencies=[a.code for a in AGENCIES],
        seconds=time.perf_counter() - t0,
    )

"""Cleaning rows on every core while the main process reads and writes.

Normalisation (names, phone numbers above all) is most of the cost of a load, and it
is pure, so chunks of rows go to worker processes and come back in order. The main
process keeps the cross-row checks and the single database transaction, so nothing
about all-or-nothing changes. At most a few chunks are in flight, so memory stays
flat however long the file.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice

from turquesa.ingest.fields import CleanContext
from turquesa.ingest.readers import Row
from turquesa.ingest.rows import CleanRow, ColumnPlan, clean_row
from turquesa.model import load_model

CHUNK = 1000
#: Below this many bytes a table is cleaned in-process: starting workers costs more.
PARALLEL_FROM_BYTES = 256_000
GC_THRESHOLD = 70_000


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's cycle collector runs after every 700 new container objects and, as the
    objects a load keeps alive grow, its full passes walk them all again: a tenth of a
    load's time went there. A load makes few cycles, so the collector runs a hundred
    times less often while it lasts."""
    before = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _start_worker(parent: int) -> None:
    gc.set_threshold(GC_THRESHOLD, 20, 100)
    _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive the load: if the loader is killed, its workers go too,
    and with them the copies of its database socket they inherited when forked (an
    orphan holding the socket would keep a PostgreSQL transaction, and its locks, open).
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:  # elsewhere, or as a second guard: poll the parent
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _clean_chunk(task: tuple[ColumnPlan, CleanContext, list[Row]]) -> list[CleanRow]:
    plan, ctx, rows = task
    model = load_model()
    cleaned = [clean_row(plan, n, cells, ctx, model, problems) for n, cells, problems in rows]
    for row in cleaned:
        if row.data_json:  # already serialised: send the text back, not the dicts too
            row.data, row.raw = {}, {}
    return cleaned


def warm_up() -> None:
    """Build the cleaners' lazy tables (countries in four languages, the name lexicon,
    phone metadata) once in the loader, so that forked workers share them instead of
    each building its own."""
    from turquesa.normalise import (
        parse_country,
        parse_date,
        parse_document_type,
        parse_person_name,
        parse_phone,
    )

    parse_country("Colombia")
    parse_date("01/02/2000")
    parse_document_type("pasaporte")
    parse_person_name(full_name="José Luis Pérez Gómez alias El Flaco")
    for region in ("CO", "PA", "MX", "VE", "HT", "BR", "US"):
        parse_phone("+573001234567", region)


class Cleaner:
    """Cleans the rows of each table, in worker processes when it pays."""

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = default_jobs() if jobs is None else max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            warm_up()
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            self._pool = ProcessPoolExecutor(
                self.jobs,
                mp_context=multiprocessing.get_context(method),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
        return self._pool

    def clean(
        self, plan: ColumnPlan, ctx: CleanContext, rows: Iterable[Row], size_hint: int
    ) -> Iterator[CleanRow]:
        model = load_model()
        if self.jobs == 1 or size_hint < PARALLEL_FROM_BYTES:
            for number, cells, problems in rows:
                yield clean_row(plan, number, cells, ctx, model, problems)
            return
        pool = self._executor()
        pending: deque[Future[list[CleanRow]]] = deque()
        iterator = iter(rows)
        while chunk := list(islice(iterator, CHUNK)):
            pending.append(pool.submit(_clean_chunk, (plan, ctx, chunk)))
            if len(pending) >= 3 * self.jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

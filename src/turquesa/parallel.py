"""Pure per-row work on every core, in order, with memory held flat.

Cleaning a load's rows and building a resolution's feature rows are both pure Python
per record and both run over millions of records: the main process reads the database
(or the file) and writes, worker processes do the per-record work on chunks, and the
chunks come back in the order they went out. Only a few chunks are in flight at a
time, so a national load never sits in memory waiting for a worker.
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
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TypeVar

from turquesa.memory import GC_THRESHOLD

Task = TypeVar("Task")
Result = TypeVar("Result")


def default_jobs() -> int:
    """The cores this process may run on (a container's share, not the host's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start_worker(parent: int) -> None:
    # A forked worker shares its parent's objects page by page until it writes to
    # them, and a full pass of the collector writes to every one it walks: frozen,
    # the inherited objects are never walked, so they stay shared.
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 20, 100)
    _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive its parent: if the loader or the resolver is killed,
    its workers go too, and with them the copies of its database socket they inherited
    when forked (an orphan holding the socket would keep a PostgreSQL transaction, and
    its locks, open)."""
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


def worker_pool(jobs: int, *, fresh: bool = False) -> ProcessPoolExecutor:
    """Workers forked where the system can (they share the parent's warmed-up tables,
    such as phone metadata, instead of each building its own), spawned elsewhere.
    `fresh` workers are always spawned: for work that needs nothing of the parent, so
    that a worker started beside gigabytes of the parent's objects holds none of them.
    """
    forks = "fork" in multiprocessing.get_all_start_methods() and not fresh
    return ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context("fork" if forks else "spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )


def chunks(items: Iterable[Task], size: int) -> Iterator[list[Task]]:
    """`items` in lists of `size` (the last one shorter), read lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ordered_map(
    pool: ProcessPoolExecutor,
    work: Callable[[Task], Result],
    tasks: Iterable[Task],
    in_flight: int,
) -> Iterator[Result]:
    """`work` applied to each task in the pool, the results in the tasks' order; at
    most `in_flight` tasks are taken from `tasks` ahead of the result being read, so a
    lazy source is read only as fast as the workers keep up."""
    pending: deque[Future[Result]] = deque()
    for task in tasks:
        pending.append(pool.submit(work, task))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()

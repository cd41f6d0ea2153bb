"""Keeping Python's cycle collector out of the way of the big jobs.

The collector runs after every 700 new container objects and, as the objects a job
keeps alive grow (a load's rows, a resolution's million profiles and pairs), its full
passes walk them all again and again: a tenth of a load's time went there, and a
quarter of the clustering's at 100,000 persons. These jobs make few reference cycles,
so while they run the collector runs a hundred times less often.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: The collector's first threshold during a big job (Python's default is 700).
GC_THRESHOLD = 70_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)

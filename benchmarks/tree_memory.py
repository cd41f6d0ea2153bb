"""Peak memory of a benchmarked child together with the worker processes it starts.

`getrusage` gives the largest resident set of any one process, which misses workers
running beside the main one; summing resident sets instead counts twice the pages a
forked worker still shares with its parent. The proportional set size (Linux's
`smaps_rollup`) splits each shared page between the processes that map it, so the sum
over the process tree is what the machine really holds. Sampled four times a second:
a peak shorter than that can be missed.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PROC = Path("/proc")


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # the command name, in parentheses, may hold spaces: split after it
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        kids.setdefault(int(fields[1]), []).append(int(entry.name))
    return kids


def _pss(pid: int) -> int:
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_pss(root: int) -> tuple[int, int]:
    """(bytes held by `root` and its descendants, how many processes)."""
    kids = _children()
    total, count, stack = 0, 0, [root]
    while stack:
        pid = stack.pop()
        total += _pss(pid)
        count += 1
        stack.extend(kids.get(pid, ()))
    return total, count


class TreePeak:
    """Samples a running process tree until `stop`; `peak_mb` and `processes` then
    describe its largest moment. None where /proc has no smaps_rollup."""

    def __init__(self, root: int, every: float = 0.25) -> None:
        self.root, self.every = root, every
        self.peak_bytes, self.processes = 0, 0
        self.available = (PROC / str(os.getpid()) / "smaps_rollup").exists()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        if self.available:
            self._thread.start()

    def _watch(self) -> None:
        while not self._done.wait(self.every):
            held, count = tree_pss(self.root)
            if held > self.peak_bytes:
                self.peak_bytes, self.processes = held, count

    def stop(self) -> float | None:
        """The peak in megabytes (None where it cannot be measured)."""
        self._done.set()
        if not self.available:
            return None
        self._thread.join()
        return self.peak_bytes / 2**20

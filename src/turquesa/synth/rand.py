"""A faster random stream for bulk generation.

``random.Random.randrange`` spends most of its time validating arguments and drawing
exact bits; at millions of calls that is the main cost of the generator. These versions
scale one ``random()`` draw instead: uniform to within 2**-53, deterministic for a seed,
and fine for synthetic data (never for cryptography).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


class FastRandom(random.Random):
    """Same seeding and ``random()`` as ``random.Random``; cheaper integer draws."""

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:  # type: ignore[override]
        if stop is None:
            return int(self.random() * start)
        return start + int(self.random() * (stop - start))

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq: Sequence[T]) -> T:
        return seq[int(self.random() * len(seq))]

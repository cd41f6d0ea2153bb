"""Which changes between two periods stand out from chance, and by what test.

Why this test: counts of detected victims or migrants are small and Poisson-like, so a
normal approximation misleads. Given k1 events in a period of length t1 and k2 in one
of length t2, under equal rates k2 given n = k1 + k2 is binomial with p = t2 / (t1 + t2)
(p = 0.5 when the periods are as long as each other): the exact conditional test for two
Poisson rates. The p-value is two-sided, summing every outcome no more likely than the
one seen. With many categories tested at once some would pass by luck, so the q-values
control the false discovery rate (Benjamini–Hochberg), and a change "stands out" when
its q-value is under `alpha`. Written with the standard library (log-space binomial).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

#: Outcomes whose probability is within this relative distance of the observed one
#: count as "as likely" (floating-point ties), as R's binom.test does.
_TIE = 1 + 1e-7


def _log_binomial_pmf(k: int, n: int, p: float) -> float:
    if p <= 0.0:
        return 0.0 if k == 0 else -math.inf
    if p >= 1.0:
        return 0.0 if k == n else -math.inf
    log_comb = math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
    return log_comb + k * math.log(p) + (n - k) * math.log1p(-p)


def binomial_test(k: int, n: int, p: float = 0.5) -> float:
    """Two-sided exact binomial p-value of `k` successes in `n` trials."""
    if n == 0:
        return 1.0
    if not 0 <= k <= n:
        raise ValueError("k must lie between 0 and n")
    observed = _log_binomial_pmf(k, n, p)
    limit = observed + math.log(_TIE)
    total = sum(math.exp(lp) for i in range(n + 1) if (lp := _log_binomial_pmf(i, n, p)) <= limit)
    return min(1.0, total)


def poisson_rate_test(k1: int, k2: int, t1: float = 1.0, t2: float = 1.0) -> float:
    """Two-sided p-value that counts `k1` over exposure `t1` and `k2` over `t2` come from
    one Poisson rate (exact, conditional on k1 + k2)."""
    if t1 <= 0 or t2 <= 0:
        raise ValueError("exposures must be positive")
    return binomial_test(k2, k1 + k2, t2 / (t1 + t2))


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """q-values (adjusted p-values) controlling the false discovery rate."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    q = [1.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * m / rank)
        q[i] = min(1.0, running)
    return q


@dataclass
class Change:
    """One category's count in two periods, the test and its verdict.

    `ratio` is the ratio of rates (after / before, per unit of exposure); None when the
    earlier count is 0 and the later is not (a rise from nothing), and also when the
    counts are hidden for sharing."""

    category: str
    before: str
    after: str
    count_before: int | None
    count_after: int | None
    exposure_before: float
    exposure_after: float
    ratio: float | None
    direction: str  # "up", "down" or "same"
    p_value: float | None
    q_value: float | None
    stands_out: bool
    test: str = "exact conditional Poisson rate test (binomial), Benjamini–Hochberg q"

    def document(self) -> dict[str, Any]:
        return asdict(self)


def compare(
    counts: dict[str, dict[str, int]],
    pairs: Sequence[tuple[str, str]],
    exposures: dict[str, float] | None = None,
    alpha: float = 0.05,
) -> list[Change]:
    """Test every category of `counts` (category -> period -> count) on every pair of
    periods, then adjust all the p-values together. Pairs where both counts are zero
    carry no information and are left out."""
    exposures = exposures or {}
    raw: list[tuple[str, str, str, int, int, float, float, float]] = []
    for category, series in counts.items():
        for before, after in pairs:
            k1, k2 = series.get(before, 0), series.get(after, 0)
            if k1 == 0 and k2 == 0:
                continue
            t1, t2 = exposures.get(before, 1.0), exposures.get(after, 1.0)
            raw.append((category, before, after, k1, k2, t1, t2, poisson_rate_test(k1, k2, t1, t2)))
    q_values = benjamini_hochberg([r[-1] for r in raw])
    changes = []
    for (category, before, after, k1, k2, t1, t2, p), q in zip(raw, q_values, strict=True):
        rate1, rate2 = k1 / t1, k2 / t2
        ratio = rate2 / rate1 if rate1 > 0 else None
        direction = "up" if rate2 > rate1 else "down" if rate2 < rate1 else "same"
        changes.append(
            Change(category, before, after, k1, k2, t1, t2, ratio, direction, p, q, q < alpha)
        )
    return changes

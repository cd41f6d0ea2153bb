"""Scoring a resolution against known truth: pairwise precision, recall and F1.

Pairwise, because that is what an analyst feels: every wrong pair is two people
confused, every missed pair is a link not seen. Counted from cluster sizes, so a
million records cost a few dictionaries, never the list of pairs. Recall is also
broken down by the kind of noise a record carries (the synthetic truth says which),
so a weak comparison shows itself.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


@dataclass
class PairwiseScore:
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    recall_by_noise: dict[str, tuple[float, int]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def pairwise_score(
    predicted: Mapping[str, str],
    truth: Mapping[str, str],
    noise: Mapping[str, Iterable[str]] | None = None,
) -> PairwiseScore:
    """`predicted` and `truth` map record keys to cluster ids; records missing from
    `predicted` count as alone. `noise` maps record keys to their kinds of noise."""
    predicted_sizes = Counter(predicted.values())
    true_sizes = Counter(truth.values())
    both = Counter((predicted.get(k, f"alone:{k}"), t) for k, t in truth.items())
    score = PairwiseScore(
        true_pairs=sum(_pairs(n) for n in true_sizes.values()),
        predicted_pairs=sum(_pairs(n) for n in predicted_sizes.values()),
        correct_pairs=sum(_pairs(n) for n in both.values()),
    )
    if noise:
        found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for key, kinds in noise.items():
            t = truth.get(key)
            if t is None:
                continue
            partners = true_sizes[t] - 1
            if not partners:
                continue
            matched = both[predicted.get(key, f"alone:{key}"), t] - 1
            for kind in kinds:
                found[kind][0] += matched
                found[kind][1] += partners
        score.recall_by_noise = {
            kind: (hit / total, total) for kind, (hit, total) in sorted(found.items())
        }
    return score

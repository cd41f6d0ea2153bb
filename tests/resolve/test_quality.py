"""Pairwise scores counted from cluster sizes agree with counting the pairs."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st

from turquesa.resolve.quality import pairwise_score


def _pairs(assignment: dict[str, str]) -> set[tuple[str, str]]:
    return {
        (a, b) for a, b in combinations(sorted(assignment), 2) if assignment[a] == assignment[b]
    }


@given(
    st.dictionaries(st.sampled_from("abcdefghij"), st.sampled_from("xyz"), min_size=1),
    st.dictionaries(st.sampled_from("abcdefghij"), st.sampled_from("123"), min_size=1),
)
def test_counts_match_brute_force(truth: dict[str, str], predicted: dict[str, str]) -> None:
    predicted = {k: v for k, v in predicted.items() if k in truth}
    score = pairwise_score(predicted, truth)
    full = {k: predicted.get(k, f"alone:{k}") for k in truth}
    assert score.true_pairs == len(_pairs(truth))
    assert score.predicted_pairs == len(_pairs(full))
    assert score.correct_pairs == len(_pairs(truth) & _pairs(full))


def test_recall_by_noise_counts_each_records_partners() -> None:
    truth = {"a": "T1", "b": "T1", "c": "T1"}
    predicted = {"a": "E1", "b": "E1", "c": "E2"}
    score = pairwise_score(predicted, truth, {"c": ["typo"], "a": []})
    assert score.recall_by_noise == {"typo": (0.0, 2)}
    assert round(score.recall, 3) == round(1 / 3, 3)

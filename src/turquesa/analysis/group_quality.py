"""How well found groups recover known ones: the adjusted Rand index on a ground truth.

Scored over person records, as `turquesa groups --format csv` lists them: every record
the truth puts in a group or the analysis puts in a group. A record one side leaves out
counts as a group of its own on that side, so leaving members out and sweeping
outsiders in both cost.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Mapping
from math import comb
from pathlib import Path


def adjusted_rand_index(left: Mapping[str, str], right: Mapping[str, str]) -> float:
    """ARI of two labelings of the same items (Hubert and Arabie, 1985)."""
    items = sorted(set(left) | set(right))
    if len(items) < 2:
        return 1.0
    a = [left.get(i, f"\x00{i}") for i in items]
    b = [right.get(i, f"\x00{i}") for i in items]
    pairs = Counter(zip(a, b, strict=True))
    index = sum(comb(n, 2) for n in pairs.values())
    sum_a = sum(comb(n, 2) for n in Counter(a).values())
    sum_b = sum(comb(n, 2) for n in Counter(b).values())
    total = comb(len(items), 2)
    expected = sum_a * sum_b / total
    maximum = (sum_a + sum_b) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def truth_groups(path: Path) -> dict[str, str]:
    """AGENCY:RECORD_ID -> true group, from a truth persons.csv."""
    found: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row.get("true_group_id"):
                found[f"{row['agency']}:{row['record_id']}"] = row["true_group_id"]
    return found


def score_groups(rows: Iterable[Mapping[str, str]], truth: Mapping[str, str]) -> dict[str, float]:
    """ARI and coverage of `turquesa groups` rows against `truth_groups`."""
    found = {f"{r['agency']}:{r['record_id']}": r["group_id"] for r in rows}
    both = set(found) & set(truth)
    return {
        "ari": adjusted_rand_index(found, truth),
        "records_found": len(found),
        "records_true": len(truth),
        "recall": len(both) / len(truth) if truth else 1.0,
        "precision": len(both) / len(found) if found else 1.0,
        "groups_found": len(set(found.values())),
        "groups_true": len(set(truth.values())),
    }

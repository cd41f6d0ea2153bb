"""Clusters that do not chain: accepted pairs merged strongest first, never into a
contradiction.

Connected components over accepted pairs let one weak link join two people ("Juan"
~ an alias-only record ~ "Pedro"). Here pairs are merged in order of confidence
(analysts' "same" first, then document matches, then the model's pairs by falling
probability), and a merge is refused when the two clusters would hold records that
contradict each other: different sex, birth years more than two years apart, two
different documents of the same type and country, given names with nothing in common,
or two records an analyst called different. The result is the same whatever the
order of the input: ties are broken by record keys, never by arrival.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import jellyfish

MAX_BIRTH_YEAR_GAP = 2


@dataclass(frozen=True, slots=True)
class Edge:
    a: str
    b: str
    probability: float
    method: str  # analyst | document | model


@dataclass
class _Cluster:
    members: list[str]
    sexes: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    slots: dict[str, set[str]] = field(default_factory=dict)
    givens: list[tuple[frozenset[str], ...]] = field(default_factory=list)


def _given_signature(row: dict[str, Any]) -> tuple[frozenset[str], ...] | None:
    if not row.get("given_tokens"):
        return None
    return (
        frozenset(row["given_tokens"]),
        frozenset(row.get("given_codes") or ()),
        frozenset(row.get("given_expanded") or ()),
        frozenset(row.get("surname_tokens") or ()),
    )


def given_names_differ(x: tuple[frozenset[str], ...], y: tuple[frozenset[str], ...]) -> bool:
    """Nothing in common between two records' given names: no token, no sound, no
    nickname, not written in the other's surname column, no near spelling."""
    tokens_x, codes_x, expanded_x, surnames_x = x
    tokens_y, codes_y, expanded_y, surnames_y = y
    if tokens_x & tokens_y or codes_x & codes_y or expanded_x & expanded_y:
        return False
    if tokens_x & surnames_y or tokens_y & surnames_x:
        return False
    return not any(
        jellyfish.jaro_winkler_similarity(a, b) >= 0.85 for a in tokens_x for b in tokens_y
    )


def _near(a: str, b: str) -> bool:
    """Two document numbers one typing slip apart are the same document."""
    return jellyfish.damerau_levenshtein_distance(a, b) <= 1


def _new_cluster(uid: str, row: dict[str, Any]) -> _Cluster:
    cluster = _Cluster([uid])
    if row.get("sex"):
        cluster.sexes.add(row["sex"])
    if row.get("birth_year"):
        cluster.years.add(row["birth_year"])
    for document in row.get("documents") or ():
        kind, country, number = document.split(":", 2)
        if country != "?":
            cluster.slots.setdefault(f"{kind}:{country}", set()).add(number)
    if (signature := _given_signature(row)) is not None:
        cluster.givens.append(signature)
    return cluster


def contradiction(x: _Cluster, y: _Cluster) -> str | None:
    """Why two clusters cannot be one person, or None."""
    if len(x.sexes | y.sexes) > 1:
        return "different sex"
    years = x.years | y.years
    if years and max(years) - min(years) > MAX_BIRTH_YEAR_GAP:
        return "birth dates years apart"
    for slot, numbers in x.slots.items():
        other = y.slots.get(slot)
        if other and not (numbers & other) and not any(_near(a, b) for a in numbers for b in other):
            return f"two different documents ({slot.replace(':', ' of ')})"
    for gx in x.givens:
        for gy in y.givens:
            if given_names_differ(gx, gy):
                return "given names with nothing in common"
    return None


def pair_contradiction(x: dict[str, Any], y: dict[str, Any]) -> str | None:
    """The same test for two single records (for the review queue and `explain`)."""
    return contradiction(_new_cluster("x", x), _new_cluster("y", y))


def cluster(
    rows: dict[str, dict[str, Any]],
    edges: Iterable[Edge],
    cannot_link: Iterable[tuple[str, str]] = (),
) -> dict[str, tuple[str, ...]]:
    """Every record's cluster (as the sorted tuple of its members' keys).

    An analyst's "same" edge still has to pass the cannot-link test of other analysts'
    decisions, but not the data contradictions: the analyst has seen the records.
    """
    clusters = {uid: _new_cluster(uid, row) for uid, row in rows.items()}
    owner = {uid: uid for uid in rows}
    apart: dict[str, set[str]] = {}
    for a, b in cannot_link:
        apart.setdefault(a, set()).add(b)
        apart.setdefault(b, set()).add(a)
    order = sorted(
        edges,
        key=lambda e: (
            e.method != "analyst",
            e.method != "document",
            -round(e.probability, 9),
            min(e.a, e.b),
            max(e.a, e.b),
        ),
    )
    for edge in order:
        if edge.a not in owner or edge.b not in owner:
            continue
        ra, rb = owner[edge.a], owner[edge.b]
        if ra == rb:
            continue
        x, y = clusters[ra], clusters[rb]
        if _kept_apart(x, y, apart):
            continue
        if edge.method != "analyst" and contradiction(x, y) is not None:
            continue
        if len(x.members) < len(y.members):
            ra, rb, x, y = rb, ra, y, x
        _absorb(x, y)
        for uid in y.members:
            owner[uid] = ra
        del clusters[rb]
    result: dict[str, tuple[str, ...]] = {}
    for group in clusters.values():
        members = tuple(sorted(group.members))
        for uid in members:
            result[uid] = members
    return result


def _kept_apart(x: _Cluster, y: _Cluster, apart: dict[str, set[str]]) -> bool:
    if not apart:
        return False
    small, large = (x, y) if len(x.members) <= len(y.members) else (y, x)
    large_set = set(large.members)
    return any(apart.get(uid, set()) & large_set for uid in small.members)


def _absorb(x: _Cluster, y: _Cluster) -> None:
    x.members.extend(y.members)
    x.sexes |= y.sexes
    x.years |= y.years
    for slot, numbers in y.slots.items():
        x.slots.setdefault(slot, set()).update(numbers)
    x.givens.extend(y.givens)


def contradiction_between(
    rows: dict[str, dict[str, Any]], left: tuple[str, ...], right: tuple[str, ...]
) -> str | None:
    """Why two finished clusters were kept apart (for the refused pairs' report)."""
    x, y = _new_cluster(left[0], rows[left[0]]), _new_cluster(right[0], rows[right[0]])
    for uid in left[1:]:
        _absorb(x, _new_cluster(uid, rows[uid]))
    for uid in right[1:]:
        _absorb(y, _new_cluster(uid, rows[uid]))
    return contradiction(x, y) or "an analyst's decision"

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

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import jellyfish

MAX_BIRTH_YEAR_GAP = 2
#: Edges merged without the contradiction test: an analyst's "same" (the analyst has
#: seen the records) and, in an incremental run, the entities the last run made.
TRUSTED = frozenset({"analyst", "previous"})


@dataclass(frozen=True, slots=True)
class Edge:
    a: str
    b: str
    probability: float
    method: str  # analyst | previous | document | model | companion


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Profile:
    """What clustering needs of one record, kept small: a million of these stay in
    memory while the full feature rows stream past to the matching engine."""

    sex: str | None
    birth: tuple[int | None, int | None, int | None]  # year, month, day
    documents: tuple[tuple[str, str], ...]  # (type:country, number), country known
    document_numbers: tuple[str, ...]
    contacts: tuple[str, ...]
    given: tuple[tuple[str, ...], ...] | None  # tuples: a million of them stay in memory
    full_name: str | None = None  # all given names and two surnames, folded
    agency: str = ""


def profile(row: dict[str, Any], shared: dict[Any, Any] | None = None) -> Profile:
    """`shared`, kept by the caller for one run, makes equal values one object: a
    million profiles repeat the same name tokens, birth dates and agency codes, and
    each copy of a short string or tuple costs 50–100 bytes (at 1,000,000 persons the
    profiles took gigabytes)."""
    share = _sharer(shared)
    documents = []
    for document in row.get("documents") or ():
        kind, country, number = document.split(":", 2)
        if country != "?":
            documents.append((share(f"{kind}:{country}"), number))
    given = _given_signature(row)
    return Profile(
        sex=row.get("sex"),
        birth=share((row.get("birth_year"), row.get("birth_month"), row.get("birth_day"))),
        documents=tuple(documents),
        document_numbers=tuple(row.get("document_numbers") or ()),
        contacts=tuple(row.get("contacts") or ()),
        given=None if given is None else share(tuple(share(part) for part in given)),
        full_name=(
            share(f"{row['given_all']}|{row['surnames_sorted']}")
            if row.get("given_all") and row.get("surname2")
            else None
        ),
        agency=share(row.get("agency") or ""),
    )


def _sharer(shared: dict[Any, Any] | None) -> Callable[[T], T]:
    if shared is None:
        return lambda value: value
    return lambda value: shared.setdefault(value, value)


@dataclass(slots=True)
class _Cluster:
    """What a cluster's members say about the person. The sexes and birth years are
    frozen sets shared among clusters while they hold one value (most clusters are
    one or two records, over a million of them at a million persons); a merge makes
    new ones."""

    members: list[str]
    sexes: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    slots: dict[str, set[str]] = field(default_factory=dict)
    # Each member's given-name signature as sets, made once when the record first
    # joins an edge rather than at every contradiction test.
    givens: list[tuple[frozenset[str], ...]] = field(default_factory=list)


def _given_signature(row: dict[str, Any]) -> tuple[tuple[str, ...], ...] | None:
    if not row.get("given_tokens"):
        return None
    return tuple(
        tuple(row.get(column) or ())
        for column in (
            "given_tokens",
            "given_codes",
            "given_expanded",
            "surname_tokens",
            "surname_codes",
        )
    )


def _births_agree(x: Profile, y: Profile) -> bool:
    """Birth dates that say the same person: the same date, or one slip away from it
    (day and month swapped; the same day a year off; one digit mistyped or two
    neighbouring digits transposed), or, when one is partial, years at most one apart.

    "Two of year, month and day the same" is not a slip: namesakes born in one month
    meet that by chance (on the synthetic truth at 100,000 persons it corroborated 76
    wrong pairs and no right one)."""
    (ya, ma, da), (yb, mb, db) = x.birth, y.birth
    if not ya or not yb:
        return False
    if da and db and ma and mb:
        if ya == yb and (ma, da) == (db, mb):
            return True
        if abs(ya - yb) <= 1 and (ma, da) == (mb, db):
            return True
        return _one_slip(f"{ya:04d}{ma:02d}{da:02d}", f"{yb:04d}{mb:02d}{db:02d}")
    return abs(ya - yb) <= 1


def _one_slip(a: str, b: str) -> bool:
    """Equal, or one digit changed, or two neighbouring digits swapped."""
    return jellyfish.damerau_levenshtein_distance(a, b) <= 1 and len(a) == len(b)


#: A full name (given names and two surnames) written by at most this many records in
#: all the data identifies a person well enough to merge two agencies' records of it.
RARE_FULL_NAME = 3


def corroboration(
    x: Profile, y: Profile, name_counts: Mapping[str, int] | None = None
) -> str | None:
    """What, besides a likely-looking name, says two records are one person. A name
    match alone is not enough to merge without an analyst: migrants from one town
    share a handful of names, and a record often lacks the birth date. The exception
    is a rare full name with both surnames, written alike by two agencies.

    The weaker confirmations (a social-media handle, which agencies often copy from
    the profile's display name; a rare full name) do not hold against birth dates that
    both records give and that disagree: at 1,000,000 synthetic persons they joined
    ten wrong pairs for each right one there."""
    births = _births_agree(x, y) and not surnames_differ(x.given, y.given)
    if births and x.birth[2] and y.birth[2]:
        return "birth date"
    if not set(x.document_numbers).isdisjoint(y.document_numbers):
        return "document"
    if any(a[0] == b[0] and _near(a[1], b[1]) for a in x.documents for b in y.documents):
        return "document one character apart"
    shared = set(x.contacts) & set(y.contacts)
    if any(c.startswith(STRONG_CONTACTS) for c in shared):
        return "contact"
    if births:  # a year alone: run.confirmed asks more of it, and so of what follows
        return "birth year"
    if shared and not births_disagree(x, y):
        return "handle"
    if (
        name_counts is not None
        and x.full_name is not None
        and x.full_name == y.full_name
        and x.agency != y.agency
        and name_counts.get(x.full_name, 0) <= RARE_FULL_NAME
        and not births_disagree(x, y)
    ):
        return "rare full name"
    return None


#: Contacts that name one line or one mailbox: a phone (WhatsApp is a phone number).
STRONG_CONTACTS = ("phone:", "email:", "handle:whatsapp:")


def births_disagree(x: Profile, y: Profile) -> bool:
    """Both records give a birth date, and the two are not one slip apart."""
    (ya, _, _), (yb, _, _) = x.birth, y.birth
    return bool(ya and yb) and not _births_agree(x, y)


def full_name_counts(profiles: Iterable[Profile]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for record in profiles:
        if record.full_name is not None:
            counts[record.full_name] = counts.get(record.full_name, 0) + 1
    return counts


def surnames_differ(
    x: tuple[tuple[str, ...], ...] | None, y: tuple[tuple[str, ...], ...] | None
) -> bool:
    """Both records give surnames and they have nothing in common: no token, no
    sound, no near spelling, none written in the other's given names. A birth date
    alone does not make such records one person (namesakes of a common given name
    born on one day: at 100,000 synthetic persons three wrong pairs for one right);
    a shared document or contact still does, since a surname can be mis-parsed or
    changed."""
    if x is None or y is None:
        return False
    given_x, given_codes_x, _, surnames_x, codes_x = (frozenset(part) for part in x)
    given_y, given_codes_y, _, surnames_y, codes_y = (frozenset(part) for part in y)
    if not surnames_x or not surnames_y:
        return False
    return _column_differs(
        (surnames_x, codes_x, given_x, given_codes_x),
        (surnames_y, codes_y, given_y, given_codes_y),
    )


def given_names_differ(x: tuple[frozenset[str], ...], y: tuple[frozenset[str], ...]) -> bool:
    """Nothing in common between two records' given names: no token, no sound, no
    nickname, no initial that fits, not written in the other's surname column, no near
    spelling."""
    tokens_x, codes_x, expanded_x, surnames_x, surname_codes_x = x
    tokens_y, codes_y, expanded_y, surnames_y, surname_codes_y = y
    if expanded_x & expanded_y:
        return False
    # "J. Pérez" is not a contradiction of "José Pérez": an initial stands for any name
    # that begins with it.
    if _initials_fit(tokens_x, tokens_y) or _initials_fit(tokens_y, tokens_x):
        return False
    return _column_differs(
        (tokens_x, codes_x, surnames_x, surname_codes_x),
        (tokens_y, codes_y, surnames_y, surname_codes_y),
    )


Column = tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]


def _column_differs(x: Column, y: Column) -> bool:
    """One name column (given names, or surnames) of two records with nothing in
    common: no token, no sound, none written in the other record's other column (names
    swapped between the columns, even misspelt, are not a difference), no near
    spelling. Each side is (tokens, sounds, other column's tokens, its sounds)."""
    tokens_x, codes_x, cross_x, cross_codes_x = x
    tokens_y, codes_y, cross_y, cross_codes_y = y
    if tokens_x & tokens_y or codes_x & codes_y:
        return False
    if tokens_x & cross_y or tokens_y & cross_x:
        return False
    if codes_x & cross_codes_y or codes_y & cross_codes_x:
        return False
    return not any(
        jellyfish.jaro_winkler_similarity(a, b) >= 0.85
        for a in tokens_x
        for b in tokens_y | cross_y
    )


def _initials_fit(initials: frozenset[str], names: frozenset[str]) -> bool:
    letters = {t for t in initials if len(t) == 1}
    return bool(letters) and any(n[0] in letters for n in names if len(n) > 1)


def _near(a: str, b: str) -> bool:
    """Two document numbers one typing slip apart are the same document."""
    return jellyfish.damerau_levenshtein_distance(a, b) <= 1


def _new_cluster(uid: str, record: Profile) -> _Cluster:
    cluster = _Cluster([uid])
    if record.sex:
        cluster.sexes = _frozen_part((record.sex,))
    if record.birth[0]:
        cluster.years = _frozen_part((record.birth[0],))
    for slot, number in record.documents:
        cluster.slots.setdefault(slot, set()).add(number)
    if record.given is not None:
        cluster.givens.append(_frozen_signature(record.given))
    return cluster


@functools.lru_cache(maxsize=1 << 17)
def _frozen_signature(given: tuple[tuple[str, ...], ...]) -> tuple[frozenset[str], ...]:
    """A name signature as sets, one object for equal names: a frozenset of two tokens
    costs over 200 bytes, and at a million persons over a million records join a
    cluster (their sets took more than a gigabyte, one copy each)."""
    return tuple(_frozen_part(part) for part in given)


def signature_sets(given: tuple[tuple[str, ...], ...]) -> tuple[frozenset[str], ...]:
    """A record's name signature (Profile.given) as the sets the name tests take."""
    return _frozen_signature(given)


@functools.lru_cache(maxsize=1 << 17)
def _frozen_part(part: tuple[T, ...]) -> frozenset[T]:
    return frozenset(part)


def contradiction(x: _Cluster, y: _Cluster) -> str | None:
    """Why two clusters cannot be one person, or None.

    A document the two sides share forgives one clerical error when the rest agrees:
    given names written differently when a surname (even misspelt) and the birth
    year agree, or a birth date far off when the names agree. Not more: in this field
    one forged passport is often carried by several people, whose names then differ
    entirely."""
    if len(x.sexes | y.sexes) > 1:
        return "different sex"
    shared = any(numbers & y.slots.get(slot, set()) for slot, numbers in x.slots.items())

    def forgiven() -> bool:  # computed only when a contradiction is found
        return shared and _surnames_agree(x, y)

    givens_differ = None
    years = x.years | y.years
    if years and max(years) - min(years) > MAX_BIRTH_YEAR_GAP:
        givens_differ = _givens_differ(x, y)
        if givens_differ or not forgiven():
            return "birth dates years apart"
    for slot, numbers in x.slots.items():
        other = y.slots.get(slot)
        if other and not (numbers & other) and not any(_near(a, b) for a in numbers for b in other):
            return f"two different documents ({slot.replace(':', ' of ')})"
    if givens_differ is None:
        givens_differ = _givens_differ(x, y)
    if givens_differ and not (forgiven() and (not years or max(years) - min(years) <= 1)):
        return "given names with nothing in common"
    return None


def _givens_differ(x: _Cluster, y: _Cluster) -> bool:
    return any(given_names_differ(gx, gy) for gx in x.givens for gy in y.givens)


_NONE: frozenset[str] = frozenset()


def _surnames_agree(x: _Cluster, y: _Cluster) -> bool:
    """Some record of each side gives a surname the other's records write alike: the
    same, sounding the same or misspelt ("Nguyen" / "Nguyemn")."""
    return any(
        gx[3]
        and gy[3]
        and not _column_differs((gx[3], gx[4], _NONE, _NONE), (gy[3], gy[4], _NONE, _NONE))
        for gx in x.givens
        for gy in y.givens
    )


def pair_contradiction(x: dict[str, Any], y: dict[str, Any]) -> str | None:
    """The same test for two single records' feature rows (for `explain`)."""
    return contradiction(_new_cluster("x", profile(x)), _new_cluster("y", profile(y)))


def cluster(
    rows: Mapping[str, Profile],
    edges: Iterable[Edge],
    cannot_link: Iterable[tuple[str, str]] = (),
) -> dict[str, tuple[str, ...]]:
    """Every record's cluster (as the sorted tuple of its members' keys).

    An analyst's "same" edge still has to pass the cannot-link test of other analysts'
    decisions, but not the data contradictions: the analyst has seen the records.
    """
    # Most records of a large load are touched by no edge: they get their one-record
    # cluster at the end, without the sets a merge needs.
    joined = _Joiner(rows, {}, cannot_link)
    joined.apply(edges)
    result: dict[str, tuple[str, ...]] = {uid: (uid,) for uid in rows if uid not in joined.owner}
    joined.write_into(result)
    return result


def merge_further(
    rows: Mapping[str, Profile],
    clusters: dict[str, tuple[str, ...]],
    edges: Iterable[Edge],
    cannot_link: Iterable[tuple[str, str]] = (),
) -> dict[str, tuple[str, ...]]:
    """`clusters` (as `cluster` made them) joined further by `edges`, tested exactly as
    `cluster` tests its own. Only the clusters the edges touch are rebuilt, so a second
    round of evidence costs what it touches, not a second clustering of everything.
    Updates `clusters` in place and returns it."""
    joined = _Joiner(rows, clusters, cannot_link)
    joined.apply(edges)
    joined.write_into(clusters)
    return clusters


class _Joiner:
    """Union of clusters along edges, most trusted and most likely first, refusing
    any join an analyst's "different" or a contradiction forbids."""

    def __init__(
        self,
        rows: Mapping[str, Profile],
        start: Mapping[str, tuple[str, ...]],
        cannot_link: Iterable[tuple[str, str]],
    ) -> None:
        self.rows = rows
        self.start = start
        self.clusters: dict[str, _Cluster] = {}
        self.owner: dict[str, str] = {}
        self.apart: dict[str, set[str]] = {}
        for a, b in cannot_link:
            self.apart.setdefault(a, set()).add(b)
            self.apart.setdefault(b, set()).add(a)

    def cluster_of(self, uid: str) -> tuple[str, _Cluster]:
        root = self.owner.get(uid)
        if root is None:
            group = self.start.get(uid, (uid,))
            root = group[0]
            built = _new_cluster(root, self.rows[root])
            for other in group[1:]:
                _absorb(built, _new_cluster(other, self.rows[other]))
            self.clusters[root] = built
            for member in group:
                self.owner[member] = root
        return root, self.clusters[root]

    def apply(self, edges: Iterable[Edge]) -> None:
        rank = {"analyst": 0, "previous": 1, "document": 2}
        order = sorted(
            edges,
            key=lambda e: (
                rank.get(e.method, 3),
                -round(e.probability, 9),
                min(e.a, e.b),
                max(e.a, e.b),
            ),
        )
        for edge in order:
            if edge.a not in self.rows or edge.b not in self.rows:
                continue
            (ra, x), (rb, y) = self.cluster_of(edge.a), self.cluster_of(edge.b)
            if ra == rb:
                continue
            if _kept_apart(x, y, self.apart):
                continue
            if edge.method not in TRUSTED and contradiction(x, y) is not None:
                continue
            if len(x.members) < len(y.members):
                ra, rb, x, y = rb, ra, y, x
            _absorb(x, y)
            for uid in y.members:
                self.owner[uid] = ra
            del self.clusters[rb]

    def write_into(self, result: dict[str, tuple[str, ...]]) -> None:
        for group in self.clusters.values():
            members = tuple(sorted(group.members))
            for uid in members:
                result[uid] = members
        _frozen_signature.cache_clear()  # the sets shared for this run go with its clusters
        _frozen_part.cache_clear()


def _kept_apart(x: _Cluster, y: _Cluster, apart: dict[str, set[str]]) -> bool:
    if not apart:
        return False
    small, large = (x, y) if len(x.members) <= len(y.members) else (y, x)
    large_set = set(large.members)
    return any(apart.get(uid, set()) & large_set for uid in small.members)


def _absorb(x: _Cluster, y: _Cluster) -> None:
    x.members.extend(y.members)
    if not y.sexes <= x.sexes:
        x.sexes = x.sexes | y.sexes
    if not y.years <= x.years:
        x.years = x.years | y.years
    for slot, numbers in y.slots.items():
        x.slots.setdefault(slot, set()).update(numbers)
    x.givens.extend(y.givens)


def contradiction_between(
    rows: Mapping[str, Profile], left: tuple[str, ...], right: tuple[str, ...]
) -> str | None:
    """Why two finished clusters were kept apart (for the refused pairs' report)."""
    x, y = _new_cluster(left[0], rows[left[0]]), _new_cluster(right[0], rows[right[0]])
    for uid in left[1:]:
        _absorb(x, _new_cluster(uid, rows[uid]))
    for uid in right[1:]:
        _absorb(y, _new_cluster(uid, rows[uid]))
    return contradiction(x, y) or "an analyst's decision"

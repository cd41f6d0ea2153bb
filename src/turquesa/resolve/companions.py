"""Records confirmed by the people they travel with.

A migrant child or a relative is often written with a name and nothing else: no birth
date, no document, no phone. Two agencies' records of such a person agree on the name
and nothing confirms it, so the model's pair waits for an analyst or is never compared
at all. But the same records usually travel with someone the resolution has already
recognised: the mother whose passport both agencies copied, the cousin whose phone both
took. When one agency records a party crossing at Paso Canoas and another records the
party again at Peñas Blancas, the party's known members line up, and the one left over
on each side with the same name is the same person.

So, after a first clustering: for each person known in two records, the companions of
one record (the others in the same movement or event record) are set against the
companions of the other, and a companion on one side whose names agree with exactly one
not yet matched companion on the other side, and the other way round, is paired with
it. The pair still has to pass every contradiction test of the clustering (sex, birth
dates, documents, an analyst's "different"). Namesakes in one party (two boys called
Hao Xu) are left to an analyst: neither has exactly one counterpart.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import combinations

import jellyfish
import orjson
from sqlalchemy import Connection, Text, select, type_coerce

from turquesa.resolve.clusters import Edge, Profile, births_disagree, signature_sets
from turquesa.resolve.features import record_key
from turquesa.storage.tables import records

#: A movement or event of more than this many persons is a crowd (a boat, an
#: interception of a whole column of migrants), not a party travelling together.
MAX_PARTY = 12
#: A person seen in more records than this (a smuggler in every case of a gang) is no
#: travelling companion of the people in them.
MAX_RECORDS = 8
#: The probability given to a pair paired this way: below any model-accepted pair, so
#: that the clustering tries those first.
COMPANION_PROBABILITY = 0.8
#: Jaro-Winkler similarity from which two name tokens are one name misspelt
#: (Contreras / Cotnreras, Nayeli / Naeli).
NEAR_SPELLING = 0.9


def travel_parties(conn: Connection) -> Iterator[tuple[str, ...]]:
    """The record keys of the persons in each current movement and event record of two
    to MAX_PARTY persons."""
    persons = type_coerce(records.c.data["persons"], Text)
    query = select(records.c.agency, persons).where(
        records.c.kind.in_(("movement", "event")), records.c.status == "current"
    )
    for agency, text in conn.execute(query).yield_per(50_000):
        if not text or text == "null":
            continue
        ids = orjson.loads(text) if isinstance(text, str | bytes) else text
        if isinstance(ids, list) and 2 <= len(ids) <= MAX_PARTY:
            yield tuple(record_key(agency, str(rid)) for rid in dict.fromkeys(ids))


def companion_edges(
    rows: Mapping[str, Profile],
    parties: Iterable[tuple[str, ...]],
    clusters: Mapping[str, tuple[str, ...]],
) -> list[Edge]:
    """Pairs of records confirmed by a person both travel with (module docstring).
    Analysts' "different" decisions are not looked at here: the clustering that takes
    these pairs (`merge_further`) refuses them, between whole clusters.

    Kept small for a million records: a party that travels over three legs and is
    intercepted once is one tuple, and only records already matched to another record
    (the only ones whose companions are compared) keep a list of their parties."""
    distinct: dict[tuple[str, ...], tuple[str, ...]] = {}
    parties_of: dict[str, list[tuple[str, ...]]] = {}
    for party in parties:
        members = tuple(sorted(uid for uid in party if uid in rows))
        if len(members) < 2:
            continue
        members = distinct.setdefault(members, members)
        for uid in members:
            if len(clusters.get(uid, ())) > 1:
                known = parties_of.setdefault(uid, [])
                if not any(p is members for p in known):
                    known.append(members)
    del distinct
    found: dict[tuple[str, str], Edge] = {}
    done: set[tuple[str, ...]] = set()
    for uid in parties_of:
        group = clusters[uid]
        if group in done:
            continue
        done.add(group)
        travelling = [m for m in group if m in parties_of]
        if len(travelling) > MAX_RECORDS:
            continue
        for a, b in combinations(travelling, 2):
            left = {m for p in parties_of[a] for m in p if m != a}
            right = {m for p in parties_of[b] for m in p if m != b}
            for u, v in _paired(left, right, rows, clusters):
                key = (min(u, v), max(u, v))
                found[key] = Edge(key[0], key[1], COMPANION_PROBABILITY, "companion")
    return list(found.values())


def _paired(
    left: set[str],
    right: set[str],
    rows: Mapping[str, Profile],
    clusters: Mapping[str, tuple[str, ...]],
) -> Iterator[tuple[str, str]]:
    """The one-to-one name matches between two parties' members not yet matched."""
    left_groups = {clusters[u] for u in left}
    right_groups = {clusters[v] for v in right}
    open_left = [u for u in left if clusters[u] not in right_groups]
    open_right = [v for v in right if clusters[v] not in left_groups]
    if not open_left or not open_right:
        return
    fits: dict[str, list[str]] = {u: [] for u in open_left}
    fitted_by: dict[str, list[str]] = {v: [] for v in open_right}
    for u in open_left:
        for v in open_right:
            if _same_person(rows[u], rows[v]):
                fits[u].append(v)
                fitted_by[v].append(u)
    for u, vs in fits.items():
        if len(vs) == 1 and len(fitted_by[vs[0]]) == 1:
            yield u, vs[0]


def _same_person(x: Profile, y: Profile) -> bool:
    """Given names in common and surnames in common, each in its own column (a token, a
    sound, a nickname, a spelling a slip away), or the two columns swapped whole; no
    different sex or birth dates. Stricter than the clustering's tests, which forgive a
    name written in the other column: Haitian names (Jean, Louis, Pierre, Marie) are
    given names and surnames alike, and a party of them would fit each other."""
    if x.given is None or y.given is None:
        return False
    if x.sex and y.sex and x.sex != y.sex:
        return False
    if births_disagree(x, y):
        return False
    given_x, codes_x, expanded_x, surnames_x, surname_codes_x = signature_sets(x.given)
    given_y, codes_y, expanded_y, surnames_y, surname_codes_y = signature_sets(y.given)
    if not surnames_x or not surnames_y:  # a surname on both sides, or siblings would fit
        return False
    given = bool(expanded_x & expanded_y) or _alike(given_x, codes_x, given_y, codes_y)
    surnames = _alike(surnames_x, surname_codes_x, surnames_y, surname_codes_y)
    if given and surnames:
        return True
    return _alike(given_x, codes_x, surnames_y, surname_codes_y) and _alike(
        surnames_x, surname_codes_x, given_y, codes_y
    )


def _alike(
    tokens_x: frozenset[str],
    codes_x: frozenset[str],
    tokens_y: frozenset[str],
    codes_y: frozenset[str],
) -> bool:
    if tokens_x & tokens_y or codes_x & codes_y:
        return True
    return any(
        jellyfish.jaro_winkler_similarity(a, b) >= NEAR_SPELLING
        for a in tokens_x
        for b in tokens_y
        if len(a) > 2 and len(b) > 2
    )

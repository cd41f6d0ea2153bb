"""Entity ids that stay put between runs.

Analysts quote entity ids in notes, requests and court papers, so a re-run must not
renumber the world. Each new cluster takes the id of the previous entity that most of
its records belonged to (larger clusters choose first; an id is given once); a cluster
with no past gets an id made from its first record's key, so the same data always
yields the same ids.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping


def minted_id(prefix: str, first_key: str, taken: set[str]) -> str:
    digest = hashlib.sha1(first_key.encode("utf-8")).hexdigest()
    for width in range(12, 41, 4):
        candidate = f"{prefix}-{digest[:width]}"
        if candidate not in taken:
            return candidate
    raise RuntimeError(f"no free entity id for {first_key}")  # a SHA-1 collision


def assign_ids(
    clusters: Iterable[tuple[str, ...]], previous: Mapping[str, str], prefix: str
) -> dict[tuple[str, ...], str]:
    """cluster (sorted member keys) -> entity id, keeping `previous` (key -> id) ids."""
    ordered = sorted(set(clusters), key=lambda c: (-len(c), c[0]))
    taken: set[str] = set()
    result: dict[tuple[str, ...], str] = {}
    pending: list[tuple[str, ...]] = []
    for members in ordered:
        votes = Counter(previous[k] for k in members if k in previous)
        for entity_id, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
            if entity_id not in taken:
                result[members] = entity_id
                taken.add(entity_id)
                break
        else:
            pending.append(members)
    taken |= set(previous.values())  # a retired id is not given to someone else
    for members in pending:
        entity_id = minted_id(prefix, members[0], taken)
        result[members] = entity_id
        taken.add(entity_id)
    return result


#: Identifier entities are keyed by kind and value alone: no clustering, no run.
IDENTIFIER_PREFIX = {
    "phone": "PH",
    "email": "EM",
    "handle": "AC",
    "passport": "DOC",
    "national_id": "DOC",
    "residence_permit": "DOC",
    "driving_licence": "DOC",
    "other": "DOC",
    "vehicle_plate": "VH",
    "iban": "BA",
    "bank_account": "BA",
}


def identifier_entity_id(kind: str, value: str) -> str:
    """Deterministic: the same phone is the same entity in every run and database."""
    prefix = IDENTIFIER_PREFIX.get(kind, "ID")
    digest = hashlib.sha1(f"{kind}:{value}".encode()).hexdigest()[:16]
    return f"{prefix}-{digest}"

"""Analysts' decisions on pairs of records: stored with who and when, never lost.

A decision names two records by key (AGENCY/record_id), so it survives every re-run
and every new model; the latest decision on a pair that is not undone is the one in
force, and it always wins over the model: "same" merges (unless another analyst's
"different" on a member keeps the clusters apart), "different" is never merged back,
not even through third records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from sqlalchemy import Connection, insert, select, update

from turquesa.errors import UsageError
from turquesa.storage import store
from turquesa.storage.tables import match_decisions

DECISIONS = ("same", "different")


@dataclass
class Decisions:
    same: set[tuple[str, str]] = field(default_factory=set)
    different: set[tuple[str, str]] = field(default_factory=set)


def ordered(a: str, b: str) -> tuple[str, str]:
    if a == b:
        raise UsageError(f"{a} and {b} are the same record")
    return (a, b) if a < b else (b, a)


def active_decisions(conn: Connection) -> Decisions:
    """The decision in force on each pair (the latest not undone)."""
    query = (
        select(match_decisions.c.left_key, match_decisions.c.right_key, match_decisions.c.decision)
        .where(match_decisions.c.undone_at.is_(None))
        .order_by(match_decisions.c.id)
    )
    latest: dict[tuple[str, str], str] = {}
    for left, right, decision in conn.execute(query):
        latest[left, right] = decision
    out = Decisions()
    for pair, decision in latest.items():
        (out.same if decision == "same" else out.different).add(pair)
    return out


def decide(
    conn: Connection, a: str, b: str, decision: str, by: str, note: str | None = None
) -> int:
    if decision not in DECISIONS:
        raise UsageError(f"{decision!r} is not a decision: use same or different")
    left, right = ordered(a, b)
    return conn.execute(
        insert(match_decisions).values(
            left_key=left,
            right_key=right,
            decision=decision,
            decided_by=by,
            decided_at=store.utcnow(),
            note=note,
        )
    ).inserted_primary_key[0]


def undo(conn: Connection, a: str, b: str, by: str) -> int:
    """Undo the decisions in force on a pair; the model decides it again."""
    left, right = ordered(a, b)
    result = conn.execute(
        update(match_decisions)
        .where(
            match_decisions.c.left_key == left,
            match_decisions.c.right_key == right,
            match_decisions.c.undone_at.is_(None),
        )
        .values(undone_by=by, undone_at=store.utcnow())
    )
    return result.rowcount or 0


def entity_records(conn: Connection, entity_id: str) -> list[str]:
    """The record keys of an entity in the last run."""
    from turquesa.storage.tables import entity_members

    query = select(entity_members.c.agency, entity_members.c.record_id).where(
        entity_members.c.entity_id == entity_id
    )
    keys = sorted(f"{agency}/{record_id}" for agency, record_id in conn.execute(query))
    if not keys:
        raise UsageError(f"{entity_id}: no such entity in the last run")
    return keys


def merge_entities(conn: Connection, first: str, second: str, by: str) -> int:
    """Two entities are one person: one "same" decision between them is enough, the
    clustering joins the rest."""
    left, right = entity_records(conn, first)[0], entity_records(conn, second)[0]
    decide(conn, left, right, "same", by, note=f"merge of {first} and {second}")
    return 1


def split_entity(conn: Connection, entity_id: str, leaving: list[str], by: str) -> int:
    """The `leaving` records are not the person of `entity_id`: each is decided
    different from every record that stays, and the leaving ones stay together."""
    members = entity_records(conn, entity_id)
    unknown = sorted(set(leaving) - set(members))
    if unknown:
        raise UsageError(f"{', '.join(unknown)}: not in {entity_id}")
    staying = [key for key in members if key not in leaving]
    if not staying:
        raise UsageError("a split must leave at least one record in the entity")
    note = f"split of {entity_id}"
    count = 0
    for out in leaving:
        for key in staying:
            decide(conn, out, key, "different", by, note=note)
            count += 1
    for a, b in pairwise(leaving):
        decide(conn, a, b, "same", by, note=note)
        count += 1
    return count

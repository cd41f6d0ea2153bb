"""Why two person records are, or are not, one person: the waterfall of match weights
of the run's model, what corroborates the match, what contradicts it, and any
analyst's decision. An analyst must be able to say in court why two records were
joined; this is that answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select

from turquesa.resolve.clusters import corroboration, full_name_counts, pair_contradiction, profile
from turquesa.resolve.decisions import active_decisions, ordered
from turquesa.resolve.features import split_key
from turquesa.resolve.people import person_feature_rows
from turquesa.resolve.stored_model import last_model
from turquesa.resolve.weights import PairWeigher, PairWeights
from turquesa.storage.tables import entity_members


@dataclass
class Explanation:
    left: str
    right: str
    weights: PairWeights
    corroboration: str | None
    contradiction: str | None
    decision: str | None
    entities: tuple[str | None, str | None]
    records: tuple[dict[str, Any], dict[str, Any]]


class Explainer:
    """Explains pairs one after another with one loaded model (the review loop)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        with engine.connect() as conn:
            model = last_model(conn)
            rows = list(person_feature_rows(conn))
        self.names = full_name_counts(profile(r) for r in rows)
        self.weigher = PairWeigher(rows, model)

    def close(self) -> None:
        self.weigher.close()

    def explain(self, left: str, right: str) -> Explanation:
        left, right = ordered(left, right)
        weights = self.weigher.weigh(left, right)
        x, y = self.weigher.features(left), self.weigher.features(right)
        with self.engine.connect() as conn:
            decisions = active_decisions(conn)
            entities = tuple(_entity_of(conn, key) for key in (left, right))
        decision = (
            "same"
            if (left, right) in decisions.same
            else "different"
            if (left, right) in decisions.different
            else None
        )
        return Explanation(
            left,
            right,
            weights,
            corroboration(profile(x), profile(y), self.names),
            pair_contradiction(x, y),
            decision,
            (entities[0], entities[1]),
            (x, y),
        )


def explain_pair(engine: Engine, left: str, right: str) -> Explanation:
    explainer = Explainer(engine)
    try:
        return explainer.explain(left, right)
    finally:
        explainer.close()


def _entity_of(conn: Connection, key: str) -> str | None:
    agency, record_id = split_key(key)
    return conn.execute(
        select(entity_members.c.entity_id).where(
            entity_members.c.agency == agency,
            entity_members.c.record_id == record_id,
            entity_members.c.kind == "person",
        )
    ).scalar()

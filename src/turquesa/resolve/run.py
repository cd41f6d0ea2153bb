"""One resolution run: score, cluster, name, store.

Persons go through the Splink model and the clustering that refuses contradictions;
organisations resolve on their folded name and country; identifiers (phones, e-mails,
accounts, documents, vehicles, bank accounts) are entities of their own, keyed on their
normalised value, so two people who share a phone stay two people linked through one
phone. Analysts' decisions are applied on every run and win over the model. The run
replaces the previous memberships in one transaction: a failed run leaves the last
good one in place.
"""

from __future__ import annotations

import getpass
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from itertools import combinations, islice
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update

from turquesa.memory import fewer_collections
from turquesa.normalise import name_key
from turquesa.parallel import default_jobs
from turquesa.resolve.clusters import (
    Edge,
    Profile,
    births_disagree,
    cluster,
    contradiction_between,
    corroboration,
    full_name_counts,
    merge_further,
    profile,
    surnames_differ,
)
from turquesa.resolve.companions import companion_edges, travel_parties
from turquesa.resolve.decisions import active_decisions
from turquesa.resolve.features import Stopwatch, record_key, split_key
from turquesa.resolve.identifier_entities import IdentifierGrouping
from turquesa.resolve.identities import assign_ids
from turquesa.resolve.people import current_person_count, person_feature_lines
from turquesa.resolve.splink_model import KEEP_FROM_PROBABILITY, score_persons
from turquesa.resolve.stored_model import last_model
from turquesa.storage import store
from turquesa.storage.bulk import write_rows
from turquesa.storage.tables import (
    agencies,
    entities,
    entity_members,
    match_pairs,
    records,
    resolution_runs,
)

#: A pair the model scores at or above this is accepted (unless it contradicts); the
#: figure that gave precision >= 0.99 with the best recall on the synthetic truth.
ACCEPT_FROM = 0.9
#: Pairs from here up to ACCEPT_FROM are uncertain: they go to the review queue.
REVIEW_FROM = KEEP_FROM_PROBABILITY
#: From this many person records the feature rows are built in worker processes and
#: the identifier entities grouped in one while the main process reads the profiles
#: back and clusters: below it, starting workers (about a second) costs more than they
#: save.
WORKERS_FROM = 20_000

Step = Callable[[str], None]


@dataclass
class ResolutionReport:
    run_id: int = 0
    engine: str = "duckdb"
    person_records: int = 0
    persons: int = 0
    persons_in_several_records: int = 0
    persons_across_countries: int = 0
    organization_records: int = 0
    organizations: int = 0
    identifier_entities: int = 0
    pairs_scored: int = 0
    pairs_accepted: int = 0
    pairs_to_review: int = 0
    pairs_refused: int = 0
    merged_by_document: int = 0
    merged_by_companion: int = 0
    new_records: int = 0  # incremental runs: person records not in the last run
    analyst_decisions: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def resolve(
    engine: Engine,
    *,
    run_by: str | None = None,
    resolver: str = "duckdb",
    accept_from: float = ACCEPT_FROM,
    workdir: Path | None = None,
    step: Step | None = None,
    reuse_model: bool = False,
    incremental: bool = False,
) -> ResolutionReport:
    """Resolve everything loaded; the report says how many records became how many
    entities. `reuse_model` scores with the last run's trained model instead of
    training again (the same model on another engine, or a quick re-run).
    `incremental` links the records loaded since the last run to the entities it made,
    which stay as they were (analysts' decisions made since still apply): no training,
    and only pairs that involve a new record are considered."""
    with fewer_collections(), ExitStack() as cleanup:
        return _resolve(
            engine, run_by, resolver, accept_from, workdir, step, reuse_model, incremental, cleanup
        )


def _resolve(
    engine: Engine,
    run_by: str | None,
    resolver: str,
    accept_from: float,
    workdir: Path | None,
    step: Step | None,
    reuse_model: bool,
    incremental: bool,
    cleanup: ExitStack,
) -> ResolutionReport:
    started = time.perf_counter()
    report = ResolutionReport(engine=resolver)
    say = step or (lambda _msg: None)
    clock = Stopwatch(report.timings)
    with engine.connect() as conn:
        decisions = active_decisions(conn)
        previous = _previous_members(conn)
        country_of = dict(conn.execute(select(agencies.c.code, agencies.c.country)).all())
        organizations = _organization_rows(conn)
        clock.lap("read decisions, organizations")
        model = last_model(conn) if reuse_model or incremental else None
        say("reading person records and scoring candidate pairs")
        people = _People()
        large = current_person_count(conn) >= WORKERS_FROM
        grouping = cleanup.enter_context(IdentifierGrouping(engine, workdir, background=large))

        def read_back(rows: Iterable[dict[str, Any]]) -> None:
            # The matching engine has closed: its memory is free for the identifier
            # grouping, which then has reading back and clustering to finish in.
            grouping.start()
            people.keep(rows)

        scored = score_persons(
            person_feature_lines(conn, jobs=default_jobs() if large else 1),
            engine=resolver,
            model_json=model,
            workdir=workdir,
            read_back=read_back,
        )
    rows = people.profiles
    people.share_keys(scored.pairs)
    clock.lap("read persons and score")
    report.timings.update(scored.timings)
    report.person_records = len(rows)
    report.analyst_decisions = len(decisions.same) + len(decisions.different)
    report.pairs_scored = scored.candidate_pairs
    say("clustering")
    names = full_name_counts(rows.values())
    document_edges = _document_edges(rows)
    report.merged_by_document = len(document_edges)
    model_edges = [
        Edge(a, b, p, "model")
        for a, b, p, _w in scored.pairs
        if p >= accept_from
        and (min(a, b), max(a, b)) not in decisions.different
        and confirmed(rows[a], rows[b], p, names)
    ]
    edges = [Edge(a, b, 1.0, "analyst") for a, b in decisions.same]
    kept: dict[str, tuple[float | None, str]] = {}
    if incremental:
        with engine.connect() as conn:
            kept = _previous_matches(conn, rows)
        known = previous.get("person", {})
        new = {uid for uid in rows if uid not in known}
        report.new_records = len(new)
        edges += _previous_edges(known, rows)
        edges += [e for e in document_edges + model_edges if e.a in new or e.b in new]
    else:
        edges += document_edges + model_edges
    clusters = cluster(rows, edges, decisions.different)
    clock.lap("cluster")
    say("pairing the people who travel together")
    with engine.connect() as conn:
        companions = companion_edges(rows, travel_parties(conn), clusters)
    if incremental:
        companions = [e for e in companions if e.a in new or e.b in new]
    merge_further(rows, clusters, companions, decisions.different)
    report.merged_by_companion = sum(1 for e in companions if clusters[e.a] == clusters[e.b])
    edges += companions
    clock.lap("companions")
    person_ids = assign_ids(clusters.values(), previous.get("person", {}), "P")
    org_clusters = _organization_clusters(organizations)
    org_ids = assign_ids(org_clusters.values(), previous.get("organization", {}), "O")
    say("storing entities")
    grouping.wait()
    clock.lap("waiting for the identifiers")
    with engine.begin() as conn:
        run_id = conn.execute(
            insert(resolution_runs).values(
                started_at=store.utcnow(),
                engine=resolver,
                run_by=run_by or getpass.getuser(),
                model=scored.model_json,
                report={},
            )
        ).inserted_primary_key[0]
        report.run_id = run_id
        conn.execute(delete(entity_members))
        conn.execute(delete(entities))
        clock.lap("store: clear")
        _store_people(conn, run_id, people, clusters, person_ids, edges, country_of, report, kept)
        _store_organizations(conn, run_id, organizations, org_clusters, org_ids, country_of, report)
        clock.lap("store: persons, organizations")
        report.identifier_entities = _store_identifiers(conn, run_id, country_of, grouping)
        clock.lap("store: identifiers")
        _store_pairs(
            conn, run_id, scored.pairs, people, clusters, accept_from, country_of, names, report
        )
        clock.lap("store: pairs")
        report.seconds = round(time.perf_counter() - started, 2)
        conn.execute(
            update(resolution_runs)
            .where(resolution_runs.c.id == run_id)
            .values(finished_at=store.utcnow(), report=report.as_dict())
        )
    return report


class _People:
    """Keeps, of each person record read back once the matching engine is done, only
    what the clustering and the stored entities need (a Profile, a label), so that
    memory does not hold a million full feature rows."""

    def __init__(self) -> None:
        self.profiles: dict[str, Profile] = {}
        self.labels: dict[str, str] = {}

    def share_keys(self, pairs: list[tuple[str, str, float, float]]) -> None:
        """Point each scored pair at the profiles' own key strings, in place: the
        engine hands back a new string for every key of every pair, millions of
        duplicates at a million records."""
        own = {uid: uid for uid in self.profiles}
        for i, (a, b, probability, weight) in enumerate(pairs):
            pairs[i] = (own.get(a, a), own.get(b, b), probability, weight)

    def keep(self, rows: Iterable[dict[str, Any]]) -> None:
        shared: dict[Any, Any] = {}  # for this run only: equal values become one object
        for row in rows:
            uid = row["unique_id"]
            self.profiles[uid] = profile(row, shared)
            given, surnames = row.get("given_all") or "", " ".join(row.get("surname_tokens") or ())
            text = f"{given} {surnames}".strip() or ", ".join(row.get("aliases") or ())
            if text:
                self.labels[uid] = text


def _previous_members(conn: Connection) -> dict[str, dict[str, str]]:
    previous: dict[str, dict[str, str]] = defaultdict(dict)
    query = select(
        entity_members.c.agency,
        entity_members.c.record_id,
        entity_members.c.kind,
        entity_members.c.entity_id,
    )
    for agency, record_id, kind, entity_id in conn.execute(query):
        previous[kind][record_key(agency, record_id)] = entity_id
    return previous


def _previous_matches(
    conn: Connection, rows: dict[str, Profile]
) -> dict[str, tuple[float | None, str]]:
    """Person record -> the probability and method of its last membership."""
    query = select(
        entity_members.c.agency,
        entity_members.c.record_id,
        entity_members.c.match_probability,
        entity_members.c.method,
    ).where(entity_members.c.kind == "person")
    matches = {}
    for agency, record_id, probability, method in conn.execute(query):
        uid = record_key(agency, record_id)
        if uid in rows and method != "alone":  # one alone may now be joined by a new record
            matches[uid] = (probability, method)
    return matches


def _previous_edges(known: dict[str, str], rows: dict[str, Profile]) -> list[Edge]:
    """The last run's entities, as edges from each one's first record to the others."""
    groups: dict[str, list[str]] = defaultdict(list)
    for uid, entity_id in known.items():
        if uid in rows:
            groups[entity_id].append(uid)
    edges = []
    for members in groups.values():
        first, *others = sorted(members)
        edges.extend(Edge(first, other, 1.0, "previous") for other in others)
    return edges


def _document_edges(rows: dict[str, Profile]) -> list[Edge]:
    """The same document (type, country, number) on two records: one person, unless the
    records contradict each other (the clustering checks sex, birth and names)."""
    holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    for uid, record in rows.items():
        for document in record.documents:
            holders[document].append(uid)
    edges = []
    for members in holders.values():
        if len(members) > 50:  # a placeholder number many records share: not evidence
            continue
        edges.extend(Edge(a, b, 1.0, "document") for a, b in combinations(sorted(members), 2))
    return edges


def _organization_rows(conn: Connection) -> dict[str, dict[str, Any]]:
    query = select(records.c.agency, records.c.record_id, records.c.data, records.c.label).where(
        records.c.kind == "organization", records.c.status == "current"
    )
    out = {}
    for agency, record_id, data, label in conn.execute(query):
        out[record_key(agency, record_id)] = {
            "agency": agency,
            "record_id": record_id,
            "label": label or data.get("name"),
            "key": name_key(data.get("name") or record_id),
            "country": data.get("country"),
        }
    return out


def _organization_clusters(rows: dict[str, dict[str, Any]]) -> dict[str, tuple[str, ...]]:
    """Organisations are one when their folded names match and no country disagrees."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for uid, row in rows.items():
        groups[row["key"], row["country"] or ""].append(uid)
    by_name: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    for (key, country), members in groups.items():
        by_name[key].append((country, members))
    clusters: dict[str, tuple[str, ...]] = {}
    for variants in by_name.values():
        countries = {c for c, _ in variants if c}
        merged: list[list[str]] = []
        if len(countries) <= 1:  # records without a country join the only one there is
            merged.append([uid for _, members in variants for uid in members])
        else:
            merged.extend(members for _, members in variants)
        for members in merged:
            key = tuple(sorted(members))
            for uid in key:
                clusters[uid] = key
    return clusters


#: Rows written (and identifiers read) this many at a time.
WRITE_BATCH = 20_000

#: A birth year alone (one record gives no day) confirms a model match only from here:
#: namesakes of a common name born in one year meet by chance. At 1,000,000 synthetic
#: persons, year-only agreements below it were one wrong pair for two right among
#: matches of equal names, against one in 3,000 from 0.999 up; the change raised
#: precision there from 0.985 to 0.991 for half a point of recall.
YEAR_ONLY_ACCEPT = 0.99


def confirmed(x: Profile, y: Profile, probability: float, names: dict[str, int]) -> bool:
    """Whether something besides the names confirms a model match (see
    clusters.corroboration), strongly enough for its probability."""
    return _enough(corroboration(x, y, names), probability)


def _enough(found: str | None, probability: float) -> bool:
    if found == "birth year":
        return probability >= YEAR_ONLY_ACCEPT
    return found is not None


def _unconfirmed(x: Profile, y: Profile, found: str | None) -> str:
    """Why a likely pair waits for an analyst (`found`: what corroboration found, not
    enough): what would have confirmed it is missing."""
    if found == "birth year":
        return "only a birth year confirms the names, and the model is not sure enough"
    if surnames_differ(x.given, y.given):
        return "the surnames have nothing in common, and no document or contact confirms them"
    if births_disagree(x, y):
        return "the birth dates disagree, and no document or phone confirms them"
    return "the names agree, but no birth date, document or contact confirms them"


def _store_people(
    conn: Connection,
    run_id: int,
    people: _People,
    clusters: dict[str, tuple[str, ...]],
    ids: dict[tuple[str, ...], str],
    edges: list[Edge],
    country_of: dict[str, str],
    report: ResolutionReport,
    kept: dict[str, tuple[float | None, str]],
) -> None:
    """Memberships and entities. A record that an incremental run kept where it was
    keeps the probability and method that brought it there (`kept`)."""
    best: dict[str, tuple[float | None, str]] = dict(kept)
    for edge in edges:
        if edge.method == "previous":
            continue
        if edge.a in clusters and clusters[edge.a] == clusters.get(edge.b):
            for uid in (edge.a, edge.b):
                if uid not in kept and edge.probability > (best.get(uid, (None, ""))[0] or -1.0):
                    best[uid] = (edge.probability, edge.method)

    def members() -> Iterator[dict[str, Any]]:
        for uid in sorted(clusters):  # the primary key's order: appended, not inserted
            group = clusters[uid]
            agency, record_id = split_key(uid)
            alone = (None, "alone")
            probability, method = best.get(uid, alone) if len(group) > 1 else alone
            yield {
                "agency": agency,
                "record_id": record_id,
                "kind": "person",
                "entity_id": ids[group],
                "match_probability": probability,
                "method": method,
                "run_id": run_id,
            }

    def persons() -> Iterator[dict[str, Any]]:
        # in id order: the ids are hashes, and an index takes them faster in its order
        for group, entity_id in sorted(ids.items(), key=itemgetter(1)):
            row = _entity_row(
                entity_id,
                "person",
                _person_label(people.labels, group),
                len(group),
                (split_key(uid)[0] for uid in group),
                country_of,
                run_id,
            )
            if len(group) > 1:
                report.persons_in_several_records += 1
            if ";" in row["countries"]:
                report.persons_across_countries += 1
            yield row

    _write(conn, entity_members, members())
    report.persons = _write(conn, entities, persons())


def _person_label(labels: dict[str, str], group: tuple[str, ...]) -> str | None:
    """The fullest name among the records (most name tokens, then alphabetical)."""
    names = [(-len(labels[uid].split()), labels[uid].title()) for uid in group if uid in labels]
    return min(names)[1] if names else None


def _store_organizations(
    conn: Connection,
    run_id: int,
    rows: dict[str, dict[str, Any]],
    clusters: dict[str, tuple[str, ...]],
    ids: dict[tuple[str, ...], str],
    country_of: dict[str, str],
    report: ResolutionReport,
) -> None:
    _write(
        conn,
        entity_members,
        [
            {
                "agency": rows[uid]["agency"],
                "record_id": rows[uid]["record_id"],
                "kind": "organization",
                "entity_id": ids[group],
                "match_probability": None,
                "method": "name" if len(group) > 1 else "alone",
                "run_id": run_id,
            }
            for uid, group in clusters.items()
        ],
    )
    entity_rows = [
        _entity_row(
            entity_id,
            "organization",
            sorted(rows[uid]["label"] or "" for uid in group)[-1] or None,
            len(group),
            (rows[uid]["agency"] for uid in group),
            country_of,
            run_id,
        )
        for group, entity_id in ids.items()
    ]
    _write(conn, entities, entity_rows)
    report.organization_records = len(rows)
    report.organizations = len(entity_rows)


def _store_identifiers(
    conn: Connection, run_id: int, country_of: dict[str, str], grouping: IdentifierGrouping
) -> int:
    """One entity per identifier (kind, normalised value) carried by a current person or
    organization record, with its agencies and number of records; streamed and written
    in batches (millions of distinct phones and documents at a million persons)."""
    rows = (
        _entity_row(
            entity_id,
            kind,
            value,
            records_count,
            codes,
            country_of,
            run_id,
        )
        for entity_id, kind, value, codes, records_count in grouping.rows(conn)
    )
    return _write(conn, entities, rows)


def _store_pairs(
    conn: Connection,
    run_id: int,
    pairs: list[tuple[str, str, float, float]],
    people: _People,
    clusters: dict[str, tuple[str, ...]],
    accept_from: float,
    country_of: dict[str, str],
    names: dict[str, int],
    report: ResolutionReport,
) -> None:
    """Pairs worth keeping: accepted ones (for `explain`), uncertain ones (the review
    queue, most consequential first), and likely ones the clustering refused."""
    rows = people.profiles

    def kept() -> Iterator[dict[str, Any]]:
        for a, b, probability, weight in pairs:
            if probability < REVIEW_FROM:
                continue
            left, right = min(a, b), max(a, b)
            reason = None
            if clusters[left] == clusters[right]:
                status = "accepted"
                report.pairs_accepted += 1
            elif probability < accept_from:
                status = "review"
                report.pairs_to_review += 1
            elif not _enough(found := corroboration(rows[left], rows[right], names), probability):
                status = "review"
                report.pairs_to_review += 1
                reason = _unconfirmed(rows[left], rows[right], found)
            else:
                status = "refused"
                report.pairs_refused += 1
                reason = contradiction_between(rows, clusters[left], clusters[right])
            countries = {country_of.get(split_key(k)[0]) for k in (left, right)}
            # Joining larger clusters, and across a border, changes more of the picture.
            border = 5 if len(countries) > 1 else 0
            yield {
                "run_id": run_id,
                "left_key": left,
                "right_key": right,
                "probability": probability,
                "weight": weight,
                "status": status,
                "reason": reason,
                "priority": float(len(clusters[left]) + len(clusters[right]) + border),
            }

    _write(conn, match_pairs, kept())


def _entity_row(
    entity_id: str,
    kind: str,
    label: str | None,
    records_count: int,
    agency_codes: Iterable[str],
    country_of: dict[str, str],
    run_id: int,
) -> dict[str, Any]:
    codes = sorted(set(agency_codes))
    return {
        "id": entity_id,
        "kind": kind,
        "label": label,
        "records": records_count,
        "agencies": ";".join(codes),
        "countries": ";".join(sorted({country_of.get(a, "") for a in codes} - {""})),
        "run_id": run_id,
    }


def _write(conn: Connection, table: Any, rows: Iterable[dict[str, Any]]) -> int:
    """Write `rows` WRITE_BATCH at a time, never holding more (a million members or
    pairs as dicts are gigabytes); how many were written."""
    written = 0
    iterator = iter(rows)
    while batch := list(islice(iterator, WRITE_BATCH)):
        write_rows(conn, table, batch)
        written += len(batch)
    return written

"""The analyses on loaded and resolved submissions, on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import Engine, select

from turquesa.analysis.dataset import Scope, load_dataset
from turquesa.analysis.group_quality import score_groups, truth_groups
from turquesa.analysis.groups import find_groups
from turquesa.analysis.routes import flows, legs_of
from turquesa.ingest.loader import ingest
from turquesa.resolve.run import resolve
from turquesa.storage.tables import analysis_groups


def _load(engine: Engine, synth_dir: Path) -> None:
    for agency in sorted(p for p in synth_dir.iterdir() if p.is_dir() and p.name != "truth"):
        assert ingest(engine, agency, loaded_by="test").ok
    resolve(engine, run_by="test")


def test_groups_routes_and_scopes_on_both_databases(engine: Engine, synth_dir: Path) -> None:
    _load(engine, synth_dir)
    dataset = load_dataset(engine)
    assert dataset.resolution_run is not None
    assert all(p.entity_id.startswith("P-") for p in dataset.persons.values())

    result = find_groups(dataset, engine=engine)
    scored = score_groups(
        result.member_records(dataset), truth_groups(synth_dir / "truth" / "persons.csv")
    )
    assert scored["precision"] > 0.95 and scored["ari"] > 0.6, scored
    with engine.connect() as conn:
        stored = {
            e: g
            for e, g in conn.execute(
                select(analysis_groups.c.entity_id, analysis_groups.c.group_id)
            )
        }
    assert stored == result.group_of
    # the same data again: the same ids, and the same snapshot
    again = find_groups(load_dataset(engine), engine=engine)
    assert again.group_of == result.group_of
    assert load_dataset(engine).snapshot == dataset.snapshot

    # legs per year and country pair: the truth's, for every record that carries a date
    truth = {}
    with (synth_dir / "truth" / "flows.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if len(row["period"]) == 4:
                truth[(row["period"], row["from_country"], row["to_country"])] = int(row["legs"])
    ours = {(f.period, f.from_country, f.to_country): f.legs for f in flows(legs_of(dataset))}
    assert sum(ours.values()) == sum(truth.values())
    differing = {k for k in truth if ours.get(k) != truth[k]}
    assert len(differing) <= 2, differing  # undated legs placed on the far side of a new year

    # a scope sees only its agencies, and keeps group ids of its own
    everything = dataset
    one = sorted(everything.agencies)[0]
    narrow = load_dataset(engine, Scope(name=f"agency:{one}", agencies=frozenset({one})))
    assert narrow.persons and {p.agency for p in narrow.persons.values()} == {one}
    assert {m.agency for m in narrow.movements} <= {one}
    assert narrow.snapshot != everything.snapshot
    # group ids are kept per scope: one scope's run leaves the other's alone
    wide = find_groups(everything, engine=engine)
    find_groups(narrow, engine=engine)
    with engine.connect() as conn:
        kept = {
            e: g
            for e, g in conn.execute(
                select(analysis_groups.c.entity_id, analysis_groups.c.group_id).where(
                    analysis_groups.c.scope == "all"
                )
            )
        }
    assert kept == wide.group_of


def test_the_cheap_snapshot_is_the_loaders(engine: Engine, synth_dir: Path) -> None:
    from turquesa.analysis.dataset import snapshot_of

    for agency in sorted(p for p in synth_dir.iterdir() if p.is_dir() and p.name != "truth")[:2]:
        assert ingest(engine, agency, loaded_by="test").ok
    scope = Scope(name="two", agencies=frozenset(load_dataset(engine).agencies))
    assert snapshot_of(engine) == load_dataset(engine).snapshot
    assert snapshot_of(engine, scope) == load_dataset(engine, scope).snapshot != snapshot_of(engine)

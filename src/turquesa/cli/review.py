"""`turquesa review`: the pairs the model is unsure of, and the analysts' decisions."""

from __future__ import annotations

import getpass
from typing import Any

import typer
from rich.console import Console
from rich.prompt import Prompt
from sqlalchemy import Connection, and_, select

from turquesa.cli.context import AppState
from turquesa.cli.explain import show_explanation
from turquesa.cli.output import print_table
from turquesa.resolve.decisions import (
    DECISIONS,
    active_decisions,
    decide,
    merge_entities,
    split_entity,
    undo,
)
from turquesa.resolve.explain import Explainer
from turquesa.resolve.features import split_key
from turquesa.storage.tables import match_pairs, records, resolution_runs

review_app = typer.Typer(help="Review uncertain pairs and record same/different decisions.")


def _split(key: str) -> tuple[str, str]:
    agency, record_id = split_key(key)
    if not record_id:
        raise typer.BadParameter(f"{key!r}: write a record as AGENCY/record_id")
    return agency, record_id


def _queue(conn: Connection, victims: bool) -> list[dict[str, Any]]:
    """The review pairs of the last run, most consequential first, without pairs that
    involve a victim record unless the user may see victims' identity, and without
    pairs an analyst has already decided."""
    last = select(resolution_runs.c.id).order_by(resolution_runs.c.id.desc())
    run_id = conn.execute(last).scalar()
    if run_id is None:
        raise typer.BadParameter("nothing resolved yet: run turquesa resolve first")
    hidden: set[str] = set()
    if not victims:
        hidden = {
            f"{a}/{r}"
            for a, r in conn.execute(
                select(records.c.agency, records.c.record_id).where(
                    and_(records.c.role == "victim", records.c.status == "current")
                )
            )
        }
    decided = active_decisions(conn)
    done = decided.same | decided.different
    query = (
        select(match_pairs)
        .where(match_pairs.c.run_id == run_id, match_pairs.c.status == "review")
        .order_by(match_pairs.c.priority.desc(), match_pairs.c.probability.desc())
    )
    return [
        dict(pair)
        for pair in conn.execute(query).mappings()
        if pair["left_key"] not in hidden
        and pair["right_key"] not in hidden
        and (pair["left_key"], pair["right_key"]) not in done
    ]


@review_app.callback(invoke_without_command=True)
def review_loop(
    ctx: typer.Context,
    victims: bool = typer.Option(
        False, "--with-victim-identity", help="Also review pairs that involve a victim record."
    ),
    by: str | None = typer.Option(None, "--as", help="Who decides (default: system user)."),
) -> None:
    """Go through the queue: both records side by side with the match weight of every
    comparison; answer same, different, skip or quit."""
    if ctx.invoked_subcommand is not None:
        return
    state: AppState = ctx.obj
    engine = state.engine()
    console = Console()
    with engine.connect() as conn:
        queue = _queue(conn, victims)
    if not queue:
        console.print("Nothing to review.")
        return
    explainer = Explainer(engine)
    decider = by or getpass.getuser()
    try:
        for number, pair in enumerate(queue, 1):
            console.rule(f"Pair {number} of {len(queue)}")
            explanation = explainer.explain(pair["left_key"], pair["right_key"])
            show_explanation(explanation, console, victims)
            answer = Prompt.ask(
                "(s)ame, (d)ifferent, s(k)ip or (q)uit", choices=["s", "d", "k", "q"], default="k"
            )
            if answer == "q":
                break
            if answer in ("s", "d"):
                decision = "same" if answer == "s" else "different"
                with engine.begin() as conn:
                    decide(conn, pair["left_key"], pair["right_key"], decision, decider)
                console.print(f"Recorded: {decision} (applies from the next turquesa resolve).")
    finally:
        explainer.close()


@review_app.command("list")
def review_list(
    ctx: typer.Context,
    limit: int = typer.Option(20, "--limit", min=1, help="How many pairs to show."),
    victims: bool = typer.Option(
        False, "--with-victim-identity", help="Also show pairs that involve a victim record."
    ),
) -> None:
    """The review queue of the last run: most consequential pairs first (those that
    would join the largest entities, or cross a border)."""
    state: AppState = ctx.obj
    with state.engine().connect() as conn:
        queue = _queue(conn, victims)
    rows = [
        {
            "left": pair["left_key"],
            "right": pair["right_key"],
            "probability": f"{pair['probability']:.3f}",
            "priority": f"{pair['priority']:.0f}",
            "note": pair["reason"] or "",
        }
        for pair in queue[:limit]
    ]
    columns = ("left", "right", "probability", "priority", "note")
    print_table("Pairs to review", rows, columns, Console())


@review_app.command("decide")
def review_decide(
    ctx: typer.Context,
    left: str = typer.Argument(..., help="AGENCY/record_id"),
    right: str = typer.Argument(..., help="AGENCY/record_id"),
    decision: str = typer.Argument(..., help="same or different"),
    by: str | None = typer.Option(None, "--as", help="Who decides (default: system user)."),
    note: str | None = typer.Option(None, "--note", help="Why, for the next analyst."),
) -> None:
    """Record that two records are the same person or different people. The decision
    wins over the model from the next `turquesa resolve` on."""
    if decision not in DECISIONS:
        raise typer.BadParameter("same or different", param_hint="DECISION")
    state: AppState = ctx.obj
    with state.engine().begin() as conn:
        for key in (left, right):
            agency, record_id = _split(key)
            found = conn.execute(
                select(records.c.kind).where(
                    records.c.agency == agency,
                    records.c.record_id == record_id,
                    records.c.status == "current",
                    records.c.kind.in_(("person", "organization")),
                )
            ).first()
            if found is None:
                raise typer.BadParameter(f"{key}: no current person or organization record")
        decide(conn, left, right, decision, by or getpass.getuser(), note)
    Console().print(f"{left} and {right}: {decision} (applies from the next turquesa resolve)")


@review_app.command("undo")
def review_undo(
    ctx: typer.Context,
    left: str = typer.Argument(..., help="AGENCY/record_id"),
    right: str = typer.Argument(..., help="AGENCY/record_id"),
    by: str | None = typer.Option(None, "--as", help="Who undoes it (default: system user)."),
) -> None:
    """Undo the decision on a pair; the model decides it again."""
    state: AppState = ctx.obj
    with state.engine().begin() as conn:
        count = undo(conn, left, right, by or getpass.getuser())
    if not count:
        raise typer.BadParameter(f"no decision in force on {left} and {right}")
    Console().print(f"{left} and {right}: decision undone")


@review_app.command("merge")
def review_merge(
    ctx: typer.Context,
    first: str = typer.Argument(..., help="entity id (P-...)"),
    second: str = typer.Argument(..., help="entity id (P-...)"),
    by: str | None = typer.Option(None, "--as", help="Who decides (default: system user)."),
) -> None:
    """Two entities are one person (from the next turquesa resolve on)."""
    state: AppState = ctx.obj
    with state.engine().begin() as conn:
        merge_entities(conn, first, second, by or getpass.getuser())
    Console().print(f"{first} and {second}: merged from the next turquesa resolve")


@review_app.command("split")
def review_split(
    ctx: typer.Context,
    entity: str = typer.Argument(..., help="entity id (P-...)"),
    leaving: list[str] = typer.Argument(..., help="AGENCY/record_id of each record that leaves"),
    by: str | None = typer.Option(None, "--as", help="Who decides (default: system user)."),
) -> None:
    """Some records of an entity are another person: they leave it together."""
    state: AppState = ctx.obj
    with state.engine().begin() as conn:
        count = split_entity(conn, entity, leaving, by or getpass.getuser())
    Console().print(f"{entity}: {len(leaving)} record(s) leave it ({count} decisions recorded)")


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")

"""Analyses over what the requesting user may see, cached per scope.

Groups and route flows run on the records of the viewer's scope (`access.scope_for`):
two agencies that see different records get different groups, each with ids stable in
its own scope. A result is cached per scope and data snapshot, so the second analyst of
an agency gets it at once (only the records' keys and versions are read to check the
snapshot) and a new submission or disclosure (a new snapshot) is never answered from an
old cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Literal

from fastapi import APIRouter

from turquesa.analysis.dataset import load_dataset, snapshot_of
from turquesa.analysis.groups import find_groups
from turquesa.analysis.routes import flows, legs_of
from turquesa.server.access import scope_for
from turquesa.server.endpoint import Ctx
from turquesa.server.journal import note

router = APIRouter(tags=["analyses"])

_CACHE: OrderedDict[tuple[str, str, str], Any] = OrderedDict()
_LOCK = threading.Lock()
CACHE_SIZE = 64


def _cached(key: tuple[str, str, str], make: Any) -> Any:
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    value = make()
    with _LOCK:
        _CACHE[key] = value
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return value


@router.get("/analyses/groups")
def groups(ctx: Ctx) -> dict[str, Any]:
    """Criminal groups among the records the viewer may see, with profiles. Names come
    only from suspect and facilitator records; victims are counted, never named."""
    scope = scope_for(ctx.viewer)
    engine = ctx.conn.engine
    ctx.conn.commit()  # group ids are remembered per scope in a transaction of their own
    snapshot = snapshot_of(engine, scope)

    def make() -> dict[str, Any]:
        dataset = load_dataset(engine, scope)
        result = find_groups(dataset, engine=engine)
        return {
            "scope": scope.name,
            "snapshot": dataset.snapshot,
            "groups": [p.document() for p in result.profiles],
        }

    body = _cached((scope.name, snapshot, "groups"), make)
    note(
        ctx.conn,
        ctx.viewer,
        "read",
        ctx.source,
        target="analyses:groups",
        detail={"scope": scope.name},
    )
    return body


@router.get("/analyses/routes")
def routes(ctx: Ctx, period: Literal["year", "quarter", "month"] = "year") -> dict[str, Any]:
    """Flows between countries per period, as legs and distinct persons."""
    scope = scope_for(ctx.viewer)
    snapshot = snapshot_of(ctx.conn.engine, scope)

    def make() -> dict[str, Any]:
        dataset = load_dataset(ctx.conn.engine, scope)
        return {
            "scope": scope.name,
            "snapshot": dataset.snapshot,
            "flows": [f.as_row() for f in flows(legs_of(dataset), period)],
        }

    body = _cached((scope.name, snapshot, f"routes:{period}"), make)
    note(
        ctx.conn,
        ctx.viewer,
        "read",
        ctx.source,
        target="analyses:routes",
        detail={"scope": scope.name},
    )
    return body

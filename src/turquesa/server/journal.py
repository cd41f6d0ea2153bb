"""What the endpoints write to the audit log: one call, in the request's transaction.

The entry is appended inside the same transaction as the action it records, which
commits before the response leaves (`app.transaction`): nothing the client saw happen
is missing from the log, and nothing is logged that did not happen.

Searches on PostgreSQL are the exception (`note_search`): their entries go through
the group writer, which commits many searches' entries in one transaction and returns
only once this one is durable. It runs before the request's own transaction commits,
so a search is never answered, nor its hits put in an owner's inbox, unaudited; a
failure after it leaves an entry for a search whose answer never left, which is the
side to err on.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from turquesa.server import audit
from turquesa.server.accounts import Viewer
from turquesa.server.audit_writer import GroupWriter


def note_search(
    conn: Connection,
    writer: GroupWriter | None,
    viewer: Viewer,
    source: str,
    target: str,
    justification: str | None,
    detail: dict[str, Any],
) -> None:
    """A search's entry: through the group writer when there is one, else as `note`."""
    if writer is None:
        note(conn, viewer, "search", source, target, justification, detail)
        return
    writer.record(_event(viewer, "search", source, target, justification, detail, None))


def _event(
    viewer: Viewer | None,
    action: str,
    source: str,
    target: str | None,
    justification: str | None,
    detail: dict[str, Any] | None,
    username: str | None,
) -> audit.AuditEvent:
    return audit.AuditEvent(
        action=action,
        username=(viewer.username if viewer else username) or "",
        source=source,
        user_id=viewer.user_id if viewer else None,
        agency=viewer.agency if viewer else None,
        target=target,
        justification=justification,
        detail=detail or {},
    )


def note(
    conn: Connection,
    viewer: Viewer | None,
    action: str,
    source: str,
    target: str | None = None,
    justification: str | None = None,
    detail: dict[str, Any] | None = None,
    username: str | None = None,
) -> None:
    audit.append(conn, _event(viewer, action, source, target, justification, detail, username))

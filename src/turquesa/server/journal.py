"""What the endpoints write to the audit log: one call, in the request's transaction.

The entry is appended inside the same transaction as the action it records, which
commits before the response leaves (`app.transaction`): nothing the client saw happen
is missing from the log, and nothing is logged that did not happen.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from turquesa.server import audit
from turquesa.server.accounts import Viewer


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
    audit.append(
        conn,
        audit.AuditEvent(
            action=action,
            username=(viewer.username if viewer else username) or "",
            source=source,
            user_id=viewer.user_id if viewer else None,
            agency=viewer.agency if viewer else None,
            target=target,
            justification=justification,
            detail=detail or {},
        ),
    )

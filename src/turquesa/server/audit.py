"""The audit log: who did what, when, from where, on which record, and why.

Entries form a hash chain (see `audit_chain`) and are written by `append` inside the
caller's transaction, so the entry and the action it records commit together or not
at all. The API calls `append` in the transaction of the action and commits before it
answers: an entry is durable before the response leaves (no buffer a crash could
lose). Call it last, just before the commit, because it serialises writers until the
commit: on PostgreSQL through a transaction-level advisory lock (the transaction must
run at READ COMMITTED, the default, so that it reads the head committed by the writer
before it); on SQLite through the database's single write lock, taken at once. Even if
that discipline were broken, `seq` is the primary key and `prev_hash` is unique, so a
fork fails to commit instead of entering the log.

From time to time `checkpoint` signs the head with a key kept outside the database
(`audit_keys`); `verify` then detects any altered, removed, reordered or truncated
entry. `purge_before` drops entries older than a year and leaves a signed anchor so
that the rest still verifies. What no chain can prevent: someone with write access to
the database adding new, well-formed entries after the last checkpoint; the next
checkpoint signs whatever is there, which is why it first checks the chain since the
previous one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

from nacl.signing import SigningKey
from sqlalchemy import Connection, Engine, delete, func, insert, select, text

from turquesa.errors import TurquesaError, UsageError
from turquesa.server.audit_chain import (
    GENESIS,
    Checkpoint,
    anchor_message,
    clean_detail,
    clean_text,
    entry_hash,
    utc,
    valid_action,
)
from turquesa.server.audit_keys import key_id
from turquesa.server.audit_verify import (
    Failure,
    VerifyReport,
    checkpoint_from_row,
    keyring,
    row_fields,
    signature_ok,
    stored_checkpoints,
    walk,
)
from turquesa.server.audit_verify import verify as verify
from turquesa.storage.tables import audit_anchors, audit_checkpoints, audit_log

__all__ = [
    "Action",
    "AuditEntry",
    "AuditError",
    "AuditEvent",
    "Checkpoint",
    "Failure",
    "VerifyReport",
    "append",
    "append_many",
    "checkpoint",
    "export_checkpoints",
    "list_entries",
    "purge_before",
    "read_checkpoints",
    "verify",
]

#: an arbitrary constant naming the audit chain among PostgreSQL advisory locks
ADVISORY_LOCK = 0x7475727175657361  # "turquesa"
RETENTION_YEARS = 1


class Action(StrEnum):
    """The usual actions; others may be used (lower case, letters, digits, `_`, `.`)."""

    login = "login"
    login_failed = "login_failed"
    logout = "logout"
    search = "search"
    read = "read"
    read_victim = "read_victim"
    disclosure = "disclosure"
    decline = "decline"
    export = "export"
    upload = "upload"
    change = "change"
    rfi = "rfi"
    purge = "purge"


class AuditError(TurquesaError):
    """The audit chain refuses an operation (a purge too early, a head it will not sign)."""

    code = "audit"


@dataclass(frozen=True)
class AuditEvent:
    """What happened, as the API knows it; `append` gives it its place in the chain."""

    action: str
    username: str
    source: str
    user_id: int | None = None
    agency: str | None = None
    target: str | None = None  # AGENCY:RECORD_ID, a hit reference, a case…
    justification: str | None = None
    detail: Mapping[str, Any] = field(default_factory=dict)
    at: datetime | None = None  # now, unless given


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    user_id: int | None
    username: str
    agency: str | None
    source: str
    action: str
    target: str | None
    justification: str | None
    detail: dict[str, Any]
    prev_hash: str
    entry_hash: str

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> AuditEntry:
        fields = row_fields(row)
        fields["at"] = utc(fields["at"])
        return cls(**fields)

    def to_json(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["at"] = self.at.isoformat()
        return data


def _lock_chain(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})
    else:
        # A write that changes nothing still takes SQLite's write lock, which is held
        # until commit; reading the head after it cannot race another writer.
        conn.execute(text("UPDATE audit_log SET seq = seq WHERE 1 = 0"))


# built once: every audited request runs them
_LAST_ENTRY = (
    select(audit_log.c.seq, audit_log.c.entry_hash).order_by(audit_log.c.seq.desc()).limit(1)
)
_LAST_ANCHOR = (
    select(audit_anchors.c.seq, audit_anchors.c.entry_hash)
    .order_by(audit_anchors.c.seq.desc())
    .limit(1)
)
_INSERT = insert(audit_log)


def _head(conn: Connection) -> tuple[int, str]:
    row = conn.execute(_LAST_ENTRY).first()
    if row is None:
        row = conn.execute(_LAST_ANCHOR).first()
    return (row[0], row[1]) if row is not None else (0, GENESIS)


def append(conn: Connection, event: AuditEvent) -> AuditEntry:
    """Chain `event` onto the log in the caller's transaction; it is durable once the
    caller commits, and the caller must commit before answering."""
    (entry,) = append_many(conn, [event])
    return entry


def append_many(conn: Connection, events: Sequence[AuditEvent]) -> list[AuditEntry]:
    """Chain several events in order, taking the lock and reading the head once."""
    for event in events:
        if not valid_action(event.action):
            raise ValueError(f"{event.action!r} is not an audit action name")
    if not events:
        return []
    _lock_chain(conn)
    last_seq, last_hash = _head(conn)
    rows: list[dict[str, Any]] = []
    for event in events:
        fields: dict[str, Any] = {
            "seq": last_seq + 1,
            "at": utc(event.at or datetime.now(UTC)),
            "user_id": event.user_id,
            "username": clean_text(event.username, 120) or "",
            "agency": clean_text(event.agency, 40),
            "source": clean_text(event.source, 64) or "",
            "action": event.action,
            "target": clean_text(event.target),
            "justification": clean_text(event.justification),
            "detail": clean_detail(event.detail),
            "prev_hash": last_hash,
        }
        fields["entry_hash"] = entry_hash(fields)
        rows.append(fields)
        last_seq, last_hash = fields["seq"], fields["entry_hash"]
    conn.execute(_INSERT, rows)
    return [AuditEntry(**fields) for fields in rows]


def list_entries(
    conn: Connection,
    *,
    agency: str | None = None,
    action: str | None = None,
    before_seq: int | None = None,
    limit: int = 100,
) -> list[AuditEntry]:
    """Newest first; page on with `before_seq` = the last `seq` of the previous page."""
    query = select(audit_log).order_by(audit_log.c.seq.desc()).limit(limit)
    if agency is not None:
        query = query.where(audit_log.c.agency == agency)
    if action is not None:
        query = query.where(audit_log.c.action == action)
    if before_seq is not None:
        query = query.where(audit_log.c.seq < before_seq)
    return [AuditEntry.from_row(r) for r in conn.execute(query).mappings()]


def _latest_checkpoint(conn: Connection) -> Checkpoint | None:
    query = select(audit_checkpoints).order_by(audit_checkpoints.c.id.desc()).limit(1)
    row = conn.execute(query).mappings().first()
    return checkpoint_from_row(row) if row is not None else None


def _check_since(conn: Connection, trusted: Checkpoint | None) -> None:
    """Refuse to sign a head unless the chain since the last trusted checkpoint holds:
    a signature must never bless a chain someone rewrote in the meantime."""
    after_seq, after_hash = _start(conn)
    if trusted is not None and trusted.seq >= after_seq:
        row = conn.execute(select(audit_log).where(audit_log.c.seq == trusted.seq)).mappings()
        current = row.first()
        if trusted.seq == after_seq:
            intact = after_hash == trusted.entry_hash
        else:
            intact = current is not None and (
                entry_hash(row_fields(current)) == current["entry_hash"] == trusted.entry_hash
            )
        if not intact:
            raise AuditError(
                f"entry {trusted.seq} no longer matches its signed checkpoint: "
                "run `turquesa audit verify`"
            )
        after_seq, after_hash = trusted.seq, trusted.entry_hash
    report = VerifyReport()
    walk(conn, after_seq, after_hash, report, set())
    if report.failures:
        where = ", ".join(str(f.seq) for f in report.failures[:5])
        raise AuditError(f"the audit chain is broken at {where}: run `turquesa audit verify`")


def _start(conn: Connection) -> tuple[int, str]:
    row = conn.execute(
        select(audit_anchors.c.seq, audit_anchors.c.entry_hash)
        .order_by(audit_anchors.c.seq.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row is not None else (0, GENESIS)


def checkpoint(
    engine: Engine,
    signing_key: SigningKey,
    *,
    log: Path | None = None,
    now: datetime | None = None,
) -> Checkpoint | None:
    """Sign the current head (None while the log is empty); with `log` (a JSON-lines
    file outside the database, e.g. in the key folder) the last checkpoint written there
    is the one trusted, and the new one is appended to it."""
    keys = keyring(signing_key.verify_key)
    with engine.begin() as conn:
        last_seq, last_hash = _head(conn)
        if last_seq == 0:
            return None
        trusted = _last_in_file(log) if log is not None else None
        if trusted is None:
            stored = _latest_checkpoint(conn)
            if stored is not None and signature_ok(
                keys, stored.key_id, stored.message(), stored.signature
            ):
                trusted = stored
        _check_since(conn, trusted)
        signed_at = utc(now or datetime.now(UTC))
        unsigned = Checkpoint(last_seq, last_hash, signed_at, "", key_id(signing_key.verify_key))
        signature = signing_key.sign(unsigned.message()).signature.hex()
        signed = Checkpoint(last_seq, last_hash, signed_at, signature, unsigned.key_id)
        conn.execute(
            insert(audit_checkpoints).values(
                seq=signed.seq,
                entry_hash=signed.entry_hash,
                signed_at=signed.signed_at,
                signature=signed.signature,
                key_id=signed.key_id,
            )
        )
    if log is not None:
        _append_line(log, signed)
    return signed


def _append_line(path: Path, cp: Checkpoint) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(cp.to_json(), sort_keys=True) + "\n")
        out.flush()
        os.fsync(out.fileno())


def _last_in_file(path: Path) -> Checkpoint | None:
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as handle:
        found = read_checkpoints(handle)
    return max(found, key=lambda cp: cp.seq) if found else None


def export_checkpoints(engine: Engine, out: TextIO) -> int:
    """Write every stored checkpoint as one JSON line each; keep the file elsewhere."""
    with engine.connect() as conn:
        found = stored_checkpoints(conn)
    for cp in found:
        out.write(json.dumps(cp.to_json(), sort_keys=True) + "\n")
    return len(found)


def read_checkpoints(lines: Iterable[str]) -> list[Checkpoint]:
    found = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            found.append(Checkpoint.from_json(json.loads(line)))
        except (ValueError, KeyError, TypeError) as exc:
            raise UsageError(f"checkpoints line {number} is not a checkpoint: {exc}") from exc
    return found


def one_year_before(moment: datetime) -> datetime:
    moment = utc(moment)
    try:
        return moment.replace(year=moment.year - RETENTION_YEARS)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - RETENTION_YEARS, day=28)


@dataclass(frozen=True)
class PurgeResult:
    purged: int
    anchor_seq: int  # the chain now starts after this entry


def purge_before(
    engine: Engine,
    before: datetime,
    signing_key: SigningKey,
    *,
    now: datetime | None = None,
) -> PurgeResult:
    """Delete the entries written before `before` (from the start of the chain; an
    entry is kept when any earlier one is kept) and sign the last deleted entry's hash
    as the new start. Refused for entries under a year old, and on a broken chain,
    which would otherwise be blessed by the signature."""
    before = utc(before)
    limit = one_year_before(now or datetime.now(UTC))
    if before > limit:
        raise AuditError(
            f"audit entries are kept at least a year: purge before {limit.date()} at the latest"
        )
    report = verify(engine, signing_key.verify_key)
    if not report.ok:
        raise AuditError("the audit chain does not verify: nothing purged")
    purged_at = utc(now or datetime.now(UTC))
    with engine.begin() as conn:
        _lock_chain(conn)
        start_seq, _ = _start(conn)
        kept = conn.execute(select(func.min(audit_log.c.seq)).where(audit_log.c.at >= before))
        first_kept = kept.scalar()
        last_seq, _ = _head(conn)
        upto = (first_kept - 1) if first_kept is not None else last_seq
        if upto <= start_seq:
            return PurgeResult(0, start_seq)
        last_hash = conn.execute(
            select(audit_log.c.entry_hash).where(audit_log.c.seq == upto)
        ).scalar_one()
        count = upto - start_seq
        message = anchor_message(upto, last_hash, purged_at, count)
        conn.execute(
            insert(audit_anchors).values(
                seq=upto,
                entry_hash=last_hash,
                purged_at=purged_at,
                purged=count,
                signature=signing_key.sign(message).signature.hex(),
                key_id=key_id(signing_key.verify_key),
            )
        )
        conn.execute(delete(audit_log).where(audit_log.c.seq <= upto))
    return PurgeResult(count, upto)

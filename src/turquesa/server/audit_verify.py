"""Checking the audit chain: every hash recomputed, every link and signature checked.

What each check catches: a recomputed hash that differs from the stored one is an
altered entry; a missing position or a broken link is a removed or moved entry; a
signed checkpoint the chain no longer matches, or no longer reaches, is a rewritten or
truncated chain. The last two need signatures made with a key the database never held,
and ideally a copy of the checkpoints kept outside it (`checkpoints=`), because someone
with full database access can delete the checkpoints stored there too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey
from sqlalchemy import Connection, Engine, select

from turquesa.server.audit_chain import GENESIS, Checkpoint, anchor_message, entry_hash, utc
from turquesa.server.audit_keys import key_id
from turquesa.storage.tables import audit_anchors, audit_checkpoints, audit_log


@dataclass(frozen=True)
class Failure:
    seq: int | None  # where in the chain; None when it concerns no one position
    kind: str  # altered | missing | link | start | signature | checkpoint | truncated
    message: str


@dataclass
class VerifyReport:
    entries: int = 0
    first_seq: int | None = None
    last_seq: int | None = None
    head_hash: str | None = None
    anchor_seq: int = 0  # entries up to here were purged (retention)
    checkpoints: int = 0  # stored in the database
    exported: int = 0  # read from outside the database
    last_signed_seq: int | None = None
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def unsigned_entries(self) -> int:
        """Entries after the last signed checkpoint: only the next one will protect
        them against being rewritten or cut off."""
        if self.last_seq is None:
            return 0
        return self.last_seq - max(self.last_signed_seq or 0, self.anchor_seq)

    def failed_seqs(self) -> set[int]:
        return {f.seq for f in self.failures if f.seq is not None}


def keyring(keys: VerifyKey | Iterable[VerifyKey]) -> dict[str, VerifyKey]:
    if isinstance(keys, VerifyKey):
        keys = [keys]
    return {key_id(k): k for k in keys}


def signature_ok(
    keys: Mapping[str, VerifyKey], kid: str, message: bytes, signature_hex: str
) -> bool:
    key = keys.get(kid)
    if key is None:
        return False
    try:
        key.verify(message, bytes.fromhex(signature_hex))
    except (BadSignatureError, ValueError):
        return False
    return True


def row_fields(row: Mapping[str, Any]) -> dict[str, Any]:
    return {column.name: row[column.name] for column in audit_log.columns}


def walk(
    conn: Connection,
    after_seq: int,
    after_hash: str,
    report: VerifyReport,
    wanted: set[int],
) -> dict[int, str]:
    """Check the entries after `after_seq` in order; return the stored hashes of the
    positions in `wanted` (those that signed checkpoints name)."""
    found: dict[int, str] = {}
    expected_seq, expected_prev = after_seq + 1, after_hash
    query = (
        select(audit_log)
        .where(audit_log.c.seq > after_seq)
        .order_by(audit_log.c.seq)
        .execution_options(yield_per=2000)
    )
    for row in conn.execute(query).mappings():
        fields = row_fields(row)
        seq = fields["seq"]
        if report.first_seq is None:
            report.first_seq = seq
        if seq != expected_seq:
            report.failures.append(
                Failure(
                    expected_seq,
                    "missing",
                    f"entries {expected_seq} to {seq - 1} are missing",
                )
            )
        elif fields["prev_hash"] != expected_prev:
            report.failures.append(
                Failure(seq, "link", f"entry {seq} does not follow the entry before it")
            )
        if entry_hash(fields) != fields["entry_hash"]:
            report.failures.append(
                Failure(seq, "altered", f"entry {seq} was altered: its hash does not match")
            )
        if seq in wanted:
            found[seq] = fields["entry_hash"]
        report.entries += 1
        report.last_seq, report.head_hash = seq, fields["entry_hash"]
        expected_seq, expected_prev = seq + 1, fields["entry_hash"]
    return found


def _anchor(conn: Connection, keys: Mapping[str, VerifyKey], report: VerifyReport) -> str:
    """Where the chain starts: after the last purged entry, or at the beginning."""
    row = (
        conn.execute(select(audit_anchors).order_by(audit_anchors.c.seq.desc()).limit(1))
        .mappings()
        .first()
    )
    if row is None:
        return GENESIS
    message = anchor_message(row["seq"], row["entry_hash"], row["purged_at"], row["purged"])
    if not signature_ok(keys, row["key_id"], message, row["signature"]):
        report.failures.append(
            Failure(row["seq"], "signature", f"the purge anchor at {row['seq']} is not signed")
        )
    report.anchor_seq = row["seq"]
    return str(row["entry_hash"])


def _check_checkpoint(
    cp: Checkpoint,
    origin: str,
    keys: Mapping[str, VerifyKey],
    hashes: Mapping[int, str],
    report: VerifyReport,
    anchor_hash: str,
) -> None:
    if not signature_ok(keys, cp.key_id, cp.message(), cp.signature):
        report.failures.append(
            Failure(cp.seq, "signature", f"{origin} checkpoint at {cp.seq}: bad signature")
        )
        return
    if cp.seq < report.anchor_seq:
        return  # purged under the retention rule; the anchor vouches for what followed
    stored = anchor_hash if cp.seq == report.anchor_seq else hashes.get(cp.seq)
    if stored is None:
        last = report.last_seq or report.anchor_seq
        report.failures.append(
            Failure(
                cp.seq,
                "truncated",
                f"{origin} checkpoint signed at {cp.seq} but the chain "
                + (f"ends at {last}" if last < cp.seq else f"has no entry {cp.seq}"),
            )
        )
    elif stored != cp.entry_hash:
        report.failures.append(
            Failure(cp.seq, "checkpoint", f"entry {cp.seq} differs from its {origin} checkpoint")
        )
    else:
        report.last_signed_seq = max(report.last_signed_seq or 0, cp.seq)


def stored_checkpoints(conn: Connection) -> list[Checkpoint]:
    rows = conn.execute(select(audit_checkpoints).order_by(audit_checkpoints.c.id)).mappings()
    return [checkpoint_from_row(r) for r in rows]


def checkpoint_from_row(row: Mapping[str, Any]) -> Checkpoint:
    return Checkpoint(
        row["seq"], row["entry_hash"], utc(row["signed_at"]), row["signature"], row["key_id"]
    )


def verify(
    engine: Engine,
    verify_key: VerifyKey | Iterable[VerifyKey],
    checkpoints: Iterable[Checkpoint] | None = None,
) -> VerifyReport:
    """Check the whole chain; `checkpoints` are signed heads kept outside the database
    (an exported file), which catch a chain cut short or rewritten together with the
    checkpoints stored beside it."""
    keys = keyring(verify_key)
    report = VerifyReport()
    outside = list(checkpoints or [])
    with engine.connect() as conn:
        inside = stored_checkpoints(conn)
        anchor_hash = _anchor(conn, keys, report)
        wanted = {cp.seq for cp in (*inside, *outside)}
        hashes = walk(conn, report.anchor_seq, anchor_hash, report, wanted)
    report.checkpoints, report.exported = len(inside), len(outside)
    for cp in inside:
        _check_checkpoint(cp, "stored", keys, hashes, report, anchor_hash)
    for cp in outside:
        _check_checkpoint(cp, "exported", keys, hashes, report, anchor_hash)
    report.failures.sort(key=lambda f: (f.seq is None, f.seq or 0, f.kind))
    return report

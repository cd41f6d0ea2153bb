"""How an audit entry and a signed chain head are turned into bytes.

Verification must give the same answer years later, on another machine and another
database, so nothing here depends on the driver: an entry is hashed as JSON with
sorted keys, no whitespace, UTF-8, and its time as ISO 8601 in UTC with microseconds.
What is signed carries a domain label, so a checkpoint signature can never be passed
off as a purge anchor or the other way round.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

#: `prev_hash` of entry 1: there is nothing before it.
GENESIS = "0" * 64
FORMAT_VERSION = 1
HASHED_FIELDS = (
    "seq",
    "at",
    "user_id",
    "username",
    "agency",
    "source",
    "action",
    "target",
    "justification",
    "detail",
    "prev_hash",
)
_ACTION = re.compile(r"^[a-z][a-z0-9_.]{0,39}$")


def canonical_json(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def utc(moment: datetime) -> datetime:
    """SQLite hands timestamps back without a zone; they were written in UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def iso_utc(moment: datetime) -> str:
    return utc(moment).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso_utc(text: str) -> datetime:
    return utc(datetime.fromisoformat(text.replace("Z", "+00:00")))


def valid_action(action: str) -> bool:
    return bool(_ACTION.match(action))


def clean_text(value: str | None, limit: int | None = None) -> str | None:
    """What the database can store and give back unchanged; a column's length is
    enforced on PostgreSQL but not on SQLite, so it is enforced here."""
    if value is None:
        return None
    value = _storable(value)
    return value[:limit] if limit is not None else value


def _storable(value: str) -> str:
    """Without NUL (PostgreSQL refuses it) or lone surrogates (not UTF-8 at all, yet a
    JSON request may carry them as escapes)."""
    return value.replace("\x00", "\ufffd").encode("utf-8", "replace").decode("utf-8")


def clean_detail(detail: Mapping[str, Any]) -> dict[str, Any]:
    """The detail as it will read back from the database: string keys, lists, no NaN,
    no NUL. Hashing the value before and after its trip through the database must
    agree, so whatever JSON would change is changed here, once."""
    loaded = _without_nul(json.loads(json.dumps(dict(detail), allow_nan=False)))
    assert isinstance(loaded, dict)
    return loaded


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return _storable(value)
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    return value


def entry_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 over every field of the entry, its predecessor's hash included."""
    document = {name: fields[name] for name in HASHED_FIELDS}
    document["at"] = iso_utc(fields["at"])
    document["v"] = FORMAT_VERSION
    return hashlib.sha256(canonical_json(document)).hexdigest()


def checkpoint_message(seq: int, head_hash: str, signed_at: datetime) -> bytes:
    body = {"seq": seq, "entry_hash": head_hash, "signed_at": iso_utc(signed_at)}
    return b"turquesa-audit-checkpoint-v1\n" + canonical_json(body)


def anchor_message(seq: int, last_hash: str, purged_at: datetime, purged: int) -> bytes:
    body = {
        "seq": seq,
        "entry_hash": last_hash,
        "purged_at": iso_utc(purged_at),
        "purged": purged,
    }
    return b"turquesa-audit-anchor-v1\n" + canonical_json(body)


@dataclass(frozen=True)
class Checkpoint:
    """A signed chain head: whoever holds the public key can check that the entry at
    `seq` had hash `entry_hash` when it was signed."""

    seq: int
    entry_hash: str
    signed_at: datetime
    signature: str  # hex Ed25519 over `message()`
    key_id: str

    def message(self) -> bytes:
        return checkpoint_message(self.seq, self.entry_hash, self.signed_at)

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "entry_hash": self.entry_hash,
            "signed_at": iso_utc(self.signed_at),
            "signature": self.signature,
            "key_id": self.key_id,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Checkpoint:
        return cls(
            seq=int(data["seq"]),
            entry_hash=str(data["entry_hash"]),
            signed_at=parse_iso_utc(str(data["signed_at"])),
            signature=str(data["signature"]),
            key_id=str(data["key_id"]),
        )

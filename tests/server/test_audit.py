"""The audit log catches what someone with full database access might do to it.

Each test tampers with the tables directly through SQL, as a database administrator
could, and checks that `verify` names the entry touched; signatures come from a key
in a folder the database never sees.
"""

from __future__ import annotations

import io
import itertools
import json
import stat
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from nacl.signing import SigningKey
from sqlalchemy import Engine, delete, select, update
from typer.testing import CliRunner

from turquesa.cli.context import AppState
from turquesa.errors import TurquesaError
from turquesa.server import audit
from turquesa.server.audit_chain import GENESIS, Checkpoint, clean_detail, entry_hash
from turquesa.server.audit_keys import (
    CHECKPOINT_LOG,
    KeyFileError,
    key_id,
    load_signing_key,
    load_verify_key,
)
from turquesa.server.audit_writer import GroupWriter
from turquesa.storage.engine import open_database
from turquesa.storage.tables import audit_anchors, audit_checkpoints, audit_log

START = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)


def event(i: int, **overrides: Any) -> audit.AuditEvent:
    values: dict[str, Any] = {
        "action": ["login", "search", "read_victim", "disclosure", "export"][i % 5],
        "username": f"analista{i % 3}",
        "source": f"10.1.0.{i % 7}",
        "user_id": i % 3 + 1,
        "agency": ["CO-DIJIN", "PE-PNP", "GT-PNC"][i % 3],
        "target": f"PE-PNP:P{i}",
        "justification": "Operación Ámbar, caso 2025-114" if i % 5 == 2 else None,
        "detail": {"query": {"passport": f"X{i:06d}"}, "hits": i % 2, "note": "niña, 14 años"},
        "at": START + timedelta(minutes=i),
    }
    values.update(overrides)
    return audit.AuditEvent(**values)


def fill(engine: Engine, count: int, first: int = 1) -> None:
    for i in range(first, first + count):
        with engine.begin() as conn:
            audit.append(conn, event(i))


@pytest.fixture
def key_dir(tmp_path: Path) -> Path:
    return tmp_path / "keys"


@pytest.fixture
def key(key_dir: Path) -> SigningKey:
    return load_signing_key(key_dir)


def rows(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(audit_log).order_by("seq")).mappings()]


def sql_update(engine: Engine, at_seq: int, **values: Any) -> None:
    with engine.begin() as conn:
        conn.execute(update(audit_log).where(audit_log.c.seq == at_seq).values(**values))


def exported(engine: Engine) -> list[Checkpoint]:
    buffer = io.StringIO()
    audit.export_checkpoints(engine, buffer)
    return audit.read_checkpoints(buffer.getvalue().splitlines())


# -- the chain ------------------------------------------------------------------------


def test_a_chain_of_entries_verifies_and_links(engine: Engine, key: SigningKey) -> None:
    fill(engine, 12)
    stored = rows(engine)
    assert [r["seq"] for r in stored] == list(range(1, 13))
    assert stored[0]["prev_hash"] == GENESIS
    assert all(b["prev_hash"] == a["entry_hash"] for a, b in itertools.pairwise(stored))
    assert stored[2]["detail"]["note"] == "niña, 14 años"
    report = audit.verify(engine, key.verify_key)
    assert report.ok, report.failures
    assert (report.entries, report.first_seq, report.last_seq) == (12, 1, 12)
    assert report.head_hash == stored[-1]["entry_hash"]
    assert report.unsigned_entries == 12


def _one_byte(value: Any) -> Any:
    if isinstance(value, datetime):
        return value + timedelta(microseconds=1)
    if isinstance(value, int):
        return value ^ 1
    if isinstance(value, dict):
        return {**value, "note": "nina, 14 años"}  # one character, one byte less
    text = str(value)
    last = text[-1]
    return text[:-1] + ("0" if last != "0" else "1")


@pytest.mark.parametrize(
    "column",
    [
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
        "entry_hash",
    ],
)
def test_one_altered_byte_in_any_field_is_caught_at_its_entry(
    engine: Engine, key: SigningKey, column: str
) -> None:
    fill(engine, 6)
    original = rows(engine)[1]  # seq 2: its justification is set
    sql_update(engine, 2, **{column: _one_byte(original[column])})
    report = audit.verify(engine, key.verify_key)
    assert not report.ok
    assert 2 in report.failed_seqs()
    assert report.failed_seqs() <= {2, 3}  # the next entry's link, at most


def test_moving_an_entry_to_another_position_is_caught(engine: Engine, key: SigningKey) -> None:
    fill(engine, 6)
    sql_update(engine, 4, seq=40)
    report = audit.verify(engine, key.verify_key)
    assert {f.kind for f in report.failures} >= {"missing", "altered"}
    assert 4 in report.failed_seqs()


def test_a_deleted_entry_is_caught(engine: Engine, key: SigningKey) -> None:
    fill(engine, 6)
    with engine.begin() as conn:
        conn.execute(delete(audit_log).where(audit_log.c.seq == 3))
    report = audit.verify(engine, key.verify_key)
    assert [(f.seq, f.kind) for f in report.failures] == [(3, "missing")]


def test_deleting_the_first_entries_is_caught(engine: Engine, key: SigningKey) -> None:
    fill(engine, 6)
    with engine.begin() as conn:
        conn.execute(delete(audit_log).where(audit_log.c.seq <= 2))
    report = audit.verify(engine, key.verify_key)
    assert [(f.seq, f.kind) for f in report.failures] == [(1, "missing")]


def test_reordered_entries_are_caught(engine: Engine, key: SigningKey) -> None:
    fill(engine, 6)
    with engine.begin() as conn:  # swap entries 2 and 4
        conn.execute(update(audit_log).where(audit_log.c.seq == 2).values(seq=-2))
        conn.execute(update(audit_log).where(audit_log.c.seq == 4).values(seq=2))
        conn.execute(update(audit_log).where(audit_log.c.seq == -2).values(seq=4))
    report = audit.verify(engine, key.verify_key)
    assert {2, 4} <= report.failed_seqs()


# -- signatures and what they add -------------------------------------------------------


def test_a_truncated_tail_is_caught_by_checkpoints(engine: Engine, key: SigningKey) -> None:
    fill(engine, 6)
    assert audit.checkpoint(engine, key) is not None
    outside = exported(engine)
    fill(engine, 2, first=7)
    with engine.begin() as conn:
        conn.execute(delete(audit_log).where(audit_log.c.seq >= 5))
    report = audit.verify(engine, key.verify_key)
    assert ("truncated", 6) in {(f.kind, f.seq) for f in report.failures}

    with engine.begin() as conn:  # the administrator removes the stored checkpoint too
        conn.execute(delete(audit_checkpoints))
    assert audit.verify(engine, key.verify_key).ok  # the database alone cannot tell
    report = audit.verify(engine, key.verify_key, outside)
    assert [(f.kind, f.seq) for f in report.failures] == [("truncated", 6)]


def _rewrite_consistently(engine: Engine, seq: int, **values: Any) -> None:
    """What someone who read this code could do: alter one entry, rehash all after it."""
    prev = GENESIS
    with engine.begin() as conn:
        for row in rows(engine):
            fields = {**row, **(values if row["seq"] == seq else {}), "prev_hash": prev}
            fields["entry_hash"] = entry_hash(fields)
            prev = fields["entry_hash"]
            conn.execute(delete(audit_log).where(audit_log.c.seq == row["seq"]))
            conn.execute(audit_log.insert().values(**fields))


def test_a_consistently_rewritten_chain_is_caught_by_signatures(
    engine: Engine, key: SigningKey, tmp_path: Path
) -> None:
    fill(engine, 8)
    audit.checkpoint(engine, key)
    outside = exported(engine)
    _rewrite_consistently(engine, 3, username="nadie")
    report = audit.verify(engine, key.verify_key)
    assert [(f.kind, f.seq) for f in report.failures] == [("checkpoint", 8)]

    with engine.begin() as conn:
        conn.execute(delete(audit_checkpoints))
    report = audit.verify(engine, key.verify_key, outside)
    assert [(f.kind, f.seq) for f in report.failures] == [("checkpoint", 8)]

    log = tmp_path / CHECKPOINT_LOG  # the signer's own copy refuses to sign the forgery
    log.write_text("".join(json.dumps(c.to_json()) + "\n" for c in outside), "utf-8")
    with pytest.raises(audit.AuditError, match="8"):
        audit.checkpoint(engine, key, log=log)


def test_a_forged_checkpoint_signature_fails(engine: Engine, key: SigningKey) -> None:
    fill(engine, 4)
    signed = audit.checkpoint(engine, key)
    assert signed is not None
    with engine.begin() as conn:
        flipped = ("1" if signed.signature[0] == "0" else "0") + signed.signature[1:]
        conn.execute(update(audit_checkpoints).values(signature=flipped))
    report = audit.verify(engine, key.verify_key)
    assert [(f.kind, f.seq) for f in report.failures] == [("signature", 4)]

    forger = SigningKey.generate()  # a key of one's own, passed off under the real key id
    forged = Checkpoint(4, signed.entry_hash, signed.signed_at, "", signed.key_id)
    forged = Checkpoint(
        4,
        signed.entry_hash,
        signed.signed_at,
        forger.sign(forged.message()).signature.hex(),
        signed.key_id,
    )
    report = audit.verify(engine, key.verify_key, [forged])
    assert ("signature", 4) in {(f.kind, f.seq) for f in report.failures}


def test_checkpoint_signs_the_head_and_refuses_a_broken_chain(
    engine: Engine, key: SigningKey, key_dir: Path
) -> None:
    assert audit.checkpoint(engine, key) is None  # nothing to sign yet
    fill(engine, 5)
    log = key_dir / CHECKPOINT_LOG
    first = audit.checkpoint(engine, key, log=log)
    assert first is not None and first.seq == 5 and first.key_id == key_id(key.verify_key)
    fill(engine, 3, first=6)
    second = audit.checkpoint(engine, key, log=log)
    assert second is not None and second.seq == 8
    assert audit.read_checkpoints(log.read_text("utf-8").splitlines()) == [first, second]
    report = audit.verify(engine, key.verify_key, [first, second])
    assert report.ok and report.last_signed_seq == 8 and report.unsigned_entries == 0

    fill(engine, 2, first=9)
    sql_update(engine, 9, target="CO-DIJIN:P1")
    with pytest.raises(audit.AuditError, match="9"):
        audit.checkpoint(engine, key, log=log)
    sql_update(engine, 8, justification="")  # the head signed last time
    with pytest.raises(audit.AuditError, match="8"):
        audit.checkpoint(engine, key, log=log)


# -- many writers -----------------------------------------------------------------------


def test_concurrent_appends_make_one_gap_free_chain(engine: Engine, key: SigningKey) -> None:
    errors: list[BaseException] = []

    def writer(offset: int) -> None:
        try:
            for i in range(40):
                with engine.begin() as conn:
                    audit.append(conn, event(offset + i, at=None))
        except BaseException as exc:  # reported below, in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n * 1000,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    report = audit.verify(engine, key.verify_key)
    assert report.ok, report.failures
    assert (report.entries, report.last_seq) == (120, 120)


def test_group_commit_answers_each_request_after_its_entry_is_committed(
    engine: Engine, key: SigningKey
) -> None:
    writer = GroupWriter(engine, max_batch=16)
    seen: list[int] = []

    def request(offset: int) -> None:
        for i in range(25):
            entry = writer.record(event(offset + i, at=None))
            with engine.connect() as conn:  # committed: another connection sees it
                stored = conn.execute(
                    select(audit_log.c.entry_hash).where(audit_log.c.seq == entry.seq)
                ).scalar()
            assert stored == entry.entry_hash
            seen.append(entry.seq)

    threads = [threading.Thread(target=request, args=(n * 100,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with pytest.raises(ValueError):
        writer.record(audit.AuditEvent(action="Not An Action", username="x", source="y"))
    writer.close()
    assert sorted(seen) == list(range(1, 101))
    report = audit.verify(engine, key.verify_key)
    assert report.ok and report.entries == 100
    with pytest.raises(RuntimeError):
        writer.record(event(1))


def test_an_entry_rolled_back_with_its_action_leaves_no_gap(
    engine: Engine, key: SigningKey
) -> None:
    fill(engine, 2)
    with pytest.raises(RuntimeError), engine.begin() as conn:
        audit.append(conn, event(3))
        raise RuntimeError("the action failed")
    fill(engine, 1, first=4)
    report = audit.verify(engine, key.verify_key)
    assert report.ok and report.last_seq == 3


def test_what_a_client_sends_is_stored_so_that_it_still_verifies(
    engine: Engine, key: SigningKey
) -> None:
    with engine.begin() as conn:
        entry = audit.append(
            conn,
            audit.AuditEvent(
                action="login_failed",
                username="x" * 500 + "\x00",
                target="\ud800 PE-PNP:P1",
                source="203.0.113.9",
                detail={1: "uno", "nul": "a\x00b", "list": (1, 2)},
            ),
        )
    assert len(entry.username) == 120 and entry.user_id is None
    assert entry.target == "? PE-PNP:P1"
    assert entry.detail == {"1": "uno", "nul": "a\ufffdb", "list": [1, 2]}
    assert audit.verify(engine, key.verify_key).ok
    with pytest.raises(ValueError), engine.begin() as conn:
        audit.append(conn, audit.AuditEvent(action="DROP TABLE", username="x", source="y"))


def test_list_entries_filters_by_agency_and_pages(engine: Engine) -> None:
    fill(engine, 9)
    with engine.connect() as conn:
        page = audit.list_entries(conn, agency="PE-PNP", limit=2)
        rest = audit.list_entries(conn, agency="PE-PNP", limit=10, before_seq=page[-1].seq)
    assert [e.seq for e in page] == [7, 4]
    assert [e.seq for e in rest] == [1]
    assert all(e.agency == "PE-PNP" for e in page + rest)


# -- retention --------------------------------------------------------------------------


def test_purge_keeps_a_year_and_the_rest_verifies(engine: Engine, key: SigningKey) -> None:
    fill(engine, 6)  # 2025-03-01
    audit.checkpoint(engine, key)
    outside = exported(engine)
    with engine.begin() as conn:
        for i, when in enumerate((datetime(2026, 5, 1, tzinfo=UTC), START), start=7):
            audit.append(conn, event(i, at=when))  # a clock set back: entry 8 is old too
    now = datetime(2026, 6, 1, tzinfo=UTC)
    with pytest.raises(audit.AuditError, match="a year"):
        audit.purge_before(engine, datetime(2025, 6, 2, tzinfo=UTC), key, now=now)

    result = audit.purge_before(engine, datetime(2025, 6, 1, tzinfo=UTC), key, now=now)
    assert (result.purged, result.anchor_seq) == (6, 6)
    assert [r["seq"] for r in rows(engine)] == [7, 8]  # 8 is old but comes after a kept one
    report = audit.verify(engine, key.verify_key, outside)
    assert report.ok, report.failures
    assert report.anchor_seq == 6 and report.last_signed_seq == 6

    fill(engine, 1, first=9)
    assert audit.verify(engine, key.verify_key).ok
    with engine.begin() as conn:
        conn.execute(delete(audit_anchors))
    report = audit.verify(engine, key.verify_key)
    assert ("missing", 1) in {(f.kind, f.seq) for f in report.failures}


def test_a_forged_purge_anchor_fails(engine: Engine, key: SigningKey) -> None:
    fill(engine, 5)
    stored = rows(engine)
    with engine.begin() as conn:  # hide entries 1-3 behind an anchor signed by no one
        conn.execute(delete(audit_log).where(audit_log.c.seq <= 3))
        conn.execute(
            audit_anchors.insert().values(
                seq=3,
                entry_hash=stored[2]["entry_hash"],
                purged_at=datetime.now(UTC),
                purged=3,
                signature="00" * 64,
                key_id=key_id(key.verify_key),
            )
        )
    report = audit.verify(engine, key.verify_key)
    assert [(f.kind, f.seq) for f in report.failures] == [("signature", 3)]


# -- the key ----------------------------------------------------------------------------


def test_the_signing_key_is_private_made_once_and_exportable(key_dir: Path) -> None:
    key = load_signing_key(key_dir)
    path = key_dir / "audit-signing.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert bytes(load_signing_key(key_dir)) == bytes(key)
    assert load_verify_key(key_dir) == key.verify_key
    assert load_verify_key(key_dir / "audit-signing.pub") == key.verify_key
    path.chmod(0o644)
    with pytest.raises(KeyFileError, match="chmod 600"):
        load_signing_key(key_dir)


# -- the canonical encoding ----------------------------------------------------------------

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@given(
    username=texts,
    target=st.none() | texts,
    detail=st.dictionaries(texts, st.none() | st.integers() | texts, max_size=4),
    field=st.sampled_from(["username", "target", "source"]),
    extra=st.characters(blacklist_categories=("Cs",)),
)
def test_the_hash_changes_with_any_field(
    username: str, target: str | None, detail: dict[str, Any], field: str, extra: str
) -> None:
    fields: dict[str, Any] = {
        "seq": 1,
        "at": START,
        "user_id": 1,
        "username": username,
        "agency": "PE-PNP",
        "source": "10.0.0.1",
        "action": "search",
        "target": target,
        "justification": None,
        "detail": clean_detail(detail),
        "prev_hash": GENESIS,
    }
    changed = {**fields, field: (fields[field] or "") + extra}
    assert entry_hash(changed) != entry_hash(fields)
    assert clean_detail(fields["detail"]) == fields["detail"]


# -- the command line -------------------------------------------------------------------


def _cli() -> typer.Typer:
    from turquesa.cli.app import app
    from turquesa.cli.audit import register

    groups = {g.name for g in app.registered_groups}
    if "audit" in groups:
        return app
    local = typer.Typer()

    @local.callback()
    def root(ctx: typer.Context, db: str | None = typer.Option(None, "--db")) -> None:
        ctx.obj = AppState(db)

    register(local)
    return local


def invoke(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    """Exit code and output, with errors mapped to exit codes as `cli.app.main` does."""
    result = CliRunner().invoke(_cli(), args, env=env)
    if isinstance(result.exception, TurquesaError):
        return result.exception.exit_code, result.output + result.exception.message
    return result.exit_code, result.output


def test_cli_verify_exit_codes(db_url: str, tmp_path: Path) -> None:
    engine = open_database(db_url)
    fill(engine, 5)
    db, keys = ["--db", db_url, "audit"], str(tmp_path / "k")
    code, out = invoke([*db, "checkpoint", "--key-dir", keys])
    assert code == 0 and "signed entry 5" in out, out
    code, out = invoke([*db, "verify", "--key-dir", keys])
    assert code == 0 and "audit log intact" in out, out

    exported_file = tmp_path / "cp.jsonl"
    assert invoke([*db, "export-checkpoints", "--output", str(exported_file)])[0] == 0
    code, out = invoke([*db, "show", "--format", "json", "--agency", "PE-PNP"])
    assert code == 0 and [e["seq"] for e in json.loads(out)] == [4, 1]
    code, out = invoke([*db, "public-key", "--key-dir", keys])
    assert out.strip() == (tmp_path / "k" / "audit-signing.pub").read_text().strip()

    with engine.begin() as conn:
        conn.execute(update(audit_log).where(audit_log.c.seq == 2).values(source="10.1.0.9"))
    pub = str(tmp_path / "k" / "audit-signing.pub")
    code, out = invoke([*db, "verify", "--verify-key", pub, "--checkpoints", str(exported_file)])
    assert code == 1 and "FAILED seq 2: entry 2 was altered" in out, out
    code, out = invoke([*db, "verify", "--key-dir", keys])
    assert code == 1 and "NOT intact" in out
    code, out = invoke([*db, "verify"], env={"TURQUESA_KEY_DIR": ""})
    assert code == 2 and "--key-dir" in out
    engine.dispose()

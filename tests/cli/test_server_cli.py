"""`turquesa agencies` and `turquesa users`: the first admin of a shared server."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from tests.cli.test_cli import run
from turquesa.storage.tables import network_members, users


def test_the_first_admin_is_made_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    code, out, _ = run(
        capsys, "--db", db, "agencies", "add", "CO-DIJIN", "--country", "co",
        "--name", "DIJIN", "--network", "ISON", "--network", "AMERIPOL",
    )  # fmt: skip
    assert code == 0 and "CO-DIJIN" in out
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough password\n"))
    code, out, _ = run(
        capsys, "--db", db, "users", "add", "ana", "--agency", "CO-DIJIN", "--role", "admin",
        "--password-stdin",
    )  # fmt: skip
    assert code == 0
    engine = create_engine(db)
    with engine.connect() as conn:
        user = conn.execute(select(users.c.username, users.c.roles, users.c.password_hash)).one()
        networks = set(conn.execute(select(network_members.c.network)).scalars())
    assert user.username == "ana" and user.roles == "admin"
    assert user.password_hash.startswith("$argon2id$")  # never the password itself
    assert networks == {"ISON", "AMERIPOL"}
    # wrong use: an unknown agency, a short password, an unknown role
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough password\n"))
    assert (
        run(
            capsys,
            "--db",
            db,
            "users",
            "add",
            "bo",
            "--agency",
            "XX-NONE",
            "--role",
            "analyst",
            "--password-stdin",
        )[0]
        == 2
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert (
        run(
            capsys,
            "--db",
            db,
            "users",
            "add",
            "bo",
            "--agency",
            "CO-DIJIN",
            "--role",
            "analyst",
            "--password-stdin",
        )[0]
        == 2
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough password\n"))
    assert (
        run(
            capsys,
            "--db",
            db,
            "users",
            "add",
            "bo",
            "--agency",
            "CO-DIJIN",
            "--role",
            "chief",
            "--password-stdin",
        )[0]
        == 2
    )
    engine.dispose()

"""`turquesa serve`, and `turquesa agencies` / `turquesa users` for the first admin.

The server is the same storage as every other command (`--db`); it is started here and
configured by options or `TURQUESA_*` variables. TLS: either behind the documented
reverse proxy (recommended) or with uvicorn's own `--ssl-certfile`/`--ssl-keyfile`.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

import typer
from rich.console import Console
from sqlalchemy import select

from turquesa.cli.context import AppState
from turquesa.cli.output import print_table
from turquesa.errors import TurquesaError, UsageError
from turquesa.storage.store import upsert_agency
from turquesa.storage.tables import agencies, network_members, networks, users

agencies_app = typer.Typer(help="Agencies on the shared server.", no_args_is_help=True)
users_app = typer.Typer(help="Users of the shared server.", no_args_is_help=True)


def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port."),
    workers: int = typer.Option(1, "--workers", min=1, help="Server processes."),
    key_dir: Path = typer.Option(
        Path("keys"), "--key-dir", envvar="TURQUESA_KEY_DIR", help="Keys kept outside the database."
    ),
    ssl_certfile: Path | None = typer.Option(None, "--ssl-certfile", help="TLS certificate."),
    ssl_keyfile: Path | None = typer.Option(None, "--ssl-keyfile", help="TLS private key."),
    insecure_cookies: bool = typer.Option(
        False, "--insecure-cookies", help="Session cookies over plain HTTP (local trials only)."
    ),
    proxy_headers: bool = typer.Option(
        False, "--proxy-headers", help="Trust X-Forwarded-For from the reverse proxy."
    ),
) -> None:
    """Run the multi-agency HTTP API (OpenAPI at /api/v1/docs)."""
    import os

    import uvicorn

    state: AppState = ctx.obj
    state.engine()  # create and migrate before the workers start
    os.environ["TURQUESA_SERVER_DB"] = state.url
    os.environ["TURQUESA_KEY_DIR"] = str(key_dir)
    if insecure_cookies:
        os.environ["TURQUESA_INSECURE_COOKIES"] = "1"
    uvicorn.run(
        "turquesa.server.main:app",
        host=host,
        port=port,
        workers=workers,
        ssl_certfile=str(ssl_certfile) if ssl_certfile else None,
        ssl_keyfile=str(ssl_keyfile) if ssl_keyfile else None,
        proxy_headers=proxy_headers,
        log_level="info",
    )


@agencies_app.command("add")
def add_agency(
    ctx: typer.Context,
    code: str = typer.Argument(..., help="e.g. CO-DIJIN"),
    country: str = typer.Option(..., "--country", help="ISO alpha-2."),
    name: str = typer.Option(..., "--name"),
    network: list[str] = typer.Option([], "--network", help="Member of this network (repeat)."),
) -> None:
    """Create or update an agency and its network memberships."""
    state: AppState = ctx.obj
    with state.engine().begin() as conn:
        upsert_agency(conn, code, country.upper(), name)
        known = set(conn.execute(select(networks.c.name)).scalars())
        for net in network:
            if net not in known:
                conn.execute(networks.insert().values(name=net, description=""))
            exists = conn.execute(
                select(network_members.c.agency).where(
                    network_members.c.network == net, network_members.c.agency == code
                )
            ).first()
            if not exists:
                conn.execute(network_members.insert().values(network=net, agency=code))
    Console().print(f"agency {code} ({country.upper()}) ready")


@agencies_app.command("list")
def list_agencies(ctx: typer.Context) -> None:
    state: AppState = ctx.obj
    with state.engine().connect() as conn:
        members: dict[str, list[str]] = {}
        for net, agency in conn.execute(
            select(network_members.c.network, network_members.c.agency)
        ):
            members.setdefault(agency, []).append(net)
        rows = [
            {"agency": c, "country": k, "name": n, "networks": ";".join(sorted(members.get(c, [])))}
            for c, k, n in conn.execute(
                select(agencies.c.code, agencies.c.country, agencies.c.name)
            )
        ]
    print_table("Agencies", rows, ("agency", "country", "name", "networks"))


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password (12 characters or more): ")
    if first != getpass.getpass("Again: "):
        raise UsageError("the two passwords differ")
    return first


@users_app.command("add")
def add_user(
    ctx: typer.Context,
    username: str = typer.Argument(...),
    agency: str = typer.Option(..., "--agency"),
    role: list[str] = typer.Option(
        ...,
        "--role",
        help="analyst, investigator, prosecutor, judge, victim_support, trainer, admin (repeat).",
    ),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from stdin."
    ),
) -> None:
    """Create a user (the first admin of an agency is made here; later ones by the API).
    An admin must set up TOTP at first sign-in."""
    from turquesa.server.accounts import create_user

    state: AppState = ctx.obj
    password = _password(password_stdin)
    with state.engine().begin() as conn:
        try:
            create_user(conn, username, agency, role, password)
        except TurquesaError as exc:
            raise UsageError(exc.message) from exc
    Console().print(f"user {username} of {agency} created ({', '.join(sorted(role))})")


@users_app.command("list")
def list_users(ctx: typer.Context, agency: str | None = typer.Option(None, "--agency")) -> None:
    state: AppState = ctx.obj
    query = select(
        users.c.username, users.c.agency, users.c.roles, users.c.disabled, users.c.totp_enabled
    )
    if agency:
        query = query.where(users.c.agency == agency)
    with state.engine().connect() as conn:
        rows = [
            {"user": u, "agency": a, "roles": r, "disabled": d, "totp": t}
            for u, a, r, d, t in conn.execute(query.order_by(users.c.agency, users.c.username))
        ]
    print_table("Users", rows, ("user", "agency", "roles", "disabled", "totp"))


@users_app.command("set-password")
def set_password(
    ctx: typer.Context,
    username: str = typer.Argument(...),
    password_stdin: bool = typer.Option(False, "--password-stdin"),
) -> None:
    """Set a new password and lift a lock-out."""
    from turquesa.server.accounts import set_password as store

    state: AppState = ctx.obj
    password = _password(password_stdin)
    with state.engine().begin() as conn:
        if conn.execute(select(users.c.id).where(users.c.username == username)).first() is None:
            raise UsageError(f"no user {username}")
        store(conn, username, password)
    Console().print(f"password of {username} set")


keys_app = typer.Typer(help="Blind-identifier keys in the key folder.", no_args_is_help=True)


@keys_app.command("rotate")
def rotate_keys(
    key_dir: Path = typer.Option(Path("keys"), "--key-dir", envvar="TURQUESA_KEY_DIR"),
) -> None:
    """A new OPRF key version; agencies then register their blind identifiers again
    (old versions stay, so searches against old registrations keep working)."""
    from turquesa.server.oprf_keys import Keyring

    key = Keyring(key_dir).rotate()
    Console().print(f"blind-identifier key version {key.version} created in {key_dir}")


@keys_app.command("list")
def list_keys(
    key_dir: Path = typer.Option(Path("keys"), "--key-dir", envvar="TURQUESA_KEY_DIR"),
) -> None:
    from turquesa.server.oprf_keys import Keyring

    versions = Keyring(key_dir).versions()
    Console().print(", ".join(str(v) for v in versions) if versions else "no keys yet")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(agencies_app, name="agencies")
    app.add_typer(users_app, name="users")
    app.add_typer(keys_app, name="keys")

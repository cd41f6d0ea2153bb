"""Users, passwords, sign-in, sessions and bearer tokens.

Why it is built this way:

* Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's second
  recommended set); a hash made with older parameters is replaced at the next sign-in.
* Tokens are 256-bit random strings given to the client once; the database keeps only
  their SHA-256, so a copy of the database lets no one sign in.
* An account is locked after `lockout_failures` failed sign-ins within
  `lockout_minutes`, and an address that fails `source_failures` times in that window
  is refused whatever user it names: without the second rule anyone could lock every
  prosecutor out during an operation by guessing at their user names.
* Sessions end after `idle_minutes` without use and `session_hours` in all; an account
  unused for `inactive_days` is disabled (by the next sign-in attempt or
  `disable_inactive`).
* Admins must use a second factor (TOTP); everyone else may.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, bindparam, func, select, update

from turquesa.errors import TurquesaError
from turquesa.i18n import N_
from turquesa.server import totp
from turquesa.server.settings import ServerSettings
from turquesa.storage.store import utcnow
from turquesa.storage.tables import agencies, auth_tokens, login_attempts, network_members, users

ROLES = (
    "analyst",
    "investigator",
    "prosecutor",
    "judge",
    "victim_support",
    "trainer",
    "admin",
)

_hasher = PasswordHasher()
# a hash to verify against when the user does not exist, so that timing does not tell
# an attacker which user names are real
_DUMMY_HASH = _hasher.hash("no such user")


class AuthError(TurquesaError):
    """Sign-in refused. `code` says why, for the API's error body."""

    exit_code = 1

    def __init__(self, code: str, message: str, status: int = 401) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


@dataclass(frozen=True)
class Viewer:
    """Who is asking: what every visibility decision is made from."""

    user_id: int
    username: str
    agency: str
    country: str
    roles: frozenset[str]
    networks: frozenset[str]
    token_kind: str = "bearer"

    def has(self, *roles: str) -> bool:
        return bool(self.roles & set(roles))


@dataclass(frozen=True)
class Issued:
    token: str
    csrf: str | None
    expires_at: datetime
    viewer: Viewer


def _aware(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back without their zone; they were stored in UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=utcnow().tzinfo)


def hash_password(password: str) -> str:
    if len(password) < 12:
        raise TurquesaError("a password needs at least 12 characters")
    return _hasher.hash(password)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_user(
    conn: Connection,
    username: str,
    agency: str,
    roles: list[str],
    password: str,
) -> int:
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        raise TurquesaError(f"unknown role(s) {', '.join(unknown)}; roles: {', '.join(ROLES)}")
    if not roles:
        raise TurquesaError("a user needs at least one role")
    if conn.execute(select(agencies.c.code).where(agencies.c.code == agency)).first() is None:
        raise TurquesaError(f"no agency {agency}; create it first (turquesa agencies add)")
    if conn.execute(select(users.c.id).where(users.c.username == username)).first():
        raise TurquesaError(f"user {username} exists already")
    result = conn.execute(
        users.insert().values(
            username=username,
            agency=agency,
            roles=";".join(sorted(set(roles))),
            password_hash=hash_password(password),
            totp_enabled=False,
            disabled=False,
            created_at=utcnow(),
        )
    )
    return int(result.inserted_primary_key[0])


def set_password(conn: Connection, username: str, password: str) -> None:
    conn.execute(
        update(users)
        .where(users.c.username == username)
        .values(password_hash=hash_password(password), locked_until=None)
    )


def viewer_of(conn: Connection, user_id: int, token_kind: str = "bearer") -> Viewer:
    row = conn.execute(
        select(users.c.id, users.c.username, users.c.agency, users.c.roles, agencies.c.country)
        .join(agencies, agencies.c.code == users.c.agency)
        .where(users.c.id == user_id)
    ).one()
    networks = frozenset(
        conn.execute(
            select(network_members.c.network).where(network_members.c.agency == row.agency)
        ).scalars()
    )
    return Viewer(
        user_id=row.id,
        username=row.username,
        agency=row.agency,
        country=row.country,
        roles=frozenset(r for r in row.roles.split(";") if r),
        networks=networks,
        token_kind=token_kind,
    )


def _failures(conn: Connection, column: object, value: str, since: datetime) -> int:
    return int(
        conn.execute(
            select(func.count()).where(
                column == value, login_attempts.c.at >= since, login_attempts.c.ok.is_(False)
            )
        ).scalar_one()
    )


def _record_attempt(conn: Connection, username: str, source: str, ok: bool) -> None:
    conn.execute(
        login_attempts.insert().values(
            username=username[:120], source=source[:64], at=utcnow(), ok=ok
        )
    )


def authenticate(
    conn: Connection,
    settings: ServerSettings,
    username: str,
    password: str,
    source: str,
    code: str | None = None,
    kind: str = "session",
) -> Issued:
    """Check a sign-in and issue a token; every attempt is recorded. Raises AuthError
    with the reason (the API tells the client only that it failed, or that it must
    wait)."""
    now = utcnow()
    since = now - settings.lockout_window
    if _failures(conn, login_attempts.c.source, source, since) >= settings.source_failures:
        raise AuthError("throttled", N_("too many failed sign-ins from this address"), 429)
    user = conn.execute(select(users).where(users.c.username == username)).mappings().first()
    if user is None:
        with contextlib.suppress(VerificationError, InvalidHashError):
            _hasher.verify(_DUMMY_HASH, password)
        _record_attempt(conn, username, source, False)
        raise AuthError("invalid", N_("wrong user name or password"))
    locked_until = _aware(user["locked_until"])
    if locked_until is not None and locked_until > now:
        _record_attempt(conn, username, source, False)
        raise AuthError("locked", N_("this account is locked; try again later"), 423)
    if user["disabled"]:
        _record_attempt(conn, username, source, False)
        raise AuthError("disabled", N_("this account is disabled"), 403)
    last = _aware(user["last_login_at"]) or _aware(user["created_at"])
    if last is not None and now - last > timedelta(days=settings.inactive_days):
        conn.execute(
            update(users)
            .where(users.c.id == user["id"])
            .values(disabled=True, disabled_reason=f"unused for {settings.inactive_days} days")
        )
        _record_attempt(conn, username, source, False)
        raise AuthError("disabled", N_("this account is disabled"), 403)
    try:
        _hasher.verify(user["password_hash"], password)
        ok = True
    except (VerificationError, InvalidHashError):
        ok = False
    roles = set(user["roles"].split(";"))
    if ok and (user["totp_enabled"] or "admin" in roles):
        if not user["totp_enabled"]:
            # an admin without a second factor may sign in only to set one up
            ok = True
        elif not code or not totp.verify(user["totp_secret"], code):
            _record_attempt(conn, username, source, False)
            _maybe_lock(conn, settings, user["id"], username, since)
            raise AuthError("totp", N_("a valid one-time code is required"))
    if not ok:
        _record_attempt(conn, username, source, False)
        _maybe_lock(conn, settings, user["id"], username, since)
        raise AuthError("invalid", N_("wrong user name or password"))
    _record_attempt(conn, username, source, True)
    values: dict[str, object] = {"last_login_at": now, "locked_until": None}
    if _hasher.check_needs_rehash(user["password_hash"]):
        values["password_hash"] = _hasher.hash(password)
    conn.execute(update(users).where(users.c.id == user["id"]).values(**values))
    return issue_token(conn, settings, int(user["id"]), kind)


def _maybe_lock(
    conn: Connection, settings: ServerSettings, user_id: int, username: str, since: datetime
) -> None:
    if _failures(conn, login_attempts.c.username, username, since) >= settings.lockout_failures:
        conn.execute(
            update(users)
            .where(users.c.id == user_id)
            .values(locked_until=utcnow() + settings.lockout_window)
        )


def issue_token(conn: Connection, settings: ServerSettings, user_id: int, kind: str) -> Issued:
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32) if kind == "session" else None
    now = utcnow()
    expires = now + settings.absolute
    conn.execute(
        auth_tokens.insert().values(
            token_hash=digest(token),
            user_id=user_id,
            kind=kind,
            csrf_hash=digest(csrf) if csrf else None,
            created_at=now,
            last_used_at=now,
            expires_at=expires,
        )
    )
    return Issued(token, csrf, expires, viewer_of(conn, user_id, kind))


@dataclass(frozen=True)
class TokenState:
    viewer: Viewer
    csrf_hash: str | None
    second_factor_missing: bool = False


#: The networks of each agency, read at most once a minute per process: they change
#: when an administrator adds a member, and every request needs them.
_NETWORKS_TTL = 60.0
_networks: dict[str, tuple[float, frozenset[str]]] = {}


def agency_networks(conn: Connection, agency: str) -> frozenset[str]:
    now = time.monotonic()
    cached = _networks.get(agency)
    if cached is not None and now - cached[0] < _NETWORKS_TTL:
        return cached[1]
    found = frozenset(
        conn.execute(
            select(network_members.c.network).where(network_members.c.agency == agency)
        ).scalars()
    )
    _networks[agency] = (now, found)
    return found


#: Token, user and agency in one statement, built once: it runs on every request.
_TOKEN_VIEWER = (
    select(
        auth_tokens.c.id,
        auth_tokens.c.kind,
        auth_tokens.c.csrf_hash,
        auth_tokens.c.expires_at,
        auth_tokens.c.last_used_at,
        auth_tokens.c.revoked_at,
        users.c.id.label("user_id"),
        users.c.username,
        users.c.agency,
        users.c.roles,
        users.c.disabled,
        users.c.totp_enabled,
        agencies.c.country,
    )
    .join(users, users.c.id == auth_tokens.c.user_id)
    .join(agencies, agencies.c.code == users.c.agency)
    .where(auth_tokens.c.token_hash == bindparam("token_hash"))
)


def resolve_token(conn: Connection, settings: ServerSettings, token: str) -> TokenState:
    """The viewer a token stands for, in one query (token, user and agency together: it
    runs on every request); refreshes the idle clock at most every 30 seconds. Expired,
    idle, revoked tokens and disabled users are refused."""
    now = utcnow()
    row = conn.execute(_TOKEN_VIEWER, {"token_hash": digest(token)}).mappings().first()
    if row is None or row["revoked_at"] is not None or row["disabled"]:
        raise AuthError("unauthenticated", N_("sign in first"))
    expires = _aware(row["expires_at"])
    last = _aware(row["last_used_at"])
    if (expires is not None and expires <= now) or (
        last is not None and now - last > settings.idle
    ):
        raise AuthError("expired", N_("the session has expired; sign in again"))
    if last is None or now - last > timedelta(seconds=30):
        conn.execute(
            update(auth_tokens).where(auth_tokens.c.id == row["id"]).values(last_used_at=now)
        )
    roles = frozenset(r for r in row["roles"].split(";") if r)
    viewer = Viewer(
        user_id=int(row["user_id"]),
        username=row["username"],
        agency=row["agency"],
        country=row["country"],
        roles=roles,
        networks=agency_networks(conn, row["agency"]),
        token_kind=row["kind"],
    )
    missing = "admin" in roles and not row["totp_enabled"]
    return TokenState(viewer, row["csrf_hash"], missing)


def revoke(conn: Connection, token: str) -> None:
    conn.execute(
        update(auth_tokens)
        .where(auth_tokens.c.token_hash == digest(token), auth_tokens.c.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def disable_inactive(conn: Connection, settings: ServerSettings) -> int:
    cutoff = utcnow() - timedelta(days=settings.inactive_days)
    result = conn.execute(
        update(users)
        .where(
            users.c.disabled.is_(False),
            func.coalesce(users.c.last_login_at, users.c.created_at) < cutoff,
        )
        .values(disabled=True, disabled_reason=f"unused for {settings.inactive_days} days")
    )
    return result.rowcount


def start_totp(conn: Connection, user_id: int) -> str:
    """A new secret for the user's authenticator; active once confirmed with a code."""
    secret = totp.new_secret()
    conn.execute(
        update(users).where(users.c.id == user_id).values(totp_secret=secret, totp_enabled=False)
    )
    return secret


def confirm_totp(conn: Connection, user_id: int, code: str) -> bool:
    secret = conn.execute(select(users.c.totp_secret).where(users.c.id == user_id)).scalar()
    if not secret or not totp.verify(secret, code):
        return False
    conn.execute(update(users).where(users.c.id == user_id).values(totp_enabled=True))
    return True

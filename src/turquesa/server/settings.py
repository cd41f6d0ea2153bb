"""The server's settings: one place for every limit an operator may need to change.

Defaults follow the issue and the FBI CJIS Security Policy figures police IT in the
region know: five failed sign-ins in fifteen minutes lock an account, sessions end after
30 minutes idle and 12 hours in all, accounts unused for 90 days are disabled. Every
value can be set from the environment (`TURQUESA_<NAME>`), so that a load test can
raise a rate limit without a code change.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from datetime import timedelta
from pathlib import Path


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(f"TURQUESA_{name.upper()}")
    return int(value) if value else default


@dataclass(frozen=True)
class ServerSettings:
    database_url: str = "sqlite:///turquesa.db"
    key_dir: Path = field(default_factory=lambda: Path(os.environ.get("TURQUESA_KEY_DIR", "keys")))
    idle_minutes: int = 30
    session_hours: int = 12
    lockout_failures: int = 5
    lockout_minutes: int = 15
    #: failed sign-ins from one address, whatever the user names, before it is slowed
    source_failures: int = 20
    inactive_days: int = 90
    search_per_user_minute: int = 60
    search_per_agency_minute: int = 600
    upload_max_bytes: int = 50 * 1024 * 1024
    secure_cookies: bool = True
    page_max: int = 500
    #: searches one server process runs at once; more wait their turn without a thread
    search_threads: int = 8
    #: how often the audit chain's head is signed (0: only by `turquesa audit checkpoint`)
    checkpoint_minutes: int = 5
    #: rate counters in Redis instead of the database (e.g. redis://127.0.0.1:6379/0)
    redis_url: str | None = field(default_factory=lambda: os.environ.get("TURQUESA_REDIS_URL"))

    @property
    def idle(self) -> timedelta:
        return timedelta(minutes=self.idle_minutes)

    @property
    def absolute(self) -> timedelta:
        return timedelta(hours=self.session_hours)

    @property
    def lockout_window(self) -> timedelta:
        return timedelta(minutes=self.lockout_minutes)

    @classmethod
    def from_environment(cls, database_url: str, **overrides: object) -> ServerSettings:
        """Defaults, then `TURQUESA_<NAME>` variables for the integer limits, then
        explicit overrides."""
        base = cls(database_url=database_url)
        values = {
            f.name: _env_int(f.name, getattr(base, f.name))
            for f in fields(cls)
            if f.type in ("int", int)
        }
        values.update(overrides)
        return replace(base, **values)  # type: ignore[arg-type]

"""Rate limits shared by every server process: counters in the database.

A fixed one-minute window per key (`search:user:42`, `search:agency:CO-DIJIN`), counted
in the database (one upsert, in a short transaction of its own) or in Redis when the
server is given one, so that two processes, or two machines behind one proxy, can never
each allow a full quota.
"""

from __future__ import annotations

import functools
import time
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, text

from turquesa.storage.tables import rate_counters

WINDOW = 60


@functools.lru_cache(maxsize=16)
def _upsert(keys: int) -> Any:
    """The counting statement for `keys` keys, written once per size. SQLAlchemy
    compiles a multi-row INSERT anew on every use, which cost more than the rest of a
    search; this text is the same on SQLite and PostgreSQL ("window" is quoted: it is a
    reserved word in PostgreSQL)."""
    rows = ", ".join(f"(:key{i}, :window, 1)" for i in range(keys))
    return text(
        f'INSERT INTO rate_counters (key, "window", count) VALUES {rows} '
        'ON CONFLICT (key, "window") DO UPDATE SET count = rate_counters.count + 1 '
        "RETURNING key, count"
    )


def take_many(engine: Engine, limits: list[tuple[str, int]], now: float | None = None) -> bool:
    """Count one use of every key, in one statement and a transaction of its own (so the
    counters' row locks last microseconds, not the whole request); False when any of
    them is over its limit. The engine is the counters' own: on PostgreSQL it runs the
    statement in autocommit and commits without waiting for the disk, since a rate
    counter is not evidence."""
    window = int((time.time() if now is None else now) // WINDOW * WINDOW)
    parameters: dict[str, Any] = {f"key{i}": key for i, (key, _) in enumerate(limits)}
    parameters["window"] = window
    with engine.begin() as conn:
        statement = _upsert(len(limits))
        counts = {key: count for key, count in conn.execute(statement, parameters)}
    return all(counts[key] <= limit for key, limit in limits)


class RedisCounters:
    """The same counters in Redis (`TURQUESA_REDIS_URL`): one round trip for all of a
    request's keys, each key expiring with its window. Faster than the database when
    every search counts, and shared by every server process just the same."""

    def __init__(self, url: str) -> None:
        import redis

        self.client = redis.Redis.from_url(url)

    def take_many(self, limits: list[tuple[str, int]], now: float | None = None) -> bool:
        window = int((time.time() if now is None else now) // WINDOW * WINDOW)
        pipe = self.client.pipeline(transaction=False)
        for key, _limit in limits:
            name = f"turquesa:rate:{key}:{window}"
            pipe.incr(name)
            pipe.expire(name, WINDOW * 2)
        counts = pipe.execute()[0::2]
        return all(count <= limit for count, (_key, limit) in zip(counts, limits, strict=True))


def take(counters: Engine | RedisCounters, limits: list[tuple[str, int]]) -> bool:
    """Count one use of every key in whichever store the server uses."""
    if isinstance(counters, RedisCounters):
        return counters.take_many(limits)
    return take_many(counters, limits)


def counter_engine(engine: Engine, threads: int) -> Engine:
    """A small engine of its own for the counters, beside the request's, with a
    connection for each of the process's search threads."""
    from turquesa.storage.engine import make_engine

    url = engine.url.render_as_string(hide_password=False)
    if engine.dialect.name != "postgresql":
        return make_engine(url)
    # Autocommit: the one upsert is atomic on its own, and a search then pays one round
    # trip for its quota instead of three (BEGIN, the upsert, COMMIT).
    counters = create_engine(
        engine.url,
        pool_size=threads,
        max_overflow=threads,
        pool_recycle=1800,
        isolation_level="AUTOCOMMIT",
    )
    event.listen(counters, "connect", _asynchronous_commit)
    return counters


def _asynchronous_commit(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("SET synchronous_commit = off")
    cursor.close()
    if not dbapi_connection.autocommit:
        dbapi_connection.commit()


def forget_before(conn: Connection, seconds_ago: int = 3600) -> int:
    """Drop old windows (run now and then; a counter of an hour ago limits nothing)."""
    cutoff = int(time.time()) - seconds_ago
    return conn.execute(delete(rate_counters).where(rate_counters.c.window < cutoff)).rowcount

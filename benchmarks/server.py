"""Hit/no-hit search under load: searches per second and latency of `POST /api/v1/search`.

    python -m benchmarks.server [--persons 1000000] [--workers 2] [--concurrency 12]

N synthetic persons are loaded into a PostgreSQL database of their own (cached: a
marker in the cache folder and a bench agency in the database say it is complete, so
a rerun does not reload), a bench agency and investigator are created there, and
`uvicorn` serves the application on loopback with the search limits raised through
`TURQUESA_SEARCH_PER_*` (and the periodic signing of the audit head, which is not what
is measured, and secure cookies, which need TLS, turned off). The
client signs in once and sends distinct identifiers, never one twice, so that no cache
helps: about 10% phones and passports sampled from the loaded identifiers (hits) and
90% plausible numbers checked to be absent (no-hits). It is a minimal HTTP/1.1
keep-alive client on asyncio, so that on two cores it costs the server as little CPU
as can be. After a warm-up it runs for a fixed time and prints searches per second,
p50/p90/p99 latency, errors, the share of searches that hit, the CPU each party
used, and checks that the audit log grew by exactly one `search` entry per answered
search (every search is audited in its own transaction before it is answered).
Targets on this 2-core machine: at least 500 searches per second, p99 under 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import socket
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.load import CACHE, PG_SERVER, synthesise

AGENCY = "BENCH-SRV"
USERNAME = "bench-investigator"
PASSWORD = "bench load test password"  # a local, throw-away benchmark database
TARGET_RATE = 500
TARGET_P99_MS = 50.0
#: Regions whose mobile numbers the no-hit searches invent (the data's countries).
REGIONS = ("CO", "EC", "VE", "PE", "PA", "CR", "MX", "GT", "HN", "DO", "HT", "BR", "TT", "CU")


#: Targets of name and birth-date searches (fuzzy, from the name index).
NAME_TARGET_RATE = 100
NAME_TARGET_P99_MS = 200.0


@dataclass(frozen=True)
class Query:
    kind: str  # an identifier kind, or "name"
    value: str  # the identifier, or "given|surnames|birth date"
    expect_hit: bool

    def body(self) -> dict[str, str]:
        if self.kind != "name":
            return {"kind": self.kind, "value": self.value}
        given, surnames, birth = self.value.split("|")
        return {"given_names": given, "surnames": surnames, "birth_date": birth}


@dataclass
class Phase:
    """What the client saw in one phase (warm-up or measured)."""

    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    found: int = 0
    expected_hits: int = 0
    failures: int = 0  # connection errors, not HTTP statuses

    @property
    def answered(self) -> int:
        return self.statuses.get(200, 0)

    @property
    def errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if s != 200) + self.failures


# -- data ------------------------------------------------------------------------------


def database_url(persons: int) -> str:
    return f"{PG_SERVER}/turquesa_bench_server_{persons}"


def _marker(persons: int, seed: int) -> Path:
    return CACHE / f"server-pg-{persons}-{seed}.ok"


def _drop(url: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    admin.dispose()


def _complete(url: str) -> bool:
    """The database exists and holds the bench agency, made after the last load."""
    from sqlalchemy import create_engine, text

    name = url.rsplit("/", 1)[1]
    admin = create_engine(f"{PG_SERVER}/postgres")
    try:
        with admin.connect() as conn:
            if not conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).first():
                return False
    finally:
        admin.dispose()
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return bool(
                conn.execute(text("SELECT 1 FROM agencies WHERE code = :c"), {"c": AGENCY}).first()
            )
    except Exception:
        return False
    finally:
        engine.dispose()


def loaded_database(persons: int, seed: int) -> str:
    """The PostgreSQL database with `persons` synthetic persons and the bench account."""
    url = database_url(persons)
    marker = _marker(persons, seed)
    if marker.exists() and marker.read_text() == url and _complete(url):
        return url
    from sqlalchemy import text

    from turquesa.ingest.loader import ingest
    from turquesa.storage.engine import open_database

    data = synthesise(persons, seed)
    marker.unlink(missing_ok=True)
    _drop(url)  # a load cut short leaves some agencies in: start again
    started = time.perf_counter()
    engine = open_database(url)
    for folder in sorted(p for p in data.iterdir() if p.is_dir() and p.name != "truth"):
        report = ingest(engine, folder, loaded_by="bench")
        if not report.ok:
            raise SystemExit(f"{folder.name} refused: {report.errors[:3]}")
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    create_account(engine)
    engine.dispose()
    # The application brings its start-up indexes up to date when it starts; once, with
    # one process, so that the timed runs' workers find nothing to do and do not race.
    port = free_port()
    first = start_server(url, port, 1, Path(tempfile.mkdtemp(prefix="turquesa-keys-")))
    try:
        wait_ready(port, first, timeout=3600)
    finally:
        first.terminate()
        first.wait(60)
    marker.write_text(url)
    print(f"  loaded into PostgreSQL in {time.perf_counter() - started:.1f} s", flush=True)
    return url


def create_account(engine: object) -> None:
    """A searching agency of its own (no network, so that what it finds elsewhere is
    mostly hits, not records) and an investigator, who may learn of victim hits."""
    from turquesa.server.accounts import create_user
    from turquesa.storage.store import upsert_agency

    with engine.begin() as conn:  # type: ignore[attr-defined]
        upsert_agency(conn, AGENCY, "CO", "Load test agency")
        create_user(conn, USERNAME, AGENCY, ["investigator"], PASSWORD)


def sample_hits(engine: object, count: int, rng: random.Random) -> list[Query]:
    """Phones and passports of current person records, distinct, in random order;
    passports as stored (normalised), phones in E.164."""
    from sqlalchemy import text

    query = text(
        "SELECT i.kind, i.value FROM identifiers i JOIN records r "
        "ON r.agency = i.agency AND r.record_id = i.owner_record_id "
        "AND r.kind = 'person' AND r.status = 'current' "
        "WHERE i.kind = :kind ORDER BY random() LIMIT :n"
    )
    found: dict[tuple[str, str], None] = {}
    with engine.connect() as conn:  # type: ignore[attr-defined]
        conn.execute(text("SELECT setseed(:s)"), {"s": rng.random() * 2 - 1})
        for kind in ("phone", "passport"):
            for k, v in conn.execute(query, {"kind": kind, "n": count}):
                found[(k, v)] = None
    pairs = list(found)
    rng.shuffle(pairs)
    return [Query(k, v, True) for k, v in pairs[:count]]


def _invent_phone(rng: random.Random) -> str | None:
    import phonenumbers

    region = rng.choice(REGIONS)
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    if example is None:
        return None
    national = str(example.national_number)
    keep = min(3, len(national) - 4)
    digits = national[:keep] + "".join(rng.choice(string.digits) for _ in national[keep:])
    number = phonenumbers.PhoneNumber(
        country_code=example.country_code, national_number=int(digits)
    )
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _invent_passport(rng: random.Random) -> str:
    letters = "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.choice((1, 2))))
    return letters + "".join(rng.choice(string.digits) for _ in range(rng.choice((7, 8))))


def invent_misses(engine: object, count: int, rng: random.Random) -> list[Query]:
    """Plausible phones (valid mobile numbers of a region of the data) and passport
    numbers that no record carries, checked against the identifiers table."""
    from sqlalchemy import bindparam, text

    from turquesa.server.search import DOCUMENT_KINDS, normalise_query

    wanted: dict[tuple[str, str], None] = {}
    while len(wanted) < count:
        kind = "phone" if rng.random() < 0.5 else "passport"
        raw = _invent_phone(rng) if kind == "phone" else _invent_passport(rng)
        if raw is None:
            continue
        wanted[(kind, normalise_query(kind, raw, None))] = None
    taken = text(
        "SELECT value FROM identifiers WHERE kind IN :kinds AND value IN :values"
    ).bindparams(bindparam("kinds", expanding=True), bindparam("values", expanding=True))
    present: set[tuple[str, str]] = set()
    with engine.connect() as conn:  # type: ignore[attr-defined]
        for kind, kinds in (("phone", ["phone"]), ("passport", list(DOCUMENT_KINDS))):
            values = [v for k, v in wanted if k == kind]
            for start in range(0, len(values), 5000):
                chunk = values[start : start + 5000]
                rows = conn.execute(taken, {"kinds": kinds, "values": chunk}).scalars()
                present.update((kind, v) for v in rows)
    return [Query(k, v, False) for k, v in wanted if (k, v) not in present]


def sample_names(engine: object, count: int, rng: random.Random) -> list[Query]:
    """Names and full birth dates of current person records, as a border officer would
    type them (given names, surnames, the date)."""
    from sqlalchemy import text

    query = text(
        "SELECT data->>'given_names', data->'surnames', data->>'birth_date' FROM records "
        "WHERE kind = 'person' AND status = 'current' AND length(data->>'birth_date') = 10 "
        "AND data->>'given_names' IS NOT NULL ORDER BY random() LIMIT :n"
    )
    found: list[Query] = []
    with engine.connect() as conn:  # type: ignore[attr-defined]
        conn.execute(text("SELECT setseed(:s)"), {"s": rng.random() * 2 - 1})
        for given, surnames, birth in conn.execute(query, {"n": count}):
            names = " ".join(surnames) if isinstance(surnames, list) else str(surnames or "")
            if given and names:
                found.append(Query("name", f"{given}|{names}|{birth}", True))
    return found


def invent_names(engine: object, count: int, rng: random.Random) -> list[Query]:
    """Plausible names on random birth dates: given names and surnames drawn from the
    data's own, recombined, so that hardly any matches a record."""
    from sqlalchemy import text

    with engine.connect() as conn:  # type: ignore[attr-defined]
        rows = conn.execute(
            text(
                "SELECT data->>'given_names', data->'surnames'->>0 FROM records "
                "WHERE kind = 'person' AND status = 'current' LIMIT 20000"
            )
        ).all()
    given = [g for g, _ in rows if g]
    surnames = [s for _, s in rows if s]
    return [
        Query(
            "name",
            f"{rng.choice(given)}|{rng.choice(surnames)} {rng.choice(surnames)}|"
            f"{rng.randrange(1950, 2006)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
            False,
        )
        for _ in range(count)
    ]


def workload(
    engine: object, count: int, hit_share: float, seed: int, kind: str = "identifier"
) -> list[Query]:
    rng = random.Random(seed)
    if kind == "name":
        hits = sample_names(engine, round(count * hit_share), rng)
        misses = invent_names(engine, count - len(hits), rng)
    else:
        hits = sample_hits(engine, round(count * hit_share), rng)
        misses = invent_misses(engine, count - len(hits), rng)
    queries = hits + misses
    rng.shuffle(queries)
    return queries


def audit_searches(engine: object) -> int:
    from sqlalchemy import text

    with engine.connect() as conn:  # type: ignore[attr-defined]
        return int(
            conn.execute(text("SELECT count(*) FROM audit_log WHERE action = 'search'")).scalar()
        )


# -- server ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    url: str, port: int, workers: int, key_dir: Path, app: str = "turquesa.server.main:app"
) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        TURQUESA_SERVER_DB=url,
        TURQUESA_KEY_DIR=str(key_dir),
        TURQUESA_INSECURE_COOKIES="1",
        TURQUESA_SEARCH_PER_USER_MINUTE=str(10**9),
        TURQUESA_SEARCH_PER_AGENCY_MINUTE=str(10**9),
        TURQUESA_CHECKPOINT_MINUTES="0",  # signing is not what is measured
    )
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        app,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    return subprocess.Popen(command, env=env)


def wait_ready(port: int, server: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode})")
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=2.0)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit("the server did not answer in time")


def sign_in(port: int) -> str:
    import httpx

    response = httpx.post(
        f"http://127.0.0.1:{port}/api/v1/auth/login",
        json={"username": USERNAME, "password": PASSWORD, "kind": "bearer"},
        timeout=30.0,
    )
    response.raise_for_status()
    return str(response.json()["token"])


def cpu_seconds(pid: int) -> float:
    """User+system CPU of a process and its live children (uvicorn's workers), from
    /proc; postgres backends are counted by `postgres_cpu`."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(entry.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def postgres_cpu() -> float:
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != "postgres":
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


# -- client ----------------------------------------------------------------------------


async def _one(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, head: bytes, query: Query
) -> tuple[int, bytes]:
    body = json.dumps(query.body()).encode()
    writer.write(head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
    header = await reader.readuntil(b"\r\n\r\n")
    lines = header.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return status, await reader.readexactly(length)


async def _run_phase(
    port: int,
    token: str,
    queries: Iterator[Query],
    concurrency: int,
    seconds: float,
    path: str = "/api/v1/search",
) -> Phase:
    """`concurrency` keep-alive connections, each sending its next search as soon as
    the previous one is answered, until `seconds` have passed or queries run out."""
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
    ).encode()
    phase = Phase()
    started = time.perf_counter()
    deadline = started + seconds

    async def connection() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < deadline:
                query = next(queries, None)
                if query is None:
                    return
                sent = time.perf_counter()
                try:
                    status, body = await _one(reader, writer, head, query)
                except (OSError, asyncio.IncompleteReadError):
                    phase.failures += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    continue
                phase.latencies_ms.append((time.perf_counter() - sent) * 1000)
                phase.statuses[status] = phase.statuses.get(status, 0) + 1
                if status == 200:
                    phase.expected_hits += query.expect_hit
                    phase.found += not (b'"records":[]' in body and b'"hits":[]' in body)
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(concurrency)))
    phase.seconds = time.perf_counter() - started
    return phase


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# -- what the database does per search -------------------------------------------------


def explain(engine: object, hit: Query, miss: Query) -> None:
    """EXPLAIN ANALYZE of the search query as the server builds it (the columns it
    reads apart), for one hit and one miss: it must use ix_identifiers_kind_value."""

    from turquesa.server.accounts import viewer_of
    from turquesa.server.search import DOCUMENT_KINDS
    from turquesa.storage.tables import users

    with engine.connect() as conn:  # type: ignore[attr-defined]
        user_id = conn.execute(
            users.select().with_only_columns(users.c.id).where(users.c.username == USERNAME)
        ).scalar_one()
        viewer = viewer_of(conn, user_id)
        from sqlalchemy import and_, select

        from turquesa.server.access import visible
        from turquesa.storage.tables import identifiers, records

        for label, query in (("hit", hit), ("miss", miss)):
            kinds = DOCUMENT_KINDS if query.kind != "phone" else ("phone",)
            statement = (
                select(records.c.agency, records.c.record_id, visible(viewer).label("visible"))
                .select_from(identifiers)
                .join(
                    records,
                    and_(
                        records.c.agency == identifiers.c.agency,
                        records.c.record_id == identifiers.c.owner_record_id,
                        records.c.kind.in_(("person", "organization")),
                        records.c.status == "current",
                    ),
                )
                .where(identifiers.c.kind.in_(kinds), identifiers.c.value == query.value)
                .limit(200)
            )
            compiled = statement.compile(
                dialect=conn.dialect, compile_kwargs={"render_postcompile": True}
            )
            plan = [
                row[0]
                for row in conn.exec_driver_sql(
                    f"EXPLAIN (ANALYZE, BUFFERS) {compiled}", compiled.params
                )
            ]
            print(f"  search plan ({label}, {query.kind}):")
            for line in plan:
                print(f"    {line}")


# -- the run ---------------------------------------------------------------------------


def report(name: str, phase: Phase, cpu: dict[str, float], kind: str = "identifier") -> bool:
    rate = phase.answered / phase.seconds if phase.seconds else 0.0
    p50, p90, p99 = (percentile(phase.latencies_ms, q) for q in (0.50, 0.90, 0.99))
    hit_ratio = phase.found / max(1, phase.answered)
    target_rate, target_p99 = (
        (NAME_TARGET_RATE, NAME_TARGET_P99_MS) if kind == "name" else (TARGET_RATE, TARGET_P99_MS)
    )
    ok = rate >= target_rate and p99 < target_p99 and phase.errors == 0
    print(
        f"  {name}: {phase.answered:,} searches in {phase.seconds:.1f} s = {rate:,.0f}/s  "
        f"p50 {p50:.1f} ms  p90 {p90:.1f} ms  p99 {p99:.1f} ms  max "
        f"{max(phase.latencies_ms, default=float('nan')):.1f} ms  errors {phase.errors} "
        f"{dict(sorted(phase.statuses.items()))}  hit ratio {hit_ratio:.3f} "
        f"(expected {phase.expected_hits / max(1, phase.answered):.3f})  "
        f"[{'meets' if ok else 'misses'} the target: >= {target_rate}/s, p99 < "
        f"{target_p99:.0f} ms]",
        flush=True,
    )
    print(
        "  CPU seconds in the measured phase: "
        + ", ".join(f"{k} {v:.1f}" for k, v in cpu.items())
        + f" (of {2 * phase.seconds:.0f} available on {os.cpu_count()} cores)",
        flush=True,
    )
    return ok


def run(args: argparse.Namespace) -> bool:
    from turquesa.storage.engine import make_engine

    print(f"{args.persons:,} persons", flush=True)
    url = loaded_database(args.persons, args.seed)
    engine = make_engine(url)
    started = time.perf_counter()
    needed = int((args.warmup + args.seconds) * args.max_rate)
    queries = workload(engine, needed, args.hit_share, args.seed + int(time.time()), args.kind)
    print(
        f"  {len(queries):,} distinct identifiers ready in {time.perf_counter() - started:.1f} s "
        f"({sum(q.expect_hit for q in queries):,} present in the data)",
        flush=True,
    )
    before = audit_searches(engine)
    key_dir = Path(tempfile.mkdtemp(prefix="turquesa-bench-keys-"))
    port = free_port()
    server = start_server(url, port, args.workers, key_dir, args.app)
    try:
        wait_ready(port, server)
        token = sign_in(port)
        print(
            f"  uvicorn {args.app} --workers {args.workers} on 127.0.0.1:{port}; client: "
            f"{args.concurrency} keep-alive connections; warm-up {args.warmup:.0f} s, "
            f"then {args.seconds:.0f} s",
            flush=True,
        )
        warm, measured, cpu = measure(port, token, queries, args, server.pid)
    finally:
        server.terminate()
        server.wait(30)
    report(f"measured ({args.kind} searches)", measured, cpu, args.kind)
    after = audit_searches(engine)
    answered = warm.answered + measured.answered
    grown = after - before
    print(
        f"  audit log: {grown:,} new search entries for {answered:,} answered searches "
        f"(warm-up {warm.answered:,} + measured {measured.answered:,}): "
        f"{'exactly one each' if grown == answered else 'MISMATCH'}",
        flush=True,
    )
    if args.explain and queries and args.kind == "identifier":
        hit = next((q for q in queries if q.expect_hit), queries[0])
        miss = next((q for q in queries if not q.expect_hit), queries[0])
        explain(engine, hit, miss)
    engine.dispose()
    return grown == answered


def cpu_snapshot(server_pid: int) -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "client": own.ru_utime + own.ru_stime,
        "server": cpu_seconds(server_pid),
        "postgres": postgres_cpu(),
    }


def measure(
    port: int, token: str, queries: list[Query], args: argparse.Namespace, server_pid: int
) -> tuple[Phase, Phase, dict[str, float]]:
    """Warm-up, then the measured phase, with the CPU each party used during it."""
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    stream = iter(queries)
    marks: list[dict[str, float]] = []

    async def both() -> tuple[Phase, Phase]:
        path = "/api/v1/search/name" if args.kind == "name" else "/api/v1/search"
        first = await _run_phase(port, token, stream, args.concurrency, args.warmup, path)
        marks.append(cpu_snapshot(server_pid))
        second = await _run_phase(port, token, stream, args.concurrency, args.seconds, path)
        marks.append(cpu_snapshot(server_pid))
        return first, second

    warm, measured = asyncio.run(both())
    return warm, measured, {k: marks[1][k] - marks[0][k] for k in marks[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=12,
        help="client connections (each sends its next search when answered: past what "
        "keeps the server busy, more only queue, and the queue is the latency)",
    )
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds, not measured")
    parser.add_argument("--seconds", type=float, default=30.0, help="measured seconds")
    parser.add_argument("--hit-share", type=float, default=0.10)
    parser.add_argument(
        "--kind",
        choices=("identifier", "name"),
        default="identifier",
        help="identifier searches (/search) or name and birth-date searches (/search/name)",
    )
    parser.add_argument(
        "--max-rate", type=int, default=2500, help="identifiers prepared per second of run"
    )
    parser.add_argument(
        "--app", default="turquesa.server.main:app", help="the ASGI application to serve"
    )
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the search")
    args = parser.parse_args()
    print(
        f"hit/no-hit search load test on {os.cpu_count()} cores, PostgreSQL at {PG_SERVER} "
        f"(targets: >= {TARGET_RATE} searches/s, p99 < {TARGET_P99_MS:.0f} ms)",
        flush=True,
    )
    ok = True
    for persons in args.persons:
        args.persons = persons
        ok = run(args) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

"""A load killed midway leaves the database exactly as it was."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.helpers import good_submission, snapshot
from turquesa.ingest.loader import ingest
from turquesa.storage.engine import open_database

ROWS = 60_000


def _big_submission(folder: Path) -> Path:
    folder.mkdir()
    (folder / "agency.csv").write_text("agency,country,name\nCO-FGN,CO,Fiscalía\n")
    with (folder / "persons.csv").open("w", encoding="utf-8") as out:
        out.write("record_id,role,given_names,surnames,birth_date,phones,nationality\n")
        for i in range(ROWS):
            out.write(
                f"R{i},smuggled_migrant,Luis {i % 97},Pérez Gómez,"
                f"{1 + i % 28:02d}/{1 + i % 12:02d}/19{50 + i % 50},"
                f"300{i:07d},Venezuela\n"
            )
    return folder


def _no_process_left(argument: str, wait: float = 10.0) -> bool:
    """No process whose command line names `argument` (the load's workers) is alive."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        alive = []
        for proc in Path("/proc").iterdir():
            try:
                if proc.name.isdigit() and argument.encode() in (proc / "cmdline").read_bytes():
                    alive.append(proc.name)
            except OSError:
                continue
        if not alive:
            return True
        time.sleep(0.1)
    return False


def _writing(url: str, db_file: Path | None) -> bool:
    """Is the load in the middle of writing records?"""
    if db_file is not None:
        # The load's transaction holds SQLite's write lock from its first row to its
        # commit; its rows sit in the connection's page cache until the commit writes
        # them out, so the write-ahead log only grows once the commit has begun. A
        # probe that cannot take the lock at once is looking at a load mid-write.
        probe = sqlite3.connect(db_file, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()
    probe = create_engine(url)
    try:
        with probe.connect() as conn:
            return bool(
                conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE query LIKE 'COPY \"records\"%' AND datname = current_database()"
                    )
                ).scalar()
            )
    finally:
        probe.dispose()


def test_killing_a_load_midway_leaves_nothing_half_written(db_url: str, tmp_path: Path) -> None:
    db_file = Path(db_url.removeprefix("sqlite:///")) if db_url.startswith("sqlite") else None
    engine = open_database(db_url)
    assert ingest(engine, good_submission(tmp_path / "first")).status == "loaded"
    before = snapshot(engine)
    engine.dispose()
    big = _big_submission(tmp_path / "big")
    env = {**os.environ, "TURQUESA_DB": db_url}
    process = subprocess.Popen(
        [sys.executable, "-m", "turquesa", "ingest", str(big), "-q"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if _writing(db_url, db_file):
            time.sleep(0.2)  # some batches in, the commit far off
            break
        time.sleep(0.05)
    assert process.poll() is None, "the load ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert _no_process_left(str(big)), "worker processes outlived the killed load"
    engine = open_database(db_url)
    assert snapshot(engine) == before
    # and the database is usable: no lock or half-written page is left behind
    other = good_submission(
        tmp_path / "other", **{"agency.csv": "agency,country,name\nPA-SENAFRONT,PA,SENAFRONT\n"}
    )
    assert ingest(engine, other).status == "loaded"
    engine.dispose()

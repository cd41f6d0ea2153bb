"""Group commit for the audit log: many requests' entries in one transaction.

Appending in each request's own transaction serialises commits on the chain lock, so
the log advances one disk flush at a time (about 550 a second on PostgreSQL here).
A request that has nothing else to commit (a search) can instead hand its event to
this writer and wait: one thread appends whatever has queued up in one transaction
and commits, then releases every waiter. The entry is still durable before the
response leaves (the caller waits for the commit, and a failed commit raises in every
waiter); nothing is held in memory past a crash but requests that have not answered.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future

from sqlalchemy import Engine

from turquesa.server.audit import AuditEntry, AuditEvent, append_many
from turquesa.server.audit_chain import valid_action

_STOP = object()


class GroupWriter:
    def __init__(self, engine: Engine, max_batch: int = 500) -> None:
        self._engine = engine
        self._max_batch = max_batch
        self._queue: queue.Queue[object] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
        self._thread.start()

    def submit(self, event: AuditEvent) -> Future[AuditEntry]:
        """A future that resolves once the entry is committed (`asyncio.wrap_future` it
        in an async endpoint)."""
        if not valid_action(event.action):  # refused here, not in a batch of others
            raise ValueError(f"{event.action!r} is not an audit action name")
        if not self._thread.is_alive():
            raise RuntimeError("the audit writer is closed")
        future: Future[AuditEntry] = Future()
        self._queue.put((event, future))
        return future

    def record(self, event: AuditEvent, timeout: float | None = 30.0) -> AuditEntry:
        """Append `event` and return once it is committed."""
        return self.submit(event).result(timeout)

    def close(self) -> None:
        """Commit what is queued, then stop."""
        self._queue.put(_STOP)
        self._thread.join()

    def _run(self) -> None:
        stopping = False
        while not stopping:
            batch: list[tuple[AuditEvent, Future[AuditEntry]]] = []
            item = self._queue.get()
            while True:
                if item is _STOP:
                    stopping = True
                else:
                    batch.append(item)  # type: ignore[arg-type]
                if stopping or len(batch) >= self._max_batch:
                    break
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
            if batch:
                self._commit(batch)

    def _commit(self, batch: list[tuple[AuditEvent, Future[AuditEntry]]]) -> None:
        try:
            with self._engine.begin() as conn:
                entries = append_many(conn, [event for event, _ in batch])
        except Exception as exc:  # every waiter learns its entry was not recorded
            for _, future in batch:
                future.set_exception(exc)
            return
        for (_, future), entry in zip(batch, entries, strict=True):
            future.set_result(entry)

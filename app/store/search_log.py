"""The local search log: which queries were asked, how many hits, how long they took.

Logging a search needs the write lock, which another process may hold for a while (a long import). A search must
never wait for it or fail because of it: each entry is written through a connection of its own (opened and closed
for it, ~1 ms) that waits at most :data:`QUICK_WRITE_SECONDS`; an entry that cannot be written then is kept (up to
:data:`MAX_PENDING`) and written with the next one.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from app.model import to_iso
from app.store.errors import storage_errors

log = logging.getLogger(__name__)

QUICK_WRITE_SECONDS = 0.25
MAX_PENDING = 200
_INSERT = "INSERT INTO search_log (at, query, hits, took_ms) VALUES (?, ?, ?, ?)"


class SearchLogRepository:
    def __init__(self, db: Database):
        self.db = db
        self._pending: list[tuple[str | None, str, int, float]] = []
        self._lock = threading.Lock()

    def record(self, query: str, hits: int, took_ms: float, at: datetime) -> bool:
        """Log a search; False when the database is busy (the entry is written with a later one).

        Raises :class:`~app.store.errors.StorageError` for a read-only or full disk.
        """
        entry = (to_iso(at), query, hits, round(took_ms, 3))
        path = getattr(self.db, "path", None)
        # In memory there is nobody else to wait for; inside a transaction of this connection (a demo seeding its
        # history) the lock is ours already: a second connection would only wait for it.
        if path is None or self.db.conn.in_transaction:
            with self.db.atomic():
                self.db.execute(_INSERT, list(entry))
            return True
        with self._lock, storage_errors(path):
            self._pending = (self._pending + [entry])[-MAX_PENDING:]
            # A connection of its own, for this entry only: it waits at most QUICK_WRITE_SECONDS for the lock.
            connection = sqlite3.connect(str(path), timeout=QUICK_WRITE_SECONDS, isolation_level=None)
            try:
                connection.execute("BEGIN IMMEDIATE")
                connection.executemany(_INSERT, self._pending)
                connection.execute("COMMIT")
            except sqlite3.OperationalError as error:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                if (getattr(error, "sqlite_errorname", "") or "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
                    log.info("search not logged yet (the database is busy); kept for the next search")
                    return False
                raise
            finally:
                connection.close()
            self._pending = []
        return True

    def zero_result_queries(self, limit: int = 50) -> list[tuple[str, int]]:
        sql = (
            "SELECT query, count(*) AS n FROM search_log WHERE hits = 0 "
            "GROUP BY query ORDER BY n DESC, query LIMIT ?"
        )
        return [(row["query"], row["n"]) for row in self.db.query(sql, [limit])]

    def zero_result_figures(self, since: datetime | None, limit: int,
                            until: datetime | None = None) -> list[dict[str, Any]]:
        """Queries that found nothing in [since, until) (open ends when None): the query, how often, when last."""
        return list(self.db.query(
            "SELECT query, count(*) AS n, max(at) AS last_at FROM search_log WHERE hits = 0 AND at >= ? AND at < ? "
            "GROUP BY query ORDER BY n DESC, last_at DESC LIMIT ?",
            [*_bounds(since, until), limit],
        ))

    def totals(self, since: datetime | None, until: datetime | None = None) -> tuple[int, int]:
        """(searches, searches with no results) in [since, until)."""
        total, zero = self.db.execute(
            "SELECT count(*), sum(CASE WHEN hits = 0 THEN 1 ELSE 0 END) FROM search_log WHERE at >= ? AND at < ?",
            _bounds(since, until),
        ).fetchone()
        return total or 0, zero or 0


def _bounds(since: datetime | None, until: datetime | None) -> list[str]:
    # "~" sorts after every ISO time, so an open end needs no second form of the query.
    return [to_iso(since) or "", to_iso(until) or "~"]

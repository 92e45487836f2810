"""The local search log: which queries were asked, how many hits, how long they took."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlite_utils import Database

from app.model import to_iso


class SearchLogRepository:
    def __init__(self, db: Database):
        self.db = db

    def record(self, query: str, hits: int, took_ms: float, at: datetime) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO search_log (at, query, hits, took_ms) VALUES (?, ?, ?, ?)",
                [to_iso(at), query, hits, round(took_ms, 3)],
            )

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

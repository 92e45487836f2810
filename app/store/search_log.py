"""The local search log: which queries were asked, how many hits, how long they took."""

from __future__ import annotations

from datetime import datetime

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

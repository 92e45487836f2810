"""(query, article) pairs learnt from use: counts of search sessions with exponential decay, and the owner's
decision on each."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from app.model import moment_of, to_iso


@dataclass(frozen=True)
class LearntPair:
    id: int
    query: str
    article_id: str
    article_title: str
    weight: float  # decayed count of sessions, as of ``last_seen``
    sessions: int  # sessions ever
    last_seen: datetime
    status: str
    phrasings: tuple[str, ...] = ()  # the article's 相似问 now


def decayed(weight: float, since: datetime, now: datetime, half_life_days: float) -> float:
    """``weight`` after the whole days since ``since`` (uses of the same day count fully)."""
    days = max(0, (now - since).days)
    return weight * 0.5 ** (days / half_life_days)


class LearntPairRepository:
    def __init__(self, db: Database):
        self.db = db

    def record(self, query: str, article_id: str, at: datetime, half_life_days: float) -> None:
        """One more session in which ``query`` led to ``article_id`` (a dismissed pair stays dismissed)."""
        with self.db.atomic():
            row = self.db.execute(
                "SELECT id, weight, last_seen FROM learnt_pairs WHERE query = ? AND article_id = ?", [query, article_id]
            ).fetchone()
            if row is None:
                self.db.execute(
                    "INSERT INTO learnt_pairs (query, article_id, weight, sessions, first_seen, last_seen) "
                    "VALUES (?, ?, 1, 1, ?, ?)",
                    [query, article_id, to_iso(at), to_iso(at)],
                )
                return
            weight = decayed(row[1], moment_of(row[2]), at, half_life_days) + 1.0
            self.db.execute(
                "UPDATE learnt_pairs SET weight = ?, sessions = sessions + 1, last_seen = max(last_seen, ?) "
                "WHERE id = ?",
                [weight, to_iso(at), row[0]],
            )

    def pairs(self, status: str = "open", query: str | None = None, min_weight: float = 0.0) -> list[LearntPair]:
        where, params = ["p.status = ?", "p.weight >= ?", "a.status != 'archived'"], [status, min_weight]
        if query is not None:
            where.append("p.query = ?")
            params.append(query)
        sql = (
            "SELECT p.id, p.query, p.article_id, a.title, p.weight, p.sessions, p.last_seen, p.status, a.phrasings "
            "FROM learnt_pairs p JOIN articles a ON a.id = p.article_id "
            f"WHERE {' AND '.join(where)} ORDER BY p.weight DESC, p.last_seen DESC, p.id"
        )
        return [_pair(row) for row in self.db.execute(sql, params)]

    def get(self, pair_id: int) -> LearntPair | None:
        row = self.db.execute(
            "SELECT p.id, p.query, p.article_id, a.title, p.weight, p.sessions, p.last_seen, p.status, a.phrasings "
            "FROM learnt_pairs p JOIN articles a ON a.id = p.article_id WHERE p.id = ?", [pair_id]
        ).fetchone()
        return None if row is None else _pair(row)

    def decide(self, pair_id: int, status: str, at: datetime, by: str) -> bool:
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE learnt_pairs SET status = ?, decided_at = ?, decided_by = ? WHERE id = ? AND status = 'open'",
                [status, to_iso(at), by, pair_id],
            )
            return cursor.rowcount > 0


def _pair(row) -> LearntPair:
    try:
        phrasings = tuple(str(p) for p in json.loads(row[8] or "[]"))
    except ValueError:
        phrasings = ()
    return LearntPair(row[0], row[1], row[2], row[3], row[4], row[5], moment_of(row[6]), row[7], phrasings)

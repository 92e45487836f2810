"""The index journal: article ids changed since a sequence number (filled by triggers, see migrations)."""

from __future__ import annotations

from sqlite_utils import Database


class IndexJournal:
    def __init__(self, db: Database):
        self.db = db

    def last_seq(self) -> int:
        return self.db.execute("SELECT coalesce(max(seq), 0) FROM index_journal").fetchone()[0]

    def changed_since(self, seq: int) -> tuple[int, list[str]]:
        """(latest sequence number, distinct article ids changed after ``seq``)."""
        rows = self.db.execute(
            "SELECT max(seq), article_id FROM index_journal WHERE seq > ? GROUP BY article_id", [seq]
        ).fetchall()
        if not rows:
            return seq, []
        return max(r[0] for r in rows), [r[1] for r in rows]

    def prune(self, up_to_seq: int) -> None:
        """Forget entries the index has applied (keeps the newest so the sequence never restarts)."""
        with self.db.atomic():
            self.db.execute("DELETE FROM index_journal WHERE seq <= ? AND seq < (SELECT max(seq) FROM index_journal)", [up_to_seq])

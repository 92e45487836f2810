"""What the built-in demo put into a data directory, found again to take it out (see app/demo.py)."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from app.model import to_iso


class DemoContent:
    def __init__(self, db: Database):
        self.db = db

    def untouched_articles(self) -> list[str]:
        """Demo articles never edited since (an edited one is the user's now)."""
        return [r["id"] for r in self.db.query(
            "SELECT id FROM articles WHERE external_id LIKE 'demo-%' AND version <= 1")]

    def edited_articles(self) -> int:
        return self.db.execute(
            "SELECT count(*) FROM articles WHERE external_id LIKE 'demo-%' AND version > 1").fetchone()[0]

    def remove(self, article_ids: list[str], seeded_at: datetime) -> dict[str, int]:
        """Delete the given articles, and the requests, searches and uses recorded up to the seeding (the demo
        was seeded into an empty directory, so everything dated before it is the demo's). Call in a transaction."""
        at = to_iso(seeded_at)
        counts = {
            "requests": self.db.execute("DELETE FROM requests WHERE created_at <= ?", [at]).rowcount,
            "searches": self.db.execute("DELETE FROM search_log WHERE at <= ?", [at]).rowcount,
            "uses": self.db.execute("DELETE FROM usage_events WHERE at <= ?", [at]).rowcount,
        }
        removed = 0
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            removed += self.db.execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk).rowcount
        counts["articles"] = removed
        return counts

"""Synonym rings that KB owners manage (退款 = 退钱 = 返款): every term of a ring finds the others."""

from __future__ import annotations

from sqlite_utils import Database


class SynonymRepository:
    def __init__(self, db: Database):
        self.db = db

    def rings(self) -> list[list[str]]:
        rings: dict[int, list[str]] = {}
        for row in self.db.query("SELECT ring, term FROM synonyms ORDER BY ring, id"):
            rings.setdefault(row["ring"], []).append(row["term"])
        return list(rings.values())

    def add_ring(self, terms: list[str]) -> list[str]:
        """Add terms as synonyms of each other, merging with any ring that already holds one of them."""
        terms = [t.strip() for t in terms if t.strip()]
        if len(set(terms)) < 2:
            raise ValueError("一组同义词至少需要两个不同的词")
        with self.db.atomic():
            marks = ",".join("?" * len(terms))
            existing = [r["ring"] for r in self.db.query(f"SELECT DISTINCT ring FROM synonyms WHERE term IN ({marks})", terms)]
            if existing:
                ring = min(existing)
                for other in existing:
                    if other != ring:
                        self.db.execute("UPDATE synonyms SET ring = ? WHERE ring = ?", [ring, other])
            else:
                ring = (self.db.execute("SELECT coalesce(max(ring), 0) + 1 FROM synonyms").fetchone()[0])
            for term in terms:
                self.db.execute("INSERT OR IGNORE INTO synonyms (ring, term) VALUES (?, ?)", [ring, term])
            return [r["term"] for r in self.db.query("SELECT term FROM synonyms WHERE ring = ? ORDER BY id", [ring])]

    def remove_term(self, term: str) -> bool:
        with self.db.atomic():
            cursor = self.db.execute("DELETE FROM synonyms WHERE term = ?", [term])
            # A ring of one is no longer a synonym ring.
            self.db.execute(
                "DELETE FROM synonyms WHERE ring IN (SELECT ring FROM synonyms GROUP BY ring HAVING count(*) < 2)"
            )
            return cursor.rowcount > 0

    def replace_all(self, rings: list[list[str]]) -> None:
        """Make the rings exactly ``rings`` (the team library's synonyms arriving on a desk)."""
        with self.db.atomic():
            self.db.execute("DELETE FROM synonyms")
            for number, ring in enumerate(rings, start=1):
                for term in dict.fromkeys(t.strip() for t in ring if t.strip()):
                    self.db.execute("INSERT OR IGNORE INTO synonyms (ring, term) VALUES (?, ?)", [number, term])

"""The team library's bookkeeping in SQLite: sync state, per-article merge bases, the outbox, local-only articles.

Conflicts and proposals live in :mod:`app.store.team_queue`. Callers own the transactions (``db.atomic()``), so a
pull applies articles and moves their bases in one commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

CONNECTED = "connected"  # present while the desk is connected: the outbox triggers fire only then


@dataclass(frozen=True)
class SyncBase:
    """What an article looked like when this desk last synced it: the merge base of the next three-way merge."""

    article_id: str
    commit: str
    blob: str  # the file's blob in the team repository at ``commit`` (read it for the merge base)
    digest: str  # the fingerprint of its content values (compare a local article without reading the blob)


def _chunks(ids: list[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


class TeamStateRepository:
    """Small key/value facts: the synced head, this desk's id, the last sync's outcome."""

    def __init__(self, db: Database):
        self.db = db

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM team_state WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO team_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def set_many(self, values: dict[str, str | None]) -> None:
        for key, value in values.items():
            if value is None:
                self.delete(key)
            else:
                self.set(key, value)

    def delete(self, key: str) -> None:
        self.db.execute("DELETE FROM team_state WHERE key = ?", [key])

    def all(self) -> dict[str, str]:
        return {row[0]: row[1] for row in self.db.execute("SELECT key, value FROM team_state").fetchall()}


class SyncBaseRepository:
    def __init__(self, db: Database):
        self.db = db

    def get(self, article_id: str) -> SyncBase | None:
        return self.get_many([article_id]).get(article_id)

    def get_many(self, ids: Iterable[str]) -> dict[str, SyncBase]:
        found: dict[str, SyncBase] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT article_id, base_commit, base_blob, base_digest FROM team_articles WHERE article_id IN ({marks})"
            for row in self.db.execute(sql, chunk).fetchall():
                found[row[0]] = SyncBase(row[0], row[1], row[2], row[3])
        return found

    def set(self, base: SyncBase) -> None:
        self.db.execute(
            "INSERT INTO team_articles (article_id, base_commit, base_blob, base_digest) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (article_id) DO UPDATE SET base_commit = excluded.base_commit, "
            "base_blob = excluded.base_blob, base_digest = excluded.base_digest",
            [base.article_id, base.commit, base.blob, base.digest],
        )

    def set_many(self, bases: list[SyncBase]) -> None:
        self.db.conn.executemany(
            "INSERT INTO team_articles (article_id, base_commit, base_blob, base_digest) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (article_id) DO UPDATE SET base_commit = excluded.base_commit, "
            "base_blob = excluded.base_blob, base_digest = excluded.base_digest",
            [(b.article_id, b.commit, b.blob, b.digest) for b in bases],
        )

    def forget(self, article_id: str) -> None:
        self.db.execute("DELETE FROM team_articles WHERE article_id = ?", [article_id])

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM team_articles").fetchone()[0]

    def untracked_team_candidates(self) -> list[str]:
        """Published or archived articles that are not (yet) in the team library."""
        sql = ("SELECT id FROM articles WHERE status IN ('published', 'archived') "
               "AND id NOT IN (SELECT article_id FROM team_articles) ORDER BY id")
        return [row[0] for row in self.db.execute(sql).fetchall()]

    def clear(self) -> None:
        self.db.execute("DELETE FROM team_articles")


class OutboxRepository:
    """Articles changed on this desk since their last sync (see the triggers of migration 0007)."""

    def __init__(self, db: Database):
        self.db = db

    def ids(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT article_id FROM team_outbox ORDER BY article_id").fetchall()]

    def add(self, ids: Iterable[str]) -> None:
        self.db.conn.executemany("INSERT OR IGNORE INTO team_outbox (article_id) VALUES (?)", [(i,) for i in ids])

    def discard(self, ids: Iterable[str]) -> None:
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM team_outbox WHERE article_id IN ({marks})", chunk)

    def clear(self) -> None:
        self.db.execute("DELETE FROM team_outbox")


class LocalOnlyRepository:
    """Articles published on this desk before it joined the library: they wait for an explicit first publish."""

    def __init__(self, db: Database):
        self.db = db

    def ids(self) -> list[str]:
        sql = ("SELECT article_id FROM team_local_only WHERE article_id IN (SELECT id FROM articles) "
               "ORDER BY article_id")
        return [row[0] for row in self.db.execute(sql).fetchall()]

    def contains(self, article_id: str) -> bool:
        sql = "SELECT 1 FROM team_local_only WHERE article_id = ?"
        return self.db.execute(sql, [article_id]).fetchone() is not None

    def mark(self, ids: Iterable[str]) -> None:
        self.db.conn.executemany("INSERT OR IGNORE INTO team_local_only (article_id) VALUES (?)", [(i,) for i in ids])

    def unmark(self, ids: Iterable[str]) -> None:
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM team_local_only WHERE article_id IN ({marks})", chunk)


def rekey_article(db: Database, old_id: str, new_id: str) -> None:
    """Give a local article the id the team library knows it by (the same external id on both sides: the demo, or
    one spreadsheet imported on two desks). Its versions and the requests that link it follow it."""
    columns = [row[1] for row in db.execute("PRAGMA table_info(articles)").fetchall()]
    copied = ", ".join("?" if c == "id" else "NULL" if c == "external_id" else c for c in columns)
    db.execute(f"INSERT INTO articles ({', '.join(columns)}) SELECT {copied} FROM articles WHERE id = ?",
               [new_id, old_id])
    db.execute("UPDATE versions SET article_id = ? WHERE article_id = ?", [new_id, old_id])
    db.execute("UPDATE requests SET case_article_id = ? WHERE case_article_id = ?", [new_id, old_id])
    db.execute("UPDATE requests SET handbook_article_id = ? WHERE handbook_article_id = ?", [new_id, old_id])
    db.execute("UPDATE request_links SET article_id = ? WHERE article_id = ?", [new_id, old_id])
    db.execute("UPDATE learnt_pairs SET article_id = ? WHERE article_id = ?", [new_id, old_id])
    db.execute("UPDATE usage_events SET article_id = ? WHERE article_id = ?", [new_id, old_id])
    external = db.execute("SELECT external_id FROM articles WHERE id = ?", [old_id]).fetchone()[0]
    db.execute("DELETE FROM articles WHERE id = ?", [old_id])
    db.execute("UPDATE articles SET external_id = ? WHERE id = ?", [external, new_id])
    db.execute("DELETE FROM team_local_only WHERE article_id = ?", [old_id])


def customer_identifiers(db: Database) -> set[str]:
    """Customers' names and contacts from this desk's requests: text that must never reach the team library."""
    rows = db.execute("SELECT customer, contact FROM requests").fetchall()
    return {value.strip() for row in rows for value in row if value and len(value.strip()) >= 2}

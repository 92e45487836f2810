"""Forward-only schema migrations, each a named step recorded in ``_sqlite_migrations``.

Never edit or reorder an applied step: add a new one. ``tests/test_migrations.py`` migrates from every earlier
schema with data in it.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("deskbook")


@MIGRATIONS(name="0001_articles_and_versions")
def _articles_and_versions(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('case', 'script', 'handbook')),
            title TEXT NOT NULL,
            body TEXT NOT NULL DEFAULT '',
            fields TEXT NOT NULL DEFAULT '{}',
            tags TEXT NOT NULL DEFAULT '[]',
            skill_group TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'review', 'published', 'archived')),
            owner TEXT NOT NULL DEFAULT '',
            phrasings TEXT NOT NULL DEFAULT '[]',
            external_id TEXT UNIQUE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 0,
            review_interval_days INTEGER NOT NULL DEFAULT 90,
            next_review_at TEXT,
            last_verified_at TEXT,
            last_verified_by TEXT NOT NULL DEFAULT '',
            views INTEGER NOT NULL DEFAULT 0,
            copies INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE INDEX articles_kind_status ON articles (kind, status)")
    db.execute("CREATE INDEX articles_next_review ON articles (next_review_at)")
    db.execute(
        """
        CREATE TABLE versions (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            snapshot TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (article_id, number)
        )
        """
    )


@MIGRATIONS(name="0002_index_journal")
def _index_journal(db: Database) -> None:
    # Every change to an article is journalled in the same transaction, so the search index (derived, outside
    # SQLite) can always catch up after a crash: it records the last sequence number it applied.
    db.execute(
        "CREATE TABLE index_journal (seq INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT NULL)"
    )
    # Counters (views, copies) and review dates are not indexed, so changing them does not touch the journal.
    indexed_columns = "kind, title, body, fields, tags, skill_group, status, phrasings, external_id"
    for name, event, ref in (
        ("insert", "INSERT", "NEW"),
        ("update", f"UPDATE OF {indexed_columns}", "NEW"),
        ("delete", "DELETE", "OLD"),
    ):
        db.execute(
            f"""
            CREATE TRIGGER articles_journal_{name} AFTER {event} ON articles
            BEGIN
                INSERT INTO index_journal (article_id) VALUES ({ref}.id);
            END
            """
        )
    # Articles that existed before the journal must reach the index too.
    db.execute("INSERT INTO index_journal (article_id) SELECT id FROM articles")


@MIGRATIONS(name="0003_synonyms_and_search_log")
def _synonyms_and_search_log(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE synonyms (
            id INTEGER PRIMARY KEY,
            ring INTEGER NOT NULL,
            term TEXT NOT NULL UNIQUE
        )
        """
    )
    db.execute("CREATE INDEX synonyms_ring ON synonyms (ring)")
    db.execute(
        """
        CREATE TABLE search_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            query TEXT NOT NULL,
            hits INTEGER NOT NULL,
            took_ms REAL NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX search_log_at ON search_log (at)")


def migrate(db: Database) -> None:
    MIGRATIONS.apply(db)

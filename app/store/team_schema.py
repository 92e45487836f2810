"""The team library's tables and triggers, created by migration 0009_team_library (app/store/migrations.py).

Applied once, in that migration: never edit these statements; a later change is a new migration.
"""

from __future__ import annotations

from sqlite_utils import Database


def team_sync_tables(db: Database) -> None:
    db.execute("CREATE TABLE team_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """
        CREATE TABLE team_articles (
            article_id TEXT PRIMARY KEY,
            base_commit TEXT NOT NULL,
            base_blob TEXT NOT NULL,
            base_digest TEXT NOT NULL
        )
        """
    )
    # Articles changed on this desk since they were last synced, filled by triggers while the desk is connected,
    # so a publish looks at these rows instead of serialising the whole knowledge base.
    db.execute("CREATE TABLE team_outbox (article_id TEXT PRIMARY KEY)")
    # Published articles that were on this desk before it joined the library: offered for a first publish, never
    # pushed by themselves.
    db.execute("CREATE TABLE team_local_only (article_id TEXT PRIMARY KEY)")
    content = ("kind", "title", "body", "fields", "tags", "skill_group", "status", "owner", "phrasings",
               "external_id", "review_interval_days")
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in content)
    connected = "EXISTS (SELECT 1 FROM team_state WHERE key = 'connected')"
    for name, event, ref, condition in (
        ("insert", "INSERT", "NEW", connected),
        ("update", "UPDATE", "NEW", f"{connected} AND ({changed})"),
        ("delete", "DELETE", "OLD", connected),
    ):
        db.execute(
            f"""
            CREATE TRIGGER articles_team_outbox_{name} AFTER {event} ON articles WHEN {condition}
            BEGIN
                INSERT OR IGNORE INTO team_outbox (article_id) VALUES ({ref}.id);
            END
            """
        )


def team_queue_tables(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE team_conflicts (
            id TEXT PRIMARY KEY,
            subject TEXT NOT NULL CHECK (subject IN ('article', 'settings')),
            article_id TEXT,
            title TEXT NOT NULL DEFAULT '',
            fields TEXT NOT NULL,
            theirs_commit TEXT NOT NULL,
            theirs_author TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            resolved_at TEXT,
            resolved_by TEXT NOT NULL DEFAULT '',
            resolution TEXT
        )
        """
    )
    db.execute("CREATE INDEX team_conflicts_open ON team_conflicts (resolved_at, subject, article_id)")
    db.execute(
        """
        CREATE TABLE team_proposals (
            id TEXT PRIMARY KEY,
            direction TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
            article_id TEXT NOT NULL,
            change TEXT NOT NULL CHECK (change IN ('new', 'edit')),
            title TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            desk TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            content TEXT NOT NULL,
            base_blob TEXT,
            created_at TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'accepted', 'declined')),
            decided_by TEXT NOT NULL DEFAULT '',
            decided_at TEXT,
            decision_note TEXT NOT NULL DEFAULT '',
            decision_pushed INTEGER NOT NULL DEFAULT 1
        )
        """
    )
    db.execute("CREATE INDEX team_proposals_state ON team_proposals (direction, state)")

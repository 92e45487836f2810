"""Forward-only schema migrations, each a named step recorded in ``_sqlite_migrations``.

Never edit or reorder an applied step: add a new one. ``tests/test_migrations.py`` migrates from every earlier
schema with data in it.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from app.store.team_schema import team_queue_tables, team_sync_tables

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


@MIGRATIONS(name="0004_records_tables")
def _records_tables(db: Database) -> None:
    # Service records (need record, solution plan, progress). Links to articles survive article deletion as NULL.
    _request_tables(db)
    _plan_and_progress_tables(db)


def _request_tables(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE requests (
            id TEXT PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            customer TEXT NOT NULL,
            company TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            channel TEXT NOT NULL DEFAULT '',
            history TEXT NOT NULL DEFAULT '',
            what TEXT NOT NULL,
            when_text TEXT NOT NULL DEFAULT '',
            where_text TEXT NOT NULL DEFAULT '',
            who TEXT NOT NULL DEFAULT '',
            why TEXT NOT NULL DEFAULT '',
            how TEXT NOT NULL DEFAULT '',
            priority TEXT NOT NULL CHECK (priority IN ('紧急', '重要', '一般')),
            status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
            assignee TEXT NOT NULL DEFAULT '',
            skill_group TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deadline TEXT,
            responded_at TEXT,
            resolved_at TEXT,
            closed_at TEXT,
            case_article_id TEXT REFERENCES articles (id) ON DELETE SET NULL,
            handbook_article_id TEXT REFERENCES articles (id) ON DELETE SET NULL,
            confirmed_at TEXT,
            confirmation_note TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX requests_status ON requests (status, deadline)")
    db.execute(
        """
        CREATE TABLE request_links (
            request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (request_id, article_id)
        )
        """
    )


def _plan_and_progress_tables(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE plans (
            request_id TEXT PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
            statement TEXT NOT NULL DEFAULT '',
            cause TEXT NOT NULL DEFAULT '',
            fallback TEXT NOT NULL DEFAULT '',
            updated_at TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE plan_steps (
            id TEXT PRIMARY KEY,
            request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            action TEXT NOT NULL,
            owner TEXT NOT NULL DEFAULT '',
            due_at TEXT,
            done_at TEXT
        )
        """
    )
    db.execute("CREATE INDEX plan_steps_request ON plan_steps (request_id, position)")
    db.execute(
        """
        CREATE TABLE progress_entries (
            id TEXT PRIMARY KEY,
            request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            note TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('已完成', '进行中', '延迟')),
            delay_reason TEXT NOT NULL DEFAULT '',
            new_deadline TEXT,
            author TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX progress_entries_request ON progress_entries (request_id, at)")


@MIGRATIONS(name="0005_curation_reminder_state_and_editor_buffers")
def _curation_reminder_state_and_editor_buffers(db: Database) -> None:
    # Snooze / dismiss per reminder key ("review:<article id>:<due time>"), so a new review cycle reminds again.
    db.execute(
        """
        CREATE TABLE reminder_state (
            key TEXT PRIMARY KEY,
            snoozed_until TEXT,
            dismissed_at TEXT,
            updated_at TEXT NOT NULL
        )
        """
    )
    # The editor's unsaved form, autosaved so a crash or a closed window loses nothing.
    db.execute("CREATE TABLE editor_buffers (key TEXT PRIMARY KEY, data TEXT NOT NULL, saved_at TEXT NOT NULL)")


@MIGRATIONS(name="0006_articles_tags_index")
def _articles_tags_index(db: Database) -> None:
    # The segmenter learns every tag at start-up: with this index, reading the distinct tag lists of 50,000
    # articles takes milliseconds instead of a scan of the whole table.
    db.execute("CREATE INDEX IF NOT EXISTS articles_tags ON articles (tags)")


@MIGRATIONS(name="0007_learnt_query_pairs")
def _learnt_query_pairs(db: Database) -> None:
    # Learning from use: a query an agent searched, then opened or copied an article: (query, article) with a
    # decayed count of search sessions. The query text only (capped, no customer data); the owner accepts a pair
    # (it becomes a 相似问) or dismisses it (never suggested again).
    db.execute(
        """
        CREATE TABLE learnt_pairs (
            id INTEGER PRIMARY KEY,
            query TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            weight REAL NOT NULL DEFAULT 0,
            sessions INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'dismissed')),
            decided_at TEXT,
            decided_by TEXT NOT NULL DEFAULT '',
            UNIQUE (query, article_id)
        )
        """
    )
    db.execute("CREATE INDEX learnt_pairs_status ON learnt_pairs (status, weight)")


@MIGRATIONS(name="0008_service_figures")
def _service_figures(db: Database) -> None:
    # What the service figures need and the records did not keep. Existing columns keep their meaning.
    _feedback_and_first_responses(db)
    _status_and_usage_logs(db)
    _figure_indexes(db)
    _history_gaps(db)


def _feedback_and_first_responses(db: Database) -> None:
    # At resolution: the customer's confirmation that it is solved (not the plan's confirmation letter, which is
    # ``confirmed_at``) and satisfaction: the 满意 / 一般 / 不满意 level, and the 1-5 score when one was given.
    for column in (
        "resolution_confirmed_at TEXT",
        "satisfaction TEXT CHECK (satisfaction IN ('满意', '一般', '不满意'))",
        "satisfaction_score INTEGER CHECK (satisfaction_score BETWEEN 1 AND 5)",
        "satisfaction_comment TEXT NOT NULL DEFAULT ''",
        "satisfaction_at TEXT",
    ):
        db.execute(f"ALTER TABLE requests ADD COLUMN {column}")
    # The first response of a request that got progress entries before anyone pressed 已首次响应 is its first
    # entry (what reporting progress has meant since the records began); a recorded response time is kept.
    db.execute(
        """
        UPDATE requests SET responded_at = (SELECT min(p.at) FROM progress_entries p WHERE p.request_id = requests.id)
        WHERE responded_at IS NULL AND EXISTS (SELECT 1 FROM progress_entries p WHERE p.request_id = requests.id)
        """
    )


def _status_and_usage_logs(db: Database) -> None:
    # Status changes, from now on: a reopened request (已解决 -> 处理中) was not recorded before.
    db.execute(
        """
        CREATE TABLE request_status_changes (
            id INTEGER PRIMARY KEY,
            request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            from_status TEXT NOT NULL,
            to_status TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX request_status_changes_to ON request_status_changes (to_status, at)")
    db.execute("CREATE INDEX request_status_changes_request ON request_status_changes (request_id, at)")
    # Article opens and script copies with their time (the counters on articles have none). Kind is kept on the
    # event so a deleted article's uses still count by kind.
    db.execute(
        """
        CREATE TABLE usage_events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            article_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('view', 'copy'))
        )
        """
    )
    db.execute("CREATE INDEX usage_events_at ON usage_events (at, action, kind, article_id)")


def _figure_indexes(db: Database) -> None:
    # The figures read a period of requests by intake or by resolution time. These indexes hold every column those
    # figures need, so a year of 100,000 requests is read from the index alone, not row by row from the table.
    db.execute(
        "CREATE INDEX requests_intake ON requests "
        "(created_at, priority, status, deadline, responded_at, channel, skill_group, assignee)"
    )
    db.execute(
        "CREATE INDEX requests_resolution ON requests (resolved_at, priority, created_at, id, satisfaction, "
        "satisfaction_score, resolution_confirmed_at, skill_group, assignee)"
    )
    # The promised time of a request: its plan's latest due time and its delays' latest new time, one seek each.
    db.execute("CREATE INDEX plan_steps_due ON plan_steps (request_id, due_at)")
    db.execute("CREATE INDEX progress_entries_delays ON progress_entries (request_id, state, new_deadline)")
    db.execute("CREATE INDEX progress_entries_state ON progress_entries (state, at)")
    db.execute("CREATE INDEX search_log_hits ON search_log (at, hits, query)")


def _history_gaps(db: Database) -> None:
    # What the data cannot tell for the time before this step: with records already there, status changes and
    # article uses before now were never logged. The figures say so for periods that start earlier.
    db.execute("CREATE TABLE history_gaps (what TEXT PRIMARY KEY, until TEXT NOT NULL)")
    now = datetime.now(UTC).isoformat(timespec="seconds")
    if db.execute("SELECT EXISTS (SELECT 1 FROM requests)").fetchone()[0]:
        db.execute("INSERT INTO history_gaps (what, until) VALUES ('status_changes', ?)", [now])
    if db.execute("SELECT EXISTS (SELECT 1 FROM articles WHERE views > 0 OR copies > 0)").fetchone()[0]:
        db.execute("INSERT INTO history_gaps (what, until) VALUES ('usage_events', ?)", [now])


@MIGRATIONS(name="0009_team_library")
def _team_library(db: Database) -> None:
    # The team library (app/team): which commit of the shared Git repository each article was last synced at (the
    # base of every three-way merge), what changed locally since, proposals, and conflicts awaiting a KB owner.
    # The statements are in team_schema.py (this module stays within its size); they must never change either.
    team_sync_tables(db)
    team_queue_tables(db)


@MIGRATIONS(name="0010_edit_suggestions")
def _edit_suggestions(db: Database) -> None:
    # An agent's edit of a published article, kept beside it until a KB owner publishes or declines it
    # (app/curation/suggestions.py); the published text stays what agents read meanwhile.
    db.execute(
        """
        CREATE TABLE edit_suggestions (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            base_version INTEGER NOT NULL,
            snapshot TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'declined')),
            decided_by TEXT NOT NULL DEFAULT '',
            decided_at TEXT,
            decision_note TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX edit_suggestions_state ON edit_suggestions (state, created_at)")


def migrate(db: Database) -> None:
    MIGRATIONS.apply(db)


@functools.cache
def known_steps() -> frozenset[str]:
    """The names of every step this version knows (read from a scratch database: sqlite-utils lists its
    migrations only privately)."""
    scratch = Database(memory=True)
    MIGRATIONS.apply(scratch)
    return frozenset(row["name"] for row in scratch.query(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATIONS.name]))

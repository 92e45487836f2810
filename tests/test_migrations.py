"""Every schema that ever shipped migrates forward with its data intact."""

from __future__ import annotations

import json

import pytest

from app.paths import DataPaths
from app.store import MIGRATIONS, migrate, open_database

ALL = [m.name for m in MIGRATIONS._migrations]


def _article_row(article_id: str, title: str) -> dict:
    return {
        "id": article_id, "kind": "case", "title": title, "body": "正文", "fields": json.dumps({"cause": "原因"}),
        "tags": json.dumps(["退款"]), "skill_group": "财务组", "status": "published", "owner": "王", "phrasings": "[]",
        "external_id": f"ext-{article_id}", "created_at": "2026-01-01T00:00:00+00:00",
        "updated_at": "2026-01-01T00:00:00+00:00", "version": 1, "review_interval_days": 90,
        "next_review_at": "2026-04-01T00:00:00+00:00", "last_verified_at": None, "last_verified_by": "",
        "views": 3, "copies": 1,
    }


@pytest.mark.parametrize("stop_before", ALL[1:] + [None], ids=lambda s: f"from-before-{s}" if s else "latest")
def test_migrates_forward_from_every_schema(tmp_path, stop_before):
    path = DataPaths(tmp_path).database
    db = open_database(path)
    if stop_before is None:
        migrate(db)
    else:
        MIGRATIONS.apply(db, stop_before=stop_before)
    # Data as a user of that schema would have it: every schema since the first has articles and versions.
    db["articles"].insert(_article_row("a1", "旧文章"))
    db["versions"].insert({"article_id": "a1", "number": 1, "snapshot": json.dumps({"title": "旧文章"}),
                           "author": "王", "created_at": "2026-01-01T00:00:00+00:00", "note": "v1"})
    db.conn.commit()
    db.conn.close()

    from app.services import Deskbook

    desk = Deskbook(tmp_path)  # migrates on open
    try:
        applied = [m.name for m in MIGRATIONS.applied(desk.db)]
        assert applied == ALL
        article = desk.get_article("a1")
        assert (article.title, article.fields, article.tags, article.views) == ("旧文章", {"cause": "原因"}, ["退款"], 3)
        assert [v.note for v in desk.versions("a1")] == ["v1"]
        # The index learns about articles that predate the journal.
        desk.prepare_index()
        desk.reindex()
        assert [r.summary.id for r in desk.search("旧文章").results] == ["a1"]
        assert desk.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert desk.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert desk.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        desk.close()


def test_migrating_twice_changes_nothing(tmp_path):
    db = open_database(tmp_path / "x.sqlite3")
    migrate(db)
    schema = db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    migrate(db)
    assert db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema

"""Articles and their versions in SQLite."""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import Table

from app.model import Article, ArticleSummary, Kind, Status, Version, from_iso, moment_of, to_iso
from app.store.database import table
from app.store.usage_log import UsageAction, UsageLogRepository

# Fields that make up an article's content: what a version snapshot holds and what a diff compares.
SNAPSHOT_FIELDS = ("kind", "title", "body", "fields", "tags", "group", "status", "owner", "phrasings")


def article_to_row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "kind": article.kind.value,
        "title": article.title,
        "body": article.body,
        "fields": json.dumps(article.fields, ensure_ascii=False),
        "tags": json.dumps(article.tags, ensure_ascii=False),
        "skill_group": article.group,
        "status": article.status.value,
        "owner": article.owner,
        "phrasings": json.dumps(article.phrasings, ensure_ascii=False),
        "external_id": article.external_id,
        "created_at": to_iso(article.created_at),
        "updated_at": to_iso(article.updated_at),
        "version": article.version,
        "review_interval_days": article.review_interval_days,
        "next_review_at": to_iso(article.next_review_at),
        "last_verified_at": to_iso(article.last_verified_at),
        "last_verified_by": article.last_verified_by,
        "views": article.views,
        "copies": article.copies,
    }


def row_to_article(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        kind=Kind(row["kind"]),
        title=row["title"],
        body=row["body"],
        fields=json.loads(row["fields"]),
        tags=json.loads(row["tags"]),
        group=row["skill_group"],
        status=Status(row["status"]),
        owner=row["owner"],
        phrasings=json.loads(row["phrasings"]),
        external_id=row["external_id"],
        created_at=moment_of(row["created_at"]),
        updated_at=moment_of(row["updated_at"]),
        version=row["version"],
        review_interval_days=row["review_interval_days"],
        next_review_at=from_iso(row["next_review_at"]),
        last_verified_at=from_iso(row["last_verified_at"]),
        last_verified_by=row["last_verified_by"],
        views=row["views"],
        copies=row["copies"],
    )


def snapshot_of(article: Article) -> dict[str, Any]:
    data = asdict(article)
    snapshot = {name: data[name] for name in SNAPSHOT_FIELDS}
    snapshot["kind"] = article.kind.value
    snapshot["status"] = article.status.value
    return snapshot


def content_equal(a: Article, b: Article) -> bool:
    return snapshot_of(a) == snapshot_of(b)


_SUMMARY_COLUMNS = "id, kind, title, tags, skill_group, status, external_id, next_review_at, updated_at"


def _row_to_summary(row: dict[str, Any]) -> ArticleSummary:
    return ArticleSummary(
        id=row["id"],
        kind=Kind(row["kind"]),
        title=row["title"],
        tags=tuple(json.loads(row["tags"])),
        group=row["skill_group"],
        status=Status(row["status"]),
        external_id=row["external_id"],
        next_review_at=from_iso(row["next_review_at"]),
        updated_at=moment_of(row["updated_at"]),
    )


class ArticleRepository:
    def __init__(self, db: Database):
        self.db = db

    def _table(self, name: str) -> Table:
        return table(self.db, name)

    # --- reading -------------------------------------------------------------------------------------------
    def get(self, article_id: str) -> Article | None:
        rows = list(self.db.query("SELECT * FROM articles WHERE id = ?", [article_id]))
        return row_to_article(rows[0]) if rows else None

    def get_many(self, ids: Iterable[str]) -> dict[str, Article]:
        return {row["id"]: row_to_article(row) for row in self._rows_by_id("*", ids)}

    def summaries(self, ids: Iterable[str]) -> dict[str, ArticleSummary]:
        return {row["id"]: _row_to_summary(row) for row in self._rows_by_id(_SUMMARY_COLUMNS, ids)}

    def _rows_by_id(self, columns: str, ids: Iterable[str]) -> Iterator[dict[str, Any]]:
        """The rows of these ids, asked in chunks of 500 (SQLite caps the number of ? in one statement)."""
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            yield from self.db.query(f"SELECT {columns} FROM articles WHERE id IN ({marks})", chunk)

    def get_by_external_id(self, external_id: str) -> Article | None:
        rows = list(self.db.query("SELECT * FROM articles WHERE external_id = ?", [external_id]))
        return row_to_article(rows[0]) if rows else None

    def ids_with_prefix(self, prefix: str, limit: int = 2) -> list[str]:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        sql = "SELECT id FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT ?"
        return [row["id"] for row in self.db.query(sql, [escaped + "%", limit])]

    def iter_all(self, batch: int = 1000) -> Iterator[Article]:
        last = ""
        while True:
            rows = list(
                self.db.query("SELECT * FROM articles WHERE id > ? ORDER BY id LIMIT ?", [last, batch])
            )
            if not rows:
                return
            for row in rows:
                yield row_to_article(row)
            last = rows[-1]["id"]

    def count(self, *, status: Status | None = None) -> int:
        if status is None:
            return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        return self.db.execute("SELECT count(*) FROM articles WHERE status = ?", [status.value]).fetchone()[0]

    def distinct_tags(self) -> list[str]:
        # Distinct tag lists come from the articles_tags index alone; there are few of them even in a large KB.
        lists = self.db.execute("SELECT DISTINCT tags FROM articles").fetchall()
        return sorted({tag for (tags,) in lists for tag in json.loads(tags)})

    def distinct_groups(self) -> list[str]:
        sql = "SELECT DISTINCT skill_group FROM articles WHERE skill_group != '' ORDER BY skill_group"
        return [row["skill_group"] for row in self.db.query(sql)]

    def script_triggers(self) -> dict[str, str]:
        """Each script abbreviation (folded to lower case) and the id of the script it opens; archived ones left out,
        and of two scripts with one abbreviation the most recently updated wins."""
        sql = ("SELECT id, json_extract(fields, '$.trigger') AS trigger FROM articles WHERE kind = 'script'"
               " AND status != 'archived' AND trigger IS NOT NULL AND trigger != '' ORDER BY updated_at")
        return {str(row["trigger"]).strip().casefold(): row["id"] for row in self.db.query(sql)
                if str(row["trigger"]).strip()}

    def titles(self) -> Iterator[tuple[str, str]]:
        for row in self.db.query("SELECT id, title FROM articles WHERE status != 'archived'"):
            yield row["id"], row["title"]

    # --- writing (callers own the transaction) ---------------------------------------------------------------
    def insert(self, article: Article) -> None:
        self._table("articles").insert(article_to_row(article))

    def insert_many(self, articles: list[Article]) -> None:
        """Many new articles in one statement batch (a first pull of a team library brings tens of thousands)."""
        if articles:
            self._table("articles").insert_all([article_to_row(a) for a in articles], batch_size=500)

    def update(self, article: Article) -> None:
        row = article_to_row(article)
        del row["id"]
        self._table("articles").update(article.id, row)

    def delete(self, article_id: str) -> None:
        self.db.execute("DELETE FROM articles WHERE id = ?", [article_id])

    def bump_counter(self, article_id: str, counter: str, at: datetime | None = None) -> None:
        """Count one view or copy; with ``at``, also log it with its time (for the service figures' periods)."""
        if counter not in ("views", "copies"):
            raise ValueError(counter)
        self.db.execute(f"UPDATE articles SET {counter} = {counter} + 1 WHERE id = ?", [article_id])
        if at is not None:
            UsageLogRepository(self.db).record(
                article_id, UsageAction.VIEW if counter == "views" else UsageAction.COPY, at)

    # --- versions ------------------------------------------------------------------------------------------
    def add_version(self, article: Article, author: str, note: str, at: datetime) -> Version:
        version = Version(
            article_id=article.id,
            number=article.version,
            snapshot=snapshot_of(article),
            author=author,
            created_at=at,
            note=note,
        )
        self._table("versions").insert(
            {
                "article_id": version.article_id,
                "number": version.number,
                "snapshot": json.dumps(version.snapshot, ensure_ascii=False),
                "author": version.author,
                "created_at": to_iso(version.created_at),
                "note": version.note,
            }
        )
        return version

    def add_versions(self, entries: list[tuple[Article, str, str, datetime]]) -> None:
        """A first version for each (article, author, note, when), in one batch."""
        rows = [
            {"article_id": a.id, "number": a.version, "snapshot": json.dumps(snapshot_of(a), ensure_ascii=False),
             "author": author, "created_at": to_iso(at), "note": note}
            for a, author, note, at in entries
        ]
        if rows:
            self._table("versions").insert_all(rows, batch_size=500)

    def versions(self, article_id: str) -> list[Version]:
        rows = self.db.query(
            "SELECT * FROM versions WHERE article_id = ? ORDER BY number DESC", [article_id]
        )
        return [
            Version(
                article_id=row["article_id"],
                number=row["number"],
                snapshot=json.loads(row["snapshot"]),
                author=row["author"],
                created_at=moment_of(row["created_at"]),
                note=row["note"],
            )
            for row in rows
        ]

    # named like the builtin: defined last, so the annotations above mean the builtin list
    def list(
        self,
        *,
        kind: Kind | None = None,
        status: Status | None = None,
        tag: str | None = None,
        group: str | None = None,
        include_archived: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ArticleSummary]:
        where: builtins.list[str] = ["1 = 1"]
        params: builtins.list[Any] = []
        if kind is not None:
            where.append("kind = ?")
            params.append(kind.value)
        if status is not None:
            where.append("status = ?")
            params.append(status.value)
        elif not include_archived:
            where.append("status != 'archived'")
        if tag:
            where.append("EXISTS (SELECT 1 FROM json_each(articles.tags) WHERE json_each.value = ?)")
            params.append(tag)
        if group:
            where.append("skill_group = ?")
            params.append(group)
        sql = f"SELECT {_SUMMARY_COLUMNS} FROM articles WHERE {' AND '.join(where)} ORDER BY kind, title"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [_row_to_summary(row) for row in self.db.query(sql, params)]

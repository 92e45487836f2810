"""Read-only questions about articles that search, review and analytics ask: all their SQL in one place.

:class:`~app.store.articles.ArticleRepository` reads and writes whole articles; these are the narrower queries
(a scan while the index is rebuilding, the text fragments are cut from, the review queue, usage figures).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from app.model import Kind, channel_label, flatten_field, from_iso, to_iso
from app.reminders import ReviewState

# The staleness rule of app.model.is_stale, in SQL (the parameter is the moment "now"): keep the two in step.
STALE_WHERE = "status = 'published' AND next_review_at IS NOT NULL AND next_review_at <= ?"


@dataclass(frozen=True)
class ScanFilters:
    kind: str | None = None
    group: str | None = None
    tag: str | None = None
    status: str | None = None


def _fields_text(fields_json: str) -> str:
    try:
        fields = json.loads(fields_json)
    except ValueError:
        return ""
    if isinstance(fields, dict) and isinstance(fields.get("channel"), str):  # a code (phone): shown as 电话
        fields["channel"] = channel_label(fields["channel"])
    return flatten_field(fields)


class ArticleQueries:
    def __init__(self, db: Database):
        self.db = db

    # --- search support ------------------------------------------------------------------------------------
    def fragment_sources(self, ids: list[str]) -> dict[str, str]:
        """Body and kind fields per article: the text a result's highlighted fragment is cut from."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        sql = f"SELECT id, body, fields FROM articles WHERE id IN ({marks})"
        return {row["id"]: (row["body"] or "") + "\n" + _fields_text(row["fields"]) for row in self.db.query(sql, ids)}

    def scan_ids(self, words: list[str], filters: ScanFilters, limit: int) -> list[str]:
        """The slow path while the index rebuilds: articles holding every word (in title, body, fields or 相似问)
        first, then those holding most of them, as the index ranks; a match of one-character words alone (没, 的)
        does not count when the query has longer ones."""
        # Each word's two flags are worked out once per article (inner query); the ranking only adds them up.
        params: dict[str, Any] = {f"w{i}": f"%{word}%" for i, word in enumerate(words)}
        flags = ", ".join(f"(title LIKE :w{i} OR body LIKE :w{i} OR fields LIKE :w{i} OR phrasings LIKE :w{i}) AS m{i}, "
                          f"(title LIKE :w{i}) AS t{i}" for i in range(len(words)))
        matched = " + ".join(f"m{i}" for i in range(len(words)))
        weight = " + ".join(f"m{i} * {len(word)}" for i, word in enumerate(words))
        in_title = " + ".join(f"t{i} * {len(word)}" for i, word in enumerate(words))  # as the index's title boost
        where: list[str] = []
        if filters.kind:
            where.append("kind = :kind")
            params["kind"] = filters.kind
        if filters.group:
            where.append("skill_group = :grp")
            params["grp"] = filters.group
        if filters.tag:
            where.append("EXISTS (SELECT 1 FROM json_each(articles.tags) WHERE json_each.value = :tag)")
            params["tag"] = filters.tag
        where.append("status = :status" if filters.status else "status != 'archived'")
        if filters.status:
            params["status"] = filters.status
        params.update(least=min(2, max(len(w) for w in words)), count=len(words), limit=limit)
        sql = (f"SELECT id FROM (SELECT id, updated_at, {flags} FROM articles WHERE {' AND '.join(where)}) "
               f"WHERE {weight} >= :least "
               f"ORDER BY ({matched}) = :count DESC, {weight} DESC, {in_title} DESC, updated_at DESC LIMIT :limit")
        return [row["id"] for row in self.db.query(sql, params)]

    def vocabulary_texts(self) -> Iterator[str]:
        """Titles and 相似问, where a KB's own names and jargon concentrate (for the segmenter)."""
        for row in self.db.query("SELECT title, phrasings FROM articles WHERE status != 'archived'"):
            yield row["title"]
            yield from json.loads(row["phrasings"] or "[]")

    def same_title_ids(self, title: str, except_id: str) -> list[str]:
        sql = "SELECT id FROM articles WHERE title = ? AND id != ? AND status != 'archived'"
        return [r["id"] for r in self.db.query(sql, [title, except_id])]

    # --- review --------------------------------------------------------------------------------------------
    def reviews_due(self, at: datetime) -> list[ReviewState]:
        rows = self.db.query(
            f"SELECT id, title, kind, owner, next_review_at FROM articles WHERE {STALE_WHERE}", [to_iso(at)]
        )
        return [ReviewState(r["id"], r["title"], r["kind"], r["owner"], from_iso(r["next_review_at"])) for r in rows]

    def review_rows(self, until: datetime, owner: str | None, kind: Kind | None) -> list[dict[str, Any]]:
        """Published articles due for review by ``until`` (or never scheduled), oldest first."""
        where = ["status = 'published'", "(next_review_at IS NULL OR next_review_at <= ?)"]
        params: list[Any] = [to_iso(until)]
        if owner:
            where.append("owner = ?")
            params.append(owner)
        if kind is not None:
            where.append("kind = ?")
            params.append(Kind(kind).value)
        columns = (
            "id, kind, title, skill_group, owner, review_interval_days, next_review_at, last_verified_at, "
            "last_verified_by, views"
        )
        sql = f"SELECT {columns} FROM articles WHERE {' AND '.join(where)} ORDER BY next_review_at, title"
        return list(self.db.query(sql, params))

    def review_health(self, at: datetime, group: str | None = None) -> tuple[int, int]:
        """(published articles, those not stale at ``at``), of one skill group when given."""
        in_group = " AND skill_group = ?" if group else ""
        row = self.db.execute(
            f"SELECT count(*), sum(CASE WHEN {STALE_WHERE} THEN 0 ELSE 1 END) FROM articles "
            f"WHERE status = 'published'{in_group}",
            [to_iso(at), *([group] if group else [])],
        ).fetchone()
        return row[0] or 0, row[1] or 0

    def ids_with_interval(self, kind: Kind, days: int) -> list[str]:
        sql = "SELECT id FROM articles WHERE kind = ? AND review_interval_days = ?"
        return [r["id"] for r in self.db.query(sql, [Kind(kind).value, days])]

    # --- usage figures ---------------------------------------------------------------------------------------
    def most_viewed(self, limit: int) -> list[dict[str, Any]]:
        return list(self.db.query(
            f"SELECT {_USAGE_COLUMNS}, views AS value FROM articles WHERE status != 'archived' AND views > 0 "
            "ORDER BY views DESC, title LIMIT ?", [limit]))

    def script_copies(self, limit: int) -> list[dict[str, Any]]:
        return list(self.db.query(
            f"SELECT {_USAGE_COLUMNS}, copies AS value FROM articles WHERE kind = 'script' AND status != 'archived' "
            "ORDER BY copies DESC, title LIMIT ?", [limit]))

    def popular_but_stale(self, at: datetime, limit: int) -> list[dict[str, Any]]:
        """Stale and used (copies count as use): the articles whose outdated text does the most harm."""
        return list(self.db.query(
            f"SELECT {_USAGE_COLUMNS}, views + copies AS value FROM articles WHERE {STALE_WHERE} "
            "AND views + copies > 0 ORDER BY value DESC, next_review_at, title LIMIT ?", [to_iso(at), limit]))


_USAGE_COLUMNS = "id, kind, title, next_review_at"

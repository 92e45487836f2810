"""What the meaning model reads of each article, and which of a few articles pass the search filters."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlite_utils import Database

BODY_CHARS = 200  # the model reads a few dozen tokens: the start of the body is all it can use


@dataclass(frozen=True)
class ArticleText:
    id: str
    text: str  # title, 相似问, then the start of the body, one per line


class MeaningTexts:
    def __init__(self, db: Database):
        self.db = db

    def texts(self) -> Iterator[ArticleText]:
        """Every article that search can show (archived ones are left out), in a stable order."""
        sql = (f"SELECT id, title, phrasings, substr(body, 1, {BODY_CHARS}) AS body FROM articles "
               "WHERE status != 'archived' ORDER BY rowid")
        for row in self.db.query(sql):
            try:
                phrasings = [str(p) for p in json.loads(row["phrasings"] or "[]")]
            except ValueError:
                phrasings = []
            parts = [row["title"], *phrasings, row["body"] or ""]
            yield ArticleText(row["id"], "\n".join(part.strip() for part in parts if part and part.strip()))

    def allowed(self, ids: Iterable[str], kind: str | None = None, tag: str | None = None,
                group: str | None = None, status: str | None = None) -> set[str]:
        """The ids (of ``ids``) that exist and pass the filters; without ``status``, archived ones do not."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return set()
        where = [f"id IN ({','.join('?' * len(ids))})"]
        params: list[str] = list(ids)
        if kind:
            where.append("kind = ?")
            params.append(kind)
        if group:
            where.append("skill_group = ?")
            params.append(group)
        if tag:
            where.append("EXISTS (SELECT 1 FROM json_each(articles.tags) WHERE lower(json_each.value) = lower(?))")
            params.append(tag.strip())
        where.append("status = ?" if status else "status != 'archived'")
        if status:
            params.append(status)
        return {row["id"] for row in self.db.query(f"SELECT id FROM articles WHERE {' AND '.join(where)}", params)}

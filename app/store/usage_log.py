"""When articles were opened and reply scripts copied (``usage_events``), for figures over a period.

The counters on ``articles`` (views, copies) keep the all-time totals; this log adds the time of each use. It holds
article ids and kinds only, never what was pasted or who the customer was.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlite_utils import Database

from app.model import to_iso


class UsageAction(StrEnum):
    VIEW = "view"
    COPY = "copy"


class UsageLogRepository:
    def __init__(self, db: Database):
        self.db = db

    def record(self, article_id: str, action: UsageAction, at: datetime) -> None:
        """Log one use of an existing article (its kind is read from the article); a missing article is ignored."""
        self.db.execute(
            "INSERT INTO usage_events (at, article_id, kind, action) SELECT ?, id, kind, ? FROM articles WHERE id = ?",
            [to_iso(at), UsageAction(action).value, article_id],
        )

    def counts(self, since: datetime, until: datetime, group: str | None = None) -> tuple[int, int]:
        """Article opens and reply-script copies in [since, until), of one skill group's articles if given."""
        sql = (
            "SELECT sum(e.action = 'view'), sum(e.action = 'copy' AND e.kind = 'script') FROM usage_events e "
            f"LEFT JOIN articles a ON a.id = e.article_id WHERE e.at >= :since AND e.at < :until {_in_group(group)}"
        )
        opened, copied = self.db.execute(sql, _params(since, until, group)).fetchone()
        return opened or 0, copied or 0

    def top_copied_scripts(self, since: datetime, until: datetime, group: str | None = None,
                           limit: int = 10) -> list[tuple[str, int]]:
        """The most copied reply scripts in [since, until): title (or the id of a deleted one) and copies."""
        sql = (
            "SELECT coalesce(a.title, e.article_id) AS title, count(*) AS n FROM usage_events e "
            "LEFT JOIN articles a ON a.id = e.article_id "
            f"WHERE e.action = 'copy' AND e.kind = 'script' AND e.at >= :since AND e.at < :until {_in_group(group)} "
            "GROUP BY e.article_id ORDER BY n DESC, title LIMIT :limit"
        )
        return [(r["title"], r["n"]) for r in self.db.query(sql, {**_params(since, until, group), "limit": limit})]


def _in_group(group: str | None) -> str:
    return "AND a.skill_group = :group" if group else ""


def _params(since: datetime, until: datetime, group: str | None) -> dict[str, str | None]:
    return {"since": to_iso(since), "until": to_iso(until), "group": group}

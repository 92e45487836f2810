"""Resolving a conflict: the owner's choice per field becomes a new version of the article (or the settings).

The version history then holds the library's version, this desk's version and the resolution; the resolution is
published like any other change (it differs from the library's version unless the owner took theirs throughout).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from app.model import Article
from app.store.articles import ArticleRepository
from app.store.team import OutboxRepository
from app.team.conflict_log import ConflictLog, ConflictResolutionError
from app.team.format import article_changes, field_label_zh, values_of
from app.team.gitrepo import TeamRepository
from app.team.settings_sync import SettingsSync


class Resolver:
    def __init__(self, db: Database, articles: ArticleRepository, outbox: OutboxRepository, log: ConflictLog,
                 settings: SettingsSync, clock: Callable[[], datetime]):
        self.db, self.articles, self.outbox, self.log, self.settings, self.clock = (
            db, articles, outbox, log, settings, clock)

    def resolve(self, git: TeamRepository, conflict_id: str, choices: dict[str, Any], by: str) -> Article | None:
        conflict = self.log.get_open(conflict_id)
        if conflict.subject == "settings":
            self.settings.resolve(git, choices, by)
            return None
        article = self.articles.get(conflict.article_id or "")
        if article is None:
            raise ConflictResolutionError("这篇文章已不在本机")
        values = self.log.resolved_values(values_of(article), conflict, choices)
        now = self.clock()
        resolved = article.with_changes(**article_changes(values), updated_at=now, version=article.version + 1)
        with self.db.atomic():
            self.articles.update(resolved)
            self.articles.add_version(resolved, by, "解决冲突：" + _describe(choices, conflict.fields), now)
            self.log.mark_resolved(conflict, by, now, choices)
            self.outbox.add([resolved.id])
        return resolved


def _describe(choices: dict[str, Any], fields: list) -> str:
    words = {"ours": "保留本机", "theirs": "采用团队库"}
    parts = []
    for item in fields:
        choice = choices.get(item.name, "ours")
        parts.append(f"{field_label_zh(item.name)} {words.get(choice, '手动编辑') if isinstance(choice, str) else '手动编辑'}")
    return "，".join(parts)

"""Conflicts between desks: recorded by a pull, resolved by a KB owner's choice per field.

One open conflict per article (and one for the shared settings): a later pull that finds the same article in
conflict again adds or refreshes fields in it, so the owner's queue never holds two items for one article.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from app.store.team_queue import ConflictField, ConflictRepository, TeamConflict
from app.team.merge import Values, apply_choices


class ConflictResolutionError(ValueError):
    """The conflict is gone or already resolved, or a choice does not fit its field."""


class ConflictLog:
    def __init__(self, conflicts: ConflictRepository):
        self.conflicts = conflicts

    def record_article(self, article_id: str, title: str, fields: list[ConflictField], commit: str, author: str,
                       at: datetime) -> TeamConflict:
        return self._record("article", article_id, title, fields, commit, author, at)

    def record_settings(self, fields: list[ConflictField], commit: str, author: str, at: datetime) -> TeamConflict:
        return self._record("settings", None, "团队设置", fields, commit, author, at)

    def _record(self, subject: str, article_id: str | None, title: str, fields: list[ConflictField], commit: str,
                author: str, at: datetime) -> TeamConflict:
        existing = self.conflicts.open_for(subject, article_id)
        if existing is not None:
            by_name = {f.name: f for f in existing.fields}
            for item in fields:
                earlier = by_name.get(item.name)
                # The base the owner compares with stays the one both desks started from.
                by_name[item.name] = ConflictField(item.name, earlier.base if earlier else item.base, item.ours,
                                                   item.theirs)
            fields = list(by_name.values())
        conflict = TeamConflict(
            id=existing.id if existing else str(uuid.uuid4()), subject=subject, article_id=article_id, title=title,
            fields=fields, theirs_commit=commit, theirs_author=author,
            created_at=existing.created_at if existing else at,
        )
        self.conflicts.save(conflict)
        return conflict

    def open(self) -> list[TeamConflict]:
        return self.conflicts.open_conflicts()

    def get_open(self, conflict_id: str) -> TeamConflict:
        conflict = self.conflicts.get(conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            raise ConflictResolutionError("这个冲突不存在或已经解决")
        return conflict

    @staticmethod
    def resolved_values(current: Values, conflict: TeamConflict, choices: dict[str, Any]) -> Values:
        """``current`` (this desk's values) with the owner's choices applied to the conflicting fields."""
        names = {f.name for f in conflict.fields}
        unknown = set(choices) - names
        if unknown:
            raise ConflictResolutionError(f"没有这个冲突字段：{', '.join(sorted(unknown))}")
        for item in conflict.fields:
            choice = choices.get(item.name, "ours")
            if isinstance(choice, dict) and not isinstance(item.ours if item.ours is not None else item.theirs or "",
                                                           str):
                raise ConflictResolutionError(f"字段 {item.name} 只能选择一方，不能直接编辑")
        try:
            return apply_choices(current, conflict.fields, choices)
        except ValueError as error:
            raise ConflictResolutionError(str(error)) from None

    def mark_resolved(self, conflict: TeamConflict, by: str, at: datetime, choices: dict[str, Any]) -> None:
        self.conflicts.resolve(conflict.id, by, at, choices)

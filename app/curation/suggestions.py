"""An agent's edit of a published article becomes a suggestion that a KB owner publishes or declines.

Agents keep reading the published text meanwhile; the suggestion holds the edited content as a version snapshot
holds it, so the owner sees the character-level diff (``app/curation/diff.py``) and publishing it is one more
version in the article's history. On a desk joined to a team library the same edit travels as a proposal
instead (``app/team/proposals.py``); this is the desk's own queue, for a desk on its own or one not yet synced.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.articles.service import ArticleService, check_article
from app.curation.diff import FieldDiff, diff_snapshots
from app.model import Article
from app.store.articles import snapshot_of
from app.store.edit_suggestions import EditSuggestion, EditSuggestionRepository


class SuggestionError(ValueError):
    """The suggestion cannot be made or decided (said in Chinese)."""


@dataclass(frozen=True)
class SavedEdit:
    """What became of a save: published (or saved as a draft) at once, or kept as a suggestion for an owner."""

    article: Article  # the article as agents read it now (unchanged when the edit became a suggestion)
    suggestion_id: str | None = None  # kept on this desk for an owner
    proposal_id: str | None = None  # sent to the team library's owners

    @property
    def suggested(self) -> bool:
        return self.suggestion_id is not None or self.proposal_id is not None


class EditSuggestions:
    def __init__(self, repo: EditSuggestionRepository, articles: ArticleService,
                 restorable: Callable[[dict[str, Any]], dict[str, Any]], clock: Callable[[], datetime]):
        self.repo = repo
        self._articles = articles
        self._restorable = restorable
        self._clock = clock

    def suggest(self, published: Article, edited: Article, author: str, note: str = "") -> EditSuggestion:
        check_article(edited)  # a script an owner could not publish is refused now, with the same message
        snapshot = snapshot_of(edited.with_changes(status=published.status))
        if snapshot == snapshot_of(published):
            raise SuggestionError("没有修改，不需要提交建议")
        suggestion = EditSuggestion(
            id=str(uuid.uuid4()), article_id=published.id, base_version=published.version, snapshot=snapshot,
            author=author, note=note, created_at=self._clock().replace(microsecond=0),
        )
        self.repo.add(suggestion)
        return suggestion

    def waiting(self) -> list[EditSuggestion]:
        return self.repo.in_state("open")

    def mine(self, author: str) -> list[EditSuggestion]:
        """An agent's own suggestions, decided ones included (so they see what became of them)."""
        return sorted(self.repo.in_state("open", author) + self.repo.in_state("accepted", author)
                      + self.repo.in_state("declined", author), key=lambda s: s.created_at)

    def diff(self, suggestion_id: str) -> list[FieldDiff]:
        """What the suggestion changes in the article as it is published now."""
        suggestion = self._get(suggestion_id)
        return diff_snapshots(snapshot_of(self._articles.get(suggestion.article_id)), suggestion.snapshot)

    def accept(self, suggestion_id: str, by: str, note: str = "") -> Article:
        suggestion = self._open(suggestion_id)
        article = self._articles.get(suggestion.article_id)
        edited = article.with_changes(**self._restorable(suggestion.snapshot))
        saved = self._articles.update(edited, by, note or f"采纳{suggestion.author or '客服'}的修改建议")
        self.repo.decide(suggestion.id, "accepted", by, self._clock(), note)
        return saved

    def decline(self, suggestion_id: str, by: str, note: str) -> None:
        if not note.strip():
            raise SuggestionError("退回建议时请写明原因，提出建议的同事会看到")
        suggestion = self._open(suggestion_id)
        self.repo.decide(suggestion.id, "declined", by, self._clock(), note.strip())

    def _get(self, suggestion_id: str) -> EditSuggestion:
        suggestion = self.repo.get(suggestion_id)
        if suggestion is None:
            raise SuggestionError("找不到这条修改建议")
        return suggestion

    def _open(self, suggestion_id: str) -> EditSuggestion:
        suggestion = self._get(suggestion_id)
        if suggestion.state != "open":
            raise SuggestionError("这条修改建议已经处理过了")
        return suggestion

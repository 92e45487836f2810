"""KB owners' use-cases, reached as ``desk.curation``: workflow, versions, review, reminders, duplicates,
analytics, Markdown export, import preview and the editor's autosave buffers.

It receives the article service, the repositories, the settings and the clock it needs (never the facade) and
composes the pure modules beside it (workflow, diff, review, duplicates, analytics); the GUI and the CLI reach it
through the facade, never the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.articles.service import ArticleService
from app.curation import analytics, duplicates, review
from app.curation.diff import FieldDiff, diff_snapshots
from app.curation.import_preview import ImportPreview, preview_import
from app.curation.roles import admit, check_new_pin, hash_pin
from app.curation.suggestions import EditSuggestions, SavedEdit
from app.curation.workflow import Action, Role, WorkflowError, may, target_status
from app.documents.markdown_folder import ExportResult, export_markdown_folder
from app.model import Article, Kind, Status, Version
from app.reminders import DueItem, apply_reminder_states, reviews_due
from app.settings import Settings
from app.store.article_queries import ArticleQueries
from app.store.articles import content_equal, snapshot_of
from app.store.edit_suggestions import EditSuggestionRepository
from app.store.editor_buffers import EditorBufferRepository
from app.store.reminder_state import ReminderStateRepository
from app.store.search_log import SearchLogRepository

if TYPE_CHECKING:
    from app.search.engine import SearchEngine

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CurationStores:
    """The repositories curation reads and writes."""

    queries: ArticleQueries
    search_log: SearchLogRepository
    reminder_states: ReminderStateRepository
    buffers: EditorBufferRepository
    suggestions: EditSuggestionRepository


class Curation:
    def __init__(self, articles: ArticleService, stores: CurationStores, settings: Settings,
                 save_settings: Callable[[], None], clock: Callable[[], datetime],
                 engine: Callable[[], SearchEngine]):
        self.articles = articles
        self._queries = stores.queries
        self._search_log = stores.search_log
        self.reminder_states = stores.reminder_states
        self.buffers = stores.buffers
        self._suggestion_repo = stores.suggestions
        self._settings = settings
        self._save_settings = save_settings
        self._clock = clock
        self._engine = engine

    # --- roles and workflow -----------------------------------------------------------------------------------
    @property
    def role(self) -> Role:
        return Role.parse(self._settings.role)

    def set_role(self, role: Role | str, pin: str | None = None) -> None:
        """Take ``role``; an owner's or trainer's role needs the owner's PIN (the first one sets it)."""
        wanted = Role.parse(role)
        new_pin = admit(wanted, self._settings.owner_pin, pin)
        if new_pin is not None:
            self._settings.owner_pin = new_pin
        self._settings.role = wanted.value
        self._save_settings()

    def change_pin(self, old: str, new: str) -> None:
        """An owner changes the PIN (the old one proves it)."""
        admit(Role.OWNER, self._settings.owner_pin, old)
        check_new_pin(new)
        self._settings.owner_pin = hash_pin(new.strip())
        self._save_settings()

    def may(self, action: Action, article: Article) -> bool:
        return may(self.role, action, article.status, article.kind)

    def publishes(self, article: Article) -> bool:
        """Whether this desk's role publishes ``article`` by saving it (others' edits become suggestions)."""
        return may(self.role, Action.PUBLISH, Status.REVIEW, article.kind)

    def save_edit(self, article: Article, author: str, note: str = "",
                  propose: Callable[[str, str], str] | None = None) -> SavedEdit:
        """Save an edit: whoever publishes this kind of article publishes it; anyone else's edit of a published
        article becomes a suggestion — sent to the team library's owners through ``propose`` on a team desk."""
        current = self.articles.find(article.id)
        if current is None or current.status is not Status.PUBLISHED or self.publishes(current):
            return SavedEdit(self.articles.update(article, author, note))
        if content_equal(current, article.with_changes(status=current.status)):
            return SavedEdit(current)
        if propose is None:
            suggestion = self.suggestions.suggest(current, article, author, note)
            return SavedEdit(current, suggestion_id=suggestion.id)
        self.articles.update(article.with_changes(status=current.status), author, note)
        try:  # the team's proposal puts this desk back on the team's text while the owners decide
            proposal_id = propose(article.id, note)
        except Exception:
            self.articles.update(current.with_changes(version=current.version), author, "建议未能发出，恢复原文")
            raise
        return SavedEdit(self.articles.get(article.id), proposal_id=proposal_id)

    @cached_property
    def suggestions(self) -> EditSuggestions:
        """Agents' edits of published articles, waiting for an owner."""
        return EditSuggestions(self._suggestion_repo, self.articles, restorable_content, self._clock)

    def apply(self, article_id: str, action: Action, author: str = "", note: str = "", *, enforce_role: bool = False) -> Article:
        """Move an article through the workflow. Publishing records a version (via ``update_article``).

        Roles guide the UI; ``enforce_role`` is for callers that want the guidance applied strictly.
        """
        article = self.articles.get(article_id)
        if enforce_role and not self.may(action, article):
            raise WorkflowError(f"{self.role.label_zh}不能{action.label_zh}这篇文章")
        if action is Action.VERIFY:
            target_status(article.status, action)
            return self.articles.verify(article.id, author)
        status = target_status(article.status, action)
        if status is article.status:
            return article
        return self.articles.update(article.with_changes(status=status), author, note or _NOTES.get(action, ""))

    # --- versions ---------------------------------------------------------------------------------------------
    def versions(self, article_id: str) -> list[Version]:
        return self.articles.versions(article_id)

    def version(self, article_id: str, number: int) -> Version:
        for version in self.versions(article_id):
            if version.number == number:
                return version
        raise LookupError(f"这篇文章没有第 {number} 版")

    def diff(self, article_id: str, old: int, new: int | None = None) -> list[FieldDiff]:
        """Changes from version ``old`` to version ``new`` (default: the article as it is now)."""
        before = self.version(article_id, old).snapshot
        after = self.version(article_id, new).snapshot if new is not None else snapshot_of(self.articles.get(article_id))
        return diff_snapshots(before, after)

    def restore_version(self, article_id: str, number: int, author: str = "") -> Article:
        """Bring back an old version's content as a NEW version; the status stays as it is now."""
        article = self.articles.get(article_id)
        snap = self.version(article.id, number).snapshot
        restored = article.with_changes(**restorable_content(snap))
        return self.articles.update(restored, author, f"恢复第 {number} 版")

    # --- review -----------------------------------------------------------------------------------------------
    def review_queue(self, at: datetime | None = None, **filters: Any) -> list[review.ReviewItem]:
        return review.review_queue(self._queries, at or self._clock(), **filters)

    def verify(self, ids: list[str], by: str = "") -> int:
        return self.articles.verify_many(ids, by)

    def health(self, at: datetime | None = None) -> review.Health:
        return review.health(self._queries, at or self._clock())

    def default_interval(self, kind: Kind | str) -> int:
        return review.default_interval(self._settings, kind)

    def set_interval(self, article_id: str, days: int, author: str = "") -> None:
        review.set_interval(self.articles, article_id, days, author)

    def set_kind_default(self, kind: Kind | str, days: int, *, apply_to_existing: bool = False) -> int:
        return review.set_kind_default(self.articles, self._queries, self._settings, self._save_settings, kind, days,
                                       apply_to_existing=apply_to_existing)

    def snapshot(self, article: Article) -> dict[str, Any]:
        """The article's content as a version snapshot holds it (what diffs compare)."""
        return snapshot_of(article)

    # --- reminders (snooze / dismiss) -------------------------------------------------------------------------
    def reviews_due(self, at: datetime) -> list[DueItem]:
        return reviews_due(self._queries.reviews_due(at), at)

    def visible(self, items: list[DueItem], at: datetime) -> list[DueItem]:
        return apply_reminder_states(items, self.reminder_states.states(), at)

    def snooze(self, key: str, until: datetime | None = None, *, hours: float | None = None) -> datetime:
        now = self._clock()
        until = until or now + timedelta(hours=hours if hours is not None else 24)
        self.reminder_states.snooze(key, until, now)
        return until

    def dismiss(self, key: str) -> None:
        self.reminder_states.dismiss(key, self._clock())

    def restore_reminder(self, key: str) -> bool:
        return self.reminder_states.clear(key)

    # --- duplicates, analytics --------------------------------------------------------------------------------
    def duplicates_of(self, article: Article, limit: int = 5) -> list[duplicates.DuplicateCandidate]:
        return duplicates.duplicates_of(self.articles.repo, self._queries, self._engine, article, limit)

    def duplicates_report(self, progress: Progress | None = None,
                          cancelled: Callable[[], bool] = lambda: False) -> list[duplicates.DuplicateGroup]:
        return duplicates.duplicates_report(self.articles.repo, progress, cancelled)

    def analytics(self, at: datetime | None = None, **kw: Any) -> analytics.AnalyticsReport:
        return analytics.collect(self._queries, self._search_log, at or self._clock(), **kw)

    # --- import preview and Markdown export -------------------------------------------------------------------
    def preview_import(self, path: Path, progress: Progress | None = None, *,
                       encoding: str | None = None) -> ImportPreview:
        return preview_import(self.articles.find_import_match, self._settings, Path(path), progress,
                              encoding=encoding)

    def export_markdown(self, out: Path, *, force: bool = False, include_archived: bool = True,
                        progress: Progress | None = None) -> ExportResult:
        repo = self.articles.repo
        articles = repo.iter_all()
        if not include_archived:
            articles = (a for a in articles if a.status is not Status.ARCHIVED)
        return export_markdown_folder(articles, out, force=force, total=repo.count(), progress=progress)


_NOTES = {
    Action.SUBMIT: "提交审核",
    Action.RETURN: "退回草稿",
    Action.PUBLISH: "发布",
    Action.UNPUBLISH: "撤回发布",
    Action.ARCHIVE: "归档",
    Action.REOPEN: "重新启用",
}


def restorable_content(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The parts of a version snapshot that "restore" brings back (not the status: restoring is an edit)."""
    from app.model import Kind

    content: dict[str, Any] = {}
    for name in ("title", "body", "group", "owner"):
        if name in snapshot:
            content[name] = snapshot[name] or ""
    for name in ("tags", "phrasings"):
        if name in snapshot:
            content[name] = list(snapshot[name] or [])
    if "fields" in snapshot:
        content["fields"] = dict(snapshot["fields"] or {})
    if "kind" in snapshot:
        content["kind"] = Kind(snapshot["kind"])
    return content

"""KB owners' use-cases, reached as ``desk.curation``: workflow, versions, review, reminders, duplicates,
analytics, Markdown export, import preview and the editor's autosave buffers.

A thin layer over :class:`app.services.Deskbook` and the pure modules (workflow, diff, review, duplicates,
analytics); the GUI and the CLI call these methods, never the store.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.curation import analytics, duplicates, review
from app.curation.diff import FieldDiff, diff_snapshots
from app.documents.markdown_folder import ExportResult, export_markdown_folder
from app.curation.import_preview import ImportPreview, preview_import
from app.model import Article, Status, Version
from app.reminders import DueItem, apply_reminder_states
from app.store.articles import snapshot_of
from app.store.editor_buffers import EditorBufferRepository
from app.store.reminder_state import ReminderStateRepository
from app.curation.workflow import Action, Role, WorkflowError, may, target_status

if TYPE_CHECKING:
    from app.services import Deskbook

Progress = Callable[[int, int], None]


class Curation:
    def __init__(self, desk: "Deskbook"):
        self.desk = desk
        self.reminder_states = ReminderStateRepository(desk.db)
        self.buffers = EditorBufferRepository(desk.db)

    # --- roles and workflow -----------------------------------------------------------------------------------
    @property
    def role(self) -> Role:
        return Role.parse(self.desk.settings.role)

    def set_role(self, role: Role | str) -> None:
        self.desk.settings.role = Role.parse(role).value
        self.desk.save_settings()

    def may(self, action: Action, article: Article) -> bool:
        return may(self.role, action, article.status, article.kind)

    def apply(self, article_id: str, action: Action, author: str = "", note: str = "", *, enforce_role: bool = False) -> Article:
        """Move an article through the workflow. Publishing records a version (via ``update_article``).

        Roles guide the UI; ``enforce_role`` is for callers that want the guidance applied strictly.
        """
        article = self.desk.get_article(article_id)
        if enforce_role and not self.may(action, article):
            raise WorkflowError(f"the {self.role.value} role does not {action.value} this article")
        if action is Action.VERIFY:
            target_status(article.status, action)
            return self.desk.verify_article(article.id, author)
        status = target_status(article.status, action)
        if status is article.status:
            return article
        return self.desk.update_article(article.with_changes(status=status), author, note or _NOTES.get(action, ""))

    # --- versions ---------------------------------------------------------------------------------------------
    def versions(self, article_id: str) -> list[Version]:
        return self.desk.versions(article_id)

    def version(self, article_id: str, number: int) -> Version:
        for version in self.versions(article_id):
            if version.number == number:
                return version
        raise LookupError(f"article has no version {number}")

    def diff(self, article_id: str, old: int, new: int | None = None) -> list[FieldDiff]:
        """Changes from version ``old`` to version ``new`` (default: the article as it is now)."""
        before = self.version(article_id, old).snapshot
        after = self.version(article_id, new).snapshot if new is not None else snapshot_of(self.desk.get_article(article_id))
        return diff_snapshots(before, after)

    def restore_version(self, article_id: str, number: int, author: str = "") -> Article:
        """Bring back an old version's content as a NEW version; the status stays as it is now."""
        article = self.desk.get_article(article_id)
        snap = self.version(article.id, number).snapshot
        restored = article.with_changes(**restorable_content(snap))
        return self.desk.update_article(restored, author, f"restored version {number}")

    # --- review -----------------------------------------------------------------------------------------------
    def review_queue(self, at: datetime | None = None, **filters: Any) -> list[review.ReviewItem]:
        return review.review_queue(self.desk, at or self.desk.clock(), **filters)

    def verify(self, ids: list[str], by: str = "") -> int:
        return review.bulk_verify(self.desk, ids, by)

    def health(self, at: datetime | None = None) -> review.Health:
        return review.health(self.desk, at or self.desk.clock())

    def default_interval(self, kind) -> int:
        return review.default_interval(self.desk.settings, kind)

    # --- reminders (snooze / dismiss) -------------------------------------------------------------------------
    def visible(self, items: list[DueItem], at: datetime) -> list[DueItem]:
        return apply_reminder_states(items, self.reminder_states.states(), at)

    def snooze(self, key: str, until: datetime | None = None, *, hours: float | None = None) -> datetime:
        now = self.desk.clock()
        until = until or now + timedelta(hours=hours if hours is not None else 24)
        self.reminder_states.snooze(key, until, now)
        return until

    def dismiss(self, key: str) -> None:
        self.reminder_states.dismiss(key, self.desk.clock())

    def restore_reminder(self, key: str) -> bool:
        return self.reminder_states.clear(key)

    # --- duplicates, analytics --------------------------------------------------------------------------------
    def duplicates_of(self, article: Article, limit: int = 5) -> list[duplicates.DuplicateCandidate]:
        return duplicates.duplicates_of(self.desk, article, limit)

    def duplicates_report(self, progress: Progress | None = None, cancelled=lambda: False) -> list[duplicates.DuplicateGroup]:
        return duplicates.duplicates_report(self.desk, progress, cancelled)

    def analytics(self, at: datetime | None = None, **kw: Any) -> analytics.AnalyticsReport:
        return analytics.collect(self.desk, at, **kw)

    # --- import preview and Markdown export -------------------------------------------------------------------
    def preview_import(self, path: Path, progress: Progress | None = None) -> ImportPreview:
        return preview_import(self.desk, Path(path), progress)

    def export_markdown(self, out: Path, *, force: bool = False, include_archived: bool = True,
                        progress: Progress | None = None) -> ExportResult:
        articles = self.desk.articles.iter_all()
        if not include_archived:
            articles = (a for a in articles if a.status is not Status.ARCHIVED)
        return export_markdown_folder(articles, out, force=force, total=self.desk.articles.count(), progress=progress)


_NOTES = {
    Action.SUBMIT: "submitted for review",
    Action.RETURN: "returned to draft",
    Action.PUBLISH: "published",
    Action.UNPUBLISH: "unpublished",
    Action.ARCHIVE: "archived",
    Action.REOPEN: "reopened",
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

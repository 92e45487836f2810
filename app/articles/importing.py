"""Importing JSONL, CSV, XLSX or a Markdown folder in one transaction, refusing bad rows with their place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.articles.hooks import ChangeListener, Clock, Progress, Transaction
from app.articles.service import prepare_for_status
from app.importers import ImportReport, RefusedRow, read_source
from app.importers.records import ArticleContent, RecordError, parse_record
from app.importers.sources import SourceNotes
from app.model import Article, Status
from app.settings import Settings
from app.store.articles import ArticleRepository, content_equal

MatchFinder = Callable[[str | None], Article | None]


class ImportService:
    def __init__(self, articles: ArticleRepository, find_match: MatchFinder, transaction: Transaction,
                 settings: Settings, clock: Clock, listener: ChangeListener):
        self.repo = articles
        self._find_match = find_match
        self._transaction = transaction
        self._settings = settings
        self._clock = clock
        self._listener = listener

    def import_path(self, path: Path, author: str = "", progress: Progress | None = None, *,
                    encoding: str | None = None) -> ImportReport:
        """Import a JSONL/CSV/XLSX file or a Markdown folder in one transaction.

        A refused row is reported with its place and reason and leaves nothing behind; the other rows are kept.
        Raises ImportSourceError when the source as a whole is unreadable (then nothing is written). Text files
        are read in ``encoding`` when given, else in the detected one (an uncertain guess is noted in the report).
        """
        notes = SourceNotes()
        rows = list(read_source(Path(path), encoding=encoding, notes=notes))
        report = ImportReport(source=str(path), uncertain_encodings=notes.uncertain())
        now = self._clock()
        seen: dict[str, str] = {}
        with self._transaction():
            for done, row in enumerate(rows, start=1):
                if row.error is not None:
                    report.refused.append(RefusedRow(row.where, row.error))
                    continue
                try:
                    content = parse_record(row.data or {})
                    if content.external_id and content.external_id in seen:
                        raise RecordError(f"编号 {content.external_id!r} 在{seen[content.external_id]}已经用过")
                    self._apply(content, report, author, now)
                    if content.external_id:
                        seen[content.external_id] = row.where
                except RecordError as error:
                    report.refused.append(RefusedRow(row.where, str(error)))
                if progress is not None and (done % 500 == 0 or done == len(rows)):
                    progress(done, len(rows))
        self._listener.vocabulary_changed()
        self._listener.articles_changed()
        return report

    def _apply(self, content: ArticleContent, report: ImportReport, author: str, now: datetime) -> None:
        existing = self._find_match(content.external_id)
        interval = content.review_interval_days or self._settings.review_days_for(content.kind.value)
        if existing is None:
            self._create(content, interval, report, author, now)
            return
        updated = existing.with_changes(
            kind=content.kind, title=content.title, body=content.body, fields=content.fields, tags=content.tags,
            group=content.group, status=content.status, owner=content.owner or existing.owner,
            phrasings=content.phrasings, review_interval_days=interval,
        )
        report.updated += 1
        report.updated_ids.append(existing.id)
        if content_equal(existing, updated) and interval == existing.review_interval_days:
            report.unchanged += 1
            return
        updated = updated.with_changes(updated_at=now, version=existing.version + 1)
        if existing.status is not Status.PUBLISHED:
            prepare_for_status(updated, now, author)
        self.repo.update(updated)
        if updated.status is Status.PUBLISHED:
            self.repo.add_version(updated, author, "重新导入", now)

    def _create(self, content: ArticleContent, interval: int, report: ImportReport, author: str,
                now: datetime) -> None:
        article = Article(
            kind=content.kind, title=content.title, body=content.body, fields=content.fields,
            tags=content.tags, group=content.group, status=content.status, owner=content.owner or author,
            phrasings=content.phrasings, external_id=content.external_id, review_interval_days=interval,
            created_at=now, updated_at=now, version=1,
        )
        prepare_for_status(article, now, author)
        self.repo.insert(article)
        if article.status is Status.PUBLISHED:
            self.repo.add_version(article, author, "导入", now)
        report.created += 1
        report.created_ids.append(article.id)

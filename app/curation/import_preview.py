"""A dry run of an import: what would be created, updated, left unchanged or refused — nothing is written.

It reads and validates rows exactly as :meth:`app.articles.importing.ImportService.import_path` does (same reader, same ``parse_record``,
same duplicate-id rule, same match by external id or article id), so the preview and the import agree; a test
compares them on the same files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.importers import read_source
from app.importers.encoding import EncodingGuess
from app.importers.records import RecordError, parse_record
from app.importers.sources import SourceNotes
from app.model import Article, Kind
from app.settings import Settings
from app.store.articles import content_equal

CREATE, UPDATE, UNCHANGED, REFUSE = "create", "update", "unchanged", "refuse"


@dataclass(frozen=True)
class PreviewRow:
    where: str
    action: str  # create | update | unchanged | refuse
    title: str = ""
    kind: Kind | None = None
    reason: str = ""  # why refused
    existing_id: str | None = None


@dataclass
class ImportPreview:
    source: str
    rows: list[PreviewRow] = field(default_factory=list)
    uncertain_encodings: dict[str, EncodingGuess] = field(default_factory=dict)  # as in ImportReport

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def created(self) -> int:
        return self.count(CREATE)

    @property
    def updated(self) -> int:  # as in ImportReport: unchanged rows are counted as updated too
        return self.count(UPDATE) + self.count(UNCHANGED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def refused(self) -> int:
        return self.count(REFUSE)


def preview_import(find_match: Callable[[str | None], Article | None], settings: Settings, path: Path,
                   progress: Callable[[int, int], None] | None = None, *,
                   encoding: str | None = None) -> ImportPreview:
    """Raises ImportSourceError when the source as a whole is unreadable, like the import."""
    notes = SourceNotes()
    rows = list(read_source(Path(path), encoding=encoding, notes=notes))
    preview = ImportPreview(str(path), uncertain_encodings=notes.uncertain())
    seen: dict[str, str] = {}
    for done, row in enumerate(rows, start=1):
        if row.error is not None:
            preview.rows.append(PreviewRow(row.where, REFUSE, reason=row.error))
            continue
        try:
            content = parse_record(row.data or {})
            if content.external_id and content.external_id in seen:
                raise RecordError(f"编号 {content.external_id!r} 在{seen[content.external_id]}已经用过")
        except RecordError as error:
            raw_title = (row.data or {}).get("title") or (row.data or {}).get("标题") or ""
            title = raw_title[:200] if isinstance(raw_title, str) else ""
            preview.rows.append(PreviewRow(row.where, REFUSE, title=title, reason=str(error)))
            continue
        if content.external_id:
            seen[content.external_id] = row.where
        existing = find_match(content.external_id)
        if existing is None:
            preview.rows.append(PreviewRow(row.where, CREATE, content.title, content.kind))
        else:
            interval = content.review_interval_days or settings.review_days_for(content.kind.value)
            updated = existing.with_changes(
                kind=content.kind, title=content.title, body=content.body, fields=content.fields,
                tags=content.tags, group=content.group, status=content.status,
                owner=content.owner or existing.owner, phrasings=content.phrasings,
            )
            same = content_equal(existing, updated) and interval == existing.review_interval_days
            preview.rows.append(PreviewRow(row.where, UNCHANGED if same else UPDATE, content.title, content.kind,
                                           existing_id=existing.id))
        if progress is not None and (done % 500 == 0 or done == len(rows)):
            progress(done, len(rows))
    return preview


__all__ = ["CREATE", "REFUSE", "UNCHANGED", "UPDATE", "ImportPreview", "PreviewRow", "preview_import"]

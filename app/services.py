"""The one facade the GUI and the CLI call: it opens a data directory and composes the feature services.

Below it, arrows only point down (``docs/ARCHITECTURE.md``): feature services (articles, curation, records,
documents, search) receive the repositories, settings and clock they need, never this object. The facade holds no
SQL and no use-case logic of its own: each method is the public name of one feature service's operation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.articles.importing import ImportService
from app.articles.service import AmbiguousReference, ArticleInvalid, ArticleNotFound, ArticleService
from app.curation.suggestions import SavedEdit
from app.documents.backup_templates import BackupError, inspect_backup, prepare_data_dir, restore
from app.documents.errors import (
    EmptyPack,
    ExportError,
    ExportExists,
    FontMissing,
    LetterTemplateError,
    PackSelectionError,
)
from app.documents.letter import DEFAULT_ORGANIZATION
from app.documents.pack_content import PackSelection
from app.documents.tracking_sheet import TrackingFilter, parse_day
from app.importers import ImportReport, ImportSourceError
from app.model import Article, ArticleSummary, Kind, Status, Version, utcnow
from app.reminders import DueItem
from app.search.highlight import Span
from app.search.lifecycle import IndexLifecycle
from app.search.results import SearchFilters, SearchResult, SearchResults
from app.search.service import SearchService
from app.settings import Settings
from app.store import migrate, open_database
from app.store.article_queries import ArticleQueries
from app.store.articles import ArticleRepository
from app.store.errors import StorageError, storage_errors
from app.store.errors import classify as classify_storage_error
from app.store.identity import ensure_identity
from app.store.journal import IndexJournal
from app.store.search_log import SearchLogRepository
from app.store.synonyms import SynonymRepository
from app.wiring import FeatureServices

if TYPE_CHECKING:  # built on first use: opening the desk (and the first window) does not wait for them
    from app.search.engine import SearchEngine
    from app.search.index import IndexState, SearchIndex

Progress = Callable[[int, int], None]

# What the GUI and the CLI may name besides the facade: the types its methods take, return and raise.
__all__ = [
    "DEFAULT_ORGANIZATION", "AmbiguousReference", "ArticleInvalid", "ArticleNotFound", "BackupError", "Deskbook",
    "EmptyPack", "ExportError", "ExportExists", "FontMissing", "ImportReport", "ImportSourceError",
    "LetterTemplateError", "PackSelection", "PackSelectionError", "SavedEdit", "SearchFilters", "SearchResult", "SearchResults", "Span",
    "StorageError", "TrackingFilter", "classify_storage_error", "inspect_backup", "parse_day", "restore",
]


class Deskbook(FeatureServices):
    """Open one data directory (or an in-memory store with ``data_dir=None``, for tests)."""

    def __init__(self, data_dir: Path | None, *, clock: Callable[[], datetime] = utcnow):
        self.clock = clock
        with storage_errors(data_dir):  # a read-only, full or damaged folder gets a message, not a traceback
            self.paths = prepare_data_dir(data_dir)  # created if needed; an interrupted restore finished first
            self.db = open_database(self.paths.database if self.paths else None)
            try:
                migrate(self.db)
                ensure_identity(self.db)  # what the search index checks it was built from (app/store/identity.py)
            except BaseException:
                self.db.conn.close()
                raise
        self.settings = Settings.load(self.paths.settings_file if self.paths else None)
        self.articles = ArticleRepository(self.db)
        self.queries = ArticleQueries(self.db)
        self.journal = IndexJournal(self.db)
        self.synonym_repo = SynonymRepository(self.db)
        self.search_log = SearchLogRepository(self.db)
        self.lifecycle = IndexLifecycle(self.paths.index_dir if self.paths else None, self.articles, self.queries,
                                        self.journal, self.synonym_repo)
        self.library = ArticleService(self.articles, self.db.atomic, self.settings, clock, self.lifecycle)
        self.importer = ImportService(self.articles, self.library.find_import_match, self.db.atomic,
                                      self.settings, clock, self.lifecycle)
        self.searcher = SearchService(self.lifecycle, self.articles, self.queries, self.search_log,
                                      self.synonym_repo, clock, self._search_extras)

    @classmethod
    def open(cls, data_dir: Path | None, *, seed_demo: bool = False, **kwargs: Any) -> Deskbook:
        desk = cls(data_dir, **kwargs)
        if seed_demo and desk.is_empty() and not desk.settings.team_url:  # a team desk gets the team's content
            desk.seed_demo()
        return desk

    def close(self) -> None:
        if "team" in self.__dict__:  # built only once used
            self.team.close()
        self.lifecycle.close()
        self.db.conn.close()

    # --- the data directory ------------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return self.articles.count() == 0

    def count_articles(self) -> int:
        return self.articles.count()

    def save_settings(self) -> None:
        with storage_errors(self.paths.root if self.paths else None):
            self.settings.save(self.paths.settings_file if self.paths else None)

    def data_version(self) -> int:
        """Changes whenever another connection (another process) commits; the GUI polls it to refresh."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def backup(self, path: Path | str | None = None) -> Path:
        """A backup .zip at ``path`` (a file or a folder; default: the data directory's ``backups/``)."""
        from app.backup import backup

        target = path if path is not None else (self.paths.backups_dir if self.paths else Path("."))
        return backup(self.paths, target, self.clock())

    def auto_backup(self) -> Path | None:
        """The daily backup, when one is due; keeps the newest ``backup_keep``."""
        from app.backup import auto_backup

        return auto_backup(self.paths, self.settings.backup_keep, self.clock())

    # --- articles ------------------------------------------------------------------------------------------
    def get_article(self, ref: str) -> Article:
        """By id, unique id prefix (at least 4 characters) or external id."""
        return self.library.get(ref)

    def find_article(self, article_id: str) -> Article | None:
        return self.library.find(article_id)

    def get_articles(self, ids: list[str]) -> dict[str, Article]:
        return self.articles.get_many(ids)

    def list_articles(self, **filters: Any) -> list[ArticleSummary]:
        return self.library.list(**filters)

    def distinct_groups(self) -> list[str]:
        return self.articles.distinct_groups()

    def distinct_tags(self) -> list[str]:
        return self.articles.distinct_tags()

    def create_article(self, article: Article, author: str = "", note: str = "") -> Article:
        return self.library.create(article, author, note)

    def update_article(self, article: Article, author: str = "", note: str = "") -> Article:
        """Save changed content; a published article gets a new version row (who, when, note)."""
        return self.library.update(article, author, note)

    def save_edit(self, article: Article, author: str = "", note: str = "") -> SavedEdit:
        """The editor's save: published by an owner, a suggestion for one when an agent edits a published article
        (a proposal to the team library's owners on a team desk)."""
        propose = (lambda article_id, text: self.team.propose(article_id, text).id) if self.settings.team_url else None
        return self.curation.save_edit(article, author, note, propose)

    def set_status(self, article_id: str, status: Status, author: str = "", note: str = "") -> Article:
        return self.library.set_status(article_id, status, author, note)

    def archive_article(self, article_id: str, author: str = "") -> Article:
        return self.library.set_status(article_id, Status.ARCHIVED, author, "归档")

    def verify_article(self, article_id: str, by: str = "") -> Article:
        """Mark as checked and true today: the next review moves one interval ahead."""
        return self.library.verify(article_id, by)

    def versions(self, article_id: str) -> list[Version]:
        return self.library.versions(article_id)

    def restore_version(self, article_id: str, number: int, author: str = "") -> Article:
        """Save an old version's content as a new version (history is never rewritten)."""
        return self.curation.restore_version(article_id, number, author)

    def record_view(self, article_id: str) -> None:
        self.library.record_view(article_id)

    def record_copy(self, article_id: str) -> None:
        self.library.record_copy(article_id)

    def script_triggers(self) -> dict[str, str]:
        """Script abbreviations (lower case, e.g. ``;tk``) and the script each opens, for the quick palette."""
        return self.articles.script_triggers()

    # --- import --------------------------------------------------------------------------------------------
    def import_path(self, path: Path, author: str = "", progress: Progress | None = None, *, encoding: str | None = None) -> ImportReport:
        """Import a file or a Markdown folder in one transaction (see ImportService); text in ``encoding`` or detected."""
        return self.importer.import_path(path, author, progress, encoding=encoding)

    def preview_import(self, path: Path, progress: Progress | None = None, *, encoding: str | None = None) -> Any:
        """What :meth:`import_path` would create, update or refuse, without writing anything."""
        return self.curation.preview_import(path, progress, encoding=encoding)

    def find_import_match(self, ref: str | None) -> Article | None:
        return self.library.find_import_match(ref)

    # --- search --------------------------------------------------------------------------------------------
    def search(self, text: str, filters: SearchFilters | None = None, limit: int = 20, *,
               prefix_last: bool = False, log_query: bool = True, highlight: bool = True) -> SearchResults:
        return self.searcher.search(text, filters, limit, prefix_last=prefix_last, log_query=log_query,
                                    highlight=highlight)

    def log_search(self, session: str, text: str, filters: SearchFilters | None = None) -> bool:
        """Count a query a person settled on, once per search session (app/search/counting.py has the rule)."""
        return self.searcher.log_search(session, text, filters)

    def similar_articles(self, article_id: str, limit: int = 5) -> list[ArticleSummary]:
        article = self.get_article(article_id)
        text = "\n".join([article.title, *article.phrasings, article.body])
        return self.searcher.similar(article.id, text, limit)

    def synonyms(self) -> list[list[str]]:
        return self.searcher.synonyms()

    def add_synonyms(self, terms: list[str]) -> list[str]:
        return self.searcher.add_synonyms(terms)

    def remove_synonym(self, term: str) -> bool:
        return self.searcher.remove_synonym(term)

    # --- index lifecycle -----------------------------------------------------------------------------------
    @property
    def index(self) -> SearchIndex:
        return self.lifecycle.index

    @property
    def engine(self) -> SearchEngine:
        return self.lifecycle.engine

    def index_state(self) -> IndexState:
        return self.lifecycle.state

    @property
    def rebuilding(self) -> bool:
        return self.lifecycle.rebuilding

    def prepare_index(self) -> IndexState:
        """Open the index and catch up; a state other than READY means :meth:`reindex` is needed."""
        return self.lifecycle.prepare()

    def ensure_index(self) -> IndexState:
        return self.lifecycle.ensure()

    def warm_up_search(self) -> None:
        self.lifecycle.warm_up()

    def needs_rebuild(self) -> bool:
        return self.lifecycle.needs_rebuild()

    def sync_index(self) -> int:
        return self.lifecycle.sync()

    def reindex(self, progress: Progress | None = None, cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Rebuild the whole index from SQLite; the old index keeps answering until the new one is swapped in."""
        return self.lifecycle.rebuild(progress, cancelled)

    # --- records into knowledge ---------------------------------------------------------------------------
    def similar_cases(self, request_ref: str) -> list[Any]:
        """Cases already in the KB that the case a resolved request would become seems to duplicate."""
        draft = self.records.case_draft(request_ref)
        found = self.curation.duplicates_of(draft)
        cases = self.articles.summaries(c.id for c in found)
        return [c for c in found if c.id in cases and cases[c.id].kind is Kind.CASE]

    # --- reminders -----------------------------------------------------------------------------------------
    def due(self, at: datetime | None = None, *, include_hidden: bool = False) -> list[DueItem]:
        """What is due at ``at``; snoozed and dismissed reminders are left out unless ``include_hidden``."""
        at = at or self.clock()
        items = self.curation.reviews_due(at) + self.records.due_items(at)
        items.sort(key=lambda item: (item.due_at, item.title))
        return items if include_hidden else self.curation.visible(items, at)

    def agenda(self, at: datetime | None = None) -> list[DueItem]:
        """今日待办: everything due by the end of today (overdue included), in the order to do it."""
        from app.reminders import agenda_order, as_of, end_of_day

        now = at or self.clock()
        until = end_of_day(now)
        items = [as_of(i, now) for i in self.curation.reviews_due(until) + self.records.due_items(until)]
        return sorted(self.curation.visible(items, now), key=lambda item: agenda_order(item, now))

    # --- demo ----------------------------------------------------------------------------------------------
    def seed_demo(self) -> ImportReport:
        from app.demo import seed_demo

        return seed_demo(self.importer, self.articles, self.records, self.db.atomic, self.clock, self.settings,
                         self.save_settings, self.search_log)

    def has_demo(self) -> bool:
        """Whether the built-in demo was seeded here and not removed since."""
        from app.demo import SEEDED_KEY

        return bool(self.settings.extra.get(SEEDED_KEY))

    def remove_demo(self) -> dict[str, int]:
        """Take the built-in demo out: its unedited articles and the requests, searches and uses it recorded."""
        from app.demo import remove_demo
        from app.store.demo_content import DemoContent

        return remove_demo(DemoContent(self.db), self.db.atomic, self.settings, self.save_settings, self.lifecycle)

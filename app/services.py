"""The one facade the GUI and the CLI call: Deskbook's use-cases over storage and search.

SQLite is the source of truth; every committed change is journalled and then applied to the search index
(``sync_index``). Callers never touch SQL or Whoosh directly.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.importers import ImportReport, RefusedRow, read_source
from app.importers.records import ArticleContent, RecordError, parse_record
from app.model import Article, ArticleSummary, Status, Version, flatten_field, from_iso, to_iso, utcnow
from app.paths import DataPaths
from app.reminders import DueItem, ReviewState, reviews_due
from app.settings import Settings
from app.store import migrate, open_database
from app.store.articles import ArticleRepository, content_equal
from app.store.errors import StorageError, storage_errors
from app.store.journal import IndexJournal
from app.store.search_log import SearchLogRepository
from app.store.synonyms import SynonymRepository

if TYPE_CHECKING:  # imported on first use (see Deskbook.engine): opening the desk does not wait for Whoosh
    from app.curation.service import Curation
    from app.records.service import RecordsService
    from app.search.engine import SearchEngine
    from app.search.highlight import Span
    from app.search.index import IndexState, SearchIndex
    from app.search.query import SearchFilters

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
BULK_CHANGE_REBUILD = 1000  # catching up on this many changes (and half the KB or more) rebuilds instead


class ArticleNotFound(LookupError):
    pass


class AmbiguousReference(LookupError):
    pass


@dataclass(frozen=True)
class SearchResult:
    summary: ArticleSummary
    score: float
    fragment: str
    fragment_spans: list[Span]
    title_spans: list[Span]
    stale: bool


@dataclass
class SearchResults:
    query: str
    results: list[SearchResult]
    total: int
    took_ms: float  # time in the engine (query and ranking), without rendering or logging
    terms: list[str] = field(default_factory=list)
    matched_all: bool = True
    indexing: bool = False  # True when the index is being rebuilt and a slower scan answered
    suggestion: str | None = None  # "did you mean": a corrected query that finds something, when this found nothing


class Deskbook:
    """Open one data directory (or an in-memory store with ``data_dir=None``, for tests)."""

    def __init__(self, data_dir: Path | None, *, clock: Callable[[], datetime] = utcnow):
        self.clock = clock
        with storage_errors(data_dir):  # a read-only, full or damaged folder gets a message, not a traceback
            self.paths = DataPaths(Path(data_dir)).ensure() if data_dir is not None else None
            self.db = open_database(self.paths.database if self.paths else None)
            try:
                migrate(self.db)
            except BaseException:
                self.db.conn.close()
                raise
        self.settings = Settings.load(self.paths.settings_file if self.paths else None)
        self.articles = ArticleRepository(self.db)
        self.journal = IndexJournal(self.db)
        self.synonym_repo = SynonymRepository(self.db)
        self.search_log = SearchLogRepository(self.db)
        self._rebuilding = threading.Event()
        self._sync_lock = threading.Lock()
        # The search stack (Whoosh, the segmenter, the index) and the curation and records services are built on
        # first use: opening the desk, and so the first window, does not wait for their imports (~0.4 s).
        self._index: SearchIndex | None = None
        self._engine: SearchEngine | None = None
        self._stack_lock = threading.Lock()
        self._open_lock = threading.RLock()
        self._index_opened = False  # prepare_index (or a rebuild) has run
        self._curation: Curation | None = None
        self._records: RecordsService | None = None

    @property
    def curation(self) -> Curation:
        """KB owners: workflow, versions, review, reminders, export, analytics."""
        if self._curation is None:
            from app.curation.service import Curation

            self._curation = Curation(self)  # stateless over the database: a second one made by a race is harmless
        return self._curation

    @property
    def records(self) -> RecordsService:
        """Service records: requests, plans, progress."""
        if self._records is None:
            from app.records.service import RecordsService

            self._records = RecordsService(self)
        return self._records

    @property
    def index(self) -> SearchIndex:
        if self._engine is None:
            self._load_search()
        return self._index

    @property
    def engine(self) -> SearchEngine:
        if self._engine is None:
            self._load_search()
        return self._engine

    def _load_search(self) -> None:
        with self._stack_lock:
            if self._engine is not None:
                return
            from app.search.engine import SearchEngine
            from app.search.index import SearchIndex

            index = SearchIndex(self.paths.index_dir if self.paths else None)
            engine = SearchEngine(index)
            engine.set_synonyms(self.synonym_repo.rings())
            self._teach_segmenter()
            self._index, self._engine = index, engine  # the engine last: it is what the properties check

    @classmethod
    def open(cls, data_dir: Path | None, *, seed_demo: bool = False, **kwargs) -> "Deskbook":
        desk = cls(data_dir, **kwargs)
        if seed_demo and desk.is_empty():
            desk.seed_demo()
        return desk

    def close(self) -> None:
        if self._engine is not None:
            self._engine.invalidate()
        self.db.conn.close()

    def is_empty(self) -> bool:
        return self.articles.count() == 0

    def save_settings(self) -> None:
        with storage_errors(self.paths.root if self.paths else None):
            self.settings.save(self.paths.settings_file if self.paths else None)

    def data_version(self) -> int:
        """Changes whenever another connection (another process) commits; the GUI polls it to refresh."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    # --- articles ------------------------------------------------------------------------------------------
    def get_article(self, ref: str) -> Article:
        """By id, unique id prefix (at least 4 characters) or external id."""
        article = self.articles.get(ref) or self.articles.get_by_external_id(ref)
        if article is not None:
            return article
        if len(ref) >= 4:
            ids = self.articles.ids_with_prefix(ref)
            if len(ids) == 1:
                return self.articles.get(ids[0])
            if len(ids) > 1:
                raise AmbiguousReference(f"{ref!r} matches more than one article; give more of the id")
        raise ArticleNotFound(f"no article {ref!r}")

    def list_articles(self, **filters) -> list[ArticleSummary]:
        return self.articles.list(**filters)

    def create_article(self, article: Article, author: str = "", note: str = "") -> Article:
        now = self.clock()
        article = article.with_changes(created_at=now, updated_at=now, version=1)
        self._prepare_for_status(article, now, author)
        with self.db.atomic():
            self.articles.insert(article)
            if article.status is Status.PUBLISHED:
                self.articles.add_version(article, author, note or "created", now)
        self.sync_index()
        return article

    def update_article(self, article: Article, author: str = "", note: str = "") -> Article:
        """Save changed content; a published article gets a new version row (who, when, note)."""
        current = self.articles.get(article.id)
        if current is None:
            raise ArticleNotFound(f"no article {article.id!r}")
        if content_equal(current, article) and article.review_interval_days == current.review_interval_days:
            return current
        now = self.clock()
        article = article.with_changes(updated_at=now, version=current.version + 1, created_at=current.created_at)
        if current.status is not Status.PUBLISHED or article.review_interval_days != current.review_interval_days:
            self._prepare_for_status(article, now, author)
        with self.db.atomic():
            self.articles.update(article)
            if article.status is Status.PUBLISHED:
                self.articles.add_version(article, author, note, now)
        self.sync_index()
        return article

    def set_status(self, article_id: str, status: Status, author: str = "", note: str = "") -> Article:
        article = self.get_article(article_id)
        return self.update_article(article.with_changes(status=status), author, note or f"status: {status.value}")

    def archive_article(self, article_id: str, author: str = "") -> Article:
        return self.set_status(article_id, Status.ARCHIVED, author, "archived")

    def verify_article(self, article_id: str, by: str = "") -> Article:
        """Mark as checked and true today: the next review moves one interval ahead."""
        article = self.get_article(article_id)
        now = self.clock()
        article.last_verified_at, article.last_verified_by = now, by
        article.schedule_next_review(now)
        with self.db.atomic():
            self.articles.update(article)
        return article

    def versions(self, article_id: str) -> list[Version]:
        return self.articles.versions(self.get_article(article_id).id)

    def restore_version(self, article_id: str, number: int, author: str = "") -> Article:
        """Save an old version's content as a new version (history is never rewritten)."""
        return self.curation.restore_version(article_id, number, author)

    def preview_import(self, path: Path, progress: Progress | None = None):
        """What :meth:`import_path` would create, update or refuse, without writing anything."""
        return self.curation.preview_import(path, progress)

    def record_view(self, article_id: str) -> None:
        with self.db.atomic():
            self.articles.bump_counter(article_id, "views")

    def record_copy(self, article_id: str) -> None:
        with self.db.atomic():
            self.articles.bump_counter(article_id, "copies")

    def _prepare_for_status(self, article: Article, now: datetime, author: str) -> None:
        if article.status is Status.PUBLISHED and article.next_review_at is None:
            article.last_verified_at = article.last_verified_at or now
            article.last_verified_by = article.last_verified_by or author
            article.schedule_next_review(article.last_verified_at)
        elif article.status is Status.PUBLISHED and article.last_verified_at is not None:
            article.schedule_next_review(article.last_verified_at)

    # --- import --------------------------------------------------------------------------------------------
    def import_path(self, path: Path, author: str = "", progress: Progress | None = None) -> ImportReport:
        """Import a JSONL/CSV/XLSX file or a Markdown folder in one transaction.

        A refused row is reported with its place and reason and leaves nothing behind; the other rows are kept.
        Raises ImportSourceError when the source as a whole is unreadable (then nothing is written).
        """
        rows = list(read_source(Path(path)))
        report = ImportReport(source=str(path))
        now = self.clock()
        seen: dict[str, str] = {}
        with self.db.atomic():
            for done, row in enumerate(rows, start=1):
                if row.error is not None:
                    report.refused.append(RefusedRow(row.where, row.error))
                    continue
                try:
                    content = parse_record(row.data or {})
                    if content.external_id and content.external_id in seen:
                        raise RecordError(f"id {content.external_id!r} already used at {seen[content.external_id]}")
                    self._apply_import(content, report, author, now)
                    if content.external_id:
                        seen[content.external_id] = row.where
                except RecordError as error:
                    report.refused.append(RefusedRow(row.where, str(error)))
                if progress is not None and (done % 500 == 0 or done == len(rows)):
                    progress(done, len(rows))
        self._teach_segmenter()
        self.sync_index()
        return report

    def find_import_match(self, ref: str | None) -> Article | None:
        """The article an imported row updates: by external id, else by article id (a Markdown export of
        articles created in the app carries their own id, so re-importing it updates instead of duplicating)."""
        if not ref:
            return None
        return self.articles.get_by_external_id(ref) or self.articles.get(ref)

    def _apply_import(self, content: ArticleContent, report: ImportReport, author: str, now: datetime) -> None:
        existing = self.find_import_match(content.external_id)
        interval = content.review_interval_days or self.settings.review_days_for(content.kind.value)
        if existing is None:
            article = Article(
                kind=content.kind, title=content.title, body=content.body, fields=content.fields,
                tags=content.tags, group=content.group, status=content.status, owner=content.owner or author,
                phrasings=content.phrasings, external_id=content.external_id, review_interval_days=interval,
                created_at=now, updated_at=now, version=1,
            )
            self._prepare_for_status(article, now, author)
            self.articles.insert(article)
            if article.status is Status.PUBLISHED:
                self.articles.add_version(article, author, "imported", now)
            report.created += 1
            report.created_ids.append(article.id)
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
            self._prepare_for_status(updated, now, author)
        self.articles.update(updated)
        if updated.status is Status.PUBLISHED:
            self.articles.add_version(updated, author, "re-imported", now)

    # --- search --------------------------------------------------------------------------------------------
    def search(
        self,
        text: str,
        filters: SearchFilters | None = None,
        limit: int = 20,
        *,
        prefix_last: bool = False,
        log_query: bool = True,
        highlight: bool = True,
    ) -> SearchResults:
        from app.search.highlight import find_spans, fragment
        from app.search.index import INDEX_DAMAGE_ERRORS, IndexUnavailable
        from app.search.query import SearchFilters

        filters = SearchFilters() if filters is None else filters
        self.ensure_index()
        try:
            outcome = self.engine.search(text, filters, limit, prefix_last)
            indexing = False
        except IndexUnavailable:
            outcome = self._scan_search(text, filters, limit)
            indexing = True
        except INDEX_DAMAGE_ERRORS as error:  # damage Whoosh only notices while reading: scan, rebuild later
            log.warning("search index damaged, marked for rebuild: %s", error)
            self.index.mark_corrupt()
            self.engine.invalidate()
            outcome = self._scan_search(text, filters, limit)
            indexing = True
        summaries = self.articles.summaries(hit.id for hit in outcome.hits)
        bodies = self._fragment_sources([h.id for h in outcome.hits]) if highlight else {}
        terms = list(outcome.terms)  # a tuple from the scan that answers while the index is unavailable
        if highlight:
            terms += self._spelled_terms(text, terms, [s.title for s in summaries.values()], prefix_last)
        now = self.clock()
        results = []
        for hit in outcome.hits:
            summary = summaries.get(hit.id)
            if summary is None:  # deleted after the index answered
                continue
            snippet, spans = fragment(bodies.get(hit.id, ""), terms) if highlight else ("", [])
            stale = summary.status is Status.PUBLISHED and summary.next_review_at is not None and summary.next_review_at <= now
            results.append(SearchResult(summary, hit.score, snippet, spans, find_spans(summary.title, terms), stale))
        if log_query and text.strip():
            try:
                self.search_log.record(text.strip(), outcome.total, outcome.took_ms, now)
            except StorageError as error:  # a read-only or full disk must not stop anyone from searching
                log.info("search not logged: %s", error)
        return SearchResults(
            text, results, outcome.total, outcome.took_ms, outcome.terms, outcome.matched_all, indexing,
            outcome.suggestion,
        )

    @staticmethod
    def _spelled_terms(text: str, terms: list[str], titles: list[str], prefix_last: bool) -> list[str]:
        """The title words that pinyin in the query matched (退款 for tuikuan), so they are highlighted too."""
        from app.search.analysis import normalize
        from app.search.pinyin import looks_like_pinyin, spelled_words

        spelled = [t for t in terms if looks_like_pinyin(t)]
        if not spelled:
            return []
        typing = spelled[-1] if prefix_last and terms[-1] == spelled[-1] and not text[-1:].isspace() else None
        return spelled_words((normalize(title) for title in titles), spelled, typing)

    def _fragment_sources(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        sql = f"SELECT id, body, fields FROM articles WHERE id IN ({marks})"
        return {row["id"]: (row["body"] or "") + "\n" + _fields_text(row["fields"]) for row in self.db.query(sql, ids)}

    def _scan_search(self, text: str, filters: SearchFilters, limit: int):
        """The slow path while the index is unavailable: every word must occur in title, body or fields."""
        from app.search.analysis import query_words
        from app.search.query import Hit, SearchOutcome

        started = time.perf_counter()
        words = query_words(text)
        if not words:
            return SearchOutcome(text, [], 0, 0.0, [])
        where, params = [], []
        for word in words:
            where.append("(title LIKE ? OR body LIKE ? OR fields LIKE ? OR phrasings LIKE ?)")
            params += [f"%{word}%"] * 4
        if filters.kind:
            where.append("kind = ?")
            params.append(filters.kind)
        if filters.group:
            where.append("skill_group = ?")
            params.append(filters.group)
        if filters.tag:
            where.append("EXISTS (SELECT 1 FROM json_each(articles.tags) WHERE json_each.value = ?)")
            params.append(filters.tag)
        where.append("status = ?" if filters.status else "status != 'archived'")
        if filters.status:
            params.append(filters.status)
        sql = f"SELECT id FROM articles WHERE {' AND '.join(where)} ORDER BY updated_at DESC LIMIT ?"
        ids = [row["id"] for row in self.db.query(sql, params + [limit])]
        took = (time.perf_counter() - started) * 1000
        return SearchOutcome(text, [Hit(i, 0.0) for i in ids], len(ids), took, words)

    def similar_articles(self, article_id: str, limit: int = 5) -> list[ArticleSummary]:
        article = self.get_article(article_id)
        text = "\n".join([article.title, *article.phrasings, article.body])
        from app.search.index import IndexUnavailable

        self.ensure_index()
        try:
            hits = self.engine.similar(article.id, text, limit)
        except IndexUnavailable:
            return []
        summaries = self.articles.summaries(h.id for h in hits)
        return [summaries[h.id] for h in hits if h.id in summaries]

    # --- synonyms ------------------------------------------------------------------------------------------
    def synonyms(self) -> list[list[str]]:
        return self.synonym_repo.rings()

    def add_synonyms(self, terms: list[str]) -> list[str]:
        ring = self.synonym_repo.add_ring(terms)
        self.engine.set_synonyms(self.synonym_repo.rings())
        return ring

    def remove_synonym(self, term: str) -> bool:
        removed = self.synonym_repo.remove_term(term)
        self.engine.set_synonyms(self.synonym_repo.rings())
        return removed

    def _vocabulary_texts(self):
        """Titles and 相似问, where a KB's own names and jargon concentrate (for the segmenter)."""
        for row in self.db.query("SELECT title, phrasings FROM articles WHERE status != 'archived'"):
            yield row["title"]
            yield from json.loads(row["phrasings"] or "[]")

    def _teach_segmenter(self) -> None:
        from app.search.analysis import add_terms

        add_terms(self.articles.distinct_tags())
        add_terms(t for ring in self.synonym_repo.rings() for t in ring)

    # --- index lifecycle -----------------------------------------------------------------------------------
    def index_state(self) -> IndexState:
        return self.index.state

    @property
    def rebuilding(self) -> bool:
        return self._rebuilding.is_set()

    def prepare_index(self) -> IndexState:
        """Open the index; if it is usable, catch up with the journal. Returns the state found.

        A state other than READY means the caller should run :meth:`reindex` (in the background in the GUI).
        """
        from app.search.index import IndexState

        with self._open_lock:
            state = self.index.open()
            self._index_opened = True  # before the catch-up: a change committed from now on is synced by its writer
            if state is IndexState.READY:
                self.sync_index()
        return state

    def ensure_index(self) -> IndexState:
        """:meth:`prepare_index` unless it has run already; returns the index state.

        The GUI calls this off the GUI thread once its window has painted; a search that comes first opens the
        index itself or waits for the opening under way, so it never scans while the index is merely loading.
        """
        if not self._index_opened:
            with self._open_lock:
                if not self._index_opened:
                    return self.prepare_index()
        return self.index.state

    def warm_up_search(self) -> None:
        """Load what a first query needs beyond the open index (the segmenter's dictionary, the searcher and its
        ranker), so that query answers at once; the GUI calls it in the background after opening the index."""
        from app.search.analysis import jieba
        from app.search.index import IndexUnavailable

        jieba()
        try:
            self.engine.ranker()
        except IndexUnavailable:  # missing or being rebuilt: nothing to warm
            pass

    def needs_rebuild(self) -> bool:
        """True once the index was opened (or rebuilt) and found unusable; False while it has not been opened."""
        if not self._index_opened:
            return False  # and the search stack stays unimported: the GUI asks this while its window opens
        from app.search.index import IndexState

        return self.index.state is not IndexState.READY

    def sync_index(self) -> int:
        """Apply journalled changes to the index; returns how many articles were touched."""
        if self._engine is None:  # not loaded, so not opened: the journal keeps the changes for prepare_index
            return 0
        from app.search.index import INDEX_DAMAGE_ERRORS, IndexState

        if self.index.state is not IndexState.READY or self._rebuilding.is_set():
            return 0
        with self._sync_lock:
            up_to, ids = self.journal.changed_since(self.index.applied_seq)
            if not ids:
                return 0
            # A first big import: a fresh build is faster than updates and learns the KB's vocabulary.
            bulk = len(ids) >= BULK_CHANGE_REBUILD and 2 * len(ids) >= self.articles.count()
        if bulk:
            self.reindex()
            return len(ids)
        with self._sync_lock:
            up_to, ids = self.journal.changed_since(self.index.applied_seq)
            if not ids:
                return 0
            found = self.articles.get_many(ids)
            deleted = [i for i in ids if i not in found]
            try:
                self.index.apply(found.values(), deleted, up_to)
            except (OSError, *INDEX_DAMAGE_ERRORS) as error:
                # The change is committed in SQLite; the journal keeps it until the index can take it
                # (a full disk; a damaged index, rebuilt next), so the save must not look failed.
                log.warning("search index not updated, will catch up: %s", error)
                if not isinstance(error, OSError):
                    self.index.mark_corrupt()
                    self.engine.invalidate()
                return 0
            self.journal.prune(up_to)
        return len(ids)

    def reindex(self, progress: Progress | None = None, cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Rebuild the whole index from SQLite; the old index keeps answering until the new one is swapped in."""
        from app.search.vocabulary import discover_terms

        with self._open_lock:  # an opening under way (the GUI's, after its first paint) ends first: it clears
            pass  # leftover build folders, which must not be this rebuild's
        index = self.index
        self._rebuilding.set()
        try:
            up_to = self.journal.last_seq()
            total = self.articles.count()
            terms = discover_terms(self._vocabulary_texts())
            done = index.rebuild(self.articles.iter_all(), total, up_to, progress, cancelled, terms)
        finally:
            self._rebuilding.clear()
        self._index_opened = True
        self.engine.invalidate()
        if done:
            self.sync_index()  # changes committed while the rebuild ran
        return done

    # --- reminders -----------------------------------------------------------------------------------------
    def due(self, at: datetime | None = None, *, include_hidden: bool = False) -> list[DueItem]:
        """What is due at ``at``; snoozed and dismissed reminders are left out unless ``include_hidden``."""
        at = at or self.clock()
        items = self._due_all(at)
        return items if include_hidden else self.curation.visible(items, at)

    def _due_all(self, at: datetime) -> list[DueItem]:
        rows = self.db.query(
            "SELECT id, title, kind, owner, next_review_at FROM articles "
            "WHERE status = 'published' AND next_review_at IS NOT NULL AND next_review_at <= ?",
            [to_iso(at)],
        )
        states = [ReviewState(r["id"], r["title"], r["kind"], r["owner"], from_iso(r["next_review_at"])) for r in rows]
        items = reviews_due(states, at) + self.records.due_items(at)
        return sorted(items, key=lambda item: (item.due_at, item.title))

    # --- demo ----------------------------------------------------------------------------------------------
    def seed_demo(self) -> ImportReport:
        from app.demo import seed_demo

        return seed_demo(self)


def _fields_text(fields_json: str) -> str:
    try:
        return flatten_field(json.loads(fields_json))
    except ValueError:
        return ""

"""The search index's life on one desk: loading the stack lazily, opening, catching up, rebuilding.

SQLite is the source of truth; every committed change is journalled (a trigger) and then applied here
(:meth:`IndexLifecycle.sync`). The search stack (Whoosh, the segmenter, the index) is loaded on first use, so
opening a desk, and the first window, does not wait for those imports.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.store.article_queries import ArticleQueries
from app.store.articles import ArticleRepository
from app.store.errors import storage_errors
from app.store.identity import index_source
from app.store.journal import IndexJournal
from app.store.synonyms import SynonymRepository

if TYPE_CHECKING:
    from app.search.engine import SearchEngine
    from app.search.index import IndexState, SearchIndex

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
BULK_CHANGE_REBUILD = 1000  # catching up on this many changes (and half the KB or more) rebuilds instead


class IndexLifecycle:
    """Implements :class:`app.articles.hooks.ChangeListener` for the article services."""

    def __init__(self, index_dir: Path | None, articles: ArticleRepository, queries: ArticleQueries,
                 journal: IndexJournal, synonyms: SynonymRepository):
        self._index_dir = index_dir
        self._articles = articles
        self._queries = queries
        self._journal = journal
        self._synonyms = synonyms
        self._rebuilding = threading.Event()
        self._sync_lock = threading.Lock()
        self._index: SearchIndex | None = None
        self._engine: SearchEngine | None = None
        self._stack_lock = threading.Lock()
        self._open_lock = threading.RLock()
        self._opened = False  # prepare (or a rebuild) has run

    # --- the stack ---------------------------------------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        return self._engine is not None

    @property
    def index(self) -> SearchIndex:
        self._load()
        assert self._index is not None
        return self._index

    @property
    def engine(self) -> SearchEngine:
        self._load()
        assert self._engine is not None
        return self._engine

    def _load(self) -> None:
        if self._engine is not None:
            return
        with self._stack_lock:
            if self._engine is not None:
                return
            from app.search.engine import SearchEngine
            from app.search.index import SearchIndex

            index = SearchIndex(self._index_dir, lambda: index_source(self._journal.db))
            engine = SearchEngine(index)
            engine.set_synonyms(self._synonyms.rings())
            self._teach_segmenter()
            self._index, self._engine = index, engine  # the engine last: it is what `loaded` checks

    def close(self) -> None:
        if self._engine is not None:
            self._engine.invalidate()

    # --- ChangeListener ----------------------------------------------------------------------------------------
    def articles_changed(self) -> None:
        self.sync()

    def vocabulary_changed(self) -> None:
        self._teach_segmenter()

    def synonyms_changed(self) -> None:
        self.engine.set_synonyms(self._synonyms.rings())

    def _teach_segmenter(self) -> None:
        from app.search.analysis import add_terms

        add_terms(self._articles.distinct_tags())
        add_terms(t for ring in self._synonyms.rings() for t in ring)

    # --- opening -----------------------------------------------------------------------------------------------
    @property
    def state(self) -> IndexState:
        return self.index.state

    @property
    def rebuilding(self) -> bool:
        """True while this process, or another (a background `deskbook reindex`), rebuilds the index."""
        return self._rebuilding.is_set() or (self._index is not None and self._index.rebuild_running())

    def prepare(self) -> IndexState:
        """Open the index; if it is usable, catch up with the journal. Returns the state found.

        A state other than READY means the caller should :meth:`rebuild` (in the background in the GUI).
        """
        from app.search.index import IndexState

        with self._open_lock:
            state = self.index.open()
            self._opened = True  # before the catch-up: a change committed from now on is synced by its writer
            if state is IndexState.READY:
                self.sync()
        return state

    def ensure(self) -> IndexState:
        """:meth:`prepare` unless it has run already; returns the index state.

        The GUI calls this off the GUI thread once its window has painted; a search that comes first opens the
        index itself or waits for the opening under way, so it never scans while the index is merely loading.
        """
        if not self._opened:
            with self._open_lock:
                if not self._opened:
                    return self.prepare()
        return self.index.state

    def warm_up(self) -> None:
        """Load what a first query needs beyond the open index (the segmenter's dictionary, the searcher and its
        ranker), so that query answers at once."""
        from app.search.analysis import jieba
        from app.search.index import IndexUnavailable

        jieba()
        with contextlib.suppress(IndexUnavailable):  # missing or being rebuilt: nothing to warm
            self.engine.ranker()

    def needs_rebuild(self) -> bool:
        """True once the index was opened (or rebuilt) and found unusable; False while it has not been opened."""
        if not self._opened:
            return False  # and the search stack stays unimported: the GUI asks this while its window opens
        from app.search.index import IndexState

        return self.index.state is not IndexState.READY

    def mark_damaged(self, error: BaseException) -> None:
        log.warning("search index damaged, marked for rebuild: %s", error)
        self.index.mark_corrupt()
        self.engine.invalidate()

    # --- keeping up --------------------------------------------------------------------------------------------
    def sync(self) -> int:
        """Apply journalled changes to the index; returns how many articles were touched."""
        if self._engine is None:  # not loaded, so not opened: the journal keeps the changes for prepare
            return 0
        from app.search.index import IndexState

        if self.index.state is not IndexState.READY or self._rebuilding.is_set():
            return 0
        with self._sync_lock:
            _up_to, ids = self._journal.changed_since(self.index.applied_seq)
            if not ids:
                return 0
            # A first big import: a fresh build is faster than updates and learns the KB's vocabulary.
            bulk = len(ids) >= BULK_CHANGE_REBUILD and 2 * len(ids) >= self._articles.count()
        if bulk:
            self.rebuild()
            return len(ids)
        return self._apply_journal()

    def _apply_journal(self) -> int:
        from app.search.index import INDEX_DAMAGE_ERRORS

        with self._sync_lock:
            up_to, ids = self._journal.changed_since(self.index.applied_seq)
            if not ids:
                return 0
            found = self._articles.get_many(ids)
            deleted = [i for i in ids if i not in found]
            try:
                self.index.apply(found.values(), deleted, up_to)
            except (OSError, *INDEX_DAMAGE_ERRORS) as error:  # type: ignore[misc]  # mypy: a starred tuple
                # The change is committed in SQLite; the journal keeps it until the index can take it
                # (a full disk; a damaged index, rebuilt next), so the save must not look failed.
                log.warning("search index not updated, will catch up: %s", error)
                if not isinstance(error, OSError):
                    self.index.mark_corrupt()
                    self.engine.invalidate()
                return 0
            self._journal.prune(up_to)
        return len(ids)

    def rebuild(self, progress: Progress | None = None, cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Rebuild the whole index from SQLite; the old index keeps answering until the new one is swapped in."""
        from app.search.vocabulary import discover_terms

        with self._open_lock:  # an opening under way (the GUI's, after its first paint) ends first: it clears
            pass  # leftover build folders, which must not be this rebuild's
        index = self.index
        self._rebuilding.set()
        try:
            up_to = self._journal.last_seq()
            total = self._articles.count()
            terms = discover_terms(self._queries.vocabulary_texts())
            # A read-only or full folder (the build lock, the new segments) gets a message, not an OSError.
            with storage_errors(self._index_dir.parent if self._index_dir is not None else None):
                done = index.rebuild(self._articles.iter_all(), total, up_to, progress, cancelled, terms)
        finally:
            self._rebuilding.clear()
        self._opened = True
        self.engine.invalidate()
        if done:
            self.sync()  # changes committed while the rebuild ran
        return done

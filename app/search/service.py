"""Answering a query for the agent: ranked, highlighted results, a scan while the index rebuilds, a log entry.

The GUI's search-as-you-type and the CLI both come here (through the facade); the index lifecycle
(:mod:`app.search.lifecycle`) keeps the index it reads up to date.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

from app.model import ArticleSummary, is_stale
from app.search.counting import SearchCounter
from app.search.highlight import find_spans, fragment
from app.search.hybrid import SearchExtras
from app.search.lifecycle import IndexLifecycle
from app.search.results import Hit, SearchFilters, SearchOutcome, SearchResult, SearchResults
from app.store.article_queries import ArticleQueries, ScanFilters
from app.store.articles import ArticleRepository
from app.store.errors import StorageError
from app.store.search_log import SearchLogRepository
from app.store.synonyms import SynonymRepository

log = logging.getLogger(__name__)


class SearchService:
    def __init__(self, lifecycle: IndexLifecycle, articles: ArticleRepository, queries: ArticleQueries,
                 search_log: SearchLogRepository, synonyms: SynonymRepository, clock: Callable[[], datetime],
                 extras: Callable[[], SearchExtras | None] | None = None):
        self._lifecycle = lifecycle
        self._articles = articles
        self._queries = queries
        self._search_log = search_log
        self._synonyms = synonyms
        self._clock = clock
        self._extras = extras  # what search adds to the words (the meaning model, the learnt boost), if anything
        self._counter = SearchCounter()

    def search(self, text: str, filters: SearchFilters | None = None, limit: int = 20, *,
               prefix_last: bool = False, log_query: bool = True, highlight: bool = True) -> SearchResults:
        filters = SearchFilters() if filters is None else filters
        outcome, indexing = self._outcome(text, filters, limit, prefix_last)
        summaries = self._articles.summaries(hit.id for hit in outcome.hits)
        terms = list(outcome.terms)  # a tuple from the scan that answers while the index is unavailable
        if highlight:
            terms += _spelled_terms(text, terms, [s.title for s in summaries.values()], prefix_last)
        now = self._clock()
        results = self._results(outcome.hits, summaries, terms, now, highlight)
        if log_query and text.strip():
            self._log(text.strip(), outcome, now)
        return SearchResults(
            text, results, outcome.total, outcome.took_ms, outcome.terms, outcome.matched_all, indexing,
            outcome.suggestion,
        )

    def log_search(self, session: str, text: str, filters: SearchFilters | None = None) -> bool:
        """Count ``text`` as one search a person made in ``session`` (see :mod:`app.search.counting`): True when it
        was logged; an empty text ends the session."""
        query = self._counter.take(session, text)
        if query is None:
            return False
        self.search(query, filters, 1, log_query=True, highlight=False)
        return True

    def _outcome(self, text: str, filters: SearchFilters, limit: int, prefix_last: bool
                 ) -> tuple[SearchOutcome, bool]:
        """The engine's answer, or the scan's while the index is unavailable; and whether the scan answered."""
        from app.search.index import INDEX_DAMAGE_ERRORS, IndexUnavailable

        self._lifecycle.ensure()
        try:
            engine = self._lifecycle.engine
            extras = self._extras() if self._extras is not None else None
            if extras is None:  # no model, no boost: exactly the lexical search
                return engine.search(text, filters, limit, prefix_last), False
            return extras.search(engine, text, filters, limit, prefix_last), False
        except IndexUnavailable:
            return self._scan(text, filters, limit), True
        except INDEX_DAMAGE_ERRORS as error:  # damage Whoosh only notices while reading: scan, rebuild later
            self._lifecycle.mark_damaged(error)
            return self._scan(text, filters, limit), True

    def _results(self, hits: list[Hit], summaries: dict[str, ArticleSummary], terms: list[str], now: datetime,
                 highlight: bool) -> list[SearchResult]:
        bodies = self._queries.fragment_sources([h.id for h in hits]) if highlight else {}
        results = []
        for hit in hits:
            summary = summaries.get(hit.id)
            if summary is None:  # deleted after the index answered
                continue
            snippet, spans = fragment(bodies.get(hit.id, ""), terms) if highlight else ("", [])
            stale = is_stale(summary.status, summary.next_review_at, now)
            results.append(SearchResult(summary, hit.score, snippet, spans, find_spans(summary.title, terms), stale))
        return results

    def _log(self, query: str, outcome: SearchOutcome, now: datetime) -> None:
        try:
            self._search_log.record(query, outcome.total, outcome.took_ms, now)
        except StorageError as error:  # a read-only or full disk must not stop anyone from searching
            log.info("search not logged: %s", error)

    def _scan(self, text: str, filters: SearchFilters, limit: int) -> SearchOutcome:
        """The slow path while the index is unavailable: every word must occur in title, body or fields."""
        from app.search.analysis import query_words

        started = time.perf_counter()
        words = query_words(text)
        if not words:
            return SearchOutcome(text, [], 0, 0.0, [])
        scan = ScanFilters(filters.kind, filters.group, filters.tag, filters.status)
        ids = self._queries.scan_ids(list(words), scan, limit)
        took = (time.perf_counter() - started) * 1000
        return SearchOutcome(text, [Hit(i, 0.0) for i in ids], len(ids), took, list(words))

    def similar(self, article_id: str, text: str, limit: int = 5) -> list[ArticleSummary]:
        from app.search.index import IndexUnavailable

        self._lifecycle.ensure()
        try:
            hits = self._lifecycle.engine.similar(article_id, text, limit)
        except IndexUnavailable:
            return []
        summaries = self._articles.summaries(h.id for h in hits)
        return [summaries[h.id] for h in hits if h.id in summaries]

    # --- synonyms (managed by KB owners) -------------------------------------------------------------------
    def synonyms(self) -> list[list[str]]:
        return self._synonyms.rings()

    def add_synonyms(self, terms: list[str]) -> list[str]:
        ring = self._synonyms.add_ring(terms)
        self._lifecycle.synonyms_changed()
        return ring

    def remove_synonym(self, term: str) -> bool:
        removed = self._synonyms.remove_term(term)
        self._lifecycle.synonyms_changed()
        return removed


def _spelled_terms(text: str, terms: list[str], titles: list[str], prefix_last: bool) -> list[str]:
    """The title words that pinyin in the query matched (退款 for tuikuan), so they are highlighted too."""
    from app.search.analysis import normalize
    from app.search.pinyin import looks_like_pinyin, spelled_words

    spelled = [t for t in terms if looks_like_pinyin(t)]
    if not spelled:
        return []
    typing = spelled[-1] if prefix_last and terms[-1] == spelled[-1] and not text[-1:].isspace() else None
    return spelled_words((normalize(title) for title in titles), spelled, typing)

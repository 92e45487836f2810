"""The search engine the services talk to: a reused searcher over the index, synonyms, similar articles."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from typing import TYPE_CHECKING

from whoosh.searching import Searcher

from app.search.analysis import add_terms, normalize, words_of
from app.search.index import IndexUnavailable, SearchIndex
from app.search.query import Hit, SearchFilters, SearchOutcome, run_search
from app.search.suggest import Suggester
from app.search.terms import Alternative, Term

if TYPE_CHECKING:  # the ranker brings numpy: imported on the first search, not while the window opens
    from app.search.ranking import Ranker

log = logging.getLogger(__name__)

SIMILAR_KEY_TERMS = 12
SIMILAR_MAX_SHARE = 0.34


class SearchEngine:
    def __init__(self, index: SearchIndex):
        self.index = index
        self._searcher: Searcher | None = None
        self._ranker: Ranker | None = None
        self._lock = threading.Lock()
        self._synonyms: dict[str, list[str]] = {}
        self.suggester = Suggester()

    def set_synonyms(self, rings: list[list[str]]) -> None:
        table: dict[str, list[str]] = {}
        for ring in rings:
            terms = [normalize(t.strip()) for t in ring]
            add_terms(terms)
            for term in terms:
                table[term] = [t for t in terms if t != term]
        self._synonyms = table

    def ranker(self) -> Ranker:
        """A searcher (and its ranker) reused across queries, replaced when the index has new commits."""
        with self._lock:
            if self._searcher is not None and not self._searcher.up_to_date():
                # Not Searcher.refresh(): it reuses segment readers and misses deletions made since, so an
                # edited article would still be found by its old words.
                self._searcher.close()
                self._searcher = self._ranker = None
            if self._searcher is None or self._ranker is None:
                from app.search.ranking import Ranker

                self._searcher = self.index.whoosh().searcher()
                self._ranker = Ranker(self._searcher)
            return self._ranker

    def searcher(self) -> Searcher:
        return self.ranker().searcher

    def invalidate(self) -> None:
        with self._lock:
            if self._searcher is not None:
                try:
                    self._searcher.close()
                except Exception as error:  # an index swapped away underneath may fail to close; it is gone
                    log.debug("searcher not closed cleanly: %s", error)
            self._searcher = self._ranker = None
            self.suggester.invalidate()

    def search(
        self, text: str, filters: SearchFilters | None = None, limit: int = 20, prefix_last: bool = False
    ) -> SearchOutcome:
        filters = filters or SearchFilters()
        ranker = self.ranker()
        outcome = run_search(ranker, text, filters, limit, self._synonyms, prefix_last)
        if not outcome.hits and outcome.terms:  # while typing too: the GUI shows it under an empty list
            outcome.suggestion = self.suggester.suggest(ranker, text, outcome.terms, filters, self._synonyms)
        return outcome

    def similar(self, article_id: str, text: str, limit: int = 5) -> list[Hit]:
        """Articles sharing the most characteristic words of ``text`` (the article's own content)."""
        ranker = self.ranker()
        counts = Counter(w for w in words_of(normalize(text)) if len(w) > 1)
        if not counts:
            return []
        # In a KB of some size, words in more than a third of the articles say little about this one and cost
        # the most to read.
        size = ranker.searcher.doc_count_all()
        common = SIMILAR_MAX_SHARE * size if size >= 200 else size
        weighted = sorted(
            (
                (n * ranker.idf(Term("words", w)), w)
                for w, n in counts.items()
                if 1 < ranker.doc_frequency("words", w) <= common
            ),
            reverse=True,
        )[:SIMILAR_KEY_TERMS]
        if not weighted:
            return []
        top_weight = weighted[0][0]
        clauses = [[Alternative([Term("words", w, weight / top_weight)])] for weight, w in weighted]
        exclude = ranker.docs_with_any([("id", article_id), ("status", "archived")])
        top, _total = ranker.rank(clauses, require_all=False, limit=limit, exclude=exclude)
        return [Hit(ranker.stored_id(d), s) for d, s in top]


__all__ = ["Hit", "IndexUnavailable", "SearchEngine", "SearchFilters", "SearchOutcome"]

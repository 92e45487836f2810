"""The search engine the services talk to: a reused searcher over the index, synonyms, similar articles."""

from __future__ import annotations

import threading

from whoosh.searching import Searcher

from app.search.index import IndexUnavailable, SearchIndex
from app.search.query import Hit, SearchFilters, SearchOutcome, run_search


class SearchEngine:
    def __init__(self, index: SearchIndex):
        self.index = index
        self._searcher: Searcher | None = None
        self._lock = threading.Lock()
        self._synonyms: dict[str, list[str]] = {}

    def set_synonyms(self, rings: list[list[str]]) -> None:
        from app.search.analysis import add_terms, normalize

        table: dict[str, list[str]] = {}
        for ring in rings:
            terms = [normalize(t) for t in ring]
            add_terms(terms)
            for term in terms:
                table[term] = [t for t in terms if t != term]
        self._synonyms = table

    def searcher(self) -> Searcher:
        """A searcher reused across queries and refreshed when the index has new commits."""
        with self._lock:
            if self._searcher is not None and not self._searcher.up_to_date():
                # Not Searcher.refresh(): it reuses segment readers and misses deletions made since, so an
                # edited article would still be found by its old words.
                self._searcher.close()
                self._searcher = None
            if self._searcher is None:
                self._searcher = self.index.whoosh().searcher()
            return self._searcher

    def invalidate(self) -> None:
        with self._lock:
            if self._searcher is not None:
                try:
                    self._searcher.close()
                except Exception:  # an index swapped away underneath may fail to close; it is gone anyway
                    pass
            self._searcher = None

    def search(
        self, text: str, filters: SearchFilters = SearchFilters(), limit: int = 20, prefix_last: bool = False
    ) -> SearchOutcome:
        return run_search(self.searcher(), text, filters, limit, self._synonyms, prefix_last)

    def similar(self, article_id: str, text: str, limit: int = 5) -> list[Hit]:
        """Articles sharing the most characteristic words of ``text`` (the article's own content)."""
        from whoosh import query as q

        searcher = self.searcher()
        key_terms = searcher.key_terms_from_text("body", text, numterms=15, normalize=True)
        if not key_terms:
            return []
        clauses = [
            q.Term(field, term, boost=weight)
            for term, weight in key_terms
            for field in ("title", "phrasings", "details", "body")
        ]
        results = searcher.search(
            q.Or(clauses), limit=limit + 1, mask=q.Or([q.Term("id", article_id), q.Term("status", "archived")])
        )
        return [Hit(hit["id"], float(hit.score)) for hit in results][:limit]

__all__ = ["SearchEngine", "SearchFilters", "SearchOutcome", "Hit", "IndexUnavailable"]

"""Turning what an agent typed into a Whoosh query, and running it.

AND first (every word must match, as a word or as all its character bigrams); when that finds too little,
fall back to OR ranked by BM25. The last word may be a prefix while the agent is still typing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from whoosh import query as q
from whoosh.searching import Searcher

from app.search.analysis import bigrams, is_cjk, normalize, query_words

WORD_FIELDS = ("title", "phrasings", "details", "body")
GRAM_FIELDS = ("grams_title", "grams")
MIN_AND_HITS = 3


@dataclass(frozen=True)
class SearchFilters:
    kind: str | None = None
    tag: str | None = None
    group: str | None = None
    status: str | None = None  # None: everything but archived

    def as_query(self) -> q.Query | None:
        terms = []
        if self.kind:
            terms.append(q.Term("kind", self.kind))
        if self.tag:
            terms.append(q.Term("tags", self.tag.lower()))
        if self.group:
            terms.append(q.Term("group", self.group))
        if self.status:
            terms.append(q.Term("status", self.status))
        if not terms:
            return None
        return terms[0] if len(terms) == 1 else q.And(terms)

    def mask(self) -> q.Query | None:
        return None if self.status else q.Term("status", "archived")


@dataclass(frozen=True)
class Hit:
    id: str
    score: float


@dataclass
class SearchOutcome:
    query: str
    hits: list[Hit]
    total: int
    took_ms: float
    terms: list[str] = field(default_factory=list)  # normalised words to highlight
    matched_all: bool = True  # False when the OR fallback answered


def _word_clause(word: str, synonyms: dict[str, list[str]], prefix: bool) -> q.Query:
    alternatives: list[q.Query] = []
    for variant in [word, *synonyms.get(word, [])]:
        alternatives.extend(q.Term(f, variant) for f in WORD_FIELDS)
        grams = [g for g, _s, _e in bigrams(variant)]
        if len(grams) > 1:
            for f in GRAM_FIELDS:
                alternatives.append(q.And([q.Term(f, g) for g in grams]))
    if prefix and len(word) >= 1:
        alternatives.extend(q.Prefix(f, word) for f in ("title", "phrasings", "body"))
    return q.Or(alternatives)


def build_queries(
    text: str, synonyms: dict[str, list[str]] | None = None, prefix_last: bool = False
) -> tuple[list[str], q.Query | None, q.Query | None]:
    """(words, AND query, OR query) for the text; the queries are None for a text with no searchable word."""
    synonyms = synonyms or {}
    words = join_single_characters(query_words(text))
    if not words:
        return [], None, None
    clauses = [
        _word_clause(word, synonyms, prefix=prefix_last and i == len(words) - 1) for i, word in enumerate(words)
    ]
    grams = list(dict.fromkeys(g for g, _s, _e in bigrams(normalize(text))))
    gram_terms = [q.Term(f, g) for g in grams for f in GRAM_FIELDS]
    and_query = clauses[0] if len(clauses) == 1 else q.And(clauses)
    or_query = q.Or(clauses + gram_terms)
    return words, and_query, or_query


def join_single_characters(words: list[str]) -> list[str]:
    """Join runs of single Chinese characters the segmenter left alone (到 账 → 到账).

    A lone character matches far too much on its own; as a run it is matched through character bigrams.
    """
    joined: list[str] = []
    run = ""
    for word in words:
        if len(word) == 1 and is_cjk(word):
            run += word
            continue
        if run:
            joined.append(run)
            run = ""
        joined.append(word)
    if run:
        joined.append(run)
    return list(dict.fromkeys(joined))


def run_search(
    searcher: Searcher,
    text: str,
    filters: SearchFilters = SearchFilters(),
    limit: int = 20,
    synonyms: dict[str, list[str]] | None = None,
    prefix_last: bool = False,
) -> SearchOutcome:
    started = time.perf_counter()
    words, and_query, or_query = build_queries(text, synonyms, prefix_last)
    if and_query is None:
        return SearchOutcome(text, [], 0, (time.perf_counter() - started) * 1000, [])
    kwargs = {"limit": limit, "filter": filters.as_query(), "mask": filters.mask()}
    results = searcher.search(and_query, **kwargs)
    matched_all = True
    if len(words) > 1 and results.scored_length() < min(MIN_AND_HITS, limit):
        and_ids = [hit["id"] for hit in results]
        results = searcher.search(or_query, **kwargs)
        matched_all = False
        hits = _merge(and_ids, results, limit)
        total = max(len(results), len(and_ids))
    else:
        hits = [Hit(hit["id"], float(hit.score)) for hit in results]
        total = len(results)
    took = (time.perf_counter() - started) * 1000
    return SearchOutcome(text, hits, total, took, words, matched_all)


def _merge(and_ids: list[str], or_results, limit: int) -> list[Hit]:
    """Documents matching every word first, then the OR ranking."""
    scores = {hit["id"]: float(hit.score) for hit in or_results}
    ordered = list(dict.fromkeys(and_ids + [hit["id"] for hit in or_results]))
    return [Hit(doc_id, scores.get(doc_id, 0.0)) for doc_id in ordered[:limit]]

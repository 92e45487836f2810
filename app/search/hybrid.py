"""What search adds to the lexical ranking: the meaning model's nearest articles, and what was learnt from use.

One call site: the search orchestration calls :meth:`SearchExtras.search` where it used to call the engine. With
no model and the learnt boost off, that is exactly the engine's search (the same object, untouched).

- **Fusion** of the BM25 list with the meaning model's list: reciprocal rank fusion (``rrf``: each list adds
  ``weight / (k + rank)``) or a linear mix of normalised scores (``linear``); chosen on the tuning half of the FAQ
  benchmark (bench/RESULTS.md). Articles only the model found must be at least ``min_similarity`` similar, and
  must pass the filters (kind, tag, group, status).
- **Learnt boost** (a setting, off by default): an article that agents opened or copied after this very query
  scores a little higher (at most ``LEARNT_BOOST`` more), until an owner accepts or dismisses the pair.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from app.search.results import Hit, SearchFilters, SearchOutcome

if TYPE_CHECKING:
    from app.search.engine import SearchEngine

# How much of each list is fused. Chosen on the tuning half (bench/RESULTS.md): BM25's top 10 and the model's top
# 20 rank as well as 50 of each there, and reading fewer BM25 hits costs less at 50k articles.
LEXICAL_DEPTH = 10  # the BM25 list fused is at least this long (the caller's limit when that is more)
DENSE_DEPTH = 20
LEARNT_BOOST = 0.2  # an article's score grows by up to this share


@dataclass(frozen=True)
class Fusion:
    # Chosen on the tuning half of AFQMC dev (bench/RESULTS.md): the middle of a plateau (k 5–20, weight 1.5–3 all
    # within 0.01 R@5 of each other), not its single best point.
    method: str = "rrf"  # "rrf" or "linear"
    k: float = 10.0  # rrf: rank offset
    dense_weight: float = 2.0  # rrf: weight of the model's list against BM25's (1.0); linear: share of the model

    @classmethod
    def parse(cls, text: str) -> Fusion:
        """``rrf:K[:WEIGHT]`` or ``linear:SHARE`` (the benchmark's ``--fusion``)."""
        method, *numbers = text.split(":")
        values = [float(n) for n in numbers]
        if method == "rrf":
            return cls("rrf", values[0] if values else 60.0, values[1] if len(values) > 1 else 1.0)
        if method == "linear":
            return cls("linear", 60.0, values[0] if values else 0.5)
        raise ValueError(f"unknown fusion {text!r}: rrf:K[:WEIGHT] or linear:SHARE")


def fuse(lexical: list[tuple[str, float]], dense: list[tuple[str, float]], fusion: Fusion) -> list[tuple[str, float]]:
    """One list, best first (ties keep BM25's order, then the model's)."""
    scores: dict[str, float] = {}
    if fusion.method == "linear":
        for ranked, share in ((lexical, 1.0 - fusion.dense_weight), (dense, fusion.dense_weight)):
            if not ranked:
                continue
            top = max(score for _id, score in ranked)
            low = min(score for _id, score in ranked)
            span = (top - low) or 1.0
            for article_id, score in ranked:
                scores[article_id] = scores.get(article_id, 0.0) + share * (score - low) / span
    else:
        for ranked, weight in ((lexical, 1.0), (dense, fusion.dense_weight)):
            for rank, (article_id, _score) in enumerate(ranked, start=1):
                scores[article_id] = scores.get(article_id, 0.0) + weight / (fusion.k + rank)
    first_seen: dict[str, int] = {}
    for i, (article_id, _s) in enumerate([*lexical, *dense]):
        first_seen.setdefault(article_id, i)
    return sorted(scores.items(), key=lambda item: (-item[1], first_seen[item[0]]))


def boost(hits: list[tuple[str, float]], learnt: dict[str, float]) -> list[tuple[str, float]]:
    """Raise the score of learnt articles by up to ``LEARNT_BOOST`` (``learnt``: id → strength 0…1)."""
    if not learnt:
        return hits
    boosted = [(i, s * (1.0 + LEARNT_BOOST * min(1.0, learnt.get(i, 0.0))) if s > 0 else s) for i, s in hits]
    position = {article_id: n for n, (article_id, _s) in enumerate(hits)}
    return sorted(boosted, key=lambda item: (-item[1], position[item[0]]))


class Meaning(Protocol):
    """The meaning model as search sees it (``app.meaning.MeaningService``)."""

    @property
    def min_similarity(self) -> float: ...

    def nearest(self, text: str, limit: int) -> list[tuple[str, float]]: ...


AllowedIds = Callable[[Iterable[str], SearchFilters], set[str]]  # the ids (of these) that pass the filters
Learnt = Callable[[str], dict[str, float]]  # query text → {article id: strength 0…1}


_WORKER: ThreadPoolExecutor | None = None
_WORKER_LOCK = threading.Lock()


def _worker() -> ThreadPoolExecutor:
    """One thread for query embeddings: they never run two at a time (one tokenizer, one session)."""
    global _WORKER
    with _WORKER_LOCK:
        if _WORKER is None:
            _WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="deskbook-meaning")
        return _WORKER


class SearchExtras:
    def __init__(self, *, meaning: Meaning | None = None, fusion: Fusion = Fusion(), learnt: Learnt | None = None,
                 allowed: AllowedIds | None = None):
        self.meaning, self.fusion, self.learnt, self.allowed = meaning, fusion, learnt, allowed

    @property
    def active(self) -> bool:
        return self.meaning is not None or self.learnt is not None

    def search(self, engine: SearchEngine, text: str, filters: SearchFilters, limit: int,
               prefix_last: bool = False) -> SearchOutcome:
        if not self.active:
            return engine.search(text, filters, limit, prefix_last)
        depth = max(limit, LEXICAL_DEPTH) if self.meaning is not None else limit
        # The model reads the query on its own thread while BM25 ranks here: ONNX Runtime releases the interpreter,
        # so the query's embedding costs (almost) no time on top of the lexical search.
        nearest = (_worker().submit(self.meaning.nearest, text, max(limit, DENSE_DEPTH))
                   if self.meaning and text.strip() else None)
        outcome = engine.search(text, filters, depth, prefix_last)
        started = time.perf_counter()
        ranked = [(hit.id, hit.score) for hit in outcome.hits]
        if nearest is not None:
            dense = self._dense(nearest.result(), filters, {article_id for article_id, _s in ranked})
            ranked = fuse(ranked, dense, self.fusion) if dense else ranked
        if self.learnt is not None and text.strip():
            ranked = boost(ranked, self.learnt(text))
        outcome.total = max(outcome.total, len(ranked))
        outcome.hits = [Hit(article_id, score) for article_id, score in ranked[:limit]]
        outcome.took_ms += (time.perf_counter() - started) * 1000
        return outcome

    def _dense(self, found: list[tuple[str, float]], filters: SearchFilters, lexical: set[str]) -> list[tuple[str, float]]:
        assert self.meaning is not None
        floor = self.meaning.min_similarity
        found = [(i, s) for i, s in found if i in lexical or s >= floor]
        if self.allowed is not None:
            passing = self.allowed([i for i, _s in found if i not in lexical], filters)
            found = [(i, s) for i, s in found if i in lexical or i in passing]
        return found

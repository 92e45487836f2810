"""What a search asks and answers: plain dataclasses, light enough to import before the search stack loads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.model import ArticleSummary
from app.search.highlight import Span

if TYPE_CHECKING:  # the ranker brings numpy, imported on the first search
    from app.search.ranking import DocNumbers, Ranker


@dataclass(frozen=True)
class SearchFilters:
    kind: str | None = None
    tag: str | None = None
    group: str | None = None
    status: str | None = None  # None: everything but archived

    def terms(self) -> list[tuple[str, str]]:
        terms = []
        if self.kind:
            terms.append(("kind", self.kind))
        if self.tag:
            terms.append(("tags", self.tag.strip().lower()))
        if self.group:
            terms.append(("group", self.group))
        if self.status:
            terms.append(("status", self.status))
        return terms

    def allowed(self, ranker: Ranker) -> DocNumbers | None:
        terms = self.terms()
        return ranker.docs_with_all(terms) if terms else None

    def excluded(self, ranker: Ranker) -> DocNumbers | None:
        return None if self.status else ranker.docs("status", "archived")


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
    suggestion: str | None = None  # "did you mean", for a query with no hits


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

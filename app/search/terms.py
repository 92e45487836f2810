"""What a query asks the ranker for: weighted terms, grouped into alternatives and clauses."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    field: str
    text: str
    weight: float = 1.0  # how much this term's BM25 counts in the query


@dataclass
class Alternative:
    """One way to satisfy a query word: every ``required`` term occurs; ``extra`` terms only add to the score."""

    required: list[Term]
    extra: list[Term] = field(default_factory=list)


Clause = list[Alternative]  # a query word: satisfied when any alternative is

"""What is due at a given time: pure functions of their inputs and ``at`` (no clock, no storage).

Kinds: an article's review is due when its next review date has come; more kinds (case write-ups, request
deadlines, plan steps) are added by the service-records capability.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class DueKind(StrEnum):
    REVIEW = "review"
    CASE_WRITEUP = "case_writeup"
    DEADLINE_NEAR = "deadline_near"
    OVERDUE = "overdue"
    STEP_DUE = "step_due"


@dataclass(frozen=True)
class ReviewState:
    article_id: str
    title: str
    kind: str
    owner: str
    next_review_at: datetime | None


@dataclass(frozen=True)
class DueItem:
    kind: DueKind
    subject_id: str
    title: str
    due_at: datetime
    detail: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "kind": self.kind.value,
            "subject_id": self.subject_id,
            "title": self.title,
            "due_at": self.due_at.isoformat(),
            "detail": self.detail,
        }


def reviews_due(articles: Iterable[ReviewState], at: datetime) -> list[DueItem]:
    """Published articles whose next review date is at or before ``at`` (the interval's last instant counts)."""
    due = [
        DueItem(DueKind.REVIEW, a.article_id, a.title, a.next_review_at, a.owner)
        for a in articles
        if a.next_review_at is not None and a.next_review_at <= at
    ]
    return sorted(due, key=lambda item: (item.due_at, item.title))

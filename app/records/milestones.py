"""The moments the service figures are measured from: the first response, the resolution, and what the customer
said at resolution (confirmed solved; satisfied or not).

Reached from the facade as ``desk.milestones``. Receives the request repository, the records service's status moves
(a small Protocol), the transaction and the clock, never the facade.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol

from app.model.records import CustomerFeedback, Request, RequestStatus, Satisfaction
from app.records.service import RecordError
from app.store.records import RequestRepository

RATING_WORDS: dict[str, Satisfaction] = {
    "满意": Satisfaction.SATISFIED, "satisfied": Satisfaction.SATISFIED,
    "一般": Satisfaction.NEUTRAL, "neutral": Satisfaction.NEUTRAL,
    "不满意": Satisfaction.DISSATISFIED, "dissatisfied": Satisfaction.DISSATISFIED,
}
FINISHED = (RequestStatus.RESOLVED, RequestStatus.CLOSED)


class StatusMoves(Protocol):
    def get(self, ref: str) -> Request: ...

    def set_status(self, ref: str, status: RequestStatus) -> Request: ...


@dataclass(frozen=True)
class Rating:
    """A satisfaction answer: the level, and the 1-5 score when the customer gave a score."""

    level: Satisfaction
    score: int | None = None


def parse_rating(value: str | int | Rating) -> Rating:
    """满意 / 一般 / 不满意 (or satisfied / neutral / dissatisfied), or a score 1-5."""
    if isinstance(value, Rating):
        return value
    text = str(value).strip().lower()
    if text in RATING_WORDS:
        return Rating(RATING_WORDS[text])
    if text.isdigit() and 1 <= int(text) <= 5:
        return Rating(Satisfaction.from_score(int(text)), int(text))
    raise RecordError(f"满意度只能是 满意、一般、不满意 或 1-5 分，不是“{value}”")


@dataclass(frozen=True)
class FeedbackInput:
    """What to record about the customer's answer; ``None`` / ``False`` / "" leave the stored value as it is."""

    confirmed: bool = False  # the customer confirmed the problem is solved
    rating: str | int | Rating | None = None
    comment: str = ""


class RequestMilestones:
    def __init__(self, requests: RequestRepository, moves: StatusMoves,
                 transaction: Callable[[], AbstractContextManager[Any]], clock: Callable[[], datetime]):
        self.requests = requests
        self.moves = moves
        self._transaction = transaction
        self.clock = clock

    def _now(self) -> datetime:
        return self.clock().replace(microsecond=0)

    def record_first_response(self, ref: str, at: datetime | None = None) -> Request:
        """已首次响应: the customer got the first answer (now, or at ``at`` when it is entered afterwards)."""
        request, now = self.moves.get(ref), self._now()
        at = (at or now).replace(microsecond=0)
        if request.responded_at is not None:
            raise RecordError(f"{request.code} 的首次响应已经记录过了")
        if at > now:
            raise RecordError("首次响应时间不能晚于现在")
        if at < request.created_at:
            raise RecordError("首次响应时间不能早于收到需求的时间")
        with self._transaction():
            if request.status is RequestStatus.OPEN:
                request = self.moves.set_status(request.id, RequestStatus.IN_PROGRESS)
            request = replace(request, responded_at=at)
            self.requests.update(request)
        return request

    def resolve(self, ref: str, feedback: FeedbackInput = FeedbackInput()) -> Request:
        """Mark the request resolved and record the customer's answer in the same transaction."""
        rating = parse_rating(feedback.rating) if feedback.rating is not None else None
        with self._transaction():
            request = self.moves.get(ref)
            if request.status not in FINISHED:
                request = self.moves.set_status(request.id, RequestStatus.RESOLVED)
            return self._store(request, feedback, rating)

    def record_feedback(self, ref: str, feedback: FeedbackInput) -> Request:
        """The customer's confirmation or satisfaction, given after the request was resolved."""
        rating = parse_rating(feedback.rating) if feedback.rating is not None else None
        request = self.moves.get(ref)
        if request.status not in FINISHED:
            raise RecordError(f"{request.code} 还没有解决；满意度在解决之后再询问")
        with self._transaction():
            return self._store(request, feedback, rating)

    def _store(self, request: Request, feedback: FeedbackInput, rating: Rating | None) -> Request:
        now, current = self._now(), request.feedback
        changed = replace(
            current,
            confirmed_at=current.confirmed_at or (now if feedback.confirmed else None),
            comment=feedback.comment.strip() or current.comment,
        )
        if rating is not None:
            changed = replace(changed, satisfaction=rating.level, score=rating.score, rated_at=now)
        if changed == current:
            return request
        request = replace(request, feedback=changed, updated_at=now)
        self.requests.update(request)
        return request


def feedback_text(feedback: CustomerFeedback) -> str:
    """One line for lists and the CLI, e.g. ``满意（5分）· 客户已确认解决``."""
    parts = []
    if feedback.satisfaction is not None:
        level = feedback.satisfaction.value
        parts.append(f"{level}（{feedback.score}分）" if feedback.score else level)
    if feedback.confirmed_at is not None:
        parts.append("客户已确认解决")
    return " · ".join(parts)

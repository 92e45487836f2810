"""What is due at a given time: pure functions of their inputs and ``at`` (no clock, no storage).

Kinds: an article's review is due when its next review date has come; more kinds (case write-ups, request
deadlines, plan steps) are added by the service-records capability.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
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
    urgent: bool = False  # a 紧急 request: it goes to the top of 今日待办 with the overdue ones

    @property
    def key(self) -> str:
        """Identifies this reminder for snooze/dismiss: a new due time (next review cycle) is a new reminder."""
        return f"{self.kind.value}:{self.subject_id}:{to_utc_iso(self.due_at)}"

    def to_json(self) -> dict[str, str]:
        return {
            "key": self.key,
            "kind": self.kind.value,
            "subject_id": self.subject_id,
            "title": self.title,
            "due_at": self.due_at.isoformat(),
            "detail": self.detail,
        }


@dataclass(frozen=True)
class ReminderState:
    """What the user decided about one reminder key: hide it until a time, or for good."""

    key: str
    snoozed_until: datetime | None = None
    dismissed_at: datetime | None = None


def to_utc_iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def apply_reminder_states(items: Iterable[DueItem], states: Mapping[str, ReminderState], at: datetime) -> list[DueItem]:
    """Drop dismissed reminders and those snoozed past ``at`` (a snooze ending exactly at ``at`` shows again)."""
    shown = []
    for item in items:
        state = states.get(item.key)
        if state is not None:
            if state.dismissed_at is not None:
                continue
            if state.snoozed_until is not None and at < state.snoozed_until:
                continue
        shown.append(item)
    return shown


def reviews_due(articles: Iterable[ReviewState], at: datetime) -> list[DueItem]:
    """Published articles whose next review date is at or before ``at`` (the interval's last instant counts)."""
    due = [
        DueItem(DueKind.REVIEW, a.article_id, a.title, a.next_review_at, a.owner)
        for a in articles
        if a.next_review_at is not None and a.next_review_at <= at
    ]
    return sorted(due, key=lambda item: (item.due_at, item.title))


# --- service records (need records, plan steps, case write-ups) ------------------------------------------------
NEAR_DEADLINE_SHARE = 0.8  # "临近超时": 80 % of the SLA time used
CASE_WRITEUP_HOURS = 24  # a case is written up within 24 hours of being solved


@dataclass(frozen=True)
class RequestDeadlineState:
    request_id: str
    title: str
    created_at: datetime
    deadline: datetime | None
    awaiting_response: bool  # no first response yet and not resolved or closed
    assignee: str = ""
    urgent: bool = False


@dataclass(frozen=True)
class StepState:
    request_id: str
    title: str  # the request's title
    step: str
    due_at: datetime | None
    done: bool
    owner: str = ""


@dataclass(frozen=True)
class ResolvedState:
    request_id: str
    title: str
    resolved_at: datetime | None
    has_case: bool
    assignee: str = ""


def request_deadlines_due(requests: Iterable[RequestDeadlineState], at: datetime) -> list[DueItem]:
    """Requests still waiting for a first response: overdue past the deadline, near it from 80 % of the SLA."""
    due = []
    for r in requests:
        if not r.awaiting_response or r.deadline is None:
            continue
        if at >= r.deadline:
            due.append(DueItem(DueKind.OVERDUE, r.request_id, r.title, r.deadline, r.assignee, r.urgent))
        elif at >= r.created_at + (r.deadline - r.created_at) * NEAR_DEADLINE_SHARE:
            due.append(DueItem(DueKind.DEADLINE_NEAR, r.request_id, r.title, r.deadline, r.assignee, r.urgent))
    return sorted(due, key=lambda item: (item.due_at, item.title))


def plan_steps_due(steps: Iterable[StepState], at: datetime) -> list[DueItem]:
    """Plan steps not done whose due time has come."""
    due = [
        DueItem(DueKind.STEP_DUE, s.request_id, s.title, s.due_at, f"{s.step}（{s.owner}）" if s.owner else s.step)
        for s in steps
        if not s.done and s.due_at is not None and s.due_at <= at
    ]
    return sorted(due, key=lambda item: (item.due_at, item.title))


def case_writeups_due(requests: Iterable[ResolvedState], at: datetime) -> list[DueItem]:
    """Resolved requests with no case linked, 24 hours after resolution."""
    due = []
    for r in requests:
        if r.has_case or r.resolved_at is None:
            continue
        due_at = r.resolved_at + timedelta(hours=CASE_WRITEUP_HOURS)
        if due_at <= at:
            due.append(DueItem(DueKind.CASE_WRITEUP, r.request_id, r.title, due_at, r.assignee))
    return sorted(due, key=lambda item: (item.due_at, item.title))


# --- 今日待办: what is due today, in the order it should be done -----------------------------------------------
# Requests first (a 紧急 or overdue one above all), then plan steps, then case write-ups, then reviews.
_AGENDA_ORDER = {
    DueKind.OVERDUE: 1, DueKind.DEADLINE_NEAR: 1, DueKind.STEP_DUE: 2, DueKind.CASE_WRITEUP: 3, DueKind.REVIEW: 4,
}


def end_of_day(at: datetime) -> datetime:
    """The last instant of ``at``'s day in the desk's local time zone."""
    local = at.astimezone()
    return local.replace(hour=23, minute=59, second=59, microsecond=999999)


def as_of(item: DueItem, now: datetime) -> DueItem:
    """A deadline found looking ahead to the end of the day is not overdue yet: it is near."""
    if item.kind is DueKind.OVERDUE and item.due_at > now:
        return replace(item, kind=DueKind.DEADLINE_NEAR)
    return item


def agenda_order(item: DueItem, now: datetime) -> tuple[int, datetime, str]:
    request = item.kind in (DueKind.OVERDUE, DueKind.DEADLINE_NEAR)
    first = request and (item.urgent or item.due_at <= now)
    return (0 if first else _AGENDA_ORDER[item.kind], item.due_at, item.title)

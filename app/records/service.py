"""Use-cases for service records: intake with an SLA deadline, status changes, plans, progress, case write-ups.

Reached from the facade as ``desk.records``; the GUI and CLI never touch the repositories directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, Protocol

from app.model import Article, Kind, Status
from app.model.records import (
    ALLOWED_TRANSITIONS,
    PlanStep,
    Priority,
    ProgressEntry,
    ProgressState,
    Request,
    RequestStatus,
    SolutionPlan,
)
from app.reminders import (
    DueItem,
    RequestDeadlineState,
    ResolvedState,
    StepState,
    case_writeups_due,
    plan_steps_due,
    request_deadlines_due,
)
from app.settings import Settings
from app.store.records import PlanRepository, ProgressRepository, RequestRepository
from app.store.status_log import StatusLogRepository


class ArticleDesk(Protocol):
    """The article use-cases the records need: look up a linked article, create a case from a request."""

    def get(self, ref: str) -> Article: ...

    def create(self, article: Article, author: str = "", note: str = "") -> Article: ...

DEFAULT_SLA_HOURS = {Priority.URGENT: 2.0, Priority.IMPORTANT: 24.0, Priority.NORMAL: 48.0}


class RequestNotFound(LookupError):
    pass


class RecordError(ValueError):
    """A change the records do not allow (a wrong status move, a delay without its reason …)."""


class RecordsService:
    def __init__(self, requests: RequestRepository, plans: PlanRepository, progress: ProgressRepository,
                 articles: ArticleDesk, transaction: Callable[[], AbstractContextManager[Any]],
                 settings: Settings, clock: Callable[[], datetime], status_log: StatusLogRepository | None = None):
        self.requests = requests
        self.plans = plans
        self.progress_repo = progress
        self.status_log = status_log or StatusLogRepository(requests.db)  # reopened requests are counted from it
        self._articles = articles
        self._transaction = transaction
        self._settings = settings
        self._clock = clock

    @property
    def _now(self) -> datetime:
        return self._clock().replace(microsecond=0)  # stored to the second; keep objects equal to rows

    # --- requests ------------------------------------------------------------------------------------------
    def sla_hours(self, priority: Priority) -> float:
        hours = self._settings.sla_hours.get(priority.value)
        return float(hours) if hours else DEFAULT_SLA_HOURS[priority]

    def deadline_for(self, priority: Priority, created_at: datetime) -> datetime:
        return created_at + timedelta(hours=self.sla_hours(priority))

    def get(self, ref: str) -> Request:
        """By id, code (XQ-…) or a unique id prefix of at least 4 characters."""
        request = self.requests.get(ref.strip())
        if request is None and len(ref) >= 4:
            ids = self.requests.ids_with_prefix(ref.strip())
            if len(ids) == 1:
                request = self.requests.get(ids[0])
        if request is None:
            raise RequestNotFound(f"找不到需求记录“{ref}”")
        return request

    def create(self, request: Request, author: str = "") -> Request:
        """Store a new request: stamped now, numbered, with its first-response deadline from the SLA."""
        _require_text(request)
        now = self._now
        code = self.requests.next_code(now)
        linked = [self._articles.get(ref).id for ref in request.linked_article_ids]
        request = replace(
            request, code=code, created_at=now, updated_at=now, status=RequestStatus.OPEN,
            deadline=self.deadline_for(request.priority, now), linked_article_ids=linked,
            assignee=request.assignee or author,
        )
        with self._transaction():
            self.requests.insert(request)
        return request

    def update(self, request: Request) -> Request:
        """Save edited fields; a changed priority moves the deadline (still counted from intake)."""
        _require_text(request)
        current = self.get(request.id)
        deadline = current.deadline
        if request.priority is not current.priority:
            deadline = self.deadline_for(request.priority, current.created_at)
        request = replace(
            request, code=current.code, created_at=current.created_at, updated_at=self._now, deadline=deadline,
            status=current.status, resolved_at=current.resolved_at, closed_at=current.closed_at,
            responded_at=current.responded_at, feedback=current.feedback,
        )
        with self._transaction():
            self.requests.update(request)
        return request

    def set_status(self, ref: str, status: RequestStatus) -> Request:
        request = self.get(ref)
        if status is request.status:
            return request
        if status not in ALLOWED_TRANSITIONS[request.status]:
            raise RecordError(f"需求不能从“{request.status.label_zh}”改为“{status.label_zh}”")
        now = self._now
        changes: dict = {"status": status, "updated_at": now}
        if request.responded_at is None and status is not RequestStatus.OPEN:
            changes["responded_at"] = now
        if status is RequestStatus.RESOLVED:
            changes["resolved_at"] = now
        elif status is RequestStatus.IN_PROGRESS:
            changes["resolved_at"] = None  # reopened
        elif status is RequestStatus.CLOSED:
            changes["closed_at"] = now
            changes["resolved_at"] = request.resolved_at or now
        previous, request = request.status, replace(request, **changes)
        with self._transaction():
            self.requests.update(request)
            self.status_log.record(request.id, previous, status, now)
        return request

    def mark_responded(self, ref: str) -> Request:
        """The customer got the first response: the SLA is met and the request is being worked on."""
        request = self.get(ref)
        if request.status is RequestStatus.OPEN:
            return self.set_status(request.id, RequestStatus.IN_PROGRESS)
        return request

    def confirm_letter(self, ref: str, note: str = "") -> Request:
        """The customer replied 确认 (or with remarks) to the confirmation letter."""
        request = replace(self.get(ref), confirmed_at=self._now, confirmation_note=note.strip())
        with self._transaction():
            self.requests.update(request)
        return request

    def link_article(self, ref: str, article_ref: str) -> Request:
        request = self.get(ref)
        article = self._articles.get(article_ref)
        if article.id not in request.linked_article_ids:
            request = replace(request, linked_article_ids=[*request.linked_article_ids, article.id], updated_at=self._now)
            with self._transaction():
                self.requests.update(request)
        return request

    def unlink_article(self, ref: str, article_id: str) -> Request:
        request = self.get(ref)
        request = replace(request, linked_article_ids=[a for a in request.linked_article_ids if a != article_id])
        with self._transaction():
            self.requests.update(request)
        return request

    def history_of(self, customer: str, company: str = "", exclude: str | None = None) -> list[Request]:
        """Earlier requests of the same customer (or company), for the need record's history line."""
        key = (company or "").strip() or customer.strip()
        if not key:
            return []
        return [
            r for r in self.requests.list()
            if r.id != exclude and key in ((r.company or "").strip() or r.customer.strip(), r.customer.strip())
        ]

    # --- plans ---------------------------------------------------------------------------------------------
    def plan(self, ref: str) -> SolutionPlan:
        return self.plans.get(self.get(ref).id)

    def save_plan(self, plan: SolutionPlan) -> SolutionPlan:
        request = self.get(plan.request_id)
        for number, step in enumerate(plan.steps, start=1):
            if not step.action.strip():
                raise RecordError(f"方案第 {number} 步没有填写要做的事")
        plan = replace(plan, request_id=request.id, updated_at=self._now, steps=list(plan.steps))
        with self._transaction():
            self.plans.save(plan)
        return plan

    def add_step(self, ref: str, action: str, owner: str = "", due_at: datetime | None = None) -> SolutionPlan:
        plan = self.plan(ref)
        plan.steps.append(PlanStep(action=action.strip(), owner=owner.strip(), due_at=due_at))
        return self.save_plan(plan)

    def complete_step(self, ref: str, step_id: str, done: bool = True) -> SolutionPlan:
        plan = self.plan(ref)
        for step in plan.steps:
            if step.id == step_id:
                step.done_at = self._now if done else None
                return self.save_plan(plan)
        raise RecordError(f"需求“{ref}”的方案中没有步骤“{step_id}”")

    # --- progress ------------------------------------------------------------------------------------------
    def progress(self, ref: str) -> list[ProgressEntry]:
        return self.progress_repo.for_request(self.get(ref).id)

    def all_progress(self) -> list[ProgressEntry]:
        return self.progress_repo.all()

    def add_progress(
        self,
        ref: str,
        note: str,
        state: ProgressState = ProgressState.IN_PROGRESS,
        *,
        delay_reason: str = "",
        new_deadline: datetime | None = None,
        at: datetime | None = None,
        author: str = "",
    ) -> ProgressEntry:
        """Add a row to the tracking sheet. A delay must say why and by when (the seeds' rule)."""
        request = self.get(ref)
        state = ProgressState(state)
        if not note.strip():
            raise RecordError("进度记录需要填写说明")
        if state is ProgressState.DELAYED and (not delay_reason.strip() or new_deadline is None):
            raise RecordError("延迟需要填写原因和新的期限")
        entry = ProgressEntry(
            request_id=request.id, note=note.strip(), state=state, at=at or self._now,
            delay_reason=delay_reason.strip() if state is ProgressState.DELAYED else "",
            new_deadline=new_deadline if state is ProgressState.DELAYED else None, author=author,
        )
        with self._transaction():
            self.progress_repo.insert(entry)
            # Reporting progress means someone is on it: the first response has happened.
            if request.status is RequestStatus.OPEN:
                self.requests.update(replace(request, status=RequestStatus.IN_PROGRESS,
                                             responded_at=request.responded_at or entry.at, updated_at=self._now))
                self.status_log.record(request.id, request.status, RequestStatus.IN_PROGRESS, self._now)
        return entry

    def delete_progress(self, entry_id: str) -> None:
        with self._transaction():
            self.progress_repo.delete(entry_id)

    # --- case write-up -------------------------------------------------------------------------------------
    def case_draft(self, ref: str, author: str = "") -> Article:
        """The draft case (问题 / 原因 / 解决步骤 / 沟通要点) a resolved request would become, not saved.

        It goes into the knowledge base, which the team library shares: the customer's name, company and
        contact are left out, and masked wherever the copied texts repeat them.
        """
        request = self.get(ref)
        if request.status not in (RequestStatus.RESOLVED, RequestStatus.CLOSED):
            raise RecordError("只有已解决或已关闭的需求才能转为案例")
        if request.case_article_id:
            raise RecordError("这个需求已经转为案例了")
        plan = self.plans.get(request.id)
        entries = self.progress_repo.for_request(request.id)
        scrub = personal_data_mask(request)
        solution = "\n".join(f"{s.position}. {s.action}" for s in plan.steps)
        key_points = "\n".join(f"- {e.note}" for e in entries if e.state is not ProgressState.DELAYED)
        resolved = (request.resolved_at or self._now).astimezone().date().isoformat()
        return Article(
            kind=Kind.CASE,
            title=scrub((plan.statement or " ".join(request.what.split()))[:80]),
            body=f"来自需求记录 {request.code}。",
            fields={
                "problem": scrub(request.what), "statement": scrub(plan.statement),
                "cause": scrub(plan.cause or request.why),
                "solution": scrub(solution + (f"\n\n替代方案：{plan.fallback}" if plan.fallback else "")),
                "key_points": scrub(key_points), "resolved_at": resolved,
            },
            tags=[], group=request.group, status=Status.DRAFT, owner=request.assignee or author,
            review_interval_days=self._settings.review_days_for("case"),
        )

    def create_case_draft(self, ref: str, author: str = "") -> Article:
        """Save :meth:`case_draft` and link it to the request."""
        request = self.get(ref)
        article = self._articles.create(self.case_draft(ref, author), author=author,
                                        note=f"来自需求记录 {request.code}")
        linked = [*request.linked_article_ids, article.id]
        with self._transaction():
            self.requests.update(replace(request, case_article_id=article.id, linked_article_ids=linked,
                                         updated_at=self._now))
        return article

    # --- reminders -----------------------------------------------------------------------------------------
    def due_items(self, at: datetime) -> list[DueItem]:
        """Request deadlines (near and overdue), plan steps due, and case write-ups due, at ``at``."""
        requests = self.requests.list()
        titles = {r.id: r.title for r in requests}
        deadlines = [
            RequestDeadlineState(
                r.id, r.title, r.created_at, r.deadline,
                awaiting_response=r.responded_at is None and r.status is RequestStatus.OPEN, assignee=r.assignee,
                urgent=r.priority is Priority.URGENT,
            )
            for r in requests
        ]
        resolved = [
            ResolvedState(r.id, r.title, r.resolved_at, r.case_article_id is not None, r.assignee)
            for r in requests
            if r.status in (RequestStatus.RESOLVED, RequestStatus.CLOSED)
        ]
        steps = [
            StepState(request_id, titles.get(request_id, ""), f"{step.position}. {step.action}", step.due_at,
                      step.done_at is not None, step.owner)
            for request_id, step in self.plans.open_steps()
        ]
        return request_deadlines_due(deadlines, at) + plan_steps_due(steps, at) + case_writeups_due(resolved, at)

    # named like the builtin: defined last, so the annotations above mean the builtin list
    def list(self, statuses: list[RequestStatus] | None = None) -> list[Request]:
        return self.requests.list(statuses)


_PHONE = re.compile(r"(?<!\d)(?:\+?\d[\d -]{6,}\d)(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def personal_data_mask(request: Request) -> Callable[[str], str]:
    """Replaces the request's customer, company and contact, and any phone number or e-mail address, in a text."""
    names = sorted({n.strip() for n in (request.customer, request.company, request.contact) if len(n.strip()) > 1},
                   key=len, reverse=True)

    def mask(text: str) -> str:
        for name in names:
            text = text.replace(name, "客户")
        return _PHONE.sub("【电话】", _EMAIL.sub("【邮箱】", text))

    return mask


def _require_text(request: Request) -> None:
    if not request.customer.strip():
        raise RecordError("需求记录需要填写客户")
    if not request.what.strip():
        raise RecordError("需求记录需要填写 What（具体问题）")

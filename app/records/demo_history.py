"""Four weeks of finished demo requests and knowledge-base use before the clock, so the 服务数据 page and the weekly
review pack show something real on first start.

Every request is resolved (closed when resolved more than a day ago), its plan steps done, and linked to the demo case
that covers its problem: nothing here adds to 今日待办. Responses, delays, reopenings and satisfaction are drawn from
a fixed seed with the shapes a support team reports (most urgent requests answered within the hour, a few late; one
in six delayed, with the usual reasons; about two in three customers answer the survey).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from app.model import Kind, Status
from app.model.figures import local_midnight
from app.model.records import (
    CHANNELS,
    CustomerFeedback,
    PlanStep,
    Priority,
    ProgressEntry,
    ProgressState,
    Request,
    RequestStatus,
    Satisfaction,
    SolutionPlan,
)
from app.records.service import RecordsService
from app.store.articles import ArticleRepository
from app.store.search_log import SearchLogRepository
from app.store.usage_log import UsageAction

SEED = 20261122
DAYS = 28
AGENTS = {"技术故障组": ("张敏", "刘洋"), "订单售后组": ("李娜", "赵强"), "账号问题组": ("王磊", "陈晨"), "财务组": ("周婷", "孙悦")}
CUSTOMERS = ("王女士", "刘先生", "张女士", "李先生", "杨女士", "黄先生", "吴女士", "徐先生", "孙女士", "马先生", "朱女士", "胡先生")
COMPANIES = ("华辰商贸有限公司", "远航物流", "青禾餐饮连锁", "博远科技", "")
CHANNEL_WEIGHTS = dict(zip(CHANNELS, (40, 20, 10, 10, 8, 5, 7, 0)))
PRIORITY_WEIGHTS = {Priority.URGENT: 15, Priority.IMPORTANT: 35, Priority.NORMAL: 50}
# Median first-response minutes per priority; one request in ~12 takes several times longer.
RESPONSE_MEDIAN_MIN = {Priority.URGENT: 25, Priority.IMPORTANT: 150, Priority.NORMAL: 420}
RESOLUTION_HOURS = {Priority.URGENT: (2, 10), Priority.IMPORTANT: (6, 40), Priority.NORMAL: (12, 90)}
DELAY_REASONS = {
    "技术故障组": ("等待研发排期修复", "应用商店审核未通过", "需要客户提供错误日志"),
    "订单售后组": ("第三方物流未反馈", "仓库盘点暂停发货", "等待客户寄回商品"),
    "账号问题组": ("需要客户补充身份证明", "风控复核排队"),
    "财务组": ("银行处理周期", "财务审核排队", "等待商家确认退款"),
}
COMMENTS = {Satisfaction.SATISFIED: ("处理很及时", "客服很耐心", ""), Satisfaction.NEUTRAL: ("等得有点久", ""),
            Satisfaction.DISSATISFIED: ("来回沟通太多次", "解决太慢了")}
SEARCHES = ("退款", "退款进度", "物流查询", "密码重置", "发票", "验证码", "闪退", "换货", "七天无理由", "重复扣款",
            "账号冻结", "修改地址", "优惠券", "自动续费", "签收未收到")
ZERO_RESULT_SEARCHES = ("电子发票红冲", "海外收货地址", "积分过期", "企业微信绑定", "发票抬头 税号 变更", "直播间下单")


@dataclass(frozen=True)
class DemoStores:
    """What the demo history writes to: the records, the articles' counters and uses, the search log."""

    records: RecordsService
    articles: ArticleRepository
    search_log: SearchLogRepository
    transaction: Callable[[], AbstractContextManager[Any]]
    clock: Callable[[], datetime]


@dataclass
class _Seeding:
    desk: DemoStores
    rng: random.Random
    now: datetime
    cases: dict[str, list[tuple[str, str]]]  # group -> (case id, title)
    scripts: list[str]  # published reply scripts, the most used first
    articles: list[str]  # published cases and handbook entries


def _pick(rng: random.Random, weights: dict) -> object:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _response_minutes(rng: random.Random, priority: Priority) -> float:
    minutes = RESPONSE_MEDIAN_MIN[priority] * rng.lognormvariate(0, 0.6)
    return minutes * rng.uniform(3, 6) if rng.random() < 0.08 else minutes


def _request(s: _Seeding, created: datetime) -> Request | None:
    rng, records = s.rng, s.desk.records
    group = rng.choice(list(AGENTS))
    case_id, problem = rng.choice(s.cases[group])
    priority = _pick(rng, PRIORITY_WEIGHTS)
    assert isinstance(priority, Priority)
    responded = created + timedelta(minutes=_response_minutes(rng, priority))
    low, high = RESOLUTION_HOURS[priority]
    resolved = responded + timedelta(hours=rng.uniform(low, high))
    if resolved > s.now - timedelta(hours=2):
        return None  # still being worked on: the demo's history holds finished requests only
    return Request(
        customer=rng.choice(CUSTOMERS), company=rng.choice(COMPANIES), what=problem,
        channel=str(_pick(rng, CHANNEL_WEIGHTS)),
        priority=priority, status=RequestStatus.IN_PROGRESS, assignee=rng.choice(AGENTS[group]), group=group,
        created_at=created, updated_at=resolved, deadline=records.deadline_for(priority, created),
        responded_at=responded.replace(microsecond=0), resolved_at=resolved.replace(microsecond=0),
        case_article_id=case_id, linked_article_ids=[case_id], code=records.requests.next_code(created),
    )


def _plan_and_progress(s: _Seeding, r: Request) -> datetime | None:
    """Store the plan and progress of a finished request; returns a delay's time, if it was delayed."""
    rng, records = s.rng, s.desk.records
    assert r.responded_at is not None and r.resolved_at is not None
    took_hours = (r.resolved_at - r.created_at).total_seconds() / 3600
    promised = r.resolved_at + timedelta(hours=rng.uniform(-0.25, 1.0) * took_hours)  # about one in four kept late
    promised = max(promised, r.responded_at + timedelta(hours=1))
    records.plans.save(SolutionPlan(r.id, statement=r.what, steps=[
        PlanStep("核实问题并收集信息", owner=r.assignee, due_at=r.responded_at + timedelta(hours=1),
                 done_at=r.responded_at + timedelta(minutes=40)),
        PlanStep("处理并回复客户", owner=r.assignee, due_at=promised.replace(microsecond=0), done_at=r.resolved_at),
    ]))
    entries = [ProgressEntry(r.id, "已联系客户，正在核实问题", ProgressState.IN_PROGRESS, at=r.responded_at, author=r.assignee)]
    delayed_at = None
    if rng.random() < 0.17:
        delayed_at = (r.responded_at + (r.resolved_at - r.responded_at) / 2).replace(microsecond=0)
        entries.append(ProgressEntry(
            r.id, "处理推迟，已告知客户新的时间", ProgressState.DELAYED, at=delayed_at,
            delay_reason=rng.choice(DELAY_REASONS[r.group]),
            new_deadline=(r.resolved_at + timedelta(hours=rng.uniform(-2, 3))).replace(microsecond=0),
            author=r.assignee,
        ))
    entries.append(ProgressEntry(r.id, "问题已解决，已告知客户", ProgressState.DONE, at=r.resolved_at, author=r.assignee))
    for entry in entries:
        records.progress_repo.insert(entry)
    return delayed_at


def _finish(s: _Seeding, r: Request) -> tuple[Request, list[tuple[RequestStatus, RequestStatus, datetime]]]:
    """The finished request (with the odd reopening, closed a day after, what the customer answered) and its
    status changes."""
    rng = s.rng
    assert r.responded_at is not None and r.resolved_at is not None
    changes = [(RequestStatus.OPEN, RequestStatus.IN_PROGRESS, r.responded_at)]
    resolved = r.resolved_at
    if rng.random() < 0.05 and resolved + timedelta(hours=30) < s.now:
        reopened = resolved + timedelta(hours=rng.uniform(2, 12))
        changes += [(RequestStatus.IN_PROGRESS, RequestStatus.RESOLVED, resolved),
                    (RequestStatus.RESOLVED, RequestStatus.IN_PROGRESS, reopened)]
        resolved = (reopened + timedelta(hours=rng.uniform(2, 12))).replace(microsecond=0)
    changes.append((RequestStatus.IN_PROGRESS, RequestStatus.RESOLVED, resolved))
    status, closed = RequestStatus.RESOLVED, None
    if resolved + timedelta(days=1) < s.now:
        status, closed = RequestStatus.CLOSED, (resolved + timedelta(hours=rng.uniform(20, 26))).replace(microsecond=0)
        changes.append((RequestStatus.RESOLVED, RequestStatus.CLOSED, closed))
    finished = replace(r, status=status, resolved_at=resolved, closed_at=closed, updated_at=closed or resolved,
                       feedback=_feedback(rng, resolved))
    return finished, changes


def _feedback(rng: random.Random, resolved: datetime) -> CustomerFeedback:
    confirmed = resolved + timedelta(minutes=rng.uniform(5, 180)) if rng.random() < 0.85 else None
    if rng.random() > 0.68:
        return CustomerFeedback(confirmed_at=confirmed.replace(microsecond=0) if confirmed else None)
    level = _pick(rng, {Satisfaction.SATISFIED: 76, Satisfaction.NEUTRAL: 16, Satisfaction.DISSATISFIED: 8})
    assert isinstance(level, Satisfaction)
    score = None
    if rng.random() < 0.5:
        score = {Satisfaction.SATISFIED: rng.choice((4, 5, 5)), Satisfaction.NEUTRAL: 3,
                 Satisfaction.DISSATISFIED: rng.choice((1, 2))}[level]
    rated = (resolved + timedelta(hours=rng.uniform(1, 20))).replace(microsecond=0)
    return CustomerFeedback(confirmed_at=confirmed.replace(microsecond=0) if confirmed else None, satisfaction=level,
                            score=score, comment=rng.choice(COMMENTS[level]), rated_at=rated)


def _kb_use(s: _Seeding, day_start: datetime, weekday: bool) -> None:
    """A day's searches (some finding nothing), article opens and script copies, at working hours."""
    rng, desk = s.rng, s.desk
    scale = 1.0 if weekday else 0.35

    def working_hour() -> datetime | None:
        at = (day_start + timedelta(hours=rng.uniform(8.5, 20.5))).replace(microsecond=0)
        return at if at < s.now else None

    for _ in range(int(rng.randint(18, 36) * scale)):
        zero = rng.random() < 0.11
        query = rng.choice(ZERO_RESULT_SEARCHES if zero else SEARCHES)
        at = working_hour()
        if at is not None:
            desk.search_log.record(query, 0 if zero else rng.randint(1, 12), rng.uniform(5, 30), at)
    for pool, action, count in ((s.scripts, UsageAction.COPY, rng.randint(12, 30)),
                                (s.articles, UsageAction.VIEW, rng.randint(20, 45))):
        weights = [1 / (rank + 1) for rank in range(len(pool))]  # a few articles do most of the work
        for article_id in rng.choices(pool, weights=weights, k=int(count * scale)):
            at = working_hour()
            if at is not None:
                desk.articles.bump_counter(article_id, "copies" if action is UsageAction.COPY else "views", at)


def seed_demo_history(desk: DemoStores, days: int = DAYS) -> int:
    """Add ``days`` of finished requests and KB use before now; returns how many requests were added."""
    cases: dict[str, list[tuple[str, str]]] = {}
    for summary in desk.articles.list(kind=Kind.CASE, status=Status.PUBLISHED):
        cases.setdefault(summary.group, []).append((summary.id, summary.title))
    if not all(cases.get(group) for group in AGENTS):
        return 0  # not the demo knowledge base
    now = desk.clock().replace(microsecond=0)
    rng = random.Random(SEED)
    scripts = [a.id for a in desk.articles.list(kind=Kind.SCRIPT, status=Status.PUBLISHED)]
    articles = [a.id for a in desk.articles.list(status=Status.PUBLISHED) if a.kind is not Kind.SCRIPT]
    rng.shuffle(scripts)
    rng.shuffle(articles)
    s = _Seeding(desk, rng, now, cases, scripts, articles)
    today = now.astimezone().date()
    added = 0
    with desk.transaction():
        for back in range(days, -1, -1):
            day = today - timedelta(days=back)
            start, weekday = local_midnight(day), day.weekday() < 5
            for _ in range(s.rng.randint(6, 10) if weekday else s.rng.randint(2, 4)):
                created = (start + timedelta(hours=s.rng.uniform(8.5, 20.5))).replace(microsecond=0)
                request = _request(s, created)
                if request is None:
                    continue
                finished, changes = _finish(s, request)
                s.desk.records.requests.insert(finished)
                _plan_and_progress(s, request)
                for old, new, at in changes:
                    s.desk.records.status_log.record(request.id, old, new, at)
                added += 1
            if start < now:
                _kb_use(s, start, weekday)
    return added

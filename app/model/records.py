"""Plain dataclasses for service records; no storage, no Qt.

Priorities and progress states are stored by their Chinese names because that is what the teams write in their
sheets and what a drop-down in an exported XLSX must offer; request statuses are stored as codes with Chinese labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from app.model import new_id, utcnow


class Priority(StrEnum):
    URGENT = "紧急"
    IMPORTANT = "重要"
    NORMAL = "一般"


class RequestStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @property
    def label_zh(self) -> str:
        return STATUS_LABELS_ZH[self]

    @classmethod
    def parse(cls, text: str) -> RequestStatus:
        """By code (``in_progress``) or Chinese label (``处理中``)."""
        text = text.strip()
        for status in cls:
            if text in (status.value, status.label_zh):
                return status
        raise ValueError(f"不认识的需求状态“{text}”，可用：" + "、".join(f"{s.label_zh}（{s.value}）" for s in cls))


STATUS_LABELS_ZH = {
    RequestStatus.OPEN: "待处理",
    RequestStatus.IN_PROGRESS: "处理中",
    RequestStatus.RESOLVED: "已解决",
    RequestStatus.CLOSED: "已关闭",
}

# Forward moves, plus reopening a resolved request; a closed request stays closed.
ALLOWED_TRANSITIONS: dict[RequestStatus, frozenset[RequestStatus]] = {
    RequestStatus.OPEN: frozenset({RequestStatus.IN_PROGRESS, RequestStatus.RESOLVED, RequestStatus.CLOSED}),
    RequestStatus.IN_PROGRESS: frozenset({RequestStatus.RESOLVED, RequestStatus.CLOSED}),
    RequestStatus.RESOLVED: frozenset({RequestStatus.IN_PROGRESS, RequestStatus.CLOSED}),
    RequestStatus.CLOSED: frozenset(),
}


class ProgressState(StrEnum):
    DONE = "已完成"
    IN_PROGRESS = "进行中"
    DELAYED = "延迟"


class Satisfaction(StrEnum):
    """The customer's satisfaction after resolution, in the three words the teams' surveys use."""

    SATISFIED = "满意"
    NEUTRAL = "一般"
    DISSATISFIED = "不满意"

    @classmethod
    def from_score(cls, score: int) -> Satisfaction:
        """A 1-5 score in the three levels, as CSAT counts it: 4-5 satisfied, 3 neutral, 1-2 dissatisfied."""
        if not 1 <= score <= 5:
            raise ValueError(f"满意度评分是 1 到 5 分，不是 {score}")
        return cls.SATISFIED if score >= 4 else cls.NEUTRAL if score == 3 else cls.DISSATISFIED


@dataclass(frozen=True)
class CustomerFeedback:
    """What the customer said at resolution: that it is solved, and how satisfied (a level, or a 1-5 score)."""

    confirmed_at: datetime | None = None  # the customer confirmed the problem is solved
    satisfaction: Satisfaction | None = None
    score: int | None = None  # the 1-5 score, when the customer gave one (``satisfaction`` is then its level)
    comment: str = ""
    rated_at: datetime | None = None


CHANNELS = ("在线聊天", "电话", "邮件", "App", "小程序", "公众号", "电商平台", "社交媒体")

# The 5W1H intake fields in form order, with the labels of the need-record template.
FIVE_W_ONE_H: tuple[tuple[str, str], ...] = (
    ("what", "What 具体问题"),
    ("when", "When 首次发生时间，是否持续"),
    ("where", "Where 场景（办公电脑端 / 手机APP端…）"),
    ("who", "Who 涉及人员或部门"),
    ("why", "Why 客户认为的原因"),
    ("how", "How 客户期望的解决效果"),
)
# The field's short Chinese name first, the method's letter after it: agents read 具体问题, trainers teach 5W1H.
_FIVE_W_SHORT = {"what": "具体问题", "when": "发生时间", "where": "场景", "who": "涉及人员", "why": "原因",
                 "how": "期望效果"}


def five_w_label(name: str) -> str:
    """A form label for a 5W1H field: 具体问题（What）."""
    english = next(label.split(" ", 1)[0] for key, label in FIVE_W_ONE_H if key == name)
    return f"{_FIVE_W_SHORT[name]}（{english}）"


@dataclass
class Request:
    """A need record (客户需求记录表)."""

    customer: str
    what: str
    id: str = field(default_factory=new_id)
    code: str = ""  # human number, e.g. XQ-20261122-001, given by the store
    company: str = ""
    contact: str = ""
    channel: str = ""
    history: str = ""  # past requests, complaint types, preferred channel
    when: str = ""
    where: str = ""
    who: str = ""
    why: str = ""
    how: str = ""
    priority: Priority = Priority.NORMAL
    status: RequestStatus = RequestStatus.OPEN
    assignee: str = ""
    group: str = ""
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    deadline: datetime | None = None  # first response due (from the SLA)
    responded_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    case_article_id: str | None = None  # the case written up from this request
    handbook_article_id: str | None = None  # the handbook entry the intake started from
    linked_article_ids: list[str] = field(default_factory=list)
    confirmed_at: datetime | None = None  # when the customer confirmed the letter
    confirmation_note: str = ""
    feedback: CustomerFeedback = field(default_factory=CustomerFeedback)

    @property
    def title(self) -> str:
        """A one-line label for lists and reminders."""
        what = " ".join(self.what.split())
        short = what if len(what) <= 30 else what[:29] + "…"
        who = self.company or self.customer
        return f"{who}：{short}" if who else short

    def with_changes(self, **changes: Any) -> Request:
        return replace(self, **changes)


@dataclass
class PlanStep:
    """One numbered step of a solution plan."""

    action: str
    owner: str = ""
    due_at: datetime | None = None
    done_at: datetime | None = None
    id: str = field(default_factory=new_id)
    position: int = 0


@dataclass
class SolutionPlan:
    """A request's solution plan (问题解决方案表): the agreed statement and cause, ordered steps and a fallback."""

    request_id: str
    statement: str = ""  # the standard problem statement (专业转述)
    cause: str = ""
    steps: list[PlanStep] = field(default_factory=list)
    fallback: str = ""  # 替代方案
    updated_at: datetime | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.statement or self.cause or self.steps or self.fallback)


@dataclass
class ProgressEntry:
    """One row of the progress-tracking sheet (沟通进度跟踪表)."""

    request_id: str
    note: str
    state: ProgressState = ProgressState.IN_PROGRESS
    at: datetime = field(default_factory=utcnow)
    delay_reason: str = ""
    new_deadline: datetime | None = None
    author: str = ""
    id: str = field(default_factory=new_id)

"""The content model: plain dataclasses with no storage or Qt behaviour.

An article is one of three kinds. The common fields live on :class:`Article`; the kind-specific fields live in
``Article.fields`` as a plain dict whose keys are listed in :data:`KIND_FIELDS` (stored as JSON, so a new field
needs no schema migration, and an import never loses a key it does not know).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    CASE = "case"
    SCRIPT = "script"
    HANDBOOK = "handbook"

    @property
    def label_zh(self) -> str:
        return {"case": "案例", "script": "话术", "handbook": "手册"}[self.value]


class Status(StrEnum):
    DRAFT = "draft"
    REVIEW = "review"
    PUBLISHED = "published"
    ARCHIVED = "archived"

    @property
    def label_zh(self) -> str:
        return {"draft": "草稿", "review": "审核中", "published": "已发布", "archived": "已归档"}[self.value]


# Kind-specific fields, in display order. Values are strings unless noted.
KIND_FIELDS: dict[Kind, tuple[str, ...]] = {
    # case: the customer's words, the standard statement, cause, solution steps, communication key points
    Kind.CASE: ("problem", "statement", "cause", "solution", "key_points", "resolved_at"),
    # script: "variants" is a dict {variant name: text}; "trigger" a short abbreviation (;tk) for the quick palette
    Kind.SCRIPT: ("scenario", "channel", "reply", "variants", "trigger"),
    # handbook: "questions" is a list of {"group", "text"}, "restatements" a list of {"said", "standard"}
    Kind.HANDBOOK: ("scenario", "method", "questions", "restatements", "next_steps"),
}

FIELD_LABELS_ZH: dict[str, str] = {
    "problem": "问题（客户原话）",
    "statement": "标准表述",
    "cause": "原因",
    "solution": "解决步骤",
    "key_points": "沟通要点",
    "resolved_at": "解决日期",
    "scenario": "场景",
    "channel": "渠道",
    "reply": "话术",
    "variants": "变体",
    "trigger": "缩写",
    "method": "方法",
    "questions": "提问清单",
    "restatements": "转述示例",
    "next_steps": "下一步",
}

# A reply script's channel is stored as a code; people read it in Chinese.
CHANNEL_LABELS_ZH: dict[str, str] = {"chat": "在线聊天", "phone": "电话", "email": "邮件", "app": "App"}

DEFAULT_REVIEW_DAYS = 90


def channel_label(code: str) -> str:
    """电话 for ``phone``; a channel typed in words (微信) is shown as it is."""
    return CHANNEL_LABELS_ZH.get(code.strip().lower(), code)


def channel_code(label: str) -> str:
    """``phone`` for 电话 (what the editor shows back to what is stored); words typed in stay as they are."""
    return next((code for code, shown in CHANNEL_LABELS_ZH.items() if shown == label.strip()), label.strip())


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return str(uuid.uuid4())


def to_iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def moment_of(text: str) -> datetime:
    """A timestamp the schema requires (NOT NULL): a missing one is damage, not a value."""
    moment = from_iso(text)
    if moment is None:
        raise ValueError("数据库中缺少必需的时间（数据已损坏）")
    return moment


@dataclass
class Article:
    kind: Kind
    title: str
    body: str = ""
    id: str = field(default_factory=new_id)
    fields: dict[str, Any] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    group: str = ""
    status: Status = Status.DRAFT
    owner: str = ""
    phrasings: list[str] = field(default_factory=list)
    external_id: str | None = None
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 0
    review_interval_days: int = DEFAULT_REVIEW_DAYS
    next_review_at: datetime | None = None
    last_verified_at: datetime | None = None
    last_verified_by: str = ""
    views: int = 0
    copies: int = 0

    def field_text(self, name: str) -> str:
        """A kind-specific field flattened to text (lists and dicts joined), for display and indexing."""
        return flatten_field(self.fields.get(name))

    def with_changes(self, **changes: Any) -> Article:
        return replace(self, **changes)

    def is_stale(self, now: datetime) -> bool:
        return is_stale(self.status, self.next_review_at, now)

    def schedule_next_review(self, verified_at: datetime) -> None:
        self.next_review_at = verified_at + timedelta(days=self.review_interval_days)


def is_stale(status: Status | str, next_review_at: datetime | None, at: datetime) -> bool:
    """The one staleness rule: a published article is stale from its next review date on (that instant counts).

    An article with no next review date has never been scheduled (publishing always schedules one), so it is not
    stale: nothing says when it should have been checked. ``app.store.articles.STALE_WHERE`` is this rule in SQL.
    """
    return Status(status) is Status.PUBLISHED and next_review_at is not None and next_review_at <= at


def flatten_field(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "\n".join(flatten_field(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return "\n".join(flatten_field(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class Version:
    """A snapshot of a published article, taken on every save."""

    article_id: str
    number: int
    snapshot: dict[str, Any]
    author: str
    created_at: datetime
    note: str = ""


@dataclass(frozen=True)
class ArticleSummary:
    """What lists and search results need, without the body."""

    id: str
    kind: Kind
    title: str
    tags: tuple[str, ...]
    group: str
    status: Status
    external_id: str | None
    next_review_at: datetime | None
    updated_at: datetime


# Version notes were written in English before they were Chinese; what an older data directory holds, in Chinese.
_OLD_NOTES = {
    "created": "新建", "imported": "导入", "re-imported": "重新导入", "archived": "归档", "published": "发布",
    "submitted for review": "提交审核", "returned to draft": "退回草稿", "unpublished": "撤回发布",
    "reopened": "重新启用",
}
_OLD_NOTE_PATTERNS = (
    (re.compile(r"^status: (draft|review|published|archived)$"), lambda m: f"状态：{Status(m[1]).label_zh}"),
    (re.compile(r"^restored version (\d+)$"), lambda m: f"恢复第 {m[1]} 版"),
    (re.compile(r"^review interval: (\d+) days$"), lambda m: f"复核周期：{m[1]} 天"),
    (re.compile(r"^from request (\S+)$"), lambda m: f"来自需求记录 {m[1]}"),
)


def version_note_zh(note: str) -> str:
    """A version's note as people read it: notes Deskbook wrote in English in older versions, in Chinese."""
    if note in _OLD_NOTES:
        return _OLD_NOTES[note]
    for pattern, words in _OLD_NOTE_PATTERNS:
        found = pattern.match(note)
        if found:
            return words(found)
    return note

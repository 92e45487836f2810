"""The editorial workflow: draft → in review → published → archived, and which local role may do what.

Deskbook is a single-user desktop app, so roles (chosen in the settings) guide the UI — which buttons are offered —
rather than secure anything. Pure functions: no storage, no clock.
"""

from __future__ import annotations

from enum import StrEnum

from app.model import Kind, Status


class Role(StrEnum):
    AGENT = "agent"  # 一线客服: proposes new or changed knowledge
    OWNER = "owner"  # 知识库负责人: decides what is published and keeps it true
    TRAINER = "trainer"  # 培训师: proposes, and owns the need-identification handbook

    @property
    def label_zh(self) -> str:
        return {"agent": "一线客服", "owner": "知识库负责人", "trainer": "培训师"}[self.value]

    @classmethod
    def parse(cls, value: str | None) -> Role:
        try:
            return cls(str(value or "").strip().lower())
        except ValueError:
            return cls.AGENT


class Action(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"  # draft → review
    RETURN = "return"  # review → draft (sent back with a note)
    PUBLISH = "publish"  # draft/review → published (creates a version)
    UNPUBLISH = "unpublish"  # published → draft (to rework it)
    ARCHIVE = "archive"  # any → archived
    REOPEN = "reopen"  # archived → draft
    VERIFY = "verify"  # published stays published; the review date moves one interval ahead
    RESTORE_VERSION = "restore_version"

    @property
    def label_zh(self) -> str:
        return _ACTION_LABELS_ZH[self]


class WorkflowError(ValueError):
    """The action does not apply to the article's status, or the role may not take it."""


# (status now, action) → status after. EDIT, VERIFY and RESTORE_VERSION keep the status.
_ACTION_LABELS_ZH = {
    Action.EDIT: "编辑", Action.SUBMIT: "提交审核", Action.RETURN: "退回草稿", Action.PUBLISH: "发布",
    Action.UNPUBLISH: "撤回发布", Action.ARCHIVE: "归档", Action.REOPEN: "重新启用", Action.VERIFY: "确认无误",
    Action.RESTORE_VERSION: "恢复版本",
}
TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (Status.DRAFT, Action.SUBMIT): Status.REVIEW,
    (Status.DRAFT, Action.PUBLISH): Status.PUBLISHED,
    (Status.DRAFT, Action.ARCHIVE): Status.ARCHIVED,
    (Status.REVIEW, Action.RETURN): Status.DRAFT,
    (Status.REVIEW, Action.PUBLISH): Status.PUBLISHED,
    (Status.REVIEW, Action.ARCHIVE): Status.ARCHIVED,
    (Status.PUBLISHED, Action.UNPUBLISH): Status.DRAFT,
    (Status.PUBLISHED, Action.ARCHIVE): Status.ARCHIVED,
    (Status.ARCHIVED, Action.REOPEN): Status.DRAFT,
}
_KEEPS_STATUS: dict[Action, tuple[Status, ...]] = {
    Action.EDIT: (Status.DRAFT, Status.REVIEW, Status.PUBLISHED),
    Action.VERIFY: (Status.PUBLISHED,),
    Action.RESTORE_VERSION: (Status.DRAFT, Status.REVIEW, Status.PUBLISHED),
}

# What each role may do. Everyone may edit (every save of a published article is a version, so nothing is lost)
# and propose; publishing, archiving, verifying and restoring are the owner's (for the handbook, also the
# trainer's) decisions.
_ALL = frozenset(Action)
_PROPOSER = frozenset({Action.EDIT, Action.SUBMIT})
PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.OWNER: _ALL,
    Role.AGENT: _PROPOSER,
    Role.TRAINER: _PROPOSER,
}
# Trainers own the handbook (SPIN, 5W1H, restatements): there they act as owners.
KIND_OWNERS: dict[Kind, frozenset[Role]] = {Kind.HANDBOOK: frozenset({Role.OWNER, Role.TRAINER})}


def target_status(status: Status, action: Action) -> Status:
    """The status after ``action``; raises WorkflowError when the action does not apply."""
    if action in _KEEPS_STATUS:
        if status not in _KEEPS_STATUS[action]:
            raise WorkflowError(f"{status.label_zh}的文章不能{action.label_zh}")
        return status
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise WorkflowError(f"{status.label_zh}的文章不能{action.label_zh}") from None


def may(role: Role | str, action: Action, status: Status, kind: Kind | None = None) -> bool:
    """Whether ``role`` is offered ``action`` on an article of ``kind`` in ``status``."""
    role = Role.parse(role) if isinstance(role, str) else role
    try:
        target_status(status, action)
    except WorkflowError:
        return False
    if kind is not None and role in KIND_OWNERS.get(kind, frozenset()):
        return True
    return action in PERMISSIONS[role]


def allowed_actions(role: Role | str, status: Status, kind: Kind | None = None) -> list[Action]:
    """The actions to offer, in a stable order (for buttons)."""
    return [a for a in Action if may(role, a, status, kind)]


def can_create(role: Role | str) -> bool:
    """Everyone may start a draft; it only reaches colleagues once published."""
    return True

"""Workflow transitions and roles; versions, diff and restore through the facade."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.curation.diff import EQUAL
from app.curation.workflow import Action, Role, WorkflowError, allowed_actions, may, target_status
from app.model import Kind, Status
from tests.helpers import make_article


def test_transitions():
    assert target_status(Status.DRAFT, Action.SUBMIT) is Status.REVIEW
    assert target_status(Status.REVIEW, Action.PUBLISH) is Status.PUBLISHED
    assert target_status(Status.PUBLISHED, Action.ARCHIVE) is Status.ARCHIVED
    assert target_status(Status.ARCHIVED, Action.REOPEN) is Status.DRAFT
    assert target_status(Status.PUBLISHED, Action.VERIFY) is Status.PUBLISHED
    with pytest.raises(WorkflowError):
        target_status(Status.ARCHIVED, Action.PUBLISH)
    with pytest.raises(WorkflowError):
        target_status(Status.DRAFT, Action.VERIFY)
    with pytest.raises(WorkflowError):
        target_status(Status.ARCHIVED, Action.EDIT)


def test_roles_guide_who_does_what():
    assert may(Role.OWNER, Action.PUBLISH, Status.REVIEW)
    assert not may(Role.AGENT, Action.PUBLISH, Status.REVIEW)
    assert may(Role.AGENT, Action.SUBMIT, Status.DRAFT)
    assert may(Role.AGENT, Action.EDIT, Status.PUBLISHED)  # every save is a version, so nothing is lost
    assert not may(Role.AGENT, Action.VERIFY, Status.PUBLISHED)
    # trainers own the handbook
    assert may(Role.TRAINER, Action.PUBLISH, Status.REVIEW, Kind.HANDBOOK)
    assert not may(Role.TRAINER, Action.PUBLISH, Status.REVIEW, Kind.CASE)
    assert allowed_actions("agent", Status.DRAFT) == [Action.EDIT, Action.SUBMIT]
    assert Role.parse("nonsense") is Role.AGENT and Role.parse("Owner") is Role.OWNER


def test_draft_to_published_creates_a_version_and_schedules_review(desk, clock):
    draft = desk.create_article(make_article("发票抬头填错了怎么办", "可以作废重开", status=Status.DRAFT), "李")
    assert desk.versions(draft.id) == []
    desk.curation.apply(draft.id, Action.SUBMIT, "李")
    published = desk.curation.apply(draft.id, Action.PUBLISH, "王")
    assert published.status is Status.PUBLISHED
    assert published.next_review_at == clock.now + timedelta(days=published.review_interval_days)
    [version] = desk.versions(draft.id)
    assert (version.author, version.note, version.snapshot["status"]) == ("王", "发布", "published")
    with pytest.raises(WorkflowError):
        desk.curation.apply(draft.id, Action.SUBMIT)


def test_role_enforced_only_when_asked(desk):
    article = desk.create_article(make_article("退货地址", status=Status.REVIEW))
    desk.settings.role = "agent"
    with pytest.raises(WorkflowError):
        desk.curation.apply(article.id, Action.PUBLISH, enforce_role=True)
    assert desk.curation.apply(article.id, Action.PUBLISH).status is Status.PUBLISHED


def test_edit_diff_and_restore_as_new_version(desk, clock):
    case = desk.create_article(make_article("退款到账时间", "一般7天内到账", fields={"cause": "银行处理慢"}), "王")
    clock.now += timedelta(hours=1)
    edited = desk.update_article(case.with_changes(body="一般3天内到账", fields={"cause": "银行处理慢"}), "李", "新政策")
    assert [v.number for v in desk.versions(case.id)] == [2, 1]
    [body_diff] = desk.curation.diff(case.id, 1, 2)
    assert body_diff.name == "body"
    assert [(o.old, o.new) for o in body_diff.ops if o.tag != EQUAL] == [("7", "3")]
    restored = desk.restore_version(case.id, 1, "王")
    assert restored.body == "一般7天内到账" and restored.version == 3
    versions = desk.versions(case.id)
    assert [(v.number, v.note) for v in versions][:1] == [(3, "恢复第 1 版")]
    assert versions[-1].snapshot["body"] == "一般7天内到账" and versions[1].snapshot["body"] == "一般3天内到账"
    assert desk.curation.diff(case.id, 1) == []  # the current text equals version 1 again
    assert edited.version == 2
    with pytest.raises(LookupError):
        desk.restore_version(case.id, 9)


def test_restore_keeps_status_and_search_sees_restored_text(desk):
    case = desk.create_article(make_article("密码重置", "点击忘记密码"))
    desk.update_article(case.with_changes(body="联系客服重置密码"))
    desk.restore_version(case.id, 1)
    assert desk.get_article(case.id).status is Status.PUBLISHED
    assert [r.summary.id for r in desk.search("忘记密码").results] == [case.id]


def test_version_notes_read_in_chinese_also_those_an_older_version_wrote_in_english():
    from app.model import version_note_zh

    assert version_note_zh("imported") == "导入" and version_note_zh("re-imported") == "重新导入"
    assert version_note_zh("status: published") == "状态：已发布"
    assert version_note_zh("restored version 3") == "恢复第 3 版"
    assert version_note_zh("review interval: 30 days") == "复核周期：30 天"
    assert version_note_zh("from request XQ-20261122-001") == "来自需求记录 XQ-20261122-001"
    assert version_note_zh("客户反馈规则已变") == "客户反馈规则已变"  # a person's own note stays as written

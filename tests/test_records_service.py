"""Need records: SLA deadlines, status moves, plans, progress, case drafts, demo requests."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.model import Kind, Status
from app.model.records import PlanStep, Priority, ProgressState, RequestStatus, SolutionPlan
from app.records.service import RecordError, RequestNotFound
from app.reminders import DueKind
from tests.records_helpers import add_full_request, add_request
from tests.helpers import make_article


@pytest.mark.parametrize("priority, hours", [(Priority.URGENT, 2), (Priority.IMPORTANT, 24), (Priority.NORMAL, 48)])
def test_deadline_comes_from_the_default_sla(desk, clock, priority, hours):
    request = add_request(desk, priority=priority)
    assert request.created_at == clock.now
    assert request.deadline == clock.now + timedelta(hours=hours)
    assert request.status is RequestStatus.OPEN
    assert request.code == f"XQ-{clock.now.astimezone():%Y%m%d}-001"  # numbered by the local day


def test_sla_is_configurable_and_a_new_priority_moves_the_deadline(desk, clock):
    desk.settings.sla_hours["紧急"] = 1
    request = add_request(desk, priority=Priority.URGENT)
    assert request.deadline == clock.now + timedelta(hours=1)
    clock.now += timedelta(minutes=30)
    changed = desk.records.update(request.with_changes(priority=Priority.NORMAL, what="改了描述"))
    assert changed.deadline == request.created_at + timedelta(hours=48)  # still counted from intake
    assert desk.records.get(request.id).what == "改了描述"


def test_codes_are_numbered_per_day_and_found_by_code_or_prefix(desk, clock):
    first, second = add_request(desk), add_request(desk)
    day = f"XQ-{clock.now.astimezone():%Y%m%d}"
    assert (first.code, second.code) == (f"{day}-001", f"{day}-002")
    assert desk.records.get(second.code).id == second.id
    assert desk.records.get(second.id[:8]).id == second.id
    with pytest.raises(RequestNotFound):
        desk.records.get("XQ-19990101-001")


def test_status_moves_stamp_times_and_refuse_going_back_from_closed(desk, clock):
    request = add_request(desk)
    clock.now += timedelta(minutes=20)
    moved = desk.records.set_status(request.id, RequestStatus.IN_PROGRESS)
    assert moved.responded_at == clock.now and moved.resolved_at is None
    clock.now += timedelta(hours=3)
    resolved = desk.records.set_status(request.id, RequestStatus.RESOLVED)
    assert resolved.resolved_at == clock.now
    reopened = desk.records.set_status(request.id, RequestStatus.IN_PROGRESS)
    assert reopened.resolved_at is None and reopened.responded_at == moved.responded_at
    closed = desk.records.set_status(request.id, RequestStatus.CLOSED)
    assert closed.closed_at == clock.now and closed.resolved_at == clock.now
    with pytest.raises(RecordError, match="已关闭"):
        desk.records.set_status(request.id, RequestStatus.OPEN)


def test_a_delay_needs_reason_and_new_deadline_and_progress_starts_the_work(desk, clock):
    request = add_request(desk)
    with pytest.raises(RecordError, match="reason"):
        desk.records.add_progress(request.id, "推迟", ProgressState.DELAYED, delay_reason="审核未过")
    with pytest.raises(RecordError):
        desk.records.add_progress(request.id, "推迟", ProgressState.DELAYED, new_deadline=clock.now)
    assert desk.records.get(request.id).status is RequestStatus.OPEN  # nothing half-saved
    desk.records.add_progress(request.id, "已联系客户", ProgressState.IN_PROGRESS)
    again = desk.records.get(request.id)
    assert again.status is RequestStatus.IN_PROGRESS and again.responded_at == clock.now
    # A non-delay entry does not keep a stray reason.
    entry = desk.records.add_progress(request.id, "好了", ProgressState.DONE, delay_reason="x", new_deadline=clock.now)
    assert (entry.delay_reason, entry.new_deadline) == ("", None)


def test_plan_steps_keep_their_order_and_can_be_completed(desk, clock):
    request = add_full_request(desk)
    plan = desk.records.plan(request.id)
    assert [s.action for s in plan.steps] == ["客户提供错误日志", "技术团队分析日志", "远程修复或补丁推送"]
    assert [s.position for s in plan.steps] == [1, 2, 3]
    plan.steps.reverse()
    desk.records.save_plan(plan)
    reordered = desk.records.plan(request.id)
    assert [s.position for s in reordered.steps] == [1, 2, 3]
    assert reordered.steps[0].action == "远程修复或补丁推送"
    done = desk.records.complete_step(request.id, reordered.steps[0].id)
    assert done.steps[0].done_at == clock.now
    with pytest.raises(RecordError, match="no action"):
        plan.steps.append(PlanStep(" "))
        desk.records.save_plan(plan)


def test_links_to_articles(desk):
    from tests.helpers import make_article

    article = desk.create_article(make_article("登录时收不到短信验证码", "正文"))
    request = add_request(desk, linked_article_ids=[article.id])
    assert desk.records.get(request.id).linked_article_ids == [article.id]
    desk.records.unlink_article(request.id, article.id)
    assert desk.records.get(request.id).linked_article_ids == []
    desk.records.link_article(request.id, article.id)
    desk.records.link_article(request.id, article.id)
    assert desk.records.get(request.id).linked_article_ids == [article.id]


def test_a_resolved_request_becomes_a_linked_draft_case(desk, clock):
    request = add_full_request(desk)
    with pytest.raises(RecordError, match="resolved"):
        desk.records.create_case_draft(request.id)
    desk.records.set_status(request.id, RequestStatus.RESOLVED)
    clock.now += timedelta(hours=25)
    assert [i.kind for i in desk.due() if i.subject_id == request.id] == [DueKind.CASE_WRITEUP]
    article = desk.records.create_case_draft(request.id, author="王磊")
    assert article.kind is Kind.CASE and article.status is Status.DRAFT
    assert article.title == "客户安卓App登录提示密码错误，网页端正常"
    assert article.fields["problem"] == request.what
    assert article.fields["cause"] == "登录接口对特殊字符编码错误"
    assert article.fields["solution"].startswith("1. 客户提供错误日志\n2. 技术团队分析日志")
    assert "备用账号" in article.fields["solution"]
    assert "已收到错误日志" in article.fields["key_points"] and "推迟" not in article.fields["key_points"]
    stored = desk.records.get(request.id)
    assert stored.case_article_id == article.id and article.id in stored.linked_article_ids
    assert not [i for i in desk.due() if i.subject_id == request.id]
    assert desk.get_article(article.id).group == "账号问题组"
    with pytest.raises(RecordError, match="already"):
        desk.records.create_case_draft(request.id)


def test_due_includes_deadlines_steps_and_case_writeups(desk, clock):
    start = clock.now
    urgent = add_request(desk, priority=Priority.URGENT)
    kinds = lambda at: [(i.kind, i.subject_id) for i in desk.due(at) if i.kind is not DueKind.REVIEW]
    assert kinds(start + timedelta(minutes=95)) == []
    assert kinds(start + timedelta(minutes=96)) == [(DueKind.DEADLINE_NEAR, urgent.id)]  # 80 % of 2 h
    assert kinds(start + timedelta(hours=2)) == [(DueKind.OVERDUE, urgent.id)]
    desk.records.mark_responded(urgent.id)
    assert kinds(start + timedelta(hours=3)) == []
    desk.records.add_step(urgent.id, "远程修复", owner="刘洋", due_at=start + timedelta(hours=4))
    due = [i for i in desk.due(start + timedelta(hours=4)) if i.kind is DueKind.STEP_DUE]
    assert [(i.subject_id, i.due_at) for i in due] == [(urgent.id, start + timedelta(hours=4))]
    assert "远程修复" in due[0].detail and "刘洋" in due[0].detail


def test_demo_seeds_three_requests_at_different_stages(desk, clock):
    desk.seed_demo()
    # Four finished weeks come first (each with its case linked, so none of them is due); these three are today's.
    history = [r for r in desk.records.list() if r.case_article_id is not None]
    assert len(history) > 100 and all(r.status in (RequestStatus.RESOLVED, RequestStatus.CLOSED) for r in history)
    requests = [r for r in desk.records.list() if r.case_article_id is None]
    assert sorted(r.status.value for r in requests) == ["in_progress", "open", "resolved"]
    by_status = {r.status: r for r in requests}
    working = by_status[RequestStatus.IN_PROGRESS]
    plan = desk.records.plan(working.id)
    assert len(plan.steps) == 4 and plan.fallback
    states = [e.state for e in desk.records.progress(working.id)]
    assert ProgressState.DELAYED in states and ProgressState.DONE in states
    resolved = by_status[RequestStatus.RESOLVED]
    assert resolved.case_article_id is None and clock.now - resolved.resolved_at > timedelta(hours=24)
    due = {(i.kind, i.subject_id) for i in desk.due()}
    assert (DueKind.OVERDUE, by_status[RequestStatus.OPEN].id) in due
    assert (DueKind.STEP_DUE, working.id) in due
    assert (DueKind.CASE_WRITEUP, resolved.id) in due
    # Links point at real demo articles.
    for request in requests:
        assert request.linked_article_ids and all(desk.get_article(a) for a in request.linked_article_ids)


def test_a_case_draft_carries_no_personal_data_of_the_customer(desk):
    request = add_request(desk, what="陈女士的账号 138 0013 8000 登录提示密码错误，邮件 chen@example.com 也收不到验证码",
                          company="华辰商贸有限公司", contact="138 0013 8000")
    desk.records.add_progress(request.id, "已电话联系陈女士（138 0013 8000）确认", ProgressState.DONE)
    desk.records.set_status(request.id, RequestStatus.RESOLVED)
    article = desk.records.create_case_draft(request.id)
    text = "\n".join([article.title, article.body, *map(str, article.fields.values())])
    for personal in ("陈女士", "华辰商贸", "138 0013 8000", "chen@example.com"):
        assert personal not in text
    assert "登录提示密码错误" in article.fields["problem"] and "【邮箱】" in article.fields["problem"]


def test_a_similar_case_already_in_the_kb_is_named_before_writing_another(desk):
    existing = desk.create_article(make_article("客户安卓App登录提示密码错误，网页端正常", "接口对特殊字符编码错误",
                                                kind=Kind.CASE))
    request = add_full_request(desk)
    desk.records.set_status(request.id, RequestStatus.RESOLVED)
    assert [c.id for c in desk.similar_cases(request.id)] == [existing.id]


def test_a_case_with_the_same_problem_statement_is_similar_whatever_its_title(desk):
    existing = desk.create_article(make_article(
        "退款申请后超过7天未到账", "客户十天前申请退款。", kind=Kind.CASE,
        fields={"statement": "客户退款已审核通过，超过7个工作日仍未到账", "cause": "银行把退款记入下期账单"}))
    request = add_request(desk, what="退款申请10天了还没到账，商家说已经退了", customer="赵先生")
    desk.records.save_plan(SolutionPlan(request.id, statement="客户退款已审核通过，超过7个工作日仍未到账",
                                        cause="发卡行把退款记入下期账单", steps=[PlanStep("核对退款流水号")]))
    desk.records.set_status(request.id, RequestStatus.RESOLVED)
    assert [c.id for c in desk.similar_cases(request.id)] == [existing.id]
    unrelated = add_request(desk, what="发票抬头写错了", customer="钱女士")
    desk.records.set_status(unrelated.id, RequestStatus.RESOLVED)
    assert desk.similar_cases(unrelated.id) == []

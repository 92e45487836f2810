"""今日待办: what is due by the end of today, overdue included, urgent and overdue requests first."""

from __future__ import annotations

from datetime import timedelta

from app.model.records import PlanStep, Priority, RequestStatus, SolutionPlan
from app.reminders import DueKind, end_of_day
from tests.helpers import make_article
from tests.records_helpers import add_request


def _kinds(items):
    return [(i.kind, i.title) for i in items]


def test_a_step_due_later_today_is_on_the_agenda_before_it_is_overdue(desk, clock):
    request = add_request(desk, what="打印机驱动无法安装")
    desk.records.save_plan(SolutionPlan(request.id, steps=[PlanStep("远程协助安装", due_at=clock.now + timedelta(hours=2))]))
    assert [i.kind for i in desk.due() if i.kind is DueKind.STEP_DUE] == []  # not due yet…
    steps = [i for i in desk.agenda() if i.kind is DueKind.STEP_DUE]
    assert len(steps) == 1 and steps[0].due_at == clock.now + timedelta(hours=2)  # …but on today's list
    tomorrow = end_of_day(clock.now) + timedelta(hours=1)
    desk.records.save_plan(SolutionPlan(request.id, steps=[PlanStep("远程协助安装", due_at=tomorrow)]))
    assert not [i for i in desk.agenda() if i.kind is DueKind.STEP_DUE]  # tomorrow's is not today's


def test_urgent_and_overdue_requests_come_first_then_steps_then_case_writeups_then_reviews(desk, clock):
    old = desk.create_article(make_article("110天前复核过的案例", "x"))
    desk.verify_article(old.id)
    clock.now += timedelta(days=110)  # the review is long overdue…
    normal = add_request(desk, what="发票抬头写错", priority=Priority.NORMAL)
    desk.records.save_plan(SolutionPlan(normal.id, steps=[PlanStep("重开发票", due_at=clock.now - timedelta(hours=1))]))
    resolved = add_request(desk, what="退款未到账", priority=Priority.NORMAL)
    desk.records.set_status(resolved.id, RequestStatus.RESOLVED)
    clock.now += timedelta(hours=25)
    urgent = add_request(desk, what="全公司无法下单", priority=Priority.URGENT)  # deadline in 2 h: not overdue yet
    agenda = desk.agenda()
    order = [i.kind for i in agenda]
    assert agenda[0].subject_id == urgent.id and agenda[0].kind is DueKind.DEADLINE_NEAR  # 紧急 on top…
    assert order.index(DueKind.STEP_DUE) < order.index(DueKind.CASE_WRITEUP) < order.index(DueKind.REVIEW)
    assert agenda[-1].subject_id == old.id  # …the 110-day-old review last, not first by date


def test_a_deadline_later_today_is_near_not_overdue(desk, clock):
    request = add_request(desk, what="账号被冻结", priority=Priority.IMPORTANT)  # 24 h
    clock.now = request.deadline - timedelta(minutes=30)
    assert end_of_day(clock.now) >= request.deadline  # the deadline is later today
    assert [i.kind for i in desk.agenda() if i.subject_id == request.id] == [DueKind.DEADLINE_NEAR]
    clock.now = request.deadline + timedelta(minutes=1)
    assert [i.kind for i in desk.agenda() if i.subject_id == request.id] == [DueKind.OVERDUE]

"""The deadline rules are pure functions of their inputs and ``at``."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from app.reminders import (
    DueKind,
    RequestDeadlineState,
    ResolvedState,
    StepState,
    case_writeups_due,
    plan_steps_due,
    request_deadlines_due,
)

T0 = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)


def _request(hours: float, awaiting: bool = True) -> RequestDeadlineState:
    return RequestDeadlineState("r1", "客户：登录不了", T0, T0 + timedelta(hours=hours), awaiting, "王磊")


def test_near_from_80_percent_of_the_sla_then_overdue():
    r = _request(24)
    assert request_deadlines_due([r], T0 + timedelta(hours=19, minutes=11)) == []
    near = request_deadlines_due([r], T0 + timedelta(hours=19, minutes=12))
    assert [(i.kind, i.due_at, i.detail) for i in near] == [(DueKind.DEADLINE_NEAR, T0 + timedelta(hours=24), "王磊")]
    assert [i.kind for i in request_deadlines_due([r], T0 + timedelta(hours=24))] == [DueKind.OVERDUE]
    assert [i.kind for i in request_deadlines_due([r], T0 + timedelta(days=9))] == [DueKind.OVERDUE]


def test_answered_requests_have_no_deadline_items():
    assert request_deadlines_due([_request(2, awaiting=False)], T0 + timedelta(hours=5)) == []
    no_deadline = RequestDeadlineState("r2", "x", T0, None, True)
    assert request_deadlines_due([no_deadline], T0 + timedelta(days=5)) == []


def test_plan_steps_due_when_their_time_comes_unless_done():
    steps = [
        StepState("r1", "客户A", "1. 分析日志", T0 + timedelta(hours=1), done=False, owner="刘洋"),
        StepState("r1", "客户A", "2. 推送补丁", T0 + timedelta(hours=2), done=False),
        StepState("r1", "客户A", "0. 收集日志", T0, done=True),
    ]
    due = plan_steps_due(steps, T0 + timedelta(hours=1))
    assert [(i.kind, i.detail) for i in due] == [(DueKind.STEP_DUE, "1. 分析日志（刘洋）")]
    assert len(plan_steps_due(steps, T0 + timedelta(hours=2))) == 2


def test_case_writeup_due_24_hours_after_resolution_without_a_case():
    resolved = ResolvedState("r1", "客户A", T0, has_case=False)
    assert case_writeups_due([resolved], T0 + timedelta(hours=23, minutes=59)) == []
    due = case_writeups_due([resolved], T0 + timedelta(hours=24))
    assert [(i.kind, i.due_at) for i in due] == [(DueKind.CASE_WRITEUP, T0 + timedelta(hours=24))]
    assert case_writeups_due([ResolvedState("r1", "客户A", T0, has_case=True)], T0 + timedelta(days=3)) == []

"""Builders for service-record tests."""

from __future__ import annotations

from datetime import timedelta

from app.model.records import PlanStep, Priority, ProgressState, Request, SolutionPlan


def add_request(desk, what: str = "App登录时提示密码错误", priority: Priority = Priority.IMPORTANT, **kw) -> Request:
    kw.setdefault("customer", "陈女士")
    return desk.records.create(Request(what=what, priority=priority, **kw))


def add_full_request(desk) -> Request:
    """A request with a plan (3 steps, one done) and three progress entries (one delayed)."""
    now = desk.clock()
    request = add_request(desk, company="华辰商贸有限公司", contact="138 0013 8000", channel="电话",
                          how="2小时内恢复登录", assignee="王磊", group="账号问题组")
    desk.records.save_plan(SolutionPlan(
        request.id, statement="客户安卓App登录提示密码错误，网页端正常", cause="登录接口对特殊字符编码错误",
        steps=[
            PlanStep("客户提供错误日志", owner="客服 王磊", due_at=now + timedelta(hours=1), done_at=now),
            PlanStep("技术团队分析日志", owner="技术支持 刘洋", due_at=now + timedelta(hours=3)),
            PlanStep("远程修复或补丁推送", owner="技术支持 刘洋", due_at=now + timedelta(hours=6)),
        ],
        fallback="若修复延迟，可引导客户通过备用账号登录",
    ))
    desk.records.add_progress(request.id, "已收到错误日志", ProgressState.DONE, at=now + timedelta(minutes=30))
    desk.records.add_progress(request.id, "技术团队分析中", ProgressState.IN_PROGRESS, at=now + timedelta(hours=1))
    desk.records.add_progress(request.id, "补丁发布推迟", ProgressState.DELAYED, delay_reason="应用商店审核未通过",
                              new_deadline=now + timedelta(hours=10), at=now + timedelta(hours=2))
    return desk.records.get(request.id)

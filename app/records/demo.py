"""Three demo requests at different stages, placed relative to the clock so every page and export has something
real on first start: one overdue, one in progress with a plan and progress entries, one resolved >24 h ago
without a case."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from app.model.records import PlanStep, Priority, ProgressState, Request, RequestStatus, SolutionPlan
from app.records.service import RecordsService

ArticleIds = Callable[[str], list[str]]  # an external id -> [the article's id], or [] when it is not there


@dataclass(frozen=True)
class _Seeding:
    records: RecordsService
    article_ids: ArticleIds
    transaction: Callable[[], AbstractContextManager[Any]]
    now: datetime

    def add(self, request: Request, created_hours_ago: float) -> Request:
        """Insert ``request`` as if it had come in that long ago (numbered and given its SLA deadline then)."""
        created = self.now - timedelta(hours=created_hours_ago)
        repo = self.records.requests
        request = replace(request, code=repo.next_code(created), created_at=created, updated_at=created,
                          deadline=self.records.deadline_for(request.priority, created))
        with self.transaction():
            repo.insert(request)
        return request

    def first(self, external_id: str) -> str | None:
        return next(iter(self.article_ids(external_id)), None)


def seed_demo_requests(records: RecordsService, article_ids: ArticleIds,
                       transaction: Callable[[], AbstractContextManager[Any]], clock: Callable[[], datetime],
                       ) -> list[Request]:
    """Insert the demo requests (only into a data directory that has none)."""
    if records.requests.count():
        return []
    seeding = _Seeding(records, article_ids, transaction, clock().replace(microsecond=0))
    made = [_overdue(seeding), _in_progress(seeding), _resolved(seeding)]
    return [records.get(r.id) for r in made]


def _overdue(s: _Seeding) -> Request:
    return s.add(Request(
        customer="李经理", company="华辰商贸有限公司", contact="138 0013 8000 / li@huachen.example", channel="电话",
        history="近三个月第2次反馈后台问题，偏好电话沟通",
        what="企业后台（电脑端）订单列表一直转圈无法加载，全公司今天的订单都处理不了",
        when="今天上午9点左右开始，一直持续", where="办公电脑端，Chrome 和 Edge 都一样",
        who="客户公司运营部全部8名员工", why="客户认为是昨晚系统升级导致",
        how="2小时内恢复订单列表，至少能先查看和导出今天的订单", priority=Priority.URGENT,
        assignee="张敏", group="技术故障组", handbook_article_id=s.first("demo-handbook-006"),
        linked_article_ids=s.article_ids("demo-case-023") + s.article_ids("demo-script-001"),
    ), created_hours_ago=3)


def _in_progress(s: _Seeding) -> Request:
    request = s.add(Request(
        customer="陈女士", company="", contact="139 1234 5678", channel="在线聊天",
        history="首次联系",
        what="手机App登录时一直提示“密码错误”，客户确认密码无误，重置密码后仍然不行",
        when="昨天下午开始，持续至今", where="手机APP端（安卓），电脑网页端可以正常登录",
        who="只有客户本人的账号", why="客户认为是前天更新App后出现的",
        how="今天之内恢复App登录；在此之前能在网页端查看订单就可以", priority=Priority.IMPORTANT,
        assignee="王磊", group="账号问题组", handbook_article_id=s.first("demo-handbook-001"),
        linked_article_ids=s.article_ids("demo-case-017") + s.article_ids("demo-handbook-001"),
    ), created_hours_ago=20)
    started, now = request.created_at, s.now
    with s.transaction():
        s.records.requests.update(replace(request, status=RequestStatus.IN_PROGRESS,
                                          responded_at=started + timedelta(minutes=25)))
        s.records.plans.save(SolutionPlan(
            request_id=request.id,
            statement="客户安卓App登录时提示密码错误，客户确认密码无误，网页端可正常登录",
            cause="App 3.8.0 版本的登录接口对含特殊字符的密码编码错误，服务端校验失败",
            steps=[
                PlanStep("客户提供App版本号和错误截图", owner="客服 王磊", due_at=started + timedelta(hours=1),
                         done_at=started + timedelta(minutes=50)),
                PlanStep("技术团队分析登录日志，确认原因", owner="技术支持 刘洋", due_at=started + timedelta(hours=6),
                         done_at=started + timedelta(hours=5)),
                PlanStep("推送修复补丁（App 3.8.1），并通知客户更新", owner="技术支持 刘洋",
                         due_at=now - timedelta(hours=1)),
                PlanStep("回访客户确认可以正常登录", owner="客服 王磊", due_at=now + timedelta(hours=3)),
            ],
            fallback="若补丁发布延迟，引导客户暂时通过网页端登录查看订单，或临时把密码改为不含特殊字符",
            updated_at=started + timedelta(hours=5),
        ))
    for hours, note, state, reason, new_deadline in (
        (0.8, "客户已提供App版本号（3.8.0）和错误截图", ProgressState.DONE, "", None),
        (5, "技术团队已定位问题：新版本登录接口对特殊字符编码错误", ProgressState.DONE, "", None),
        (12, "修复补丁测试中，已告知客户预计今晚发布", ProgressState.IN_PROGRESS, "", None),
        (18, "补丁发布推迟：应用商店审核未通过，需要重新提交", ProgressState.DELAYED,
         "应用商店审核驳回，需补充隐私说明后重新提交", now + timedelta(hours=6)),
    ):
        s.records.add_progress(request.id, note, state, delay_reason=reason, new_deadline=new_deadline,
                               at=started + timedelta(hours=hours), author="王磊")
    return request


def _resolved(s: _Seeding) -> Request:
    request = s.add(Request(
        customer="赵先生", company="", contact="zhao@example.com", channel="邮件",
        history="半年内有过1次退款咨询",
        what="退款申请10天了还没到账，商家说已经退了",
        when="11月10日申请退款，商家11月11日同意", where="手机APP端下单，信用卡支付",
        who="客户本人", why="客户认为平台没有真正退款",
        how="确认退款去向，3天内到账", priority=Priority.NORMAL, assignee="周婷", group="财务组",
        linked_article_ids=s.article_ids("demo-case-001") + s.article_ids("demo-script-006"),
    ), created_hours_ago=96)
    came, now = request.created_at, s.now
    with s.transaction():
        s.records.requests.update(replace(request, status=RequestStatus.RESOLVED, responded_at=came + timedelta(hours=3),
                                          resolved_at=now - timedelta(hours=30), updated_at=now - timedelta(hours=30)))
        s.records.plans.save(SolutionPlan(
            request_id=request.id, statement="客户退款已审核通过，超过7个工作日仍未到账",
            cause="平台已原路退回信用卡，发卡行把退款记入下期账单，客户在储蓄卡流水中没有找到",
            steps=[
                PlanStep("核对退款状态和退款流水号", owner="财务组 周婷", due_at=came + timedelta(hours=4),
                         done_at=came + timedelta(hours=3)),
                PlanStep("把流水号和出款时间告知客户，引导其联系发卡行", owner="客服 周婷",
                         due_at=came + timedelta(hours=8), done_at=came + timedelta(hours=6)),
            ],
            fallback="若银行查询不到，由财务组出具退款证明，协助客户向银行申诉",
            updated_at=came + timedelta(hours=3),
        ))
    s.records.add_progress(request.id, "已提供退款流水号，客户联系银行确认款项在信用卡下期账单中", ProgressState.DONE,
                           at=now - timedelta(hours=30), author="周婷")
    return request

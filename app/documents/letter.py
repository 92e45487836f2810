"""The content of a confirmation letter (客户确认函), shared by the DOCX and the PDF.

The keys are the placeholders a KB owner sees in the Word template (``{{ 客户姓名 }}``); every value is text, so
a missing value shows as 待补充 instead of silently vanishing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.model.records import Request, SolutionPlan

MISSING = "待补充"
DEFAULT_ORGANIZATION = "客户服务中心"

# Placeholder name → what it holds (shown in the template-error message and the README).
PLACEHOLDERS: dict[str, str] = {
    "服务方": "你们的机构名称（设置中的 organization）",
    "编号": "需求编号，例如 XQ-20261122-001",
    "日期": "今天的日期",
    "客户姓名": "客户", "公司": "公司（可以为空）", "称呼": "称呼：公司和客户",
    "联系方式": "客户的联系方式", "渠道": "渠道", "紧急程度": "紧急程度", "提出时间": "收到需求的时间",
    "问题描述": "问题的标准表述", "客户原话": "客户的原话（What）",
    "期望效果": "客户期望的效果（How）", "原因": "原因",
    "解决步骤": "步骤列表，每步有 序号、内容、负责人、完成时间", "替代方案": "替代方案",
    "负责人": "负责人", "技能组": "技能组", "确认说明": "请客户确认的说明",
    "开头说明": "开头的一段话（有无解决方案时不同）",
    "联系说明": "处理期间由谁支持客户（有无解决方案时不同）",
    "确认选项": "客户勾选表示同意的内容：同意以上方案；尚无方案时为 以上问题描述无误",
}
STEP_KEYS = ("序号", "内容", "负责人", "完成时间")
CONFIRMATION_LINE = "请您在收到本函后回复“确认”；如有补充意见，请在回复中写明。我们将以双方确认的方案作为执行依据，并按上述时间节点向您同步进度。"
# A letter sent before the plan exists confirms the problem statement, and promises the plan instead of a blank.
OPENING_WITH_PLAN = "感谢您的耐心沟通。针对您于{when}反馈的问题，我们已完成分析并制定了解决方案。现将方案要点函告如下，请您审阅确认。"
OPENING_WITHOUT_PLAN = ("感谢您的耐心沟通。您于{when}反馈的问题我们已受理，正在分析原因。现将我们对问题的理解函告如下，"
                        "请您核对；解决方案确定后，我们将另行函告。")
CONFIRMATION_WITHOUT_PLAN = "请您在收到本函后回复“确认”，或在回复中补充我们理解有误或遗漏之处；我们将据此制定解决方案并及时告知您。"
PENDING_CAUSE = "正在分析中，确定后将在解决方案中一并告知。"
PENDING_STEPS = "解决步骤将随解决方案一并告知。"
PENDING_FALLBACK = "如需替代方案，将随解决方案一并告知。"
CONTACT_WITH_PLAN = ("方案执行期间，您的专属支持专员为{who}（{group}），我们会在每个时间节点主动向您同步进度；"
                     "如有任何疑问，请直接回复本函或通过原沟通渠道联系我们。")
CONTACT_WITHOUT_PLAN = ("问题处理期间，您的专属支持专员为{who}（{group}），我们会主动向您同步分析进展；"
                        "如有任何疑问，请直接回复本函或通过原沟通渠道联系我们。")
AGREE_WITH_PLAN, AGREE_WITHOUT_PLAN = "同意以上方案", "以上问题描述无误"
NO_PLAN_WARNING = "这条需求还没有解决方案（原因和解决步骤都是空的）：确认函将只确认问题描述，并写明方案确定后另行函告。"


def format_moment(moment: datetime | None, with_time: bool = True, with_year: bool = True) -> str:
    if moment is None:
        return MISSING
    local = moment.astimezone()
    day = (f"{local.year}年" if with_year else "") + f"{local.month}月{local.day}日"
    return day + (f" {local:%H:%M}" if with_time else "")


@dataclass
class LetterData:
    request: Request
    plan: SolutionPlan
    organization: str
    issued_at: datetime

    @property
    def has_plan(self) -> bool:
        return bool(self.plan.steps or self.plan.cause.strip())

    def warnings(self) -> list[str]:
        """What the person exporting should know before the letter goes to the customer."""
        return [] if self.has_plan else [NO_PLAN_WARNING]

    def context(self) -> dict[str, Any]:
        r, p = self.request, self.plan
        when = format_moment(r.created_at)
        steps = [
            {"序号": str(s.position or n), "内容": s.action, "负责人": s.owner or MISSING,
             "完成时间": format_moment(s.due_at, with_year=False) if s.due_at else MISSING}
            for n, s in enumerate(p.steps, start=1)
        ]
        if not steps and not self.has_plan:  # the Word template's steps table gets one row saying so
            steps = [{"序号": "—", "内容": PENDING_STEPS, "负责人": "—", "完成时间": "—"}]
        salutation = f"{r.company} {r.customer}" if r.company else r.customer
        who, group = r.assignee or MISSING, r.group or MISSING
        return {
            "服务方": self.organization, "编号": r.code or MISSING, "日期": format_moment(self.issued_at, False),
            "客户姓名": r.customer, "公司": r.company, "称呼": salutation, "联系方式": r.contact or MISSING,
            "渠道": r.channel or MISSING, "紧急程度": r.priority.value, "提出时间": format_moment(r.created_at),
            "问题描述": p.statement or r.what, "客户原话": r.what, "期望效果": r.how or MISSING,
            "原因": p.cause or (MISSING if self.has_plan else PENDING_CAUSE), "解决步骤": steps,
            "替代方案": p.fallback or ("无" if self.has_plan else PENDING_FALLBACK), "负责人": who, "技能组": group,
            "确认说明": CONFIRMATION_LINE if self.has_plan else CONFIRMATION_WITHOUT_PLAN,
            "开头说明": (OPENING_WITH_PLAN if self.has_plan else OPENING_WITHOUT_PLAN).format(when=when),
            "联系说明": (CONTACT_WITH_PLAN if self.has_plan else CONTACT_WITHOUT_PLAN).format(who=who, group=group),
            "确认选项": AGREE_WITH_PLAN if self.has_plan else AGREE_WITHOUT_PLAN,
        }

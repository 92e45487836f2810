"""``deskbook request …`` (need records, plans, progress) and ``deskbook export letter|tracking|pack``."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from app.cli.common import CommandError, file_reason, open_desk, print_json, request_subparsers
from app.model import to_iso
from app.model.records import FIVE_W_ONE_H, ProgressState, Request, RequestStatus
from app.records.intake import RequestInputError, request_from_data
from app.records.milestones import feedback_text
from app.records.service import RecordError, RequestNotFound
from app.services import (
    AmbiguousReference,
    ArticleNotFound,
)


def register(sub: argparse._SubParsersAction) -> None:
    actions = request_subparsers(sub)

    a = actions.add_parser("list", help="列出需求记录，最新的在前")
    a.add_argument("--status", action="append", metavar="状态",
                   help="只列这些状态：open 待处理、in_progress 处理中、resolved 已解决、closed 已关闭（可重复）")
    a.add_argument("--json", action="store_true", help="每条输出一行 JSON")
    a.set_defaults(handler=cmd_list)

    a = actions.add_parser("add", help="从 JSON 文件新增一条需求记录（字段同客户需求记录表）")
    a.add_argument("file", type=Path, metavar="文件",
                   help='例如 {"customer": "陈女士", "what": "App登录提示密码错误", "priority": "重要"}')
    a.add_argument("--json", action="store_true", help="输出新记录的 JSON")
    a.set_defaults(handler=cmd_add)

    a = actions.add_parser("show", help="查看一条需求记录及其方案和进度")
    a.add_argument("id", metavar="编号", help="记录编号、编号开头几位或需求编号（XQ-…）")
    a.add_argument("--json", action="store_true", help="输出 JSON")
    a.set_defaults(handler=cmd_show)

    a = actions.add_parser("plan", help="从 JSON 文件设置解决方案（statement、cause、steps、fallback）")
    a.add_argument("id", metavar="编号", help="需求编号或记录编号")
    a.add_argument("file", type=Path, metavar="文件", help="方案的 JSON 文件")
    a.set_defaults(handler=cmd_plan)

    a = actions.add_parser("progress", help="添加一条进度（已完成 / 进行中 / 延迟）")
    a.add_argument("id", metavar="编号", help="需求编号或记录编号")
    a.add_argument("note", metavar="说明", help="这次的进展")
    a.add_argument("--state", default="进行中", choices=[s.value for s in ProgressState], help="进度状态（默认：进行中）")
    a.add_argument("--reason", default="", metavar="原因", help="延迟的原因（状态为延迟时必填）")
    a.add_argument("--new-deadline", metavar="时间", help="新的期限，ISO 格式（状态为延迟时必填）")
    a.set_defaults(handler=cmd_progress)

    a = actions.add_parser("status", help="改变需求状态：待处理 → 处理中 → 已解决 → 已关闭")
    a.add_argument("id", metavar="编号", help="需求编号或记录编号")
    a.add_argument("status", metavar="状态", help="待处理、处理中、已解决、已关闭（或 open、in_progress、resolved、closed）")
    a.set_defaults(handler=cmd_status)

    a = actions.add_parser("case", help="把已解决的需求整理成案例草稿，并互相关联")
    a.add_argument("id", metavar="编号", help="需求编号或记录编号")
    a.set_defaults(handler=cmd_case)


# --- helpers -----------------------------------------------------------------------------------------------
def _request_json(request: Request) -> dict:
    return {
        "id": request.id, "code": request.code, "customer": request.customer, "company": request.company,
        "contact": request.contact, "channel": request.channel, "history": request.history,
        "what": request.what, "when": request.when, "where": request.where, "who": request.who,
        "why": request.why, "how": request.how, "priority": request.priority.value, "status": request.status.value,
        "assignee": request.assignee, "group": request.group, "created_at": to_iso(request.created_at),
        "deadline": to_iso(request.deadline), "responded_at": to_iso(request.responded_at),
        "resolved_at": to_iso(request.resolved_at), "closed_at": to_iso(request.closed_at),
        "case_article_id": request.case_article_id, "linked_articles": request.linked_article_ids,
        "confirmed_at": to_iso(request.confirmed_at),
        "feedback": {
            "confirmed_at": to_iso(request.feedback.confirmed_at),
            "satisfaction": request.feedback.satisfaction.value if request.feedback.satisfaction else None,
            "score": request.feedback.score, "comment": request.feedback.comment,
            "rated_at": to_iso(request.feedback.rated_at),
        },
    }


def _local(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "—"


def _parse_time(text: str | None, option: str) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option}：“{text}”不是 ISO 格式的日期或时间（例如 2026-12-01T09:00）", 2) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text("utf-8-sig"))
    except OSError as error:
        raise CommandError(f"无法读取 {path}：{file_reason(error)}") from None
    except ValueError as error:
        where = f"（第 {error.lineno} 行第 {error.colno} 列）" if isinstance(error, json.JSONDecodeError) else ""
        raise CommandError(f"{path} 不是有效的 JSON{where}") from None


def _get(desk, ref: str) -> Request:
    try:
        return desk.records.get(ref)
    except RequestNotFound as error:
        raise CommandError(str(error)) from None


# --- request commands --------------------------------------------------------------------------------------
def cmd_list(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    try:
        statuses = [RequestStatus.parse(s) for s in args.status or []]
    except ValueError as error:
        raise CommandError(str(error), 2) from None
    requests = desk.records.list(statuses or None)
    if args.json:
        for request in requests:
            print_json(_request_json(request))
        return 0
    if not requests:
        print("没有需求记录")
        return 0
    for r in requests:
        print(f"{r.code}  {r.priority.value}  {r.status.label_zh}  截止 {_local(r.deadline)}  {r.title}  [{r.id[:8]}]")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    data = _read_json(args.file)
    try:
        request, links = request_from_data(data)
        request.linked_article_ids = links
        request = desk.records.create(request, author=desk.settings.user_name)
    except RequestInputError as error:
        raise CommandError(f"{args.file}：没有添加这条需求记录：\n  " + "\n  ".join(error.problems), 2) from None
    except (RecordError, ArticleNotFound, AmbiguousReference) as error:
        raise CommandError(f"{args.file}：{error}", 2) from None
    if args.json:
        print_json(_request_json(request))
    else:
        print(f"已添加 {request.code} [{request.id}]；首次响应截止 {_local(request.deadline)}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    request = _get(desk, args.id)
    plan = desk.records.plan(request.id)
    entries = desk.records.progress(request.id)
    if args.json:
        data = _request_json(request)
        data["plan"] = {
            "statement": plan.statement, "cause": plan.cause, "fallback": plan.fallback,
            "steps": [{"id": s.id, "position": s.position, "action": s.action, "owner": s.owner,
                       "due_at": to_iso(s.due_at), "done_at": to_iso(s.done_at)} for s in plan.steps],
        }
        data["progress"] = [{"id": e.id, "at": to_iso(e.at), "note": e.note, "state": e.state.value,
                             "delay_reason": e.delay_reason, "new_deadline": to_iso(e.new_deadline),
                             "author": e.author} for e in entries]
        print_json(data)
        return 0
    print(f"{request.code}  {request.priority.value}  {request.status.label_zh}  [{request.id}]")
    print(f"客户：{request.customer}{'（' + request.company + '）' if request.company else ''}  "
          f"联系方式：{request.contact or '—'}  渠道：{request.channel or '—'}")
    print(f"负责人：{request.assignee or '—'}  技能组：{request.group or '—'}  "
          f"提出：{_local(request.created_at)}  首次响应截止：{_local(request.deadline)}")
    if request.responded_at or request.resolved_at:
        print(f"首次响应：{_local(request.responded_at)}  解决：{_local(request.resolved_at)}  "
              f"客户反馈：{feedback_text(request.feedback) or '—'}")
    for name, label in FIVE_W_ONE_H:
        value = getattr(request, name)
        if value:
            print(f"{label.split()[0]:<6}{value}")
    if not plan.is_empty:
        print("\n解决方案")
        if plan.statement:
            print(f"  标准表述：{plan.statement}")
        if plan.cause:
            print(f"  原因：{plan.cause}")
        for s in plan.steps:
            mark = "✓" if s.done_at else " "
            print(f"  [{mark}] {s.position}. {s.action}  {s.owner}  {_local(s.due_at)}")
        if plan.fallback:
            print(f"  替代方案：{plan.fallback}")
    if entries:
        print("\n进度")
        for e in entries:
            delay = f"  原因：{e.delay_reason}  新时间：{_local(e.new_deadline)}" if e.delay_reason else ""
            print(f"  {_local(e.at)}  {e.state.value}  {e.note}{delay}")
    return 0


def cmd_plan(args: argparse.Namespace) -> int:
    from app.model.records import PlanStep, SolutionPlan

    desk = open_desk(args, index=False)
    request = _get(desk, args.id)
    data = _read_json(args.file)
    if not isinstance(data, dict):
        raise CommandError(f"{args.file}：方案必须是一个 JSON 对象", 2)
    unknown = set(data) - {"statement", "cause", "steps", "fallback"}
    if unknown:
        raise CommandError(f"{args.file}：不认识的字段 {'、'.join(sorted(unknown))}"
                           "（可用：statement 标准表述、cause 原因、steps 步骤、fallback 替代方案）", 2)
    steps = []
    for number, step in enumerate(data.get("steps") or [], start=1):
        if not isinstance(step, dict) or not str(step.get("action", "")).strip():
            raise CommandError(f"{args.file}：第 {number} 步需要 action（要做的事）", 2)
        steps.append(PlanStep(action=str(step["action"]).strip(), owner=str(step.get("owner", "")).strip(),
                              due_at=_parse_time(step.get("due_at"), f"第 {number} 步的 due_at")))
    plan = SolutionPlan(request.id, statement=str(data.get("statement", "")), cause=str(data.get("cause", "")),
                        steps=steps, fallback=str(data.get("fallback", "")))
    desk.records.save_plan(plan)
    print(f"{request.code} 的解决方案：{len(steps)} 个步骤")
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    request = _get(desk, args.id)
    try:
        desk.records.add_progress(request.id, args.note, ProgressState(args.state), delay_reason=args.reason,
                                  new_deadline=_parse_time(args.new_deadline, "--new-deadline"),
                                  author=desk.settings.user_name)
    except RecordError as error:
        raise CommandError(str(error), 2) from None
    print(f"已为 {request.code} 添加进度")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    request = _get(desk, args.id)
    try:
        request = desk.records.set_status(request.id, RequestStatus.parse(args.status))
    except (ValueError, RecordError) as error:
        raise CommandError(str(error), 2) from None
    print(f"{request.code}：{request.status.label_zh}")
    return 0


def cmd_case(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    request = _get(desk, args.id)
    try:
        for similar in desk.similar_cases(request.id):
            print(f"注意：知识库里已有相似案例 {similar.id[:8]} “{similar.title}”；请考虑合并，而不是再写一篇。",
                  file=sys.stderr)
        article = desk.records.create_case_draft(request.id, author=desk.settings.user_name)
    except RecordError as error:
        raise CommandError(str(error), 2) from None
    print(f"案例草稿 {article.id[:8]}“{article.title}”已与 {request.code} 关联")
    return 0

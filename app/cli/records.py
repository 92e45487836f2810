"""``deskbook request …`` (need records, plans, progress) and ``deskbook export letter|tracking|pack``."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from app.cli.common import CommandError, open_desk, print_json, request_subparsers
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

    a = actions.add_parser("list", help="list requests, newest first")
    a.add_argument("--status", action="append", help="only these statuses (open, in_progress, resolved, closed)")
    a.add_argument("--json", action="store_true", help="one JSON object per line")
    a.set_defaults(handler=cmd_list)

    a = actions.add_parser("add", help="add a request from a JSON file with the need-record fields")
    a.add_argument("file", type=Path, help='e.g. {"customer": "陈女士", "what": "App登录提示密码错误", "priority": "重要"}')
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_add)

    a = actions.add_parser("show", help="one request with its plan and progress")
    a.add_argument("id", help="id, id prefix or number (XQ-…)")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_show)

    a = actions.add_parser("plan", help="set the solution plan from a JSON file (statement, cause, steps, fallback)")
    a.add_argument("id")
    a.add_argument("file", type=Path)
    a.set_defaults(handler=cmd_plan)

    a = actions.add_parser("progress", help="add a progress entry (已完成 / 进行中 / 延迟)")
    a.add_argument("id")
    a.add_argument("note")
    a.add_argument("--state", default="进行中", choices=[s.value for s in ProgressState])
    a.add_argument("--reason", default="", help="why it is delayed (needed with 延迟)")
    a.add_argument("--new-deadline", metavar="ISO-TIME", help="the new time (needed with 延迟)")
    a.set_defaults(handler=cmd_progress)

    a = actions.add_parser("status", help="move a request: open → in_progress → resolved → closed")
    a.add_argument("id")
    a.add_argument("status", help="open, in_progress, resolved, closed (or 待处理, 处理中, 已解决, 已关闭)")
    a.set_defaults(handler=cmd_status)

    a = actions.add_parser("case", help="turn a resolved request into a draft case and link it")
    a.add_argument("id")
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
        raise CommandError(f"{option}: not an ISO date or time: {text!r}", 2) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text("utf-8-sig"))
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from None
    except ValueError as error:
        raise CommandError(f"{path} is not valid JSON: {error}") from None


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
        print("no requests")
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
        raise CommandError(f"{args.file}: the request was not added:\n  " + "\n  ".join(error.problems), 2) from None
    except (RecordError, ArticleNotFound, AmbiguousReference) as error:
        raise CommandError(f"{args.file}: {error}", 2) from None
    if args.json:
        print_json(_request_json(request))
    else:
        print(f"added {request.code} [{request.id}]; first response due {_local(request.deadline)}")
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
        raise CommandError(f"{args.file}: the plan must be a JSON object", 2)
    unknown = set(data) - {"statement", "cause", "steps", "fallback"}
    if unknown:
        raise CommandError(f"{args.file}: unknown field(s) {', '.join(sorted(unknown))} "
                           "(known: statement, cause, steps, fallback)", 2)
    steps = []
    for number, step in enumerate(data.get("steps") or [], start=1):
        if not isinstance(step, dict) or not str(step.get("action", "")).strip():
            raise CommandError(f"{args.file}: step {number} needs an 'action'", 2)
        steps.append(PlanStep(action=str(step["action"]).strip(), owner=str(step.get("owner", "")).strip(),
                              due_at=_parse_time(step.get("due_at"), f"step {number} due_at")))
    plan = SolutionPlan(request.id, statement=str(data.get("statement", "")), cause=str(data.get("cause", "")),
                        steps=steps, fallback=str(data.get("fallback", "")))
    desk.records.save_plan(plan)
    print(f"plan of {request.code}: {len(steps)} step(s)")
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
    print(f"progress added to {request.code}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    request = _get(desk, args.id)
    try:
        request = desk.records.set_status(request.id, RequestStatus.parse(args.status))
    except (ValueError, RecordError) as error:
        raise CommandError(str(error), 2) from None
    print(f"{request.code}: {request.status.label_zh}")
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
    print(f"draft case {article.id[:8]} “{article.title}” linked to {request.code}")
    return 0

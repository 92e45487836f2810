"""``deskbook report`` (the weekly review pack, XLSX or PDF, or the figures as JSON) and the request actions the
figures are measured from: ``request respond``, ``request resolve``, ``request feedback``."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

from app.cli.common import CommandError, file_reason, open_desk, print_json, request_subparsers
from app.cli.records import _get, _local, _parse_time
from app.model.figures import FigureFilter, Period, ServiceFigures
from app.records.milestones import FeedbackInput, feedback_text
from app.records.service import RecordError
from app.services import ExportExists, FontMissing

FORMATS = ("xlsx", "pdf", "json")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="服务数据与每周复盘报告：带图表的 XLSX、PDF，或 JSON")
    p.add_argument("--from", dest="date_from", metavar="日期", help="从这一天起（YYYY-MM-DD）；默认：上周一")
    p.add_argument("--to", dest="date_to", metavar="日期", help="到这一天止（YYYY-MM-DD，含当天）；默认：一周后")
    p.add_argument("--format", choices=FORMATS, required=True, help="xlsx、pdf，或 json（直接输出）")
    p.add_argument("--out", type=Path, metavar="文件",
                   help="写到这个文件（默认：当前文件夹的 服务数据复盘_开始_结束.xlsx 或 .pdf）")
    p.add_argument("--group", metavar="技能组", help="只统计这个技能组")
    p.add_argument("--assignee", metavar="负责人", help="只统计这个负责人")
    p.add_argument("--force", action="store_true", help="覆盖已有的文件")
    p.set_defaults(handler=cmd_report)

    actions = request_subparsers(sub)
    a = actions.add_parser("respond", help="已首次响应：客户得到了第一次答复（现在，或 --at 指定的时间）")
    a.add_argument("id", metavar="编号", help="需求编号或记录编号")
    a.add_argument("--at", metavar="时间", help="答复的时间（事后补记时填写，ISO 格式）")
    a.set_defaults(handler=cmd_respond)
    for name, helptext, handler in (
        ("resolve", "标记为已解决，同时记录客户的确认和满意度", cmd_resolve),
        ("feedback", "解决之后补记客户的确认或满意度", cmd_feedback),
    ):
        a = actions.add_parser(name, help=helptext)
        a.add_argument("id", metavar="编号", help="需求编号或记录编号")
        a.add_argument("--confirmed", action="store_true", help="客户确认问题已解决")
        a.add_argument("--satisfaction", metavar="满意度", help="满意、一般、不满意，或 1-5 分")
        a.add_argument("--comment", default="", metavar="原话", help="客户怎么说")
        a.set_defaults(handler=handler)


def _period(args: argparse.Namespace, now: datetime) -> Period:
    """--from/--to as given; one of them alone means a week from or to it; neither means last week."""
    try:
        first = date.fromisoformat(args.date_from) if args.date_from else None
        last = date.fromisoformat(args.date_to) if args.date_to else None
    except ValueError:
        raise CommandError("--from/--to：日期格式不对，请用 YYYY-MM-DD", 2) from None
    if first is None and last is None:
        return Period.last_week(now)
    if first is None:
        assert last is not None
        first = last - timedelta(days=6)
    if last is None:
        last = first + timedelta(days=6)
    try:
        return Period(first, last)
    except ValueError as error:
        raise CommandError(f"--from 晚于 --to：{error}", 2) from None


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(_jsonable(k)): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def figures_json(figures: ServiceFigures) -> dict[str, Any]:
    data = _jsonable(asdict(figures))
    data["period"] = {"first": figures.period.first.isoformat(), "last": figures.period.last.isoformat()}
    return data


def cmd_report(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    period = _period(args, desk.clock())
    flt = FigureFilter(group=args.group or None, assignee=args.assignee or None)
    if args.format == "json":
        print_json(figures_json(desk.figures.compute(period, flt)))
        return 0
    out = args.out or Path(f"服务数据复盘_{period.first}_{period.last}.{args.format}")
    try:
        pack = desk.figures.review_pack(period, flt)
        path = desk.documents.export_review_pack(pack, out, fmt=args.format, force=args.force)
    except (ExportExists, FontMissing) as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(f"无法写入 {out}：{file_reason(error)}") from None
    figures = pack.figures
    print(f"已写入 {path}（{period.first} 至 {period.last}：收到 {figures.received} 条，"
          f"解决 {figures.resolution_total().resolved} 条，延迟 {len(pack.rows.delays)} 次）")
    return 0


def cmd_respond(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    request = _get(desk, args.id)
    try:
        request = desk.milestones.record_first_response(request.id, _parse_time(args.at, "--at"))
    except RecordError as error:
        raise CommandError(str(error), 2) from None
    print(f"{request.code}：首次响应 {_local(request.responded_at)}")
    return 0


def _feedback(args: argparse.Namespace) -> FeedbackInput:
    return FeedbackInput(confirmed=args.confirmed, rating=args.satisfaction, comment=args.comment)


def cmd_resolve(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    request = _get(desk, args.id)
    try:
        request = desk.milestones.resolve(request.id, _feedback(args))
    except RecordError as error:
        raise CommandError(str(error), 2) from None
    print(f"{request.code}：{request.status.label_zh}  {feedback_text(request.feedback)}".rstrip())
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    request = _get(desk, args.id)
    if not (args.confirmed or args.satisfaction or args.comment):
        raise CommandError("没有可记录的内容：请给出 --confirmed、--satisfaction 或 --comment", 2)
    try:
        request = desk.milestones.record_feedback(request.id, _feedback(args))
    except RecordError as error:
        raise CommandError(str(error), 2) from None
    print(f"{request.code}：{feedback_text(request.feedback) or request.feedback.comment}")
    return 0

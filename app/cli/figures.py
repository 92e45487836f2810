"""``deskbook report`` (the weekly review pack, XLSX or PDF, or the figures as JSON) and the request actions the
figures are measured from: ``request respond``, ``request resolve``, ``request feedback``."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

from app.cli.common import CommandError, open_desk, print_json, request_subparsers
from app.cli.records import _get, _local, _parse_time
from app.model.figures import FigureFilter, Period, ServiceFigures
from app.records.milestones import FeedbackInput, feedback_text
from app.records.service import RecordError
from app.services import ExportExists, FontMissing

FORMATS = ("xlsx", "pdf", "json")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="service figures and the weekly review pack (复盘): XLSX with charts, PDF, or JSON")
    p.add_argument("--from", dest="date_from", metavar="DATE",
                   help="first day (YYYY-MM-DD); default: last week's Monday")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last day (YYYY-MM-DD), inclusive; default: a week on")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", type=Path, help="file to write (default: 服务数据复盘_FROM_TO.xlsx|pdf here); json prints")
    p.add_argument("--group", help="only this skill group (技能组)")
    p.add_argument("--assignee", help="only this assignee (负责人)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(handler=cmd_report)

    actions = request_subparsers(sub)
    a = actions.add_parser("respond", help="已首次响应: the customer got the first answer (now, or --at)")
    a.add_argument("id")
    a.add_argument("--at", metavar="ISO-TIME", help="when it was given, if entered afterwards")
    a.set_defaults(handler=cmd_respond)
    for name, helptext, handler in (
        ("resolve", "mark resolved, with the customer's confirmation and satisfaction", cmd_resolve),
        ("feedback", "record the customer's confirmation or satisfaction after resolution", cmd_feedback),
    ):
        a = actions.add_parser(name, help=helptext)
        a.add_argument("id")
        a.add_argument("--confirmed", action="store_true", help="the customer confirmed the problem is solved")
        a.add_argument("--satisfaction", metavar="RATING", help="满意, 一般, 不满意 or a score 1-5")
        a.add_argument("--comment", default="", help="what the customer said")
        a.set_defaults(handler=handler)


def _period(args: argparse.Namespace, now: datetime) -> Period:
    """--from/--to as given; one of them alone means a week from or to it; neither means last week."""
    try:
        first = date.fromisoformat(args.date_from) if args.date_from else None
        last = date.fromisoformat(args.date_to) if args.date_to else None
    except ValueError as error:
        raise CommandError(f"--from/--to: {error}; use YYYY-MM-DD", 2) from None
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
        raise CommandError(f"--from is after --to: {error}", 2) from None


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
        raise CommandError(f"cannot write {out}: {error.strerror or error}") from None
    figures = pack.figures
    print(f"wrote {path} ({period.first} to {period.last}: {figures.received} received, "
          f"{figures.resolution_total().resolved} resolved, {len(pack.rows.delays)} delays)")
    return 0


def cmd_respond(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    request = _get(desk, args.id)
    try:
        request = desk.milestones.record_first_response(request.id, _parse_time(args.at, "--at"))
    except RecordError as error:
        raise CommandError(str(error), 2) from None
    print(f"{request.code}: first response {_local(request.responded_at)}")
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
    print(f"{request.code}: {request.status.label_zh}  {feedback_text(request.feedback)}".rstrip())
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    request = _get(desk, args.id)
    if not (args.confirmed or args.satisfaction or args.comment):
        raise CommandError("nothing to record: give --confirmed, --satisfaction or --comment", 2)
    try:
        request = desk.milestones.record_feedback(request.id, _feedback(args))
    except RecordError as error:
        raise CommandError(str(error), 2) from None
    print(f"{request.code}: {feedback_text(request.feedback) or request.feedback.comment}")
    return 0

"""``deskbook due``: what needs attention at a given time."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from app.cli.common import CommandError, open_desk, print_json

_LABELS = {
    "review": "复核到期",
    "case_writeup": "案例待整理",
    "deadline_near": "临近超时",
    "overdue": "已超时",
    "step_due": "方案步骤到期",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("due", help="列出到期的事项：复核、待整理的案例、需求的期限")
    p.add_argument("--at", metavar="时间", help="按这个时间计算（默认：现在），例如 2026-12-01T09:00")
    p.add_argument("--json", action="store_true", help="每条输出一行 JSON")
    p.set_defaults(handler=cmd_due)


def parse_moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--at：“{text}”不是 ISO 格式的日期或时间（例如 2026-12-01T09:00）", 2) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # a bare time is the user's local time
    return moment.astimezone(UTC)


def cmd_due(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    at = parse_moment(args.at) if args.at else None
    items = desk.due(at)
    if args.json:
        for item in items:
            print_json(item.to_json())
        return 0
    if not items:
        print("没有到期的事项")
        return 0
    for item in items:
        local = item.due_at.astimezone().strftime("%Y-%m-%d %H:%M")
        detail = f"  ({item.detail})" if item.detail else ""
        print(f"{_LABELS.get(item.kind.value, item.kind.value)}  {local}  {item.title}{detail}  [{item.subject_id[:8]}]")
    return 0

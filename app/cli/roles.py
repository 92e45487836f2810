"""``deskbook role`` (who this desk acts as) and ``deskbook edits`` (agents' edits waiting for an owner)."""

from __future__ import annotations

import argparse
import getpass
import sys

from app.cli.common import CommandError, open_desk, print_json
from app.curation.roles import RoleRefused
from app.curation.suggestions import SuggestionError

ROLE_LABELS = {"agent": "一线客服", "owner": "知识库负责人", "trainer": "培训师"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("role", help="查看或切换本机的角色（切换为负责人或培训师需要负责人 PIN）")
    p.add_argument("role", nargs="?", choices=sorted(ROLE_LABELS),
                   help="agent 一线客服、owner 知识库负责人、trainer 培训师")
    p.add_argument("--pin", metavar="PIN", help="负责人 PIN（不给时，如果在终端中运行会询问）")
    p.set_defaults(handler=cmd_role)

    p = sub.add_parser("edits", help="客服对已发布文章的修改建议，等待知识库负责人处理")
    actions = p.add_subparsers(dest="action", metavar="操作", required=True)
    a = actions.add_parser("list", help="等待处理的修改建议（--mine：自己提的，包括已处理的）")
    a.add_argument("--mine", action="store_true", help="只列自己提的修改建议")
    a.add_argument("--json", action="store_true", help="每条输出一行 JSON")
    a.set_defaults(handler=cmd_list)
    a = actions.add_parser("accept", help="采纳修改建议，发布为新版本")
    a.add_argument("id", metavar="编号", help="修改建议的编号开头几位")
    a.add_argument("--note", default="", metavar="备注", help="版本备注")
    a.set_defaults(handler=cmd_accept)
    a = actions.add_parser("decline", help="退回修改建议；提建议的客服会看到原因")
    a.add_argument("id", metavar="编号", help="修改建议的编号开头几位")
    a.add_argument("--note", required=True, metavar="原因", help="退回的原因（必填）")
    a.set_defaults(handler=cmd_decline)


def cmd_role(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    if args.role is None:
        print(ROLE_LABELS[desk.curation.role.value])
        return 0
    pin = args.pin
    if pin is None and args.role != "agent" and sys.stdin.isatty():
        pin = getpass.getpass("负责人 PIN：")
    try:
        desk.curation.set_role(args.role, pin=pin)
    except RoleRefused as error:
        raise CommandError(str(error), 2) from None
    print(f"本机角色：{ROLE_LABELS[args.role]}")
    return 0


def _find(desk, ref: str):
    matches = [s for s in desk.curation.suggestions.waiting() if s.id.startswith(ref)]
    if len(matches) != 1:
        raise CommandError("找不到这条修改建议" if not matches else "编号不唯一，请多写几位", 2)
    if not desk.curation.publishes(desk.get_article(matches[0].article_id)):
        raise CommandError("只有知识库负责人可以处理修改建议：先运行 deskbook role owner", 2)
    return matches[0]


def cmd_list(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    suggestions = (desk.curation.suggestions.mine(desk.settings.user_name) if args.mine
                   else desk.curation.suggestions.waiting())
    for s in suggestions:
        title = desk.get_article(s.article_id).title
        if args.json:
            print_json({"id": s.id, "article_id": s.article_id, "title": title, "author": s.author, "note": s.note,
                        "state": s.state, "decision_note": s.decision_note})
        else:
            print(f"{s.id[:8]}  {title}  {s.author or '—'}  {s.state}  {s.note or s.decision_note}")
    return 0


def cmd_accept(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    suggestion = _find(desk, args.id)
    try:
        article = desk.curation.suggestions.accept(suggestion.id, by=desk.settings.user_name, note=args.note)
    except SuggestionError as error:
        raise CommandError(str(error), 2) from None
    print(f"已发布“{article.title}”第 {article.version} 版")
    return 0


def cmd_decline(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    suggestion = _find(desk, args.id)
    try:
        desk.curation.suggestions.decline(suggestion.id, by=desk.settings.user_name, note=args.note)
    except SuggestionError as error:
        raise CommandError(str(error), 2) from None
    print("已退回")
    return 0

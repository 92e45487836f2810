"""``deskbook suggestions …``: 相似问 learnt from use, for the KB owner to accept or dismiss."""

from __future__ import annotations

import argparse
import json

from app.cli.common import CommandError, open_desk


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("suggestions", help="从搜索和复制中学到的相似问：list 列出、accept 采纳、dismiss 忽略")
    p.add_argument("action", choices=("list", "accept", "dismiss"), help="list 列出、accept 采纳、dismiss 忽略")
    p.add_argument("ids", nargs="*", type=int, metavar="编号", help="建议的编号（见 list）")
    p.add_argument("--by", default="", metavar="姓名", help="处理人（默认：设置中的用户名）")
    p.add_argument("--json", action="store_true", help="每条输出一行 JSON")
    p.set_defaults(handler=cmd_suggestions)


def cmd_suggestions(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=args.action == "accept")
    try:
        if args.action == "list":
            pairs = desk.learning.suggestions()
            for pair in pairs:
                if args.json:
                    print(json.dumps({"id": pair.id, "query": pair.query, "article_id": pair.article_id,
                                      "title": pair.article_title, "sessions": pair.sessions}, ensure_ascii=False))
                else:
                    print(f"{pair.id}\t{pair.query}\t→ {pair.article_title}\t（{pair.sessions} 次）")
            return 0
        if not args.ids:
            raise CommandError("请给出建议的编号（deskbook suggestions list）", 2)
        decide = desk.learning.accept if args.action == "accept" else desk.learning.dismiss
        by = args.by or desk.settings.user_name
        missing = [str(i) for i in args.ids if not decide(i, by)]
        if missing:
            raise CommandError("没有待处理的建议：" + ", ".join(missing))
        return 0
    finally:
        desk.close()

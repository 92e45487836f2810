"""``deskbook team …``: join the team library, pull, publish, propose, decide proposals, resolve conflicts."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.common import CommandError, file_reason, open_desk, print_json
from app.services import Deskbook

EXIT_SYNC = 4  # the library could not be reached or refused the change (the desk itself is fine)


def register(sub: argparse._SubParsersAction) -> None:
    team = sub.add_parser("team", help="团队库：全团队共用一个知识库，通过 Git 共享")
    actions = team.add_subparsers(dest="team_action", metavar="操作", required=True)
    _register_setup(actions)
    _register_sync(actions)
    _register_queue(actions)


def _register_setup(actions: argparse._SubParsersAction) -> None:
    p = actions.add_parser("connect", help="连接团队库：共享文件夹路径，或 Git 服务器的 HTTPS/SSH 地址")
    p.add_argument("url", metavar="地址", help="共享文件夹路径，或 Git 服务器上团队库的地址")
    p.add_argument("--user", default="", metavar="用户名", help="Git 服务器上的用户名（HTTPS）")
    p.add_argument("--token-stdin", action="store_true", help="从标准输入读取访问令牌")
    p.add_argument("--token", metavar="令牌", help="访问令牌（会留在命令历史中，建议用 --token-stdin）")
    p.set_defaults(handler=_handler(cmd_connect))

    actions.add_parser("disconnect", help="断开团队库（文章都留在本机）").set_defaults(
        handler=_handler(cmd_disconnect, index=False))

    p = actions.add_parser("init", help="新建一个空的团队库（裸 Git 仓库），例如放在共享文件夹上")
    p.add_argument("path", type=Path, metavar="路径", help="团队库的位置（不存在或为空的文件夹）")
    p.set_defaults(handler=cmd_init)

    p = actions.add_parser("demo", help="在一台电脑上试用：一个本地团队库和两个桌面（负责人、客服）")
    p.add_argument("folder", type=Path, metavar="文件夹", help="放演示的文件夹（不存在或为空）")
    p.set_defaults(handler=cmd_demo)


def _register_sync(actions: argparse._SubParsersAction) -> None:
    p = actions.add_parser("status", help="团队库的位置、上次同步的时间、等待处理的事项")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_handler(cmd_status, index=False))

    actions.add_parser("pull", help="把团队库的改动取到本机").set_defaults(
        handler=_handler(cmd_pull))

    p = actions.add_parser("publish", help="把本机发布或归档的文章发送到团队库")
    p.add_argument("--local", action="store_true", help="连同连接团队库之前本机已有的文章")
    p.set_defaults(handler=_handler(cmd_publish))

    p = actions.add_parser("history", help="团队库中改动过这篇文章的提交")
    p.add_argument("id", metavar="编号", help="文章编号、编号开头几位或外部编号")
    p.set_defaults(handler=_handler(cmd_history, index=False))


def _register_queue(actions: argparse._SubParsersAction) -> None:
    p = actions.add_parser("propose", help="把文章（整理好的案例、修改建议）提交给知识库负责人")
    p.add_argument("id", metavar="编号", help="文章编号、编号开头几位或外部编号")
    p.add_argument("--note", default="", metavar="备注", help="给负责人的话")
    p.set_defaults(handler=_handler(cmd_propose, index=False))

    p = actions.add_parser("proposals", help="等待负责人处理的建议（--mine：本机提交的）")
    p.add_argument("--mine", action="store_true", help="只列本机提交的建议")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_handler(cmd_proposals, index=False))

    for name, help_text in (("accept", "采纳建议并发布"), ("decline", "退回建议")):
        p = actions.add_parser(name, help=help_text)
        p.add_argument("proposal", metavar="建议编号", help="建议编号的开头几位")
        p.add_argument("--note", default="", required=name == "decline", metavar="意见", help="处理意见（提建议的人会看到）")
        p.set_defaults(handler=_handler(cmd_accept if name == "accept" else cmd_decline))

    p = actions.add_parser("conflicts", help="在两个桌面上被改得不一样的文章，两边的内容都列出")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=_handler(cmd_conflicts, index=False))

    p = actions.add_parser("resolve", help="解决冲突：逐个字段选择保留本机的还是团队库的内容")
    p.add_argument("conflict", metavar="冲突编号", help="冲突编号的开头几位")
    p.add_argument("--take", choices=["ours", "theirs"], default=None,
                   help="所有字段都取 ours（本机）或 theirs（团队库）")
    p.add_argument("--field", action="append", default=[], metavar="字段=ours|theirs", help="某个字段取哪一方；可重复")
    p.set_defaults(handler=_handler(cmd_resolve))


def _handler(command: Callable[[Deskbook, argparse.Namespace], int], *, index: bool = True):
    def run(args: argparse.Namespace) -> int:
        from app.team.conflict_log import ConflictResolutionError
        from app.team.proposals import ProposalError
        from app.team.service import TeamSyncError

        desk = open_desk(args, index=index)
        try:
            return command(desk, args)
        except TeamSyncError as error:
            raise CommandError(f"{error}" + (f"\n（详情：{error.detail}）" if error.detail else ""), EXIT_SYNC) from None
        except (ProposalError, ConflictResolutionError) as error:
            raise CommandError(str(error)) from None
        finally:
            desk.close()

    return run


def cmd_connect(desk: Deskbook, args: argparse.Namespace) -> int:
    token = sys.stdin.readline().strip() if args.token_stdin else args.token
    report = desk.team.connect(args.url, args.user, token or None)
    print(f"已连接团队库：{report.url}")
    if report.empty_library:
        print("团队库还是空的。")
    else:
        print(f"从团队库获取：新增 {len(report.pull.added)} 篇，合并 {len(report.pull.merged)} 篇"
              + (f"，冲突 {len(report.pull.conflicts)} 篇" if report.pull.conflicts else ""))
    if report.local_only:
        print(f"本机有 {report.local_only} 篇已发布的文章不在团队库中。"
              "知识库负责人可以用 `deskbook team publish --local` 把它们首次发布到团队库。")
    if token:
        where = {"keyring": "系统凭据管理器", "file": "数据目录中仅本人可读的文件", "environment": "环境变量"}
        print(f"访问令牌保存在：{where.get(report.token_location, report.token_location)}")
    _print_unreadable(report.pull.unreadable)
    return 0


def cmd_status(desk: Deskbook, args: argparse.Namespace) -> int:
    status = desk.team.status()
    if args.json:
        print_json({k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in status.__dict__.items()})
        return 0
    print(status.words_zh(desk.clock()))
    if status.connected:
        print(f"地址：{status.url}")
        if status.detail:
            print(f"上次问题：{status.detail}")
        print(f"待发布 {status.pending} 篇；未发布过的本机文章 {status.local_only} 篇；冲突 {status.conflicts} 个；"
              f"待处理建议 {status.proposals_to_decide} 条；我提交的建议 {status.my_open_proposals} 条未处理")
    return 0


def cmd_pull(desk: Deskbook, args: argparse.Namespace) -> int:
    report = desk.team.pull()
    print(f"新增 {len(report.added)} 篇，更新 {len(report.updated)} 篇，归档 {len(report.archived)} 篇，"
          f"合并 {len(report.merged)} 篇，冲突 {len(report.conflicts)} 篇")
    if report.conflicts:
        print("有冲突需要知识库负责人处理：deskbook team conflicts")
    _print_unreadable(report.unreadable)
    return 0


def cmd_publish(desk: Deskbook, args: argparse.Namespace) -> int:
    report = desk.team.publish(include_local=args.local)
    if report.commit is None:
        print("没有需要发布的修改。")
    else:
        print(f"已发布 {len(report.published)} 篇，归档 {len(report.archived)} 篇"
              + ("，团队设置已更新" if report.settings else "") + (f"，处理建议 {report.decisions} 条" if report.decisions else ""))
    for message in report.withheld:
        print(message, file=sys.stderr)
    if report.blocked:
        print(f"{len(report.blocked)} 篇文章有未解决的冲突，解决后才会发布：deskbook team conflicts")
    return 0


def cmd_propose(desk: Deskbook, args: argparse.Namespace) -> int:
    from app.services import AmbiguousReference, ArticleNotFound

    try:
        article = desk.get_article(args.id)
    except (ArticleNotFound, AmbiguousReference) as error:
        raise CommandError(str(error)) from None
    proposal = desk.team.propose(article.id, args.note)
    state = "已提交给知识库负责人" if proposal.state == "sent" else "已记录，团队库可用时自动提交"
    print(f"建议“{proposal.title}”{state}（编号 {proposal.id[:8]}）")
    return 0


_STATES = {"queued": "待发送", "sent": "待处理", "accepted": "已采纳", "declined": "已退回"}


def cmd_proposals(desk: Deskbook, args: argparse.Namespace) -> int:
    items = desk.team.my_proposals() if args.mine else desk.team.proposals_to_decide()
    if args.json:
        print_json([{"id": p.id, "title": p.title, "author": p.author, "change": p.change, "state": p.state,
                     "note": p.note, "decision_note": p.decision_note} for p in items])
        return 0
    if not items:
        print("没有建议。")
    for p in items:
        change = "新文章" if p.change == "new" else "修改建议"
        line = f"{p.id[:8]}  {_STATES[p.state]}  {change}  {p.title}  （{p.author or '—'}）"
        print(line + (f"  备注：{p.note}" if p.note else "") + (f"  处理意见：{p.decision_note}" if p.decision_note else ""))
    return 0


def _proposal_id(desk: Deskbook, ref: str) -> str:
    matches = [p.id for p in desk.team.proposals_to_decide() if p.id.startswith(ref)]
    if len(matches) != 1:
        raise CommandError(f"没有唯一匹配“{ref}”的待处理建议")
    return matches[0]


def cmd_accept(desk: Deskbook, args: argparse.Namespace) -> int:
    outcome = desk.team.accept(_proposal_id(desk, args.proposal), args.note)
    return _decision(outcome, "已采纳")


def cmd_decline(desk: Deskbook, args: argparse.Namespace) -> int:
    outcome = desk.team.decline(_proposal_id(desk, args.proposal), args.note)
    return _decision(outcome, "已退回")


def _decision(outcome: Any, verb: str) -> int:
    if outcome.published:
        print(f"{verb}“{outcome.proposal.title}”，已发布到团队库。")
        return 0
    print(f"{verb}“{outcome.proposal.title}”，已记录在本机；发布到团队库失败：{outcome.problem}")
    return EXIT_SYNC


def cmd_conflicts(desk: Deskbook, args: argparse.Namespace) -> int:
    from app.team.format import field_label_zh

    conflicts = desk.team.conflicts()
    if args.json:
        print_json([{"id": c.id, "article": c.article_id, "title": c.title, "fields": [
            {"name": f.name, "base": f.base, "ours": f.ours, "theirs": f.theirs} for f in c.fields]} for c in conflicts])
        return 0
    if not conflicts:
        print("没有冲突。")
    for c in conflicts:
        print(f"{c.id[:8]}  {c.title}  （团队库一方：{c.theirs_author or '—'}）")
        for f in c.fields:
            print(f"  {field_label_zh(f.name)}\n    本机：{_short(f.ours)}\n    团队库：{_short(f.theirs)}")
    return 0


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else "、".join(map(str, value)) if isinstance(value, list) else str(value)
    text = text.replace("\n", " ⏎ ")
    return text if len(text) <= 80 else text[:79] + "…"


def cmd_resolve(desk: Deskbook, args: argparse.Namespace) -> int:
    matches = [c for c in desk.team.conflicts() if c.id.startswith(args.conflict)]
    if len(matches) != 1:
        raise CommandError(f"没有唯一匹配“{args.conflict}”的冲突")
    conflict = matches[0]
    choices: dict[str, Any] = {f.name: args.take for f in conflict.fields} if args.take else {}
    for item in args.field:
        name, _, choice = item.partition("=")
        if choice not in ("ours", "theirs"):
            raise CommandError(f"--field {item}：请写成 字段=ours 或 字段=theirs")
        choices[name] = choice
    missing = [f.name for f in conflict.fields if f.name not in choices]
    if missing:
        raise CommandError(f"请为每个冲突字段选择一方（--take 或 --field）：{', '.join(missing)}")
    desk.team.resolve(conflict.id, choices)
    print(f"冲突“{conflict.title}”已解决，两边的版本都保留在历史中。")
    return 0


def cmd_history(desk: Deskbook, args: argparse.Namespace) -> int:
    from app.services import AmbiguousReference, ArticleNotFound

    try:
        article = desk.get_article(args.id)
    except (ArticleNotFound, AmbiguousReference) as error:
        raise CommandError(str(error)) from None
    for commit in desk.team.history(article.id):
        print(f"{commit.time:%Y-%m-%d %H:%M}  {commit.author}  {commit.message.splitlines()[0]}  [{commit.id[:8]}]")
    return 0


def cmd_disconnect(desk: Deskbook, args: argparse.Namespace) -> int:
    desk.team.disconnect()
    print("已断开团队库；本机的文章都还在。")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    path = Path(args.path).expanduser().absolute()
    if path.exists() and any(path.iterdir()):
        raise CommandError(f"{path} 已存在且不为空：请换一个位置")
    try:
        from app.team.service import TeamService

        TeamService.create_library(path)
    except OSError as error:
        raise CommandError(f"无法在 {path} 创建团队库：{file_reason(error)}") from None
    print(f"已创建空的团队库：{path}")
    print(f"知识库负责人先连接并首次发布：deskbook team connect {path}，然后 deskbook team publish --local")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app.cli.team_demo import DemoExists, make_demo

    try:
        demo = make_demo(Path(args.folder).expanduser().absolute())
    except DemoExists as error:
        raise CommandError(str(error)) from None
    print(f"已创建演示团队库：{demo.library}")
    print(f"知识库负责人（王主管）：deskbook --data-dir {demo.owner}")
    print(f"客服（小张）：deskbook --data-dir {demo.agent}")
    print("在负责人桌面发布或归档文章，客服桌面会在启动时、每 5 分钟或点“立即同步”时收到。")
    return 0


def _print_unreadable(messages: list[str]) -> None:
    for message in messages:
        print(f"无法读取团队库中的文件（已跳过）：{message}", file=sys.stderr)

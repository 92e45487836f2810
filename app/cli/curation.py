"""Subcommands for KB owners: export markdown, verify, history (diff, restore), duplicates, analytics, snooze, dismiss."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path

from app.cli.common import CommandError, export_subparsers, file_reason, open_desk, print_json, terminal_progress
from app.cli.reminders import parse_moment
from app.curation.analytics import SECTION_LABELS, write_csv
from app.curation.diff import EQUAL
from app.model import Kind, version_note_zh
from app.services import AmbiguousReference, ArticleNotFound, Deskbook, ExportError


def register(sub: argparse._SubParsersAction) -> None:
    p = export_subparsers(sub).add_parser(
        "markdown", help="导出为 .md 文件组成的文件夹（带 YAML 信息头），deskbook import 可以再导入"
    )
    p.add_argument("--out", type=Path, required=True, metavar="文件夹", help="导出到这个文件夹（应为空）")
    p.add_argument("--force", action="store_true", help="替换这个文件夹中以前的 Deskbook 导出")
    p.add_argument("--no-archived", action="store_true", help="不导出已归档的文章")
    p.set_defaults(handler=cmd_export_markdown)

    p = sub.add_parser("verify", help="确认文章今天核对过、内容无误（下次复核顺延一个周期）")
    p.add_argument("ids", nargs="+", metavar="编号", help="文章编号、编号开头几位或外部编号")
    p.add_argument("--by", metavar="姓名", help="核对人（默认：设置中的用户名）")
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser("review-days", help="查看或设置每类文章默认的复核周期（案例、话术、手册）")
    p.add_argument("kind", nargs="?", choices=["case", "script", "handbook"],
                   help="case 案例、script 话术、handbook 手册")
    p.add_argument("days", nargs="?", type=int, metavar="天数", help="新的默认周期（天）")
    p.add_argument("--apply", action="store_true", help="仍按旧默认周期的文章也改用新周期")
    p.set_defaults(handler=cmd_review_days)

    p = sub.add_parser("history", help="文章的各个版本；--diff 版本号 显示改动，--restore 版本号 恢复")
    p.add_argument("id", metavar="编号", help="文章编号、编号开头几位或外部编号")
    action = p.add_mutually_exclusive_group()
    action.add_argument("--diff", type=int, metavar="版本号", help="把这个版本和当前内容比较")
    action.add_argument("--restore", type=int, metavar="版本号", help="把这个版本的内容另存为新版本")
    p.set_defaults(handler=cmd_history)

    p = sub.add_parser("duplicates", help="找出标题相同或内容非常相似的文章")
    p.add_argument("--json", action="store_true", help="每组输出一行 JSON")
    p.set_defaults(handler=cmd_duplicates)

    p = sub.add_parser("analytics", help="使用统计：浏览、话术复制、无结果的搜索、常用但待复核的文章")
    p.add_argument("--csv", type=Path, metavar="文件", help="把数据写成 CSV 文件（UTF-8 带 BOM，Excel 可直接打开）")
    p.add_argument("--limit", type=int, default=10, metavar="条数", help="每项最多列出几条（默认 10）")
    p.set_defaults(handler=cmd_analytics)

    p = sub.add_parser("snooze", help="暂时隐藏一条提醒（键来自 deskbook due --json，或文章编号）")
    p.add_argument("ref", metavar="键或编号", help="提醒的键，或文章编号开头几位")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--until", metavar="时间", help="隐藏到这个时间（ISO 格式，例如 2026-12-01T09:00）")
    group.add_argument("--hours", type=float, metavar="小时", help="隐藏这么多小时（默认 24）")
    p.set_defaults(handler=cmd_snooze)

    p = sub.add_parser("dismiss", help="不再提醒这一条（直到下一个复核周期）")
    p.add_argument("ref", metavar="键或编号", help="提醒的键，或文章编号开头几位")
    p.set_defaults(handler=cmd_dismiss)


def _article_id(desk: Deskbook, ref: str) -> str:
    try:
        return desk.get_article(ref).id
    except (ArticleNotFound, AmbiguousReference) as error:
        raise CommandError(str(error)) from None


def cmd_export_markdown(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    try:
        result = desk.curation.export_markdown(
            args.out, force=args.force, include_archived=not args.no_archived, progress=terminal_progress("导出")
        )
    except ExportError as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(f"无法写入 {getattr(error, 'filename', None) or args.out}：{file_reason(error)}") from None
    kinds = "，".join(f"{Kind(k).label_zh} {n} 篇" for k, n in result.by_kind.items() if n)
    print(f"已导出 {result.files} 篇文章到 {result.folder}" + (f"（{kinds}）" if kinds else ""))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    ids = [_article_id(desk, ref) for ref in args.ids]
    by = args.by if args.by is not None else desk.settings.user_name
    count = desk.curation.verify(ids, by)
    for article_id in ids:
        article = desk.get_article(article_id)
        if article.status.value == "published" and article.next_review_at is not None:
            print(f"已确认“{article.title}”；下次复核 {article.next_review_at.astimezone().date()}")
        else:
            print(f"未确认（只有已发布的文章才能确认）：{article.title}", file=sys.stderr)
    return 0 if count == len(ids) else 1


def cmd_history(args: argparse.Namespace) -> int:
    if args.restore is not None:
        return _restore_version(args)
    desk = open_desk(args, index=False)
    article_id = _article_id(desk, args.id)
    versions = desk.versions(article_id)
    if args.diff is not None:
        try:
            diffs = desk.curation.diff(article_id, args.diff)
        except LookupError as error:
            raise CommandError(str(error)) from None
        if not diffs:
            print(f"第 {args.diff} 版之后没有改动")
        for d in diffs:
            print(f"## {d.label}")
            # [-removed-]{+added+}, the wdiff convention, marks characters precisely in a terminal
            print("".join(op.old if op.tag == EQUAL else (f"[-{op.old}-]" if op.old else "") + (f"{{+{op.new}+}}" if op.new else "")
                          for op in d.ops))
        return 0
    if not versions:
        print("没有版本记录（已发布的文章才保存版本）")
    for v in versions:
        when = v.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"v{v.number}  {when}  {v.author or '—'}  {version_note_zh(v.note)}")
    return 0


def _restore_version(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    article_id = _article_id(desk, args.id)
    try:
        article = desk.restore_version(article_id, args.restore, desk.settings.user_name)
    except LookupError as error:
        raise CommandError(str(error)) from None
    print(f"已把“{article.title}”的第 {args.restore} 版恢复为第 {article.version} 版")
    return 0


def cmd_duplicates(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    groups = desk.curation.duplicates_report(progress=terminal_progress("比较"))
    if args.json:
        for g in groups:
            print_json({"reason": g.reason, "score": g.score, "ids": list(g.ids), "titles": list(g.titles)})
        return 0
    if not groups:
        print("没有发现重复的文章")
    for g in groups:
        label = "同标题" if g.reason == "same_title" else f"内容相似 {g.score:.0%}"
        print(f"[{label}] " + "  |  ".join(f"{t} [{i[:8]}]" for i, t in zip(g.ids, g.titles)))
    return 0


def cmd_analytics(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    report = desk.curation.analytics(limit=args.limit)
    if args.csv:
        try:
            write_csv(report, args.csv)
        except OSError as error:
            raise CommandError(f"无法写入 {args.csv}：{file_reason(error)}") from None
        print(f"已写入 {args.csv}")
        return 0
    for name in ("most_viewed", "script_copies", "popular_but_stale"):
        print(f"## {SECTION_LABELS[name]}")
        for f in getattr(report, name) or []:
            print(f"  {f.value:>6}  [{f.kind.label_zh}] {f.title}")
    print(f"## {SECTION_LABELS['zero_result_searches']}")
    for q in report.zero_result_searches:
        print(f"  {q.count:>6}  {q.query}")
    if report.zero_result_share is not None:
        print(f"共 {report.searches} 次搜索，其中 {report.zero_result_share:.0%} 没有结果")
    return 0


def _reminder_keys(desk: Deskbook, ref: str) -> list[str]:
    if ref.count(":") >= 2:  # a full key from `due --json`: it may name a reminder that is not due yet
        return [ref]
    items = desk.due(include_hidden=True)
    keys = [i.key for i in items if i.key == ref]
    if not keys and len(ref) >= 4:
        keys = [i.key for i in items if i.subject_id.startswith(ref)]
    if not keys:
        raise CommandError(f"现在没有与“{ref}”对应的到期提醒（提醒的键见 deskbook due --json）")
    return keys


def cmd_snooze(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    until = parse_moment(args.until) if args.until else desk.clock() + timedelta(hours=args.hours or 24)
    for key in _reminder_keys(desk, args.ref):
        desk.curation.snooze(key, until)
        print(f"已暂缓 {key}，到 {until.astimezone().strftime('%Y-%m-%d %H:%M')} 再提醒")
    return 0


def cmd_dismiss(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    for key in _reminder_keys(desk, args.ref):
        desk.curation.dismiss(key)
        print(f"已不再提醒 {key}")
    return 0


def cmd_review_days(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    if args.kind is not None and args.days is not None:
        try:
            changed = desk.curation.set_kind_default(args.kind, args.days, apply_to_existing=args.apply)
        except ValueError as error:
            raise CommandError(str(error), 2) from None
        if args.apply:
            print(f"{changed} 篇文章改为每 {args.days} 天复核")
    elif args.kind is not None or args.days is not None:
        raise CommandError("请同时给出类型和天数；都不给则列出当前的默认周期", 2)
    for kind in ("case", "script", "handbook"):
        print(f"{Kind(kind).label_zh}（{kind}）：{desk.settings.review_days_for(kind)} 天")
    return 0

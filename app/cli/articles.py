"""Subcommands about articles: import, search, show, reindex, demo, synonyms."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from app.cli.common import CommandError, file_reason, open_desk, print_json, terminal_progress
from app.model import FIELD_LABELS_ZH, KIND_FIELDS, Article, Kind, channel_label, flatten_field
from app.services import (
    AmbiguousReference,
    ArticleNotFound,
    Deskbook,
    ImportSourceError,
    SearchFilters,
    SearchResults,
    StorageError,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="从 JSONL、CSV、XLSX 文件或 Markdown 文件夹导入文章")
    p.add_argument("path", type=Path, metavar="路径", help="要导入的文件或 Markdown 文件夹")
    p.add_argument("--encoding", metavar="编码",
                   help="CSV、JSONL 和 Markdown 文件的文字编码（utf-8、gb18030、gbk、big5 …）；不写则自动识别")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("search", help="搜索知识库")
    p.add_argument("query", nargs="?", metavar="查询词", help="要搜索的内容")
    p.add_argument("--batch", type=Path, metavar="文件", help="每行一个查询；每个查询输出一行 JSON")
    p.add_argument("--kind", choices=[k.value for k in Kind], help="只搜这一类：case 案例、script 话术、handbook 手册")
    p.add_argument("--tag", metavar="标签", help="只搜带这个标签的文章")
    p.add_argument("--group", metavar="技能组", help="只搜这个技能组的文章")
    p.add_argument("--status", choices=["draft", "review", "published", "archived"],
                   help="只搜这个状态：draft 草稿、review 审核中、published 已发布、archived 已归档")
    p.add_argument("--limit", type=int, default=10, metavar="条数", help="最多显示几条结果（默认 10）")
    p.add_argument("--json", action="store_true", help="输出机器可读的 JSON")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("show", help="查看一篇文章（按编号、编号开头几位或外部编号）")
    p.add_argument("id", metavar="编号", help="文章编号、编号开头几位或外部编号")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("reindex", help="根据数据库重建搜索索引")
    p.set_defaults(handler=cmd_reindex)

    p = sub.add_parser("demo", help="在空的数据文件夹中放入内置的演示知识库")
    p.add_argument("--remove", action="store_true", help="删除演示数据（你改过的文章和你自己添加的内容都会保留）")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("synonyms", help="列出、添加或删除搜索同义词（退款 = 退钱 = 返款）")
    p.add_argument("action", choices=["list", "add", "remove"], help="list 列出、add 添加、remove 删除")
    p.add_argument("terms", nargs="*", metavar="词", help="add：互为同义词的几个词；remove：要删除的词")
    p.set_defaults(handler=cmd_synonyms)


def cmd_import(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        report = desk.import_path(args.path, author=desk.settings.user_name, progress=terminal_progress("导入"),
                                  encoding=args.encoding)
    except ImportSourceError as error:
        raise CommandError(str(error)) from None
    for refused in report.refused:
        print(f"已拒绝 {refused}", file=sys.stderr)
    if report.encoding_warning():
        print(f"注意：{report.encoding_warning()}", file=sys.stderr)
    print(report.summary())
    # Failure only when nothing at all could be imported from a source that had rows.
    return 1 if report.imported == 0 and report.refused else 0


def _filters(args: argparse.Namespace) -> SearchFilters:
    return SearchFilters(kind=args.kind, tag=args.tag, group=args.group, status=args.status)


def _hits_json(results: SearchResults) -> dict:
    return {
        "query": results.query,
        "took_ms": round(results.took_ms, 3),
        "total": results.total,
        "suggestion": results.suggestion,
        "indexing": results.indexing,
        "hits": [
            {
                "id": r.summary.id,
                "external_id": r.summary.external_id,
                "kind": r.summary.kind.value,
                "title": r.summary.title,
                "score": round(r.score, 4),
            }
            for r in results.results
        ],
    }


def cmd_search(args: argparse.Namespace) -> int:
    if (args.query is None) == (args.batch is None):
        raise CommandError("请给出查询词，或用 --batch 文件（两者选一）", 2)
    if args.limit < 1:
        raise CommandError("--limit 至少为 1", 2)
    desk = open_desk(args, index=False)
    _open_index_or_rebuild_in_background(desk)
    filters = _filters(args)
    if args.batch is not None:
        try:
            lines = args.batch.read_text("utf-8-sig").splitlines()
        except OSError as error:
            raise CommandError(f"无法读取 {args.batch}：{file_reason(error)}") from None
        for line in lines:
            if not line.strip():
                continue
            results = desk.search(line.strip(), filters, args.limit, highlight=False)
            if args.json:
                print_json(_hits_json(results))
            else:
                _print_results(results)
        return 0
    results = desk.search(args.query, filters, args.limit)
    if args.json:
        print_json(_hits_json(results))
    else:
        _print_results(results)
    return 0


def _open_index_or_rebuild_in_background(desk: Deskbook) -> bool:
    """Open the index; when it needs a rebuild (after a crash, a restore), answer through the scan now, as the
    GUI does, and rebuild in a background ``deskbook reindex`` instead of making this search wait for it."""
    if desk.prepare_index().value == "ready":
        return False
    if desk.paths is not None and not desk.rebuilding:
        command = [sys.executable, "-m", "app", "--data-dir", str(desk.paths.root), "reindex"]
        options: dict = {"start_new_session": True} if os.name != "nt" else {"creationflags": 0x00000008}
        subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         **options)
    print("deskbook：搜索索引正在后台重建，这次的结果来自较慢的逐条匹配。", file=sys.stderr)
    return True


def _print_results(results: SearchResults) -> None:
    note = "" if results.matched_all else "（没有文章包含全部词语，显示最接近的）"
    if results.indexing:
        note += "（索引正在重建：简单匹配）"
    print(f"{results.query}：找到 {results.total} 条，用时 {results.took_ms:.1f} 毫秒{note}")
    if results.suggestion:
        print(f"您是不是要找：{results.suggestion}")
    for r in results.results:
        tags = " ".join(f"#{t}" for t in r.summary.tags)
        stale = " [待复核]" if r.stale else ""
        print(f"  {r.summary.id[:8]}  [{r.summary.kind.label_zh}] {r.summary.title}{stale}  {tags}")
        if r.fragment:
            print(f"            {r.fragment}")


def _find(desk: Deskbook, ref: str) -> Article:
    try:
        return desk.get_article(ref)
    except (ArticleNotFound, AmbiguousReference) as error:
        raise CommandError(str(error)) from None


def article_json(article: Article) -> dict:
    return {
        "id": article.id,
        "external_id": article.external_id,
        "kind": article.kind.value,
        "title": article.title,
        "body": article.body,
        "fields": article.fields,
        "tags": article.tags,
        "group": article.group,
        "status": article.status.value,
        "owner": article.owner,
        "phrasings": article.phrasings,
        "version": article.version,
        "created_at": article.created_at.isoformat(),
        "updated_at": article.updated_at.isoformat(),
        "review_interval_days": article.review_interval_days,
        "next_review_at": article.next_review_at.isoformat() if article.next_review_at else None,
        "last_verified_at": article.last_verified_at.isoformat() if article.last_verified_at else None,
        "last_verified_by": article.last_verified_by,
        "views": article.views,
        "copies": article.copies,
    }


def cmd_show(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    article = _find(desk, args.id)
    if args.json:
        print_json(article_json(article))
        return 0
    print(f"{article.title}")
    print(f"[{article.kind.label_zh}] {article.status.label_zh}  编号 {article.id}"
          + (f"  外部编号 {article.external_id}" if article.external_id else ""))
    if article.group or article.tags:
        print(f"技能组 {article.group or '—'}  标签 {', '.join(article.tags) or '—'}")
    if article.next_review_at:
        print(f"下次复核 {article.next_review_at.date()}  负责人 {article.owner or '—'}")
    for name in KIND_FIELDS[article.kind]:
        value = article.fields.get(name)
        if value:
            text = channel_label(value) if name == "channel" and isinstance(value, str) else flatten_field(value)
            print(f"\n## {FIELD_LABELS_ZH[name]}\n{text}")
    if article.body:
        print(f"\n{article.body}")
    if article.phrasings:
        print("\n## 相似问\n" + "\n".join(f"- {p}" for p in article.phrasings))
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    desk.prepare_index()
    try:
        desk.reindex(progress=terminal_progress("建立索引"))
    except StorageError as error:
        raise CommandError(f"无法重建搜索索引：{error}搜索仍然可用（较慢的逐条匹配）。", 3) from None
    print(f"已为 {desk.count_articles()} 篇文章建立索引")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    if args.remove:
        try:
            counts = desk.remove_demo()
        except LookupError as error:
            raise CommandError(str(error)) from None
        print(f"已删除演示数据：文章 {counts['articles']} 篇，工单 {counts['requests']} 条，搜索记录 {counts['searches']} 条，"
              f"使用记录 {counts['uses']} 条" + (f"；你改过的 {counts['kept']} 篇演示文章保留" if counts["kept"] else ""))
        return 0
    if not desk.is_empty():
        raise CommandError("数据文件夹不是空的；演示知识库只放进空的数据文件夹")
    report = desk.seed_demo()
    print(report.summary())
    return 0


def cmd_synonyms(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    if args.action == "list":
        for ring in desk.synonyms():
            print(" = ".join(ring))
    elif args.action == "add":
        try:
            print(" = ".join(desk.add_synonyms(args.terms)))
        except ValueError as error:
            raise CommandError(str(error), 2) from None
    else:
        missing = [t for t in args.terms if not desk.remove_synonym(t)]
        if missing:
            raise CommandError("不是同义词：" + "、".join(missing))
    return 0

"""Subcommands for KB owners: export markdown, verify, history (diff, restore), duplicates, analytics, snooze, dismiss."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path

from app.cli.common import CommandError, export_subparsers, open_desk, print_json, terminal_progress
from app.cli.reminders import parse_moment
from app.curation.analytics import SECTION_LABELS, write_csv
from app.curation.diff import EQUAL
from app.model import version_note_zh
from app.services import AmbiguousReference, ArticleNotFound, Deskbook, ExportError


def register(sub: argparse._SubParsersAction) -> None:
    p = export_subparsers(sub).add_parser(
        "markdown", help="a folder of .md files with YAML front matter that `deskbook import DIR` reads back"
    )
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.add_argument("--force", action="store_true", help="replace an earlier Deskbook export in DIR")
    p.add_argument("--no-archived", action="store_true", help="leave archived articles out")
    p.set_defaults(handler=cmd_export_markdown)

    p = sub.add_parser("verify", help="mark articles as checked and true today (next review one interval ahead)")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--by", help="who verified (default: the user name in the settings)")
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser("review-days", help="show or set the default review interval per kind (case/script/handbook)")
    p.add_argument("kind", nargs="?", choices=["case", "script", "handbook"])
    p.add_argument("days", nargs="?", type=int)
    p.add_argument("--apply", action="store_true", help="also move articles still on the old default")
    p.set_defaults(handler=cmd_review_days)

    p = sub.add_parser(
        "history", help="an article's versions; --diff N shows what changed since version N; --restore N brings it back"
    )
    p.add_argument("id")
    action = p.add_mutually_exclusive_group()
    action.add_argument("--diff", type=int, metavar="N", help="compare version N with the current text")
    action.add_argument("--restore", type=int, metavar="N", help="save version N's content as a new version")
    p.set_defaults(handler=cmd_history)

    p = sub.add_parser("duplicates", help="report articles with the same title or very similar content")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_duplicates)

    p = sub.add_parser("analytics", help="views, script copies, searches without results, popular but stale")
    p.add_argument("--csv", type=Path, metavar="PATH", help="write the figures as CSV (UTF-8 with BOM, for Excel)")
    p.add_argument("--limit", type=int, default=10)
    p.set_defaults(handler=cmd_analytics)

    p = sub.add_parser("snooze", help="hide a reminder until a time (KEY from `due --json`, or an article id)")
    p.add_argument("ref", metavar="KEY|ID")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--until", metavar="ISO-TIME")
    group.add_argument("--hours", type=float, help="hide for this many hours (default 24)")
    p.set_defaults(handler=cmd_snooze)

    p = sub.add_parser("dismiss", help="hide a reminder for good (until the next review cycle)")
    p.add_argument("ref", metavar="KEY|ID")
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
            args.out, force=args.force, include_archived=not args.no_archived, progress=terminal_progress("exporting")
        )
    except (ExportError, OSError) as error:
        raise CommandError(str(error)) from None
    kinds = ", ".join(f"{n} {k}" for k, n in result.by_kind.items() if n)
    print(f"exported {result.files} articles to {result.folder}" + (f" ({kinds})" if kinds else ""))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    ids = [_article_id(desk, ref) for ref in args.ids]
    by = args.by if args.by is not None else desk.settings.user_name
    count = desk.curation.verify(ids, by)
    for article_id in ids:
        article = desk.get_article(article_id)
        if article.status.value == "published" and article.next_review_at is not None:
            print(f"verified {article.title}; next review {article.next_review_at.astimezone().date()}")
        else:
            print(f"not verified (only published articles are): {article.title}", file=sys.stderr)
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
            print(f"no changes since version {args.diff}")
        for d in diffs:
            print(f"## {d.label}")
            # [-removed-]{+added+}, the wdiff convention, marks characters precisely in a terminal
            print("".join(op.old if op.tag == EQUAL else (f"[-{op.old}-]" if op.old else "") + (f"{{+{op.new}+}}" if op.new else "")
                          for op in d.ops))
        return 0
    if not versions:
        print("no versions (versions are kept for published articles)")
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
    print(f"restored version {args.restore} of {article.title} as version {article.version}")
    return 0


def cmd_duplicates(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    groups = desk.curation.duplicates_report(progress=terminal_progress("comparing"))
    if args.json:
        for g in groups:
            print_json({"reason": g.reason, "score": g.score, "ids": list(g.ids), "titles": list(g.titles)})
        return 0
    if not groups:
        print("no duplicates found")
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
            raise CommandError(f"cannot write {args.csv}: {error.strerror}") from None
        print(f"wrote {args.csv}")
        return 0
    for name in ("most_viewed", "script_copies", "popular_but_stale"):
        print(f"## {SECTION_LABELS[name]}")
        for f in getattr(report, name) or []:
            print(f"  {f.value:>6}  [{f.kind.label_zh}] {f.title}")
    print(f"## {SECTION_LABELS['zero_result_searches']}")
    for q in report.zero_result_searches:
        print(f"  {q.count:>6}  {q.query}")
    if report.zero_result_share is not None:
        print(f"{report.searches} searches, {report.zero_result_share:.0%} without results")
    return 0


def _reminder_keys(desk: Deskbook, ref: str) -> list[str]:
    if ref.count(":") >= 2:  # a full key from `due --json`: it may name a reminder that is not due yet
        return [ref]
    items = desk.due(include_hidden=True)
    keys = [i.key for i in items if i.key == ref]
    if not keys and len(ref) >= 4:
        keys = [i.key for i in items if i.subject_id.startswith(ref)]
    if not keys:
        raise CommandError(f"no reminder due now matches {ref!r} (see `deskbook due --json` for keys)")
    return keys


def cmd_snooze(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    until = parse_moment(args.until) if args.until else desk.clock() + timedelta(hours=args.hours or 24)
    for key in _reminder_keys(desk, args.ref):
        desk.curation.snooze(key, until)
        print(f"snoozed {key} until {until.astimezone().strftime('%Y-%m-%d %H:%M')}")
    return 0


def cmd_dismiss(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    for key in _reminder_keys(desk, args.ref):
        desk.curation.dismiss(key)
        print(f"dismissed {key}")
    return 0


def cmd_review_days(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    if args.kind is not None and args.days is not None:
        try:
            changed = desk.curation.set_kind_default(args.kind, args.days, apply_to_existing=args.apply)
        except ValueError as error:
            raise CommandError(str(error), 2) from None
        if args.apply:
            print(f"{changed} article(s) moved to {args.days} days")
    elif args.kind is not None or args.days is not None:
        raise CommandError("give both KIND and DAYS, or neither to list the defaults", 2)
    for kind in ("case", "script", "handbook"):
        print(f"{kind}: {desk.settings.review_days_for(kind)} days")
    return 0

"""``deskbook export letter|tracking|pack``: documents from the records and the knowledge base."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import CommandError, export_subparsers, open_desk
from app.records.service import RecordError, RequestNotFound
from app.services import (
    AmbiguousReference,
    ArticleNotFound,
    EmptyPack,
    ExportExists,
    FontMissing,
    LetterTemplateError,
    PackSelection,
    PackSelectionError,
    TrackingFilter,
    parse_day,
)


def register(sub: argparse._SubParsersAction) -> None:
    exports = export_subparsers(sub)
    e = exports.add_parser("letter", help="confirmation letter (客户确认函) of a request, DOCX or PDF")
    e.add_argument("request_id")
    e.add_argument("--format", choices=["docx", "pdf"], required=True)
    e.add_argument("--out", type=Path, required=True)
    e.add_argument("--force", action="store_true", help="overwrite an existing file")
    e.add_argument("--template", type=Path, help="a .docx template instead of the data directory's")
    e.set_defaults(handler=cmd_export_letter)

    e = exports.add_parser("tracking", help="progress-tracking sheet (沟通进度跟踪表), XLSX or CSV")
    e.add_argument("--status", action="append", default=[],
                   help="request status (open, in_progress, resolved, closed) or progress state (已完成, 进行中, 延迟); repeatable")
    e.add_argument("--from", dest="date_from", metavar="DATE", help="first day (YYYY-MM-DD), inclusive")
    e.add_argument("--to", dest="date_to", metavar="DATE", help="last day (YYYY-MM-DD), inclusive")
    e.add_argument("--view", choices=["entries", "requests"], default="entries",
                   help="one row per progress entry (default) or per request")
    e.add_argument("--format", choices=["xlsx", "csv"], required=True)
    e.add_argument("--out", type=Path, required=True)
    e.add_argument("--force", action="store_true")
    e.set_defaults(handler=cmd_export_tracking)

    e = exports.add_parser("pack", help="onboarding pack (入职培训包) for trainers, PDF or DOCX")
    e.add_argument("--tag")
    e.add_argument("--kind", choices=["case", "script", "handbook"])
    e.add_argument("--group")
    e.add_argument("--ids", nargs="+", default=[], help="articles by id, prefix or external id, in this order")
    e.add_argument("--title", default="新员工入职培训包")
    e.add_argument("--format", choices=["pdf", "docx"], required=True)
    e.add_argument("--out", type=Path, required=True)
    e.add_argument("--force", action="store_true")
    e.set_defaults(handler=cmd_export_pack)


def _export_errors(fn):
    """Translate the documents' failures into one-line messages with a non-zero exit."""
    try:
        return fn()
    except ExportExists as error:
        raise CommandError(str(error)) from None
    except (LetterTemplateError, FontMissing, EmptyPack, PackSelectionError, RecordError, ValueError) as error:
        raise CommandError(str(error)) from None
    except (RequestNotFound, ArticleNotFound, AmbiguousReference) as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        target = getattr(error, "filename", None) or "文件"
        raise CommandError(f"无法写入 {target}：{error.strerror or error}") from None


def cmd_export_letter(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)

    def run():
        for warning in desk.documents.letter_warnings(args.request_id):
            print(f"注意：{warning}", file=sys.stderr)
        return desk.documents.export_letter(args.request_id, args.out, fmt=args.format, force=args.force,
                                            template=args.template if args.format == "docx" else None)

    print(f"wrote {_export_errors(run)}")
    _finish_fonts(desk)
    return 0


def _finish_fonts(desk) -> None:
    """The first PDF export starts making a small copy of the Chinese font, which makes the next ones fast; a
    command must wait for it, or it would end with the command and every export would stay slow."""
    if desk.documents.preparing_fonts:
        print("正在为以后的 PDF 导出准备字体（只在第一次需要，约半分钟）…", file=sys.stderr, flush=True)
        desk.documents.wait_for_fonts()


def cmd_export_tracking(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)

    def run():
        flt = TrackingFilter(
            statuses=tuple(args.status), date_from=parse_day(args.date_from) if args.date_from else None,
            date_to=parse_day(args.date_to) if args.date_to else None,
        )
        return desk.documents.export_tracking(args.out, fmt=args.format, view=args.view, flt=flt, force=args.force)

    path, rows = _export_errors(run)
    print(f"wrote {path} ({rows} row{'s' if rows != 1 else ''})")
    return 0


def cmd_export_pack(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    selection = PackSelection(tag=args.tag, kind=args.kind, group=args.group, ids=tuple(args.ids), title=args.title)
    path, count = _export_errors(lambda: desk.documents.export_pack(selection, args.out, fmt=args.format, force=args.force))
    print(f"wrote {path} ({count} article{'s' if count != 1 else ''})")
    _finish_fonts(desk)
    return 0

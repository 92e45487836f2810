"""``deskbook export letter|tracking|pack``: documents from the records and the knowledge base."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import CommandError, export_subparsers, file_reason, open_desk
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
    e = exports.add_parser("letter", help="需求的客户确认函，DOCX 或 PDF")
    e.add_argument("request_id", metavar="编号", help="需求编号或记录编号")
    e.add_argument("--format", choices=["docx", "pdf"], required=True, help="文件格式")
    e.add_argument("--out", type=Path, required=True, metavar="文件", help="写到这个文件")
    e.add_argument("--force", action="store_true", help="覆盖已有的文件")
    e.add_argument("--template", type=Path, metavar="模板", help="用这个 .docx 模板，而不是数据文件夹中的模板")
    e.set_defaults(handler=cmd_export_letter)

    e = exports.add_parser("tracking", help="沟通进度跟踪表，XLSX 或 CSV")
    e.add_argument("--status", action="append", default=[], metavar="状态",
                   help="需求状态（待处理、处理中、已解决、已关闭）或进度状态（已完成、进行中、延迟）；可重复")
    e.add_argument("--from", dest="date_from", metavar="日期", help="从这一天起（YYYY-MM-DD，含当天）")
    e.add_argument("--to", dest="date_to", metavar="日期", help="到这一天止（YYYY-MM-DD，含当天）")
    e.add_argument("--view", choices=["entries", "requests"], default="entries",
                   help="entries 每条进度一行（默认），requests 每个需求一行")
    e.add_argument("--format", choices=["xlsx", "csv"], required=True, help="文件格式")
    e.add_argument("--out", type=Path, required=True, metavar="文件", help="写到这个文件")
    e.add_argument("--force", action="store_true", help="覆盖已有的文件")
    e.set_defaults(handler=cmd_export_tracking)

    e = exports.add_parser("pack", help="给培训师的入职培训包，PDF 或 DOCX")
    e.add_argument("--tag", metavar="标签", help="带这个标签的文章")
    e.add_argument("--kind", choices=["case", "script", "handbook"], help="case 案例、script 话术、handbook 手册")
    e.add_argument("--group", metavar="技能组", help="这个技能组的文章")
    e.add_argument("--ids", nargs="+", default=[], metavar="编号", help="按编号、编号开头几位或外部编号挑选文章，按此顺序")
    e.add_argument("--title", default="新员工入职培训包", metavar="标题", help="培训包的标题（默认：新员工入职培训包）")
    e.add_argument("--format", choices=["pdf", "docx"], required=True, help="文件格式")
    e.add_argument("--out", type=Path, required=True, metavar="文件", help="写到这个文件")
    e.add_argument("--force", action="store_true", help="覆盖已有的文件")
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
        raise CommandError(f"无法写入 {target}：{file_reason(error)}") from None


def cmd_export_letter(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)

    def run():
        for warning in desk.documents.letter_warnings(args.request_id, args.format,
                                                      args.template if args.format == "docx" else None):
            print(f"注意：{warning}", file=sys.stderr)
        return desk.documents.export_letter(args.request_id, args.out, fmt=args.format, force=args.force,
                                            template=args.template if args.format == "docx" else None)

    print(f"已写入 {_export_errors(run)}")
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
    print(f"已写入 {path}（{rows} 行）")
    return 0


def cmd_export_pack(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    selection = PackSelection(tag=args.tag, kind=args.kind, group=args.group, ids=tuple(args.ids), title=args.title)
    path, count = _export_errors(lambda: desk.documents.export_pack(selection, args.out, fmt=args.format, force=args.force))
    print(f"已写入 {path}（{count} 篇文章）")
    _finish_fonts(desk)
    return 0

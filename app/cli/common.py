"""Helpers shared by the subcommands: opening the data directory, progress on a terminal, JSON output."""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import logging
import re
import sqlite3
import sys
import tempfile
import traceback
import weakref
from datetime import datetime
from pathlib import Path
from typing import Any

from app.paths import resolve_data_dir
from app.services import Deskbook

log = logging.getLogger("deskbook.cli")
ERROR_LOG = "deskbook-cli-errors.log"
EXIT_UNEXPECTED = 70  # EX_SOFTWARE
EXIT_BUSY = 75  # EX_TEMPFAIL: try again later


class CommandError(Exception):
    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


def open_desk(args: argparse.Namespace, *, index: bool = True) -> Deskbook:
    """Open the data directory; bring the search index up to date (rebuilding it if needed)."""
    data_dir = resolve_data_dir(args.data_dir)
    try:
        desk = Deskbook.open(data_dir)
    except (OSError, sqlite3.DatabaseError) as error:
        raise CommandError(f"无法打开数据文件夹 {data_dir}：{file_reason(error)}") from None
    if index and desk.prepare_index().value != "ready":
        print(f"搜索索引{INDEX_STATES_ZH.get(desk.index_state().value, '不可用')}，正在重建…", file=sys.stderr)
        desk.reindex(progress=terminal_progress("建立索引"))
    return desk


# The index states as a sentence's predicate ("搜索索引还没有建立，正在重建…").
INDEX_STATES_ZH = {"missing": "还没有建立", "outdated": "已过期", "corrupt": "已损坏", "building": "正在建立"}


def file_reason(error: BaseException) -> str:
    """Why a file, folder or database could not be read or written, in words (the system's and SQLite's are
    English). Our own messages (the documents' writers give Chinese ones) are kept."""
    text = getattr(error, "strerror", None) or ""
    if re.search(r"[\u4e00-\u9fff]", text):
        return text
    if isinstance(error, FileNotFoundError):
        return "文件或文件夹不存在"
    if isinstance(error, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    if isinstance(error, NotADirectoryError):
        return "路径中有一部分不是文件夹"
    if isinstance(error, PermissionError):
        return "没有读写权限"
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "磁盘已满"
    if isinstance(error, OSError) and error.errno == errno.EROFS:
        return "文件系统是只读的"
    if isinstance(error, sqlite3.DatabaseError):
        return "数据库文件已损坏，或不是 Deskbook 的数据库"
    if isinstance(error, UnicodeDecodeError):
        return "不是 UTF-8 编码的文本"
    return "读写文件时出错"


def terminal_progress(label: str):
    """A progress callback that draws a bar on a terminal and stays silent when stderr is not one."""
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return report


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")


_GROUPS: weakref.WeakKeyDictionary[argparse._SubParsersAction, dict[str, argparse._SubParsersAction]] = (
    weakref.WeakKeyDictionary()
)


def _shared_group(sub: argparse._SubParsersAction, name: str, help_text: str, dest: str,
                  metavar: str) -> argparse._SubParsersAction:
    """One subcommand group (``deskbook export``, ``deskbook request``) that several CLI modules add actions to."""
    # Keyed by the object weakly: a table keyed by id(sub) handed a later parser the export subcommands of an
    # earlier, collected one whose id had been reused ("conflicting subparser" on some runs).
    groups = _GROUPS.setdefault(sub, {})
    if name not in groups:
        parser = sub.add_parser(name, help=help_text)
        groups[name] = parser.add_subparsers(dest=dest, metavar=metavar, required=True)
    return groups[name]


def export_subparsers(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The subcommands of ``deskbook export``, shared by every module that adds an export format."""
    return _shared_group(sub, "export", "导出文档与内容（确认函、跟踪表、培训包、Markdown 文件夹）",
                         "export_kind", "内容")


def request_subparsers(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The actions of ``deskbook request``, shared by every module that adds one."""
    return _shared_group(sub, "request", "客户需求记录表：列出、新增、查看、方案、进度、状态",
                         "request_action", "操作")


def unexpected_error(args: argparse.Namespace, error: BaseException) -> int:
    """Print a Chinese message for an error no command expected and keep its traceback in a log file."""
    if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
        print("deskbook：数据库正被另一个 Deskbook 进程占用（例如一次较长的导入），请稍后再试。", file=sys.stderr)
        return EXIT_BUSY
    where = _write_error_log(args, error)
    kept = f"详细信息（供技术支持查看）已写入 {where}。" if where else ""
    print(f"deskbook：出现了意外错误，命令没有完成。{kept}", file=sys.stderr)
    return EXIT_UNEXPECTED


def _write_error_log(args: argparse.Namespace, error: BaseException) -> Path | None:
    text = (f"--- {datetime.now().isoformat(timespec='seconds')} deskbook {' '.join(sys.argv[1:])}\n"
            + "".join(traceback.format_exception(error)))
    log.debug("unexpected error:\n%s", text)
    candidates = []
    with contextlib.suppress(Exception):  # resolving the folder may be what failed: the temp folder still works
        candidates.append(resolve_data_dir(getattr(args, "data_dir", None)) / "logs" / ERROR_LOG)
    candidates.append(Path(tempfile.gettempdir()) / ERROR_LOG)
    for path in candidates:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(text)
            return path
        except OSError:
            continue
    return None

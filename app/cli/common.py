"""Helpers shared by the subcommands: opening the data directory, progress on a terminal, JSON output."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
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
        raise CommandError(f"cannot open the data directory {data_dir}: {error}") from None
    if index and desk.prepare_index().value != "ready":
        print(f"search index is {desk.index_state().value}; rebuilding…", file=sys.stderr)
        desk.reindex(progress=terminal_progress("indexing"))
    return desk


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
    return _shared_group(sub, "export", "export documents and content (letters, sheets, packs, Markdown)",
                         "export_kind", "WHAT")


def request_subparsers(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The actions of ``deskbook request``, shared by every module that adds one."""
    return _shared_group(sub, "request", "need records (客户需求记录表): list, add, show, plan, progress, status",
                         "request_action", "ACTION")


def unexpected_error(args: argparse.Namespace, error: BaseException) -> int:
    """Print a Chinese message for an error no command expected and keep its traceback in a log file."""
    if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
        print("deskbook: 数据库正被另一个 Deskbook 进程占用（例如一次较长的导入），请稍后再试。"
              f"\n  (database is locked: {error})", file=sys.stderr)
        return EXIT_BUSY
    where = _write_error_log(args, error)
    detail = f"{type(error).__name__}: {str(error)[:200]}"
    kept = f"详细信息已写入 {where}。" if where else ""
    print(f"deskbook: 出现了意外错误，命令没有完成（{detail}）。{kept}", file=sys.stderr)
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

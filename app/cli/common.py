"""Helpers shared by the subcommands: opening the data directory, progress on a terminal, JSON output."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import weakref
from typing import Any

from app.paths import resolve_data_dir
from app.services import Deskbook


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


_EXPORTS: weakref.WeakKeyDictionary[argparse._SubParsersAction, argparse._SubParsersAction] = (
    weakref.WeakKeyDictionary()
)


def export_subparsers(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The subcommands of ``deskbook export``, shared by every module that adds an export format."""
    # Keyed by the object weakly: a table keyed by id(sub) handed a later parser the export subcommands of an
    # earlier, collected one whose id had been reused ("conflicting subparser" on some runs).
    export = _EXPORTS.get(sub)
    if export is None:
        parser = sub.add_parser("export", help="export documents and content (letters, sheets, packs, Markdown)")
        export = _EXPORTS[sub] = parser.add_subparsers(dest="export_kind", metavar="WHAT", required=True)
    return export


_REQUESTS: weakref.WeakKeyDictionary[argparse._SubParsersAction, argparse._SubParsersAction] = (
    weakref.WeakKeyDictionary()
)


def request_subparsers(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The actions of ``deskbook request``, shared by every module that adds one (kept like the exports above)."""
    actions = _REQUESTS.get(sub)
    if actions is None:
        parser = sub.add_parser("request", help="need records (客户需求记录表): list, add, show, plan, progress, status")
        actions = _REQUESTS[sub] = parser.add_subparsers(dest="request_action", metavar="ACTION", required=True)
    return actions

"""``deskbook backup [PATH]`` and ``deskbook restore PATH``."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import CommandError, open_desk, terminal_progress
from app.paths import resolve_data_dir
from app.services import BackupError, inspect_backup, restore


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="把数据（数据库、设置、模板）备份成一个 .zip 文件；程序开着也可以备份")
    p.add_argument(
        "path", nargs="?", type=Path, metavar="路径",
        help="一个 .zip 文件，或放带日期备份的文件夹（默认：数据文件夹中的 backups 文件夹）",
    )
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="用备份替换现有数据（先检查备份；现有数据另存为一个备份）")
    p.add_argument("path", type=Path, metavar="路径", help="deskbook backup 生成的 .zip 备份文件")
    p.set_defaults(handler=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    desk = open_desk(args, index=False)
    try:
        made = desk.backup(args.path)
    except BackupError as error:
        raise CommandError(str(error)) from None
    finally:
        desk.close()
    # Read the archive back (integrity check included) so "backed up" is only printed for a usable file.
    print(f"已备份 {_verified_count(made)} 篇文章到 {made}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(args.data_dir)
    try:
        result = restore(data_dir, Path(args.path))
    except BackupError as error:
        raise CommandError(f"没有恢复：{error}") from None
    if result.previous_data_backup is not None:
        print(f"原来的数据已另存为 {result.previous_data_backup}")
    # Open once so the schema is brought up to date and the index is rebuilt now rather than at the next start.
    desk = open_desk(args, index=False)
    try:
        desk.prepare_index()
        desk.reindex(progress=terminal_progress("建立索引"))
        print(f"已从 {result.restored_from} 恢复 {desk.count_articles()} 篇文章")
    finally:
        desk.close()
    return 0


def _verified_count(archive: Path) -> int:
    try:
        return int(inspect_backup(archive).get("articles", 0))
    except BackupError as error:
        raise CommandError(f"刚写好的备份没有通过检查：{error}") from None

"""``deskbook backup [PATH]`` and ``deskbook restore PATH``."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import CommandError, open_desk, terminal_progress
from app.paths import resolve_data_dir
from app.services import BackupError, inspect_backup, restore


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "backup",
        help="back up the data (database, settings, templates) into one .zip file; safe while the app is open",
    )
    p.add_argument(
        "path", nargs="?", type=Path,
        help="a .zip file, or a folder to put a dated backup in (default: the data directory's backups folder)",
    )
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser(
        "restore",
        help="replace the data with a backup (checked first; the current data is kept as a backup)",
    )
    p.add_argument("path", type=Path, metavar="PATH", help="a backup .zip made by 'deskbook backup'")
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
    print(f"backed up {_verified_count(made)} articles to {made}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    data_dir = resolve_data_dir(args.data_dir)
    try:
        result = restore(data_dir, Path(args.path))
    except BackupError as error:
        raise CommandError(f"not restored: {error}") from None
    if result.previous_data_backup is not None:
        print(f"the data that was there is kept in {result.previous_data_backup}")
    # Open once so the schema is brought up to date and the index is rebuilt now rather than at the next start.
    desk = open_desk(args, index=False)
    try:
        desk.prepare_index()
        desk.reindex(progress=terminal_progress("indexing"))
        print(f"restored {desk.count_articles()} articles from {result.restored_from}")
    finally:
        desk.close()
    return 0


def _verified_count(archive: Path) -> int:
    try:
        return int(inspect_backup(archive).get("articles", 0))
    except BackupError as error:
        raise CommandError(f"the backup just written does not check out: {error}") from None

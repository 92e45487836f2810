"""``deskbook install-desktop-entry`` (the Linux application menu) and ``deskbook check-update``."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import CommandError, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("install-desktop-entry",
                       help="add Deskbook to the Linux application menu (~/.local/share/applications)")
    p.add_argument("--remove", action="store_true", help="take the menu entry and its icon away again")
    p.set_defaults(handler=cmd_install_desktop_entry)

    p = sub.add_parser("check-update", help="look for a newer installer at the team's update location")
    p.add_argument("--source", metavar="FOLDER|URL", help="this location instead of the setting update_source")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_check_update)


def cmd_install_desktop_entry(args: argparse.Namespace) -> int:
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        raise CommandError("桌面菜单项只用于 Linux 桌面；Windows 的开始菜单项由安装程序创建。", 2)
    from app import desktop_entry

    try:
        if args.remove:
            removed = desktop_entry.remove()
            print("\n".join(f"removed {path}" for path in removed) or "no menu entry was installed")
            return 0
        files = desktop_entry.install()
    except OSError as error:
        raise CommandError(f"无法写入菜单项：{getattr(error, 'filename', '') or ''} {error.strerror or error}") from None
    print(f"wrote {files.entry}\nwrote {files.icon}")
    return 0


def cmd_check_update(args: argparse.Namespace) -> int:
    from app.paths import DataPaths, resolve_data_dir
    from app.settings import Settings
    from app.updates import UpdateStatus, check_for_update

    source = args.source
    if source is None:  # the setting, read without opening the database (the window may hold it)
        source = Settings.load(DataPaths(resolve_data_dir(args.data_dir)).settings_file).update_source
    result = check_for_update(source)
    if args.json:
        release = result.release
        print_json({"status": result.status.value, "current": result.current, "source": result.source,
                    "detail": result.detail, "release": None if release is None else vars(release)})
    elif result.newer and result.release is not None:
        print(f"Deskbook {result.release.version} is available (this is {result.current}): {result.release.location}")
    elif result.status is UpdateStatus.CURRENT:
        print(f"Deskbook {result.current} is the newest version published at {result.source}")
    elif result.status is UpdateStatus.UNSET:
        raise CommandError("未设置更新位置：在“设置”中填写，或用 --source 指定文件夹或网址。", 2)
    else:
        raise CommandError(f"无法检查更新（{result.status.value}）：{result.detail}")
    return 0

"""``deskbook install-desktop-entry`` (the Linux application menu) and ``deskbook check-update``."""

from __future__ import annotations

import argparse
import sys

from app.cli.common import CommandError, file_reason, print_json

UPDATE_PROBLEMS_ZH = {"unreachable": "无法访问更新位置", "invalid": "latest.json 无效",
                      "missing-installer": "找不到安装程序", "missing_installer": "找不到安装程序"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("install-desktop-entry", help="把 Deskbook 加入 Linux 的应用程序菜单（~/.local/share/applications）")
    p.add_argument("--remove", action="store_true", help="删除菜单项及其图标")
    p.set_defaults(handler=cmd_install_desktop_entry)

    p = sub.add_parser("check-update", help="在团队的更新位置查找新版本的安装程序")
    p.add_argument("--source", metavar="文件夹或网址", help="查看这个位置，而不是设置中的 update_source")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=cmd_check_update)


def cmd_install_desktop_entry(args: argparse.Namespace) -> int:
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        raise CommandError("桌面菜单项只用于 Linux 桌面；Windows 的开始菜单项由安装程序创建。", 2)
    from app import desktop_entry

    try:
        if args.remove:
            removed = desktop_entry.remove()
            print("\n".join(f"已删除 {path}" for path in removed) or "没有安装过菜单项")
            return 0
        files = desktop_entry.install()
    except OSError as error:
        raise CommandError(f"无法写入菜单项：{getattr(error, 'filename', '') or ''} {file_reason(error)}") from None
    print(f"已写入 {files.entry}\n已写入 {files.icon}")
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
        print(f"有新版本 Deskbook {result.release.version}（当前为 {result.current}）：{result.release.location}")
    elif result.status is UpdateStatus.CURRENT:
        print(f"Deskbook {result.current} 已是 {result.source} 发布的最新版本")
    elif result.status is UpdateStatus.UNSET:
        raise CommandError("未设置更新位置：在“设置”中填写，或用 --source 指定文件夹或网址。", 2)
    else:
        raise CommandError(f"无法检查更新（{UPDATE_PROBLEMS_ZH.get(result.status.value, result.status.value)}）："
                           f"{result.detail}")
    return 0

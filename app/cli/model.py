"""``deskbook model …``: the optional meaning model (install from a folder, download, embed, status, remove)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.common import CommandError, open_desk, terminal_progress


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("model", help="可选的语义模型：安装、下载、向量化、状态、移除")
    actions = p.add_subparsers(dest="action", metavar="操作", required=True)
    q = actions.add_parser("install", help="检查含 model.onnx 和 tokenizer.json 的文件夹，并复制进来")
    q.add_argument("folder", type=Path, metavar="文件夹", help="模型文件所在的文件夹")
    q.add_argument("--no-embed", action="store_true", help="现在不为文章生成向量（程序稍后会做）")
    q = actions.add_parser("download", help="从 settings.json 中的地址下载指定的模型（可断点续传）")
    q.add_argument("--no-embed", action="store_true", help="现在不为文章生成向量（程序稍后会做）")
    actions.add_parser("embed", help="为还没有向量的文章生成向量（可续做；按 Ctrl+C 已完成的部分会保留）")
    q = actions.add_parser("status", help="已安装的模型，以及多少篇文章有向量")
    q.add_argument("--json", action="store_true", help="输出 JSON")
    actions.add_parser("remove", help="移除模型及其向量（搜索恢复为按字词进行）")
    p.set_defaults(handler=cmd_model)


def cmd_model(args: argparse.Namespace) -> int:
    from app.meaning.model_files import ModelError

    desk = open_desk(args, index=False)
    try:
        return _HANDLERS[args.action](desk, args) or 0
    except ModelError as error:
        raise CommandError(str(error), 2) from None
    finally:
        desk.close()


def _install(desk, args: argparse.Namespace) -> int:
    folder = args.folder.expanduser()
    dimension = desk.meaning.install(folder)
    print(f"已安装语义模型（{dimension} 维）：{desk.meaning.model_dir}")
    return 0 if args.no_embed else _embed(desk, args)


def _download(desk, args: argparse.Namespace) -> int:
    from app.meaning.model_files import DownloadFile

    spec = desk.settings.model_download
    try:
        files = [DownloadFile(str(f["name"]), str(f["url"]), str(f.get("sha256", ""))) for f in spec["files"]]
        config = dict(spec.get("config", {}))
    except (KeyError, TypeError) as error:
        raise CommandError(f"settings.json 中的 model_download 格式不对：{error}", 2) from None
    for warning in desk.meaning.download(files, config, terminal_progress("下载")):
        print(f"注意：{warning}", file=sys.stderr)
    print(f"已下载并安装语义模型：{desk.meaning.model_dir}")
    return 0 if args.no_embed else _embed(desk, args)


def _embed(desk, args: argparse.Namespace) -> int:
    if not desk.meaning.installed():
        raise CommandError("尚未安装语义模型：deskbook model install 文件夹，或 deskbook model download", 2)
    try:
        done = desk.meaning.embed_pending(terminal_progress("向量化"))
    except KeyboardInterrupt:
        print("已中断；已完成的部分已保存，再次运行 deskbook model embed 继续。", file=sys.stderr)
        return 130
    status = desk.meaning.status()
    print(f"本次向量化 {done} 篇；共 {status.embedded}/{status.articles} 篇文章有向量")
    return 0


def _status(desk, args: argparse.Namespace) -> int:
    status = desk.meaning.status()
    if args.json:
        print(json.dumps(status.__dict__, ensure_ascii=False))
        return 0
    if not status.libraries:
        print("语义模型：未安装所需的库（pip install 'deskbook[meaning]'）；搜索按字词进行")
    elif not status.installed:
        print("语义模型：未安装（deskbook model install 文件夹，或 deskbook model download）；搜索按字词进行")
    else:
        print(f"语义模型：{status.name or '已安装'}；{status.embedded}/{status.articles} 篇文章有向量")
    return 0


def _remove(desk, args: argparse.Namespace) -> int:
    desk.meaning.remove()
    print("已移除语义模型及其向量；搜索按字词进行")
    return 0


_HANDLERS = {"install": _install, "download": _download, "embed": _embed, "status": _status, "remove": _remove}

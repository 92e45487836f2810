"""Putting a meaning model into the data directory: from a folder (``deskbook model install DIR``) or downloaded
from pinned URLs (``deskbook model download``) with resume and SHA-256 checks.

A model is checked before it replaces anything: its files exist, ONNX Runtime loads it, and it turns a test
sentence into a vector. It is copied into ``model.new`` and renamed into place, so a failed install leaves the
previous model (or none) as it was.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.search.embedder import CONFIG_FILE, MODEL_FILE, REQUIRED_FILES, Embedder, ModelError, meaning_libraries

__all__ = ["DownloadFile", "ModelError", "check_folder", "download", "fingerprint", "install_folder"]

Progress = Callable[[int, int], None]  # bytes done, bytes expected (0 when unknown)
CHUNK = 1 << 16
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class DownloadFile:
    name: str  # the file's name in the model folder
    url: str
    sha256: str  # "" when not pinned: the file is accepted and its hash reported


def fingerprint(folder: Path) -> str:
    """SHA-256 of the model file: vectors made by another model are never mixed with this one's."""
    digest = hashlib.sha256()
    with open(folder / MODEL_FILE, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_folder(folder: Path) -> int:
    """Raise :class:`ModelError` unless ``folder`` holds a usable model; returns its vector dimension."""
    if not meaning_libraries():
        raise ModelError("未安装语义模型所需的库：请运行 pip install 'deskbook[meaning]'（onnxruntime 与 tokenizers）")
    if not folder.is_dir():
        raise ModelError(f"不是文件夹：{folder}")
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        raise ModelError(f"模型文件夹缺少 {', '.join(missing)}：{folder}")
    return Embedder(folder).dimension


def install_folder(source: Path, target: Path) -> int:
    """Check ``source`` and copy its model files to ``target`` (replacing the model there); returns the dimension."""
    dimension = check_folder(source)
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in (*REQUIRED_FILES, CONFIG_FILE):
        if (source / name).is_file():
            shutil.copyfile(source / name, staging / name)
    check_folder(staging)  # the copy itself, not just the original
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return dimension


def download(files: list[DownloadFile], folder: Path, config: dict, progress: Progress | None = None,
             opener: Callable[..., object] = urllib.request.urlopen) -> list[str]:
    """Fetch ``files`` into ``folder`` (resuming partial downloads), check their hashes, write ``config`` as
    ``deskbook-model.json``. Returns warnings (a file without a pinned hash, with the hash it had)."""
    folder.mkdir(parents=True, exist_ok=True)
    warnings = []
    for entry in files:
        path = folder / entry.name
        part = folder / (entry.name + ".part")
        if path.is_file() and entry.sha256 and _sha256(path) == entry.sha256:
            continue  # already complete
        _fetch(entry.url, part, progress, opener)
        got = _sha256(part)
        if entry.sha256 and got != entry.sha256.lower():
            part.unlink(missing_ok=True)
            raise ModelError(f"{entry.name} 校验失败：sha256 应为 {entry.sha256}，实际为 {got}（已删除，请重试）")
        if not entry.sha256:
            warnings.append(f"{entry.name} 未固定 sha256，下载所得为 {got}")
        part.replace(path)
    (folder / CONFIG_FILE).write_text(json.dumps(config, ensure_ascii=False, indent=2), "utf-8")
    return warnings


def _fetch(url: str, part: Path, progress: Progress | None, opener: Callable[..., object]) -> None:
    have = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"Range": f"bytes={have}-"} if have else {})
    try:
        response = opener(request, timeout=TIMEOUT_SECONDS)
    except urllib.error.HTTPError as error:
        if error.code == 416 and have:  # the part is already whole
            return
        raise ModelError(f"下载失败（HTTP {error.code}）：{url}") from None
    except (urllib.error.URLError, OSError) as error:
        raise ModelError(f"无法连接下载地址：{url}（{getattr(error, 'reason', error)}）") from None
    with response:  # type: ignore[attr-defined]
        resumed = have and getattr(response, "status", 200) == 206
        length = int(response.headers.get("Content-Length") or 0)  # type: ignore[attr-defined]
        done = have if resumed else 0
        total = done + length if length else 0
        try:
            with open(part, "ab" if resumed else "wb") as handle:
                while block := response.read(CHUNK):  # type: ignore[attr-defined]
                    handle.write(block)
                    done += len(block)
                    if progress is not None:
                        progress(done, total)
        except OSError as error:  # a dropped connection keeps what arrived: the next run resumes from there
            raise ModelError(f"下载中断（已保存 {done} 字节，再次运行即可继续）：{error}") from None
    if total and done < total:
        raise ModelError(f"下载中断（已保存 {done} / {total} 字节，再次运行即可继续）")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()

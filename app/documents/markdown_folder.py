"""Export the knowledge base as a folder of Markdown files with YAML front matter.

The folder re-imports through :mod:`app.importers` (``deskbook import DIR``) to the same content: every kind and
every field, including script variants, handbook questions and restatements, and phrasings. Files are named after
the title (Chinese kept), in one sub-folder per kind; characters that are unsafe in file names on Windows, macOS
or Linux are replaced and equal names get " (2)", " (3)" … (compared case-insensitively, as Windows does).

The export is written to a temporary folder next to the target and moved into place at the end, so an
interrupted export never leaves half a folder. ``force`` replaces an earlier Deskbook export (recognised by its
manifest); any other non-empty folder is refused.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from app.documents.errors import ExportError
from app.model import KIND_FIELDS, Article, Kind

MANIFEST = ".deskbook-export.json"
KIND_FOLDERS = {Kind.CASE: "案例", Kind.SCRIPT: "话术", Kind.HANDBOOK: "手册"}
MAX_NAME_CHARS = 60  # 60 CJK characters = 180 bytes in UTF-8, under every file system's 255-byte limit
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


@dataclass
class ExportResult:
    folder: Path
    files: int
    by_kind: dict[str, int]


# --- file names -----------------------------------------------------------------------------------------------
def safe_file_stem(title: str) -> str:
    """A file name stem from a title, safe on every platform; never empty."""
    text = unicodedata.normalize("NFC", title or "")
    text = re.sub(r"\s+", " ", text)
    text = _UNSAFE.sub("_", text).strip().strip(".").strip()
    text = text[:MAX_NAME_CHARS].rstrip(" .")
    if not text or text.lower().split(".")[0] in _WINDOWS_RESERVED:
        text = f"_{text}" if text else "未命名"
    return text


class NameAllocator:
    """Hands out unique names, comparing case-insensitively (Windows and macOS file systems do)."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def allocate(self, stem: str, suffix: str = ".md") -> str:
        candidate, n = f"{stem}{suffix}", 1
        while unicodedata.normalize("NFC", candidate).casefold() in self._used:
            n += 1
            candidate = f"{stem} ({n}){suffix}"
        self._used.add(unicodedata.normalize("NFC", candidate).casefold())
        return candidate


# --- one article as Markdown ----------------------------------------------------------------------------------
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter: 3× faster


class _Dumper(_BaseDumper):  # type: ignore[valid-type,misc,unused-ignore]
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # Multi-line text as a literal block is what a person editing the file expects; PyYAML falls back to a
    # quoted scalar by itself when a literal block cannot hold the text exactly (trailing spaces, tabs …).
    if any(ch in value for ch in _YAML_BREAKS) or value.endswith("\n"):
        # YAML folds these breaks into spaces unless escaped, which only double quotes do; and a text ending in a
        # newline would need a "|+" block, after which libyaml writes a "..." end marker the importer stops at.
        style: str | None = '"'
    else:
        style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_YAML_BREAKS = ("\x85", "\u2028", "\u2029", "\r")


_Dumper.add_representer(str, _str_representer)


def front_matter(article: Article) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": article.external_id or article.id,
        "kind": article.kind.value,
        "title": article.title,
        "status": article.status.value,
        "tags": list(article.tags),
        "group": article.group,
        "owner": article.owner,
        "review_interval_days": article.review_interval_days,
        "phrasings": list(article.phrasings),
    }
    for name in KIND_FIELDS[article.kind]:
        value = article.fields.get(name)
        if value not in (None, "", [], {}):
            data[name] = value
    return data


def _body_is_safe_below(body: str) -> bool:
    # The importer strips blank lines between the front matter and the body; a body that starts with them (or
    # contains characters the YAML/line splitting could alter) goes into the front matter instead.
    return not body.startswith(("\n", "\r")) and "\ufeff" not in body[:1]


def article_markdown(article: Article) -> str:
    return markdown_document(front_matter(article), article.body or "")


def markdown_document(data: dict[str, Any], body: str) -> str:
    """YAML front matter (in ``data``'s key order) and the body below it; the same input gives the same bytes."""
    below = _body_is_safe_below(body)
    if not below:
        data = {**data, "body": body}
    head = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{head}---\n" + (f"\n{body}" if below and body else "")


# --- the folder -----------------------------------------------------------------------------------------------
def export_markdown_folder(
    articles: Iterable[Article],
    out: Path,
    *,
    force: bool = False,
    total: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ExportResult:
    out = Path(out).expanduser().absolute()
    replacing = _check_target(out, force)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.export-"))
    try:
        allocators = {kind: NameAllocator() for kind in Kind}
        by_kind = {kind.value: 0 for kind in Kind}
        files: list[str] = []
        for done, article in enumerate(articles, start=1):
            folder = KIND_FOLDERS[article.kind]
            name = allocators[article.kind].allocate(safe_file_stem(article.title))
            target = staging / folder / name
            target.parent.mkdir(exist_ok=True)
            # newline="" keeps the body's own line endings byte for byte
            with open(target, "w", encoding="utf-8", newline="") as handle:
                handle.write(article_markdown(article))
            files.append(f"{folder}/{name}")
            by_kind[article.kind.value] += 1
            if progress is not None and (done % 200 == 0 or done == total):
                progress(done, total or done)
        (staging / MANIFEST).write_text(
            json.dumps({"format": "deskbook-markdown", "version": 1, "files": sorted(files)}, ensure_ascii=False, indent=1),
            "utf-8",
        )
        _move_into_place(staging, out, replacing)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ExportResult(out, len(files), by_kind)


def _check_target(out: Path, force: bool) -> bool:
    """True when an earlier export is to be replaced; raises when the folder must not be touched."""
    if not out.exists():
        return False
    if not out.is_dir():
        raise ExportError(f"{out} 已存在，而且不是文件夹")
    if not any(out.iterdir()):
        return False
    if not force:
        raise ExportError(f"{out} 不是空文件夹（要替换以前的 Deskbook 导出，请加 --force）")
    if not (out / MANIFEST).exists():
        raise ExportError(f"{out} 不是空文件夹，也不是 Deskbook 的导出，不会替换它")
    return True


def _move_into_place(staging: Path, out: Path, replacing: bool) -> None:
    if not replacing:
        if out.exists():
            out.rmdir()  # empty (checked above)
        os.replace(staging, out)
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    os.replace(out, old)
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)

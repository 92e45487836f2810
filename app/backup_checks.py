"""Checking a backup's contents before anything of the current data is replaced.

A backup is a file from anywhere (a USB stick, a colleague), so nothing in it is trusted: members are read as
streams with size caps (a 2 MB zip can declare a 2 GiB manifest), the manifest's fields must have their types,
the settings must pass the app's own loader without anything ignored, the database must migrate and then have
every column this version reads, and templates must pass the same checks as a template used for a letter.
Every refusal is a :class:`BackupError` saying what is wrong; the current data stays as it was.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

MAX_MANIFEST = 1024 * 1024
MAX_SETTINGS = 1024 * 1024
MAX_TEMPLATE_FILE = 20 * 1024 * 1024
MAX_TEMPLATES = 100 * 1024 * 1024
CHECKED_TEMPLATES = ("confirmation_letter.docx",)  # the templates the app renders (app/documents/letter_docx.py)
CHUNK = 1024 * 1024
TemplateCheck = Callable[[Path], None]  # raises ValueError saying why the template cannot be used
MANIFEST_TYPES: dict[str, tuple[type, ...]] = {
    "format": (str,), "format_version": (int,), "app_version": (str,), "created_at": (str,), "articles": (int,),
    "migrations": (list,),
}


class BackupError(ValueError):
    """The backup file cannot be used; the message says why."""


def read_member(archive: zipfile.ZipFile, name: str, limit: int, backup: str) -> bytes:
    """A member's bytes, refused when it is (or turns out to be) larger than ``limit``."""
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise BackupError(f"{backup}：{name} 有 {info.file_size} 字节，超过 Deskbook 备份的上限（{limit}）")
    with archive.open(info) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise BackupError(f"{backup}：{name} 超过 Deskbook 备份的上限（{limit} 字节）")
    return data


def extract_member(archive: zipfile.ZipFile, name: str, target: Path, limit: int, backup: str) -> None:
    """Stream a member to ``target`` (never whole in memory), refused past ``limit`` bytes."""
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise BackupError(f"{backup}：{name} 有 {info.file_size} 字节，超过允许的大小（{limit}）")
    written = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with archive.open(info) as member, open(target, "wb") as out:
        while chunk := member.read(CHUNK):
            written += len(chunk)
            if written > limit:
                raise BackupError(f"{backup}：{name} 超过允许的大小（{limit} 字节）")
            out.write(chunk)


def check_space(archive: zipfile.ZipFile, into: Path, backup: str) -> None:
    """Refuse a backup whose members would not fit on the disk (twice: the extracted copy and the swap)."""
    declared = sum(info.file_size for info in archive.infolist())
    free = shutil.disk_usage(into).free
    if declared * 2 > free:
        raise BackupError(f"{backup} 解压后有 {declared // (1024 * 1024)} MB，磁盘只剩 "
                          f"{free // (1024 * 1024)} MB，请先腾出空间再恢复")


def check_manifest(raw: bytes, backup: str, expected_format: str, format_version: int) -> dict[str, Any]:
    try:
        manifest = json.loads(raw)
    except (ValueError, RecursionError):
        raise BackupError(f"{backup} 已损坏（manifest.json 不是有效的 JSON）") from None
    if not isinstance(manifest, dict) or manifest.get("format") != expected_format:
        raise BackupError(f"{backup} 不是 Deskbook 备份（manifest.json 的格式不认识）")
    for key, types in MANIFEST_TYPES.items():
        value = manifest.get(key)
        if value is not None and (not isinstance(value, types) or isinstance(value, bool)):
            raise BackupError(f"{backup} 已损坏（manifest.json 的字段 {key} 类型不对）")
    if not all(isinstance(m, str) for m in manifest.get("migrations") or []):
        raise BackupError(f"{backup} 已损坏（manifest.json 的字段 migrations 不是名称列表）")
    if int(manifest.get("format_version", 0)) > format_version:
        raise BackupError(f"{backup} 由更新版本的 Deskbook 生成，请先升级 Deskbook 再恢复")
    return manifest


def check_settings(raw: bytes, backup: str) -> None:
    """The settings must load with the app's own loader and nothing ignored (else the app would start with
    defaults the user never chose, or, before this check, crash on every start)."""
    from app.settings import Settings

    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise BackupError(f"{backup}：settings.json 不是有效的 JSON") from None
    _settings, ignored = Settings.read(data)
    if ignored:
        raise BackupError(f"{backup}：settings.json 无法使用（{'；'.join(ignored)[:300]}）")


def check_schema(database: Path, backup: str) -> None:
    """Migrate the extracted copy as opening it would, then compare its tables and columns with the schema this
    version creates; a database that only has the right table names is refused."""
    from app.store import migrate, open_database

    expected = _columns(_fresh_schema())
    db = open_database(database)
    try:
        migrate(db)
        found = _columns(db.conn)
    except (sqlite3.DatabaseError, ValueError, TypeError, KeyError):
        raise BackupError(f"{backup} 中的数据库无法升级到当前结构，请换一个备份") \
            from None
    finally:
        db.conn.close()
    problems = []
    for table, columns in expected.items():
        missing = columns - found.get(table, set())
        if table not in found:
            problems.append(f"缺少数据表 {table}")
        elif missing:
            problems.append(f"数据表 {table} 缺少列 {', '.join(sorted(missing))}")
    if problems:
        raise BackupError(f"{backup} 中的数据库不是 Deskbook 数据库（{'；'.join(problems[:3])}）")


def _fresh_schema() -> sqlite3.Connection:
    from app.store import migrate, open_database

    db = open_database(None)
    migrate(db)
    return db.conn


def _columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                          "AND name NOT LIKE 'sqlite_%'")]
    return {t: {r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')} for t in tables}


def check_templates(archive: zipfile.ZipFile, members: list[str], into: Path, backup: str,
                    check_template: TemplateCheck | None) -> None:
    """Extract the templates folder into ``into`` (capped); the templates the app renders are given to
    ``check_template`` (the facade passes the letter's own check, run in a helper process with limits), other
    files are kept as they are."""
    total = 0
    for name in members:
        relative = Path(name[len("templates/"):])
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise BackupError(f"{backup}：{name} 指向模板文件夹之外")
        total += archive.getinfo(name).file_size
        if total > MAX_TEMPLATES:
            raise BackupError(f"{backup}：模板文件合计超过允许的大小（{MAX_TEMPLATES} 字节）")
        target = into / relative
        extract_member(archive, name, target, MAX_TEMPLATE_FILE, backup)
        if check_template is None or relative.as_posix() not in CHECKED_TEMPLATES:
            continue
        try:
            check_template(target)
        except ValueError as error:
            raise BackupError(f"{backup}：模板 {relative.as_posix()} 无法使用：{error}") from None


def scratch_dir(root: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=".restore-", dir=root))

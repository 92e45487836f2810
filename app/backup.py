"""Backups of a data directory, and restoring one.

A backup is one ZIP file (easy to copy to a USB stick or a shared drive, and to send to a colleague)::

    deskbook-backup-20261122-090000.zip
        manifest.json      format, app version, when, article count, the schema migrations applied
        deskbook.sqlite3   a consistent copy made with SQLite's online backup API (works while the GUI is open)
        settings.json      the domain settings, when present
        templates/…        the user's edited document templates, when present

The search index is not included: it is derived and is rebuilt after a restore.

``restore`` unpacks and checks the whole archive beside the data before touching it (``backup_checks.py``: members
streamed with size caps, a typed manifest, settings the app's loader accepts, a database passing
``PRAGMA integrity_check`` that migrates to every column this version reads, no schema newer than this program,
templates that pass the letter checks), refuses the GUI's data directory while the window is open, keeps the
current data as a backup in ``backups/``, gives the restored database a new identity, then removes the index and
swaps the files in (a restore killed half-way is finished or cleaned up on the next open). Automatic daily backups (``deskbook-auto-*.zip`` in ``backups/``) keep ``Settings.backup_keep``.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app import __version__
from app import backup_checks as checks
from app.backup_checks import BackupError
from app.instance import InstanceLock, gui_lock
from app.model import to_iso, utcnow
from app.paths import DataPaths
from app.store.errors import storage_errors
from app.store.identity import renew_identity
from app.store.migrations import known_steps

log = logging.getLogger(__name__)

FORMAT = "deskbook-backup"
FORMAT_VERSION = 1
DB_NAME = "deskbook.sqlite3"
MANIFEST = "manifest.json"
SETTINGS = "settings.json"
TEMPLATES = "templates/"
AUTO_PREFIX = "deskbook-auto-"
REQUIRED_TABLES = {"articles", "versions", "index_journal", "_sqlite_migrations"}
AUTO_INTERVAL = timedelta(days=1)
MAX_DATABASE = 16 * 1024 * 1024 * 1024  # bytes; far beyond any knowledge base, but not a disk-filling bomb
READY_MARK = "READY"

__all__ = ["BackupError", "RestoreResult", "backup", "finish_interrupted_restore", "inspect_backup", "prepare_data_dir",
           "restore"]


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_data_backup: Path | None  # where the data that was replaced now lives
    articles: int


# --- making a backup ------------------------------------------------------------------------------------------
def backup(paths: DataPaths | None, path: Path | str, now: datetime, *, prefix: str = "deskbook-backup-") -> Path:
    """Back up the data directory to ``path`` (a .zip file, or a folder to put a dated one in); returns the file."""
    if paths is None:
        raise BackupError("内存中的知识库没有数据目录，无法备份")
    return write_archive(paths, _target(Path(path), now, prefix), now)


def write_archive(paths: DataPaths, target: Path, now: datetime) -> Path:
    """Back up the data directory ``paths`` to ``target`` atomically (a temporary file renamed at the end)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with storage_errors(target.parent), tempfile.TemporaryDirectory(prefix="deskbook-backup-") as scratch:
        db_copy = Path(scratch) / DB_NAME
        articles, migrations = _copy_database(paths.database, db_copy)
        manifest = {
            "format": FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__,
            "created_at": to_iso(now), "articles": articles, "migrations": migrations,
        }
        partial = target.with_name(target.name + ".partial")
        try:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
                archive.write(db_copy, DB_NAME)
                if paths.settings_file.is_file():
                    archive.write(paths.settings_file, SETTINGS)
                if paths.templates_dir.is_dir():
                    for file in sorted(paths.templates_dir.rglob("*")):
                        if file.is_file():
                            archive.write(file, TEMPLATES + file.relative_to(paths.templates_dir).as_posix())
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return target


def _copy_database(source: Path, dest: Path) -> tuple[int, list[str]]:
    """A consistent copy through the online backup API, from a connection of our own (thread- and GUI-safe)."""
    src = sqlite3.connect(_read_only_uri(source), uri=True, timeout=10)
    out = sqlite3.connect(str(dest))
    try:
        src.backup(out)
        out.execute("PRAGMA journal_mode = DELETE")  # a self-contained file, no -wal beside it
        articles = out.execute("SELECT count(*) FROM articles").fetchone()[0]
        migrations = [r[0] for r in out.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    finally:
        out.close()
        src.close()
    return articles, migrations


def _read_only_uri(path: Path) -> str:
    # as_uri() percent-encodes, so folders named 张三 or holding '?' and '#' work.
    return Path(path).resolve().as_uri() + "?mode=ro"


def _target(path: Path, now: datetime, prefix: str) -> Path:
    if path.is_dir() or str(path).endswith(("/", os.sep)) or not path.suffix:
        path.mkdir(parents=True, exist_ok=True)
        name = f"{prefix}{now.astimezone().strftime('%Y%m%d-%H%M%S')}"
        candidate, n = path / f"{name}.zip", 1
        while candidate.exists():  # two backups in the same second
            n += 1
            candidate = path / f"{name}-{n}.zip"
        return candidate
    return path


# --- checking and restoring -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Staged:
    """A checked backup unpacked beside the data, ready to be swapped in."""

    manifest: dict
    folder: Path  # holds deskbook.sqlite3 and, when the backup has them, settings.json and templates/

    @property
    def database(self) -> Path:
        return self.folder / DB_NAME


def inspect_backup(path: Path | str, *, check_template: checks.TemplateCheck | None = None) -> dict:
    """The manifest of a usable backup; raises :class:`BackupError` saying what is wrong otherwise."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="deskbook-check-") as scratch:
        return _extract_checked(path, Path(scratch), check_template).manifest


def _extract_checked(path: Path, into: Path, check_template: checks.TemplateCheck | None) -> Staged:
    """Unpack the backup into ``into`` and check all of it (see ``backup_checks.py``); nothing outside is touched."""
    if not path.is_file():
        raise BackupError(f"找不到备份文件 {path}")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise BackupError(f"{path.name} 不是 Deskbook 备份（不是 ZIP 压缩文件，或文件不完整）") from None
    with archive:
        names = set(archive.namelist())
        if MANIFEST not in names or DB_NAME not in names:
            raise BackupError(f"{path.name} 不是 Deskbook 备份（里面没有 {MANIFEST} 或 {DB_NAME}）")
        try:
            manifest = checks.check_manifest(checks.read_member(archive, MANIFEST, checks.MAX_MANIFEST, path.name),
                                             path.name, FORMAT, FORMAT_VERSION)
            checks.check_space(archive, into, path.name)
            checks.extract_member(archive, DB_NAME, into / DB_NAME, MAX_DATABASE, path.name)
            if SETTINGS in names:
                raw = checks.read_member(archive, SETTINGS, checks.MAX_SETTINGS, path.name)
                checks.check_settings(raw, path.name)
                (into / SETTINGS).write_bytes(raw)
            templates = sorted(n for n in names if n.startswith(TEMPLATES) and not n.endswith("/"))
            checks.check_templates(archive, templates, into / "templates", path.name, check_template)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
            raise BackupError(f"{path.name} 已损坏（{_damage(error)}），请换一个备份") from None
    _check_database(into / DB_NAME, path.name)
    checks.check_schema(into / DB_NAME, path.name)
    return Staged(manifest, into)


def _damage(error: BaseException) -> str:
    """What went wrong reading the archive, in words (zipfile's and zlib's messages are English)."""
    if isinstance(error, OSError):
        return f"读取时出错：{os.strerror(error.errno)}" if error.errno else "读取时出错"
    return "压缩数据不完整或有误"


def _check_database(database: Path, name: str) -> None:
    conn = sqlite3.connect(_read_only_uri(database), uri=True)
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise BackupError(f"{name} 中的数据库已损坏（完整性检查未通过），请换一个备份")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = REQUIRED_TABLES - tables
        if missing:
            raise BackupError(f"{name} 中的数据库不是 Deskbook 数据库（缺少数据表 {', '.join(sorted(missing))}）")
        applied = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'deskbook'")}
    except sqlite3.DatabaseError:
        raise BackupError(f"{name} 中的数据库已损坏或不是数据库文件，请换一个备份") from None
    finally:
        conn.close()
    unknown = applied - known_steps()
    if unknown:
        raise BackupError(f"{name} 由更新版本的 Deskbook 生成（数据库结构步骤 {', '.join(sorted(unknown))}），请先升级 Deskbook")


def restore(data_dir: Path | str, path: Path | str, *, now: datetime | None = None,
            check_template: checks.TemplateCheck | None = None) -> RestoreResult:
    """Replace the data in ``data_dir`` with the backup at ``path``, keeping the current data as a backup first.

    ``check_template`` is given each document template the app renders (see ``backup_checks.check_templates``).

    Everything is unpacked and checked beside the data first (``.restore-*``); only then is a READY mark written
    and the files swapped in. A restore killed before the mark leaves the data as it was (the unpacked copy is
    removed on the next open); one killed after it is finished on the next open (:func:`finish_interrupted_restore`).
    """
    paths = DataPaths(Path(data_dir)).ensure()
    path = Path(path)
    now = now or utcnow()
    lock = gui_lock(paths.root)
    if not lock.acquire():
        raise BackupError(f"Deskbook 正在使用 {paths.root}，请先关闭它的窗口，再恢复")
    restoring = _restore_lock(paths)
    restoring.acquire(blocking=True)
    try:
        _finish_or_clean(paths)
        with storage_errors(paths.root):
            scratch = checks.scratch_dir(paths.root)
            try:
                staged = _extract_checked(path, scratch, check_template)
                renew_identity(staged.database)  # not the database any existing index was built from
                previous = _keep_current(paths, now) if paths.database.exists() else None
                _fsync(staged.database)
                (scratch / READY_MARK).write_text(path.name, "utf-8")
            except BaseException:
                shutil.rmtree(scratch, ignore_errors=True)
                raise
            _swap_in(scratch, paths)
    finally:
        restoring.release()
        lock.release()
    return RestoreResult(path, previous, int(staged.manifest.get("articles") or 0))


def prepare_data_dir(data_dir: Path | str | None) -> DataPaths | None:
    """The data directory's layout (the folder created if needed) after :func:`finish_interrupted_restore`;
    None for an in-memory desk. Run before the database opens: it may be the file a restore swaps."""
    if data_dir is None:
        return None
    paths = DataPaths(Path(data_dir)).ensure()
    finish_interrupted_restore(paths)
    return paths


def finish_interrupted_restore(paths: DataPaths) -> None:
    """On open: finish a restore that was killed after its checks passed, remove one killed before."""
    if not any(paths.root.glob(".restore-*")) and not any(paths.root.glob("*.restoring")):
        return
    lock = _restore_lock(paths)
    try:
        if not lock.acquire():
            return  # a restore is running right now: its folder is not a leftover
    except OSError:  # a read-only folder: nothing can be finished or cleaned there
        return
    try:
        _finish_or_clean(paths)
    finally:
        lock.release()


def _finish_or_clean(paths: DataPaths) -> None:
    for folder in sorted(paths.root.glob(".restore-*")):
        if (folder / READY_MARK).is_file():
            log.warning("finishing a restore that was interrupted (%s)", folder.name)
            _swap_in(folder, paths)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    for staged in paths.root.glob("*.restoring"):  # what restores before issue 18 staged beside the files
        staged.unlink(missing_ok=True)


def _swap_in(folder: Path, paths: DataPaths) -> None:
    """Move a checked, READY-marked backup into place; every step can be redone after a crash."""
    # The index describes the replaced data: away first, so a crash after the swap cannot leave it "ready".
    if paths.index_dir.exists():
        old = paths.index_dir.with_name(paths.index_dir.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(paths.index_dir, old)
        shutil.rmtree(old, ignore_errors=True)
    staged_db = folder / DB_NAME
    if staged_db.exists():
        # The old -wal/-shm belong to the old database; left beside the new one they would be replayed into it.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(str(paths.database) + suffix).unlink(missing_ok=True)
        os.replace(staged_db, paths.database)
    if (folder / SETTINGS).exists():
        os.replace(folder / SETTINGS, paths.settings_file)
    if (folder / "templates").is_dir():
        if paths.templates_dir.exists():
            os.replace(paths.templates_dir, folder / "templates.old")
        os.replace(folder / "templates", paths.templates_dir)
    shutil.rmtree(folder, ignore_errors=True)


def _restore_lock(paths: DataPaths) -> InstanceLock:
    return InstanceLock(paths.root / "restore.lock")


def _fsync(file: Path) -> None:
    with open(file, "rb+") as handle:
        os.fsync(handle.fileno())


def _keep_current(paths: DataPaths, now: datetime) -> Path:
    target = _target(paths.backups_dir, now, "deskbook-before-restore-")
    try:
        return write_archive(paths, target, now)
    except (sqlite3.DatabaseError, KeyError) as error:
        # The current database may be the reason for restoring (damaged): keep its raw files instead.
        log.warning("current database cannot be backed up cleanly (%s); keeping its files as they are", error)
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for file in paths.root.glob(DB_NAME + "*"):
                archive.write(file, "raw/" + file.name)
            if paths.settings_file.is_file():
                archive.write(paths.settings_file, SETTINGS)
        return target


# --- automatic daily backups ----------------------------------------------------------------------------------
def auto_backups(paths: DataPaths) -> list[Path]:
    """The automatic backups, oldest first."""
    if not paths.backups_dir.is_dir():
        return []
    return sorted(paths.backups_dir.glob(f"{AUTO_PREFIX}*.zip"), key=lambda p: (p.stat().st_mtime, p.name))


def auto_backup_due(paths: DataPaths, now: datetime) -> bool:
    existing = auto_backups(paths)
    if not existing:
        return True
    newest = datetime.fromtimestamp(existing[-1].stat().st_mtime, tz=now.tzinfo)
    return now - newest >= AUTO_INTERVAL


def auto_backup(paths: DataPaths | None, keep: int, now: datetime) -> Path | None:
    """Make the daily backup if the newest is a day old (or there is none), then keep only the newest ``keep``.

    Returns the new file, or None when none was due. Safe to run on a worker thread while the GUI works.
    """
    if paths is None:
        return None
    if not auto_backup_due(paths, now):
        return None
    made = backup(paths, paths.backups_dir, now, prefix=AUTO_PREFIX)
    os.utime(made, (now.timestamp(), now.timestamp()))  # the age check reads the time the backup stands for
    prune_auto_backups(paths, max(1, int(keep)))
    return made


def prune_auto_backups(paths: DataPaths, keep: int) -> list[Path]:
    """Delete automatic backups beyond the newest ``keep`` (manual and before-restore backups are never touched)."""
    existing = auto_backups(paths)
    doomed = existing[: max(0, len(existing) - keep)]
    for file in doomed:
        file.unlink(missing_ok=True)
    return doomed

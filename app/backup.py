"""Backups of a data directory, and restoring one.

A backup is one ZIP file (easy to copy to a USB stick or a shared drive, and to send to a colleague)::

    deskbook-backup-20261122-090000.zip
        manifest.json      format, app version, when, article count, the schema migrations applied
        deskbook.sqlite3   a consistent copy made with SQLite's online backup API (works while the GUI is open)
        settings.json      the domain settings, when present
        templates/…        the user's edited document templates, when present

The search index is not included: it is derived and is rebuilt after a restore.

``restore`` checks the archive (a ZIP with a manifest, a database passing ``PRAGMA integrity_check``, the
expected tables, no schema newer than this program), refuses the GUI's data directory while the window is open,
keeps the current data as a backup in ``backups/`` first, then swaps the files in and removes the index so the next
start rebuilds it. Automatic daily backups (``deskbook-auto-*.zip`` in ``backups/``) keep ``Settings.backup_keep``.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app import __version__
from app.instance import gui_lock
from app.model import to_iso, utcnow
from app.paths import DataPaths
from app.store.errors import storage_errors
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


class BackupError(ValueError):
    """The backup file cannot be used; the message says why."""


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_data_backup: Path | None  # where the data that was replaced now lives
    articles: int


# --- making a backup ------------------------------------------------------------------------------------------
def backup(paths: DataPaths | None, path: Path | str, now: datetime, *, prefix: str = "deskbook-backup-") -> Path:
    """Back up the data directory to ``path`` (a .zip file, or a folder to put a dated one in); returns the file."""
    if paths is None:
        raise BackupError("an in-memory knowledge base has no data directory to back up")
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
def inspect_backup(path: Path | str) -> dict:
    """The manifest of a usable backup; raises :class:`BackupError` saying what is wrong otherwise."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="deskbook-check-") as scratch:
        return _extract_checked(path, Path(scratch))[0]


def _extract_checked(path: Path, into: Path) -> tuple[dict, Path]:
    """Extract the database (and check it) into ``into``; returns (manifest, database file)."""
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupError(f"{path.name} is not a Deskbook backup (not a ZIP archive: {error})") from None
    with archive:
        names = set(archive.namelist())
        if MANIFEST not in names or DB_NAME not in names:
            raise BackupError(f"{path.name} is not a Deskbook backup (no {MANIFEST} or {DB_NAME} inside)")
        try:
            manifest = json.loads(archive.read(MANIFEST))
            if archive.testzip() is not None:
                raise zipfile.BadZipFile("a member fails its checksum")
            archive.extract(DB_NAME, into)
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
            raise BackupError(f"{path.name} is damaged ({error}); use another backup") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path.name} is not a Deskbook backup (unknown manifest)")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise BackupError(f"{path.name} was made by a newer Deskbook; update Deskbook to restore it")
    database = into / DB_NAME
    _check_database(database, path.name)
    return manifest, database


def _check_database(database: Path, name: str) -> None:
    conn = sqlite3.connect(_read_only_uri(database), uri=True)
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            raise BackupError(f"the database in {name} is damaged ({'; '.join(result[:3])}); use another backup")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = REQUIRED_TABLES - tables
        if missing:
            raise BackupError(f"the database in {name} is not a Deskbook database (missing {', '.join(sorted(missing))})")
        applied = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'deskbook'")}
    except sqlite3.DatabaseError as error:
        raise BackupError(f"the database in {name} is damaged or not a database ({error}); use another backup") from None
    finally:
        conn.close()
    unknown = applied - known_steps()
    if unknown:
        raise BackupError(f"{name} was made by a newer Deskbook (schema steps {', '.join(sorted(unknown))}); update first")


def restore(data_dir: Path | str, path: Path | str, *, now: datetime | None = None) -> RestoreResult:
    """Replace the data in ``data_dir`` with the backup at ``path``, keeping the current data as a backup first."""
    paths = DataPaths(Path(data_dir)).ensure()
    path = Path(path)
    now = now or utcnow()
    lock = gui_lock(paths.root)
    if not lock.acquire():
        raise BackupError(f"Deskbook is open on {paths.root}; close its window, then restore")
    try:
        with storage_errors(paths.root), tempfile.TemporaryDirectory(prefix=".restore-", dir=paths.root) as scratch:
            manifest, database = _extract_checked(path, Path(scratch))
            previous = None
            if paths.database.exists():
                previous = _keep_current(paths, now)
            _swap_database(database, paths.database)
            _restore_extras(path, paths)
            # The index describes the replaced data: remove it so the next start rebuilds it from the restored one.
            shutil.rmtree(paths.index_dir, ignore_errors=True)
    finally:
        lock.release()
    return RestoreResult(path, previous, int(manifest.get("articles", 0)))


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


def _swap_database(new: Path, current: Path) -> None:
    # The old -wal/-shm belong to the old database; left beside the new one they would be replayed into it.
    for suffix in ("-wal", "-shm", "-journal"):
        Path(str(current) + suffix).unlink(missing_ok=True)
    staged = current.with_name(current.name + ".restoring")
    shutil.copyfile(new, staged)
    with open(staged, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(staged, current)


def _restore_extras(path: Path, paths: DataPaths) -> None:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        if SETTINGS in names:
            staged = paths.settings_file.with_suffix(".restoring")
            staged.write_bytes(archive.read(SETTINGS))
            os.replace(staged, paths.settings_file)
        members = [n for n in names if n.startswith(TEMPLATES) and not n.endswith("/")]
        if members:
            shutil.rmtree(paths.templates_dir, ignore_errors=True)
            for name in members:
                relative = Path(name[len(TEMPLATES):])
                if relative.is_absolute() or ".." in relative.parts:
                    continue  # never write outside the templates folder
                target = paths.templates_dir / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))


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

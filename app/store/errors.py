"""Storage failures the user can act on: a read-only, full, failing or damaged data folder.

SQLite and the file system report these as ``sqlite3.OperationalError`` or ``OSError``; the services turn them
into :class:`StorageError`, whose message says what happened and what to do, so the CLI prints it and the GUI
shows it in a dialog instead of a traceback. Errors are classified by their codes, never by message text.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path

FULL_BELOW_BYTES = 256 * 1024  # free space under which an I/O error is a full disk (SQLite cannot grow its files)


class StorageProblem(StrEnum):
    READ_ONLY = "read-only"
    FULL = "full"
    IO = "io"
    CANNOT_OPEN = "cannot-open"
    DAMAGED = "damaged"


class StorageError(RuntimeError):
    """The data folder cannot be read or written; ``str(error)`` is a message for the user, in Chinese."""

    def __init__(self, problem: StorageProblem, place: Path | str | None, cause: BaseException | None = None):
        self.problem, self.place, self.cause = problem, place, cause  # the cause (English) is for the log
        super().__init__(self.message_zh)

    @property
    def message_zh(self) -> str:
        """The message in Chinese (the CLI prints it first)."""
        return _MESSAGES_ZH[self.problem].format(place=f"（{self.place}）" if self.place else "")


_MESSAGES_ZH = {
    StorageProblem.READ_ONLY: "数据文件夹{place}是只读的，Deskbook 无法在这里保存。数据没有任何改动。"
                              "请给当前用户该文件夹的写权限，或用 --data-dir 指定一个可写的文件夹。",
    StorageProblem.FULL: "数据文件夹{place}所在的磁盘已满，Deskbook 需要少量空间才能打开或保存数据。"
                         "现有数据完好无损；请释放一些磁盘空间后重试。",
    StorageProblem.IO: "数据文件夹{place}所在的磁盘报告了读写错误，本次操作没有完成。请检查磁盘（或网络驱动器）后重试；"
                       "如果反复出现，请从备份恢复。",
    StorageProblem.CANNOT_OPEN: "无法打开数据文件夹{place}中的数据库。请确认该文件夹存在，且当前用户可以读写。",
    StorageProblem.DAMAGED: "数据文件夹{place}中的数据库已损坏。请恢复最新的备份（deskbook restore 备份文件），"
                            "备份在该文件夹的 backups 子文件夹中。",
}


# Aliases so callers can say what they mean.
DataDirError = StorageError

_SQLITE_PROBLEMS = {
    "SQLITE_READONLY": StorageProblem.READ_ONLY,
    "SQLITE_FULL": StorageProblem.FULL,
    "SQLITE_IOERR": StorageProblem.IO,
    "SQLITE_CANTOPEN": StorageProblem.CANNOT_OPEN,
    "SQLITE_CORRUPT": StorageProblem.DAMAGED,
    "SQLITE_NOTADB": StorageProblem.DAMAGED,
}
_ERRNO_PROBLEMS = {
    errno.EROFS: StorageProblem.READ_ONLY,
    errno.EACCES: StorageProblem.READ_ONLY,
    errno.EPERM: StorageProblem.READ_ONLY,
    errno.ENOSPC: StorageProblem.FULL,
    errno.EDQUOT: StorageProblem.FULL,
    errno.EIO: StorageProblem.IO,
}


def classify(error: BaseException, place: Path | str | None = None) -> StorageError | None:
    """The :class:`StorageError` for ``error``, or None when it is not a storage problem (a bug, a busy lock)."""
    if isinstance(error, StorageError):
        return error
    problem: StorageProblem | None = None
    if isinstance(error, sqlite3.Error):
        name = getattr(error, "sqlite_errorname", "") or ""
        # Extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED …) share their primary code's prefix.
        for prefix, candidate in _SQLITE_PROBLEMS.items():
            if name == prefix or name.startswith(prefix + "_"):
                problem = candidate
                break
        if problem is StorageProblem.CANNOT_OPEN and place is not None and not _writable(place):
            problem = StorageProblem.READ_ONLY  # SQLite cannot create its -wal/-shm files in a read-only folder
        if problem in (StorageProblem.IO, StorageProblem.CANNOT_OPEN) and place is not None and _disk_full(place):
            problem = StorageProblem.FULL  # growing the -shm file on a full disk fails as an I/O error
    elif isinstance(error, OSError):
        problem = _ERRNO_PROBLEMS.get(error.errno or 0)
        if problem is StorageProblem.IO and place is not None and _disk_full(place):
            problem = StorageProblem.FULL
    if problem is None:
        return None
    return StorageError(problem, place, error)


@contextmanager
def storage_errors(place: Path | str | None) -> Iterator[None]:
    """Re-raise storage failures inside the block as :class:`StorageError` (others pass through unchanged)."""
    try:
        yield
    except (sqlite3.Error, OSError) as error:
        translated = classify(error, place)
        if translated is None:
            raise
        raise translated from error


def _disk_full(place: Path | str) -> bool:
    path = Path(place)
    folder = path if path.is_dir() else path.parent
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW_BYTES
    except OSError:
        return False


def _writable(place: Path | str) -> bool:
    path = Path(place)
    folder = path if path.is_dir() else path.parent
    return os.access(folder, os.W_OK) and (not path.is_file() or os.access(path, os.W_OK))

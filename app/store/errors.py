"""Storage failures the user can act on: a read-only, full, failing or damaged data folder.

SQLite and the file system report these as ``sqlite3.OperationalError`` or ``OSError``; the services turn them
into :class:`StorageError`, whose message says what happened and what to do, so the CLI prints it and the GUI
shows it in a dialog instead of a traceback. Errors are classified by their codes, never by message text.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path


class StorageProblem(StrEnum):
    READ_ONLY = "read-only"
    FULL = "full"
    IO = "io"
    CANNOT_OPEN = "cannot-open"
    DAMAGED = "damaged"


class StorageError(RuntimeError):
    """The data folder cannot be read or written; ``str(error)`` is a message for the user."""

    def __init__(self, problem: StorageProblem, place: Path | str | None, cause: BaseException | None = None):
        self.problem, self.place, self.cause = problem, place, cause
        super().__init__(_message(problem, place, cause))


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
    elif isinstance(error, OSError):
        problem = _ERRNO_PROBLEMS.get(error.errno or 0)
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


def _writable(place: Path | str) -> bool:
    path = Path(place)
    folder = path if path.is_dir() else path.parent
    return os.access(folder, os.W_OK) and (not path.is_file() or os.access(path, os.W_OK))


def _message(problem: StorageProblem, place: Path | str | None, cause: BaseException | None) -> str:
    where = f" ({place})" if place else ""
    detail = f" [{cause}]" if cause else ""
    if problem is StorageProblem.READ_ONLY:
        what = "The database file" if place is not None and Path(place).is_file() else "The data folder"
        text = (f"{what}{where} is read-only, so Deskbook cannot save there. "
                "Nothing was changed. Give your user write permission on the folder, or start Deskbook with "
                "--data-dir pointing to a writable folder.")
    elif problem is StorageProblem.FULL:
        text = (f"The disk holding the data folder{where} is full. The change was not saved and the existing data "
                "is intact. Free some space, then try again.")
    elif problem is StorageProblem.IO:
        text = (f"The disk reported a read/write error in the data folder{where}. The change was not saved. "
                "Check the disk (or the network drive), then try again; restore from a backup if this repeats.")
    elif problem is StorageProblem.DAMAGED:
        text = (f"The database in the data folder{where} is damaged. Restore the newest backup "
                "(deskbook restore PATH); the backups are in the folder's 'backups' subfolder.")
    else:
        text = (f"Deskbook cannot open the database in the data folder{where}. Check that the folder exists and "
                "that your user may read and write it.")
    return text + detail

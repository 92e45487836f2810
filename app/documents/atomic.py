"""Atomic file writes: write a temp file next to the target, then ``os.replace`` it into place."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from app.documents.errors import ExportExists


def atomic_write(path: Path | str, write: Callable[[Path], None], *, force: bool = False) -> Path:
    """Call ``write(temp_path)`` and move the result to ``path``.

    The temp file lives in the same directory, so the final rename is atomic on the same file system. If
    ``write`` raises, the temp file is removed and ``path`` is untouched.
    """
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, f"{path} 是一个文件夹，请给出文件名", str(path))
    if path.exists() and not force:
        raise ExportExists(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise FileNotFoundError(errno.ENOENT, f"文件夹 {directory} 不存在", str(path))
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    os.close(fd)
    temp = Path(temp_name)
    try:
        write(temp)
        # mkstemp creates the file 0600; a document should have the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        if path.exists() and not force:  # appeared while we were writing
            raise ExportExists(path)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path


def atomic_write_bytes(path: Path | str, data: bytes, *, force: bool = False) -> Path:
    def write(temp: Path) -> None:
        temp.write_bytes(data)

    return atomic_write(path, write, force=force)

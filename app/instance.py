"""One running GUI per data directory: an operating-system file lock held for the life of the window.

The lock is taken with ``flock`` (POSIX) or ``msvcrt.locking`` (Windows) on ``gui.lock`` in the data directory.
The operating system releases it when the process ends, however it ends (a crash or ``kill -9`` included), so a
leftover lock file never blocks the next start. The file holds the owner's process id for messages only.
No Qt here: the restore command uses the same lock to refuse replacing data under a running window.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType


class AlreadyRunning(RuntimeError):
    """Another Deskbook window holds this data directory."""

    def __init__(self, data_dir: Path, pid: int | None):
        owner = f"（进程 {pid}）" if pid else ""
        super().__init__(f"Deskbook 已经在使用数据文件夹 {data_dir} 运行{owner}。")
        self.data_dir, self.pid = data_dir, pid


class InstanceLock:
    """A non-blocking exclusive lock on one file. ``acquire()`` returns False when someone else holds it."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, blocking: bool = False) -> bool:
        """Take the lock; False when another holds it (with ``blocking``, wait for it instead)."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd, blocking):
            os.close(fd)
            return False
        # Record who holds it (for the "already running" message); the lock, not the text, is what counts.
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def owner_pid(self) -> int | None:
        """The process id written by the holder, if readable."""
        try:
            return int(self.path.read_text("ascii").strip() or 0) or None
        except (OSError, ValueError):
            return None

    def __enter__(self) -> InstanceLock:
        if not self.acquire():
            raise AlreadyRunning(self.path.parent, self.owner_pid())
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.release()


def gui_lock(data_dir: Path) -> InstanceLock:
    """The lock that the running GUI holds on ``data_dir`` (see :class:`app.paths.DataPaths`)."""
    from app.paths import DataPaths

    return InstanceLock(DataPaths(Path(data_dir)).instance_lock)


def is_gui_running(data_dir: Path) -> bool:
    """True when a Deskbook window currently holds ``data_dir``."""
    lock = gui_lock(data_dir)
    if not lock.path.exists():
        return False
    if lock.acquire():
        lock.release()
        return False
    return True


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int, blocking: bool = False) -> bool:
        while True:
            try:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return True
            except OSError:
                if not blocking:
                    return False
                import time

                time.sleep(0.1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int, blocking: bool = False) -> bool:
        # flock, not lockf: flock locks belong to the open file, so even a second lock in the same process
        # conflicts (which keeps the tests honest) and the kernel drops it when the process dies.
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

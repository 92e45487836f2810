"""Helper processes that never outlive the app and cannot take the machine down.

Two kinds of work run in a second Python process: half of a big index rebuild (``app.search.build_worker``) and
rendering a document template someone else wrote (``app.templates.isolated``). A helper calls
:func:`die_with_parent` first thing, so killing the app (kill -9, a crash, the task manager) ends it too, and
:func:`limit_resources` where the platform has resource limits.

How the helper notices its parent is gone:

- Linux: ``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills it the moment the parent thread that started it
  ends (the threads that start helpers wait for them, so that is when the app ends);
- other POSIX systems: a watchdog thread sees the parent process id change (the helper is re-parented);
- Windows: a watchdog thread waits on a handle of the parent process.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import threading
import time

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1
WATCH_INTERVAL_SECONDS = 0.5


def die_with_parent(parent_pid: int) -> None:
    """End this process when ``parent_pid`` ends (see the module's docstring for how, per platform)."""
    if sys.platform.startswith("linux") and _linux_death_signal():
        if os.getppid() != parent_pid:  # the parent died before the signal was armed
            _end_now()
        return
    if os.name == "nt":
        threading.Thread(target=_wait_for_windows_parent, args=(parent_pid,), daemon=True).start()
        return
    threading.Thread(target=_watch_posix_parent, args=(parent_pid,), daemon=True).start()


def _linux_death_signal() -> bool:
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_posix_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCH_INTERVAL_SECONDS)
    _end_now()


def _wait_for_windows_parent(parent_pid: int) -> None:
    synchronize, infinite = 0x00100000, 0xFFFFFFFF
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(synchronize, False, parent_pid)
    if not handle:  # already gone
        _end_now()
    kernel32.WaitForSingleObject(handle, infinite)
    _end_now()


def _end_now() -> None:
    """End this process at once, from any thread (sys.exit would only end the calling thread)."""
    import signal

    os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


def limit_resources(memory_bytes: int, cpu_seconds: int) -> None:
    """Cap this process's address space and CPU time where the platform supports it (POSIX)."""
    try:
        import resource
    except ImportError:  # Windows: the parent's wall-clock timeout is the limit
        return
    for limit, value in ((resource.RLIMIT_AS, memory_bytes), (resource.RLIMIT_CPU, cpu_seconds)):
        try:
            _soft, hard = resource.getrlimit(limit)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            resource.setrlimit(limit, (value, hard))
        except (ValueError, OSError) as error:  # e.g. macOS refuses RLIMIT_AS: the other limits still hold
            log.info("resource limit %s not set: %s", limit, error)

"""This desk's clone of the team library (``team/library.git`` in the data directory): opening it, setting a
damaged one aside, the sync lock, and the last sync's outcome.

The outcome lives in ``team/last-sync.json``, not in the database: a commit there would look like another
program's write to the window (``PRAGMA data_version``) and refresh every page after every quiet pull.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from app.instance import InstanceLock
from app.model import to_iso
from app.team.gitrepo import Credentials, GitFailure, GitProblem, TeamRepository
from app.team.status import PROBLEM_HELP_ZH

log = logging.getLogger(__name__)

_T = TypeVar("_T")
OUTCOME_FILE = "last-sync.json"


class TeamSyncError(RuntimeError):
    """The library could not be reached or written; ``str(error)`` is a message for the user (Chinese)."""

    def __init__(self, problem: GitProblem | None, message: str, detail: str = ""):
        super().__init__(message)
        self.problem, self.detail = problem, detail


def sync_error(failure: GitFailure) -> TeamSyncError:
    return TeamSyncError(failure.problem, PROBLEM_HELP_ZH.get(failure.problem, str(failure)), failure.detail)


class LocalClone:
    def __init__(self, folder: Path, url: Callable[[], str], clock: Callable[[], datetime]):
        self.folder, self._url, self.clock = folder, url, clock
        self.path = folder / "library.git"
        self._git: TeamRepository | None = None
        self._lock = threading.Lock()

    def close(self) -> None:
        if self._git is not None:
            self._git.close()
            self._git = None

    @contextmanager
    def locked(self) -> Iterator[None]:
        """One sync at a time per data directory: threads of this process, and other processes (the CLI)."""
        with self._lock:
            lock = InstanceLock(self.folder / "sync.lock")
            lock.acquire(blocking=True)
            try:
                yield
            finally:
                lock.release()

    # --- the repository ---------------------------------------------------------------------------------------
    def for_url(self, url: str) -> TeamRepository:
        """The clone, pointed at ``url`` (made when there is none yet)."""
        if self.path.exists():
            git = self.open()
            if git.url != url:
                git.set_url(url)
            return git
        self._git = TeamRepository.create(self.path, url)
        return self._git

    def open(self) -> TeamRepository:
        """The clone; a damaged one is moved aside and made anew (the database holds everything)."""
        if self._git is not None:
            return self._git
        try:
            git = TeamRepository(self.path)
            git.verify(git.remote_heads().get("main"))
        except GitFailure as failure:
            git = self.set_aside(failure)
        self._git = git
        return git

    def set_aside(self, failure: GitFailure) -> TeamRepository:
        log.warning("team library clone damaged, making it anew: %s", failure)
        self.close()
        if self.path.exists():  # kept for a look, never deleted; a missing clone is simply made again
            shutil.move(str(self.path), str(self.path.with_name(f"library.damaged-{uuid.uuid4().hex[:8]}")))
        self._git = TeamRepository.create(self.path, self._url())
        return self._git

    def repairing(self, work: Callable[[TeamRepository], _T]) -> _T:
        """Run ``work`` on the clone; if the clone turns out damaged halfway, set it aside and run it once more."""
        try:
            return work(self.open())
        except GitFailure as failure:
            if failure.problem is not GitProblem.DAMAGED:
                raise
            return work(self.set_aside(failure))

    def drop(self) -> None:
        self.close()
        shutil.rmtree(self.path, ignore_errors=True)

    def fetch(self, git: TeamRepository, credentials: Credentials) -> dict[str, str]:
        try:
            return git.fetch(credentials)
        except GitFailure as failure:
            self.record_problem(failure)
            raise sync_error(failure) from failure

    # --- the last sync's outcome ------------------------------------------------------------------------------
    def record_success(self) -> None:
        now = to_iso(self.clock()) or ""
        self._write_outcome({"synced_at": now, "attempted_at": now})

    def record_problem(self, failure: GitFailure) -> None:
        outcome = self.outcome()
        outcome.update(attempted_at=to_iso(self.clock()) or "", problem=failure.problem.value,
                       detail=failure.detail[:500])
        self._write_outcome(outcome)

    def outcome(self) -> dict[str, str]:
        try:
            data = json.loads((self.folder / OUTCOME_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write_outcome(self, outcome: dict[str, str]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / (OUTCOME_FILE + ".tmp")
        tmp.write_text(json.dumps(outcome, ensure_ascii=False), "utf-8")
        os.replace(tmp, self.folder / OUTCOME_FILE)

    def forget_outcome(self) -> None:
        (self.folder / OUTCOME_FILE).unlink(missing_ok=True)

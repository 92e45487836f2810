"""Helpers for the data-safety tests: read-only places, a tiny disk, index/database consistency checks."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _mount(*args: str) -> bool:
    if shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def _umount(path: Path) -> None:
    # Lazy: a test that failed half-way may still hold a file open; the mount must go regardless.
    subprocess.run(["umount", "-l", str(path)], capture_output=True)


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make ``path`` (a file or a folder) read-only for this process.

    Root ignores permission bits, so as root a read-only bind mount is laid over the path instead of chmod.
    """
    path = Path(path)
    if not IS_ROOT:
        modes = {p: p.stat().st_mode for p in [path, *path.rglob("*")]} if path.is_dir() else {path: path.stat().st_mode}
        for p in modes:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    if not (_mount("--bind", str(path), str(path)) and _mount("-o", "remount,bind,ro", str(path))):
        _umount(path)
        pytest.skip("running as root without permission to mount: cannot make a read-only place")
    try:
        yield
    finally:
        _umount(path)


@contextmanager
def tiny_disk(path: Path, size: str = "1m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted at ``path`` (root only; the caller falls back to PRAGMA max_page_count)."""
    path.mkdir(parents=True, exist_ok=True)
    if not IS_ROOT or not _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)):
        pytest.skip("mounting a tmpfs needs root; the max_page_count test covers a full database portably")
    try:
        yield path
    finally:
        _umount(path)


def integrity(db_path: Path) -> str:
    conn = sqlite3.connect(str(db_path))
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def article_rows(db_path: Path) -> dict[str, tuple]:
    """id -> (title, body, version) straight from the file, without the app's code."""
    conn = sqlite3.connect(str(db_path))
    try:
        return {r[0]: tuple(r[1:]) for r in conn.execute("SELECT id, title, body, version FROM articles")}
    finally:
        conn.close()


def indexed_ids(desk) -> list[str]:
    """Every article id the Whoosh index holds (deleted documents excluded), duplicates kept."""
    with desk.index.whoosh().searcher() as searcher:
        return [fields["id"] for fields in searcher.all_stored_fields()]


def assert_index_matches_database(desk) -> None:
    """The index holds exactly the database's articles, each once."""
    ids = indexed_ids(desk)
    assert len(ids) == len(set(ids)), "an article is indexed twice"
    assert set(ids) == {a.id for a in desk.articles.iter_all()}


def run_cli(*args: str, data_dir: Path, timeout: float = 60, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args],
        cwd=REPO, capture_output=True, text=True, timeout=timeout, env=full_env,
    )

"""SIGKILL in the middle of an import, a save and a reindex; then start again as the app does.

After every crash: ``PRAGMA integrity_check`` is ok, every committed article is intact, nothing of an unfinished
import is visible, and after the start-up repair (``prepare_index`` + journal catch-up, or a rebuild) the index
holds exactly the database's articles and has applied the whole journal.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time

import pytest

from app.cli.common import open_desk
from app.search.index import IndexState
from app.services import Deskbook
from tests.helpers import make_article, write_jsonl
from tests.safety_helpers import REPO, article_rows, assert_index_matches_database, integrity

pytestmark = pytest.mark.timeout(90)

IMPORT_ROWS = 1200
WORKER_TIMEOUT = 20  # seconds; each crash scenario must finish well inside this


@pytest.fixture
def data_dir(tmp_path, clock):
    """A closed data directory with 30 committed, indexed articles."""
    data = tmp_path / "data"
    desk = Deskbook.open(data, clock=clock)
    desk.prepare_index()
    desk.reindex()
    for i in range(30):
        desk.create_article(make_article(f"已有文章{i}", f"已经保存的内容{i}", tags=["已有"]))
    desk.close()
    return data


@pytest.fixture
def big_import(tmp_path):
    return write_jsonl(tmp_path / "big.jsonl", [
        {"id": f"imp-{i}", "title": f"导入的文章{i}", "body": f"第{i}行的内容：退款、物流、账号问题" * 5,
         "tags": ["导入"], "group": "订单售后组"}
        for i in range(IMPORT_ROWS)
    ])


def run_worker(*args: str, killed: bool = True) -> subprocess.CompletedProcess:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "tests.crash_worker", *map(str, args)],
        cwd=REPO, capture_output=True, text=True, timeout=WORKER_TIMEOUT,
    )
    assert time.monotonic() - started < WORKER_TIMEOUT
    if killed:
        assert result.returncode == -signal.SIGKILL, result.stderr
    return result


def reopen(data_dir):
    """Start as the CLI does (``open_desk``: open, prepare the index, rebuild if it is unusable)."""
    desk = open_desk(argparse.Namespace(data_dir=str(data_dir)))
    assert desk.index_state() is IndexState.READY
    return desk


def assert_repaired(desk) -> None:
    assert_index_matches_database(desk)
    _, pending = desk.journal.changed_since(desk.index.applied_seq)
    assert pending == [], "the index has not applied the whole journal"
    answer = desk.search("已有文章", limit=50, log_query=False)
    assert not answer.indexing and answer.total >= 30  # the fast path answers again


def test_kill_in_the_middle_of_a_large_import_leaves_nothing_half_imported(data_dir, big_import):
    before = article_rows(data_dir / "deskbook.sqlite3")
    run_worker("import-mid-transaction", data_dir, big_import)

    assert integrity(data_dir / "deskbook.sqlite3") == "ok"
    assert article_rows(data_dir / "deskbook.sqlite3") == before
    desk = reopen(data_dir)
    try:
        assert desk.articles.get_by_external_id("imp-0") is None
        assert desk.articles.count() == 30
        assert_repaired(desk)
        # The same file imports completely on the next try.
        report = desk.import_path(big_import)
        assert report.created == IMPORT_ROWS and not report.refused
        assert_repaired(desk)
    finally:
        desk.close()


def test_kill_after_the_import_committed_but_before_indexing_is_caught_up_at_start(data_dir, big_import):
    before = article_rows(data_dir / "deskbook.sqlite3")
    run_worker("import-before-index", data_dir, big_import)

    assert integrity(data_dir / "deskbook.sqlite3") == "ok"
    rows = article_rows(data_dir / "deskbook.sqlite3")
    assert len(rows) == 30 + IMPORT_ROWS
    assert {k: rows[k] for k in before} == before
    desk = reopen(data_dir)
    try:
        assert_repaired(desk)  # the journal caught the index up
    finally:
        desk.close()


def test_kill_between_index_commit_and_its_bookkeeping_is_redone_idempotently(data_dir):
    run_worker("index-commit-before-meta", data_dir)

    assert integrity(data_dir / "deskbook.sqlite3") == "ok"
    desk = reopen(data_dir)
    try:
        assert desk.articles.count() == 30 + 1  # the first save committed, then the kill
        assert_repaired(desk)  # re-applied: each article still indexed exactly once
    finally:
        desk.close()


def test_kill_during_repeated_saves_keeps_every_committed_save(data_dir, clock):
    rows = article_rows(data_dir / "deskbook.sqlite3")
    target = sorted(rows)[0]
    others = {k: v for k, v in rows.items() if k != target}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_worker", "save-loop", str(data_dir), target],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    last = 0
    try:
        deadline = time.monotonic() + WORKER_TIMEOUT
        while last < 25:  # let it save 25 times, then kill it wherever it is
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            last = int(line)
            assert time.monotonic() < deadline
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=WORKER_TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stderr.close()

    assert integrity(data_dir / "deskbook.sqlite3") == "ok"
    after = article_rows(data_dir / "deskbook.sqlite3")
    assert {k: v for k, v in after.items() if k != target} == others
    title, body, version = after[target]
    # The save that was reported is there; the one in flight when the kill came is either all there or absent.
    saved = int(body.split("revision")[1])
    assert saved in (last, last + 1) and version == 1 + saved
    desk = reopen(data_dir)
    try:
        assert [v.number for v in desk.versions(target)] == list(range(version, 0, -1))
        assert_repaired(desk)
    finally:
        desk.close()


def test_kill_in_the_middle_of_a_reindex_keeps_the_old_index_working(data_dir, big_import, clock):
    desk = Deskbook.open(data_dir, clock=clock)
    desk.prepare_index()
    desk.import_path(big_import)
    desk.close()
    run_worker("reindex-mid-build", data_dir)

    assert (data_dir / "index.building").exists()  # the half-built index was left behind …
    desk = reopen(data_dir)
    try:
        assert not (data_dir / "index.building").exists()  # … and is cleaned up at start
        assert_repaired(desk)
    finally:
        desk.close()


def test_kill_while_swapping_the_rebuilt_index_in_rebuilds_at_start(data_dir):
    run_worker("reindex-mid-swap", data_dir)

    assert not (data_dir / "index").exists()
    desk = Deskbook.open(data_dir)
    try:
        assert desk.prepare_index() is IndexState.MISSING
        # Meanwhile the slow path answers.
        results = desk.search("已有文章")
        assert results.indexing and results.results
    finally:
        desk.close()
    desk = reopen(data_dir)  # rebuilds
    try:
        assert_repaired(desk)
        assert desk.articles.count() == 30
    finally:
        desk.close()


def test_worker_finishes_when_not_killed(data_dir, tmp_path):
    """The harness itself: without the kill hook the same work completes (so the kills above are real)."""
    small = write_jsonl(tmp_path / "small.jsonl", [{"id": "s1", "title": "小文件"}])
    result = run_worker("import-mid-transaction", data_dir, small, killed=False)
    assert result.returncode == 0 and "finished without being killed" in result.stdout
    assert os.path.exists(data_dir / "deskbook.sqlite3")

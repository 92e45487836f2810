"""The CLI beside the GUI: two processes writing the same data directory, and rebuilding its index."""

from __future__ import annotations

import subprocess
import sys

import pytest

from app.search.index import IndexState
from app.services import Deskbook
from tests.helpers import write_jsonl
from tests.safety_helpers import REPO, assert_index_matches_database

pytestmark = pytest.mark.timeout(90)


def _worker(*args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.crash_worker", *map(str, args)],
        cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_two_processes_writing_at_once_never_fail_with_database_locked(disk_desk):
    """Read-then-write transactions from two processes: each waits its turn (BEGIN IMMEDIATE + busy timeout).

    With SQLite's default deferred BEGIN about a third of these failed at once with "database is locked".
    """
    data = disk_desk.paths.root
    rounds = 1500
    workers = [_worker("write-loop", data, rounds) for _ in range(2)]
    outputs = [w.communicate(timeout=60) for w in workers]
    for (out, err), worker in zip(outputs, workers):
        assert worker.returncode == 0, err
        assert out.strip() == "failures 0", out
    assert disk_desk.db.execute("SELECT count(*) FROM search_log").fetchone()[0] == 2 * rounds


def test_opening_the_data_while_another_process_rebuilds_leaves_its_build_alone(tmp_path, clock):
    data = tmp_path / "data"
    desk = Deskbook.open(data, clock=clock)
    desk.prepare_index()
    desk.import_path(write_jsonl(tmp_path / "kb.jsonl", [{"title": f"文章{i}", "body": "内容"} for i in range(450)]))
    desk.reindex()
    desk.close()

    builder = _worker("reindex-paused", data)
    try:
        assert builder.stdout.readline().strip() == "building"
        assert (data / "index.building").exists()
        # Meanwhile the CLI (or a GUI) opens the same data: the build in progress is not a leftover to delete.
        other = Deskbook.open(data, clock=clock)
        assert other.prepare_index() is IndexState.READY
        assert (data / "index.building").exists()
        other.close()
        builder.stdin.write("go on\n" * 5)
        builder.stdin.flush()
        out, err = builder.communicate(timeout=60)
    finally:
        if builder.poll() is None:
            builder.kill()
    assert builder.returncode == 0, err
    assert "finished without being killed" in out
    desk = Deskbook.open(data, clock=clock)
    try:
        assert desk.prepare_index() is IndexState.READY
        assert_index_matches_database(desk)
    finally:
        desk.close()


def test_two_threads_sharing_the_connection_never_lose_a_transaction(tmp_path):
    """A second thread's write waits for the first one's transaction instead of nesting a savepoint in it (which
    the first one's COMMIT took away: "no such savepoint")."""
    import threading
    import time

    from app.store.database import open_database

    db = open_database(tmp_path / "t.sqlite3")
    db.execute("CREATE TABLE t (n INTEGER)")
    inside, committed, errors = threading.Event(), threading.Event(), []

    def first() -> None:
        with db.atomic():
            db.execute("INSERT INTO t VALUES (1)")
            inside.set()
            time.sleep(0.3)  # the second thread tries to write meanwhile
        committed.set()

    def second() -> None:
        inside.wait(5)
        try:
            with db.atomic():
                db.execute("INSERT INTO t VALUES (2)")
                committed.wait(2)  # still inside when the first one commits (unless it waited its turn)
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert errors == [] and sorted(r[0] for r in db.execute("SELECT n FROM t").fetchall()) == [1, 2]


def test_reading_while_another_thread_commits_never_fails(tmp_path):
    """A read on one thread (a search) while the write queue commits on another: sqlite-utils' query savepoint
    opened inside the writer's transaction was taken away by its COMMIT ("no such savepoint")."""
    import threading

    from app.store.database import open_database

    db = open_database(tmp_path / "t.sqlite3")
    db.execute("CREATE TABLE t (n INTEGER, name TEXT)")
    errors: list[BaseException] = []
    done = threading.Event()

    def write() -> None:
        try:
            for n in range(400):
                with db.atomic():
                    db.execute("INSERT INTO t VALUES (?, ?)", [n, f"第{n}条"])
        finally:
            done.set()

    def read() -> None:
        try:
            while not done.is_set():
                rows = list(db.query("SELECT n, name, n AS n FROM t WHERE n >= ?", [0]))
                assert not rows or set(rows[0]) == {"n", "name", "n_2"}
        except BaseException as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)

    threads = [threading.Thread(target=write), threading.Thread(target=read), threading.Thread(target=read)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 400

"""A damaged search index never stops the app: it is detected, rebuilt, and searching works meanwhile."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.writing import LockError

from app.search.index import IndexState
from app.services import Deskbook
from tests.helpers import make_article, write_jsonl
from tests.safety_helpers import REPO, assert_index_matches_database

TITLES = ["退款多久到账", "如何重置密码", "物流一直不更新", "发票怎么开具", "账号被冻结怎么办"]


@pytest.fixture
def data_dir(tmp_path, clock):
    """A closed data directory with a good index over 45 articles."""
    data = tmp_path / "data"
    desk = Deskbook.open(data, clock=clock)
    desk.prepare_index()
    desk.reindex()
    rows = [{"title": f"{title}（{n}）", "body": f"{title}的处理办法，第{n}版"} for n in range(9) for title in TITLES]
    desk.import_path(write_jsonl(tmp_path / "kb.jsonl", rows))
    desk.close()
    return data


def _truncate_segments(index_dir: Path) -> None:
    segments = [*index_dir.glob("*.trm"), *index_dir.glob("*.pst")]  # each segment's term index and postings
    assert segments, "expected Whoosh segment files"
    for seg in segments:
        with open(seg, "r+b") as handle:
            handle.truncate(seg.stat().st_size // 2)


def _garble_toc(index_dir: Path) -> None:
    for toc in index_dir.glob("_MAIN_*.toc"):
        toc.write_bytes(b"\x00garbage" * 10)


def _delete_folder(index_dir: Path) -> None:
    shutil.rmtree(index_dir)


def _garble_meta(index_dir: Path) -> None:
    (index_dir / "deskbook-index.json").write_text("{not json", "utf-8")


@pytest.mark.parametrize(
    "damage, expected_state",
    [
        (_delete_folder, IndexState.MISSING),
        (_truncate_segments, IndexState.CORRUPT),
        (_garble_toc, IndexState.CORRUPT),
        (_garble_meta, IndexState.OUTDATED),
    ],
    ids=["folder-deleted", "segment-truncated", "toc-garbled", "meta-garbled"],
)
def test_damaged_index_is_detected_searched_around_and_rebuilt(data_dir, clock, damage, expected_state):
    damage(data_dir / "index")
    desk = Deskbook.open(data_dir, clock=clock)
    try:
        assert desk.prepare_index() is expected_state
        assert desk.needs_rebuild()

        # Before and during the rebuild, search answers through the slower SQLite scan and says so.
        before = desk.search("退款")
        assert before.indexing and len(before.results) == 9
        assert all("退款" in r.summary.title for r in before.results)
        during = []

        def progress(done: int, total: int) -> None:  # called on the rebuilding thread, before the swap
            during.append(desk.search("密码", log_query=False))

        assert desk.reindex(progress=progress)
        assert during and all(r.indexing and len(r.results) == 9 for r in during)

        after = desk.search("退款")
        assert not after.indexing and desk.index_state() is IndexState.READY
        assert {r.summary.id for r in after.results} >= {r.summary.id for r in before.results}
        assert_index_matches_database(desk)
    finally:
        desk.close()


def test_a_leftover_lock_file_does_not_block_writing(data_dir, clock):
    """Whoosh's MAIN_WRITELOCK is an flock: the file may stay, the lock never outlives its process."""
    lock_file = data_dir / "index" / "MAIN_WRITELOCK"
    lock_file.write_text("left by a crashed process")
    desk = Deskbook.open(data_dir, clock=clock)
    try:
        assert desk.prepare_index() is IndexState.READY
        started = time.monotonic()
        desk.create_article(make_article("锁文件残留测试", "依然可以写入索引"))
        assert time.monotonic() - started < 5  # no waiting for a lock nobody holds
        assert_index_matches_database(desk)
        _, pending = desk.journal.changed_since(desk.index.applied_seq)
        assert pending == []
    finally:
        desk.close()


HOLD_WRITER = """
import sys, time
from whoosh import index
ix = index.open_dir(sys.argv[1])
writer = ix.writer()
print("holding", flush=True)
time.sleep(60)
"""


def test_the_index_lock_held_by_a_killed_process_is_released(data_dir, clock):
    index_dir = data_dir / "index"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITER, str(index_dir)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        ix = whoosh_index.open_dir(str(index_dir))
        with pytest.raises(LockError):  # really locked while the holder lives
            ix.writer()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.stdout.close()
    assert (index_dir / "MAIN_WRITELOCK").exists()  # the file stays …
    writer = ix.writer()  # … but the lock is gone with the process
    writer.cancel()
    desk = Deskbook.open(data_dir, clock=clock)
    try:
        assert desk.prepare_index() is IndexState.READY
        desk.create_article(make_article("进程被杀之后", "索引照常更新"))
        assert_index_matches_database(desk)
    finally:
        desk.close()


def test_index_usable_meanwhile_keeps_the_fast_path_during_a_rebuild(data_dir, clock):
    """A rebuild of a usable index (e.g. after `deskbook reindex`) keeps answering from the old one."""
    desk = Deskbook.open(data_dir, clock=clock)
    try:
        assert desk.prepare_index() is IndexState.READY
        during = []
        desk.reindex(progress=lambda done, total: during.append(desk.search("发票", log_query=False)))
        assert during and all(not r.indexing and r.results for r in during)
    finally:
        desk.close()


class DeferredRunner:
    """Holds background jobs until the test runs them, so 'meanwhile' can be observed without sleeping."""

    def __init__(self):
        self.jobs = []

    def run(self, fn, on_done=None, on_error=None, on_progress=None):
        self.jobs.append((fn, on_done, on_error, on_progress))

    def run_all(self):
        while self.jobs:
            fn, on_done, on_error, on_progress = self.jobs.pop(0)
            try:
                result = fn(on_progress) if on_progress is not None else fn()
            except BaseException as error:  # noqa: BLE001 - handed to the callback like the real runner
                if on_error is None:
                    raise
                on_error(error, "")
                continue
            if on_done is not None:
                on_done(result)


def test_main_window_starts_on_a_damaged_index_and_searches_meanwhile(data_dir, clock, qtbot):
    from app.ui.context import AppContext
    from app.ui.main_window import MainWindow

    _truncate_segments(data_dir / "index")
    desk = Deskbook.open(data_dir, clock=clock)
    runner = DeferredRunner()
    try:
        # The start-up sequence of app/ui/launch.py.
        state = desk.prepare_index()
        assert state is IndexState.CORRUPT
        window = MainWindow(AppContext(desk, runner))
        qtbot.addWidget(window)
        window.show()
        window.start_reindex()
        assert window.isVisible()
        meanwhile = desk.search("物流")
        assert meanwhile.indexing and len(meanwhile.results) == 9
        runner.run_all()  # the background rebuild finishes
        assert desk.index_state() is IndexState.READY and not desk.rebuilding
        assert not desk.search("物流").indexing
        assert_index_matches_database(desk)
    finally:
        desk.close()


def test_damage_noticed_while_searching_falls_back_and_rebuilds_at_next_start(data_dir, clock, monkeypatch):
    """Scribbled bytes inside a segment pass the checks at open and only fail when read (zlib, pickle errors)."""
    import zlib

    desk = Deskbook.open(data_dir, clock=clock)
    try:
        assert desk.prepare_index() is IndexState.READY

        def damaged(*args, **kwargs):
            raise zlib.error("Error -3 while decompressing data: invalid distance too far back")

        monkeypatch.setattr(desk.engine, "search", damaged)
        results = desk.search("退款")
        assert results.indexing and len(results.results) == 9
        assert desk.needs_rebuild()
    finally:
        desk.close()
    desk = Deskbook.open(data_dir, clock=clock)
    try:
        assert desk.prepare_index() is IndexState.OUTDATED  # remembered across a restart
        desk.reindex()
        assert not desk.search("退款").indexing
    finally:
        desk.close()


def test_scribbled_postings_are_noticed_when_read_and_searched_around(data_dir, clock):
    """Bytes overwritten inside the postings pass every check at open; reading them must not crash the search."""
    index_dir = data_dir / "index"
    for postings in index_dir.glob("*.pst"):
        data = bytearray(postings.read_bytes())
        for at in range(8, len(data), 7):  # the same length, every 7th byte garbled
            data[at] ^= 0x5A
        postings.write_bytes(bytes(data))
    desk = Deskbook.open(data_dir, clock=clock)
    try:
        assert desk.prepare_index() is IndexState.READY  # nothing to see at open
        results = desk.search("退款")
        assert results.indexing and len(results.results) == 9  # answered by the scan
        assert desk.needs_rebuild()
        desk.reindex()
        assert not desk.search("退款").indexing
        assert_index_matches_database(desk)
    finally:
        desk.close()


def test_damage_noticed_while_saving_keeps_the_save(data_dir, clock, monkeypatch):
    import zlib

    desk = Deskbook.open(data_dir, clock=clock)
    try:
        desk.prepare_index()
        monkeypatch.setattr(desk.index, "apply", lambda *a, **k: (_ for _ in ()).throw(zlib.error("damaged")))
        article = desk.create_article(make_article("索引损坏时保存", "内容照样保存"))
        assert desk.articles.get(article.id) is not None
        assert desk.needs_rebuild()
        monkeypatch.undo()
        desk.reindex()
        assert_index_matches_database(desk)
    finally:
        desk.close()

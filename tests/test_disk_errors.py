"""A read-only or full data folder: a clear message (core, CLI, GUI) and a database that stays intact."""

from __future__ import annotations

import pytest

from app.services import Deskbook
from app.store.errors import StorageError, StorageProblem
from tests.helpers import make_article, write_jsonl
from tests.safety_helpers import article_rows, integrity, read_only, run_cli, tiny_disk


@pytest.fixture
def filled_dir(tmp_path, clock):
    """A closed data directory holding two articles; returns (folder, {id: (title, body, version)})."""
    data = tmp_path / "data"
    desk = Deskbook(data, clock=clock)
    desk.prepare_index()
    desk.reindex()
    desk.create_article(make_article("退款多久到账", "一般 3 个工作日原路退回"))
    desk.create_article(make_article("如何重置密码", "在登录页点击忘记密码"))
    desk.close()
    return data, article_rows(data / "deskbook.sqlite3")


def test_read_only_folder_refuses_to_open_with_a_clear_message(filled_dir, clock):
    data, before = filled_dir
    # A clean close removes the -wal/-shm files; SQLite then cannot recreate them in a read-only folder.
    with read_only(data):
        with pytest.raises(StorageError) as caught:
            Deskbook.open(data, clock=clock)
    assert caught.value.problem is StorageProblem.READ_ONLY
    assert "只读" in str(caught.value) and str(data) in str(caught.value)
    assert integrity(data / "deskbook.sqlite3") == "ok"
    assert article_rows(data / "deskbook.sqlite3") == before


def test_read_only_database_still_searches_but_refuses_saves(filled_dir, clock):
    data, before = filled_dir
    with read_only(data / "deskbook.sqlite3"):
        desk = Deskbook.open(data, clock=clock)
        try:
            desk.prepare_index()
            # Searching writes the search log; on a read-only database that must not stop the search.
            assert [r.summary.title for r in desk.search("退款").results] == ["退款多久到账"]
            article = desk.articles.get(next(iter(before)))
            with pytest.raises(StorageError) as caught:
                desk.update_article(article.with_changes(body="改过的内容"))
            assert caught.value.problem is StorageProblem.READ_ONLY
            with pytest.raises(StorageError):
                desk.create_article(make_article("新文章", "不会保存"))
        finally:
            desk.close()
    assert integrity(data / "deskbook.sqlite3") == "ok"
    assert article_rows(data / "deskbook.sqlite3") == before


def test_cli_prints_the_message_and_exits_non_zero_on_a_read_only_folder(filled_dir, tmp_path):
    data, before = filled_dir
    source = write_jsonl(tmp_path / "new.jsonl", [{"id": "n1", "title": "发票怎么开"}])
    with read_only(data):
        result = run_cli("import", str(source), data_dir=data)
    assert result.returncode != 0
    assert "只读" in result.stderr and "Traceback" not in result.stderr
    assert article_rows(data / "deskbook.sqlite3") == before


def test_full_database_refuses_the_change_and_stays_intact(filled_dir, tmp_path, clock):
    """A full disk, simulated portably: the database may not grow beyond its current pages."""
    data, before = filled_dir
    desk = Deskbook.open(data, clock=clock)
    desk.prepare_index()
    pages = desk.db.execute("PRAGMA page_count").fetchone()[0]
    desk.db.execute(f"PRAGMA max_page_count = {pages}")
    big = "客服知识库的内容" * 2000
    with pytest.raises(StorageError) as caught:
        desk.create_article(make_article("一篇很长的文章", big))
    assert caught.value.problem is StorageProblem.FULL
    assert "已满" in str(caught.value)
    # An import is one transaction: a full disk half-way leaves nothing of it behind.
    source = write_jsonl(tmp_path / "many.jsonl", [{"id": f"m{i}", "title": f"第{i}条", "body": big} for i in range(20)])
    with pytest.raises(StorageError):
        desk.import_path(source)
    assert desk.articles.count() == len(before)
    # Reading and searching still work.
    assert desk.search("密码").results
    desk.close()
    assert integrity(data / "deskbook.sqlite3") == "ok"
    assert article_rows(data / "deskbook.sqlite3") == before


def test_real_full_disk_on_a_tiny_tmpfs(tmp_path, clock):
    """A real 1 MB disk filled by saves: the failing save is refused, every committed one survives."""
    with tiny_disk(tmp_path / "disk") as disk:
        data = disk / "data"
        desk = Deskbook.open(data, clock=clock)
        desk.prepare_index()
        desk.reindex()
        saved: dict[str, str] = {}
        with pytest.raises(StorageError) as caught:
            for i in range(500):
                article = desk.create_article(make_article(f"标题{i}", f"正文{i} " + "客服知识" * 500))
                saved[article.id] = article.body
        assert caught.value.problem is StorageProblem.FULL
        assert saved, "the disk should hold a few articles before it is full"
        desk.close()
        assert integrity(data / "deskbook.sqlite3") == "ok"
        rows = article_rows(data / "deskbook.sqlite3")
        assert {i: r[1] for i, r in rows.items()} == saved
        result = run_cli("show", next(iter(saved)), "--json", data_dir=data)
        assert result.returncode == 0, result.stderr


def test_gui_start_on_a_read_only_folder_shows_the_message(filled_dir, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.ui import launch

    data, before = filled_dir
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text, *a, **k: shown.append(text)))
    with read_only(data):
        assert launch.launch_gui(str(data)) != 0
    assert len(shown) == 1 and "只读" in shown[0]
    assert article_rows(data / "deskbook.sqlite3") == before


def test_gui_failed_save_shows_the_message_in_a_dialog(qtbot, monkeypatch):
    """A background save that fails with a StorageError reaches the user as that message, not a traceback."""
    from PySide6.QtWidgets import QMessageBox

    from app.ui.tasks import _default_error

    texts: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: texts.append(box.text()) or 0)
    error = StorageError(StorageProblem.FULL, "/data")
    _default_error(error, "details")
    assert texts == [str(error)] and "已满" in texts[0]


def test_a_damaged_database_file_is_named_with_the_way_out(filled_dir, clock, qtbot, monkeypatch):
    """Not a database any more (overwritten, a failed copy): open says so and points to the backups."""
    from PySide6.QtWidgets import QMessageBox

    from app.ui import launch

    data, _ = filled_dir
    (data / "deskbook.sqlite3").write_bytes(b"this is not a database" * 200)
    with pytest.raises(StorageError) as caught:
        Deskbook.open(data, clock=clock)
    assert caught.value.problem is StorageProblem.DAMAGED and "恢复" in str(caught.value)
    result = run_cli("search", "退款", data_dir=data)
    assert result.returncode != 0 and "damaged" in result.stderr and "Traceback" not in result.stderr
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text, *a, **k: shown.append(text)))
    assert launch.launch_gui(str(data)) != 0
    assert len(shown) == 1 and "damaged" in shown[0]


def test_disk_full_while_the_index_commits_keeps_the_save(disk_desk, monkeypatch):
    """Whoosh's cancel after ENOSPC raises 'I/O operation on closed file'; that must not mask the first error
    (which the services treat as 'the index catches up later': the save itself is committed)."""
    import errno

    from whoosh.writing import SegmentWriter

    def full_disk(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    def closed_file(self):
        raise ValueError("I/O operation on closed file")

    monkeypatch.setattr(SegmentWriter, "commit", full_disk)
    monkeypatch.setattr(SegmentWriter, "_close_segment", closed_file)  # what cancel() trips over
    article = disk_desk.create_article(make_article("磁盘满时保存", "正文"))
    assert disk_desk.get_article(article.id).title == "磁盘满时保存"
    monkeypatch.undo()
    assert disk_desk.sync_index() == 1  # the journal kept the change for the index
    assert [r.summary.id for r in disk_desk.search("磁盘满时保存").results] == [article.id]

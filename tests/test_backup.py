"""Backup and restore: identical round trip, the previous data kept, broken backups refused, daily backups pruned."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from app.backup import (
    AUTO_PREFIX, BackupError, auto_backup, auto_backups, backup, inspect_backup, restore,
)
from app.instance import gui_lock
from app.services import Deskbook
from tests.helpers import make_article
from tests.safety_helpers import assert_index_matches_database, integrity, run_cli


def _dump(db_path: Path) -> list[str]:
    """Every table's rows as SQL, from a connection of our own."""
    conn = sqlite3.connect(str(db_path))
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def kb(tmp_path, clock):
    """An open knowledge base with articles, versions, synonyms, settings and an edited template."""
    desk = Deskbook.open(tmp_path / "data", clock=clock)
    desk.prepare_index()
    desk.reindex()
    first = desk.create_article(make_article("退款多久到账", "一般 3 个工作日原路退回", tags=["退款"], group="财务组"))
    desk.update_article(first.with_changes(body="一般 1-3 个工作日原路退回"), author="王芳", note="更新时效")
    desk.create_article(make_article("如何重置密码", "在登录页点击“忘记密码”"))
    desk.add_synonyms(["退款", "退钱", "返款"])
    desk.settings.user_name = "王芳"
    desk.settings.backup_keep = 3
    desk.save_settings()
    (desk.paths.templates_dir / "letters").mkdir(parents=True)
    (desk.paths.templates_dir / "letters" / "确认函.html").write_text("<p>{{ 客户姓名 }}</p>", "utf-8")
    yield desk
    desk.close()


def test_round_trip_restores_identical_content(kb, tmp_path, clock):
    expected = _dump(kb.paths.database)
    settings = kb.paths.settings_file.read_text("utf-8")
    archive = kb.backup(tmp_path / "out" / "kb.zip")
    assert inspect_backup(archive)["articles"] == 2

    # Change everything after the backup.
    article = kb.list_articles()[0]
    kb.update_article(kb.get_article(article.id).with_changes(title="改过的标题"))
    kb.create_article(make_article("备份之后新建的", "不应出现在恢复结果中"))
    kb.settings.user_name = "李雷"
    kb.save_settings()
    (kb.paths.templates_dir / "letters" / "确认函.html").write_text("changed", "utf-8")
    changed = _dump(kb.paths.database)
    kb.close()

    result = restore(kb.paths.root, archive, now=clock())
    assert _dump(kb.paths.database) == expected
    assert integrity(kb.paths.database) == "ok"
    assert kb.paths.settings_file.read_text("utf-8") == settings
    assert (kb.paths.templates_dir / "letters" / "确认函.html").read_text("utf-8") == "<p>{{ 客户姓名 }}</p>"
    assert not kb.paths.index_dir.exists()  # marked for rebuild

    # The data that was replaced is kept as a backup, and that backup restores it exactly.
    kept = result.previous_data_backup
    assert kept is not None and kept.parent == kb.paths.backups_dir
    restore(kb.paths.root, kept, now=clock())
    assert _dump(kb.paths.database) == changed

    # And the app opens the restored data, rebuilding the index.
    restore(kb.paths.root, archive, now=clock())
    desk = Deskbook.open(kb.paths.root, clock=clock)
    try:
        assert desk.prepare_index().value == "missing"
        desk.reindex()
        assert_index_matches_database(desk)
        assert desk.synonyms() == [["退款", "退钱", "返款"]]
        assert desk.settings.user_name == "王芳"
    finally:
        desk.close()


def test_backup_from_the_command_line_while_the_gui_is_open(kb, tmp_path):
    """The GUI holds its lock and an open connection; the CLI backup still gets every committed article."""
    with gui_lock(kb.paths.root):
        result = run_cli("backup", str(tmp_path / "out"), data_dir=kb.paths.root)
        assert result.returncode == 0, result.stderr
        made = list((tmp_path / "out").glob("deskbook-backup-*.zip"))
        assert len(made) == 1 and "已备份 2 篇文章" in result.stdout
        # Restoring under a running window is refused, and nothing changes.
        before = _dump(kb.paths.database)
        refused = run_cli("restore", str(made[0]), data_dir=kb.paths.root)
        assert refused.returncode != 0 and "请先关闭它的窗口" in refused.stderr
        assert _dump(kb.paths.database) == before


def _write(target: Path, data: bytes) -> Path:
    target.write_bytes(data)
    return target


def _corrupt_database_archive(good: Path, target: Path, mutate) -> Path:
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(target, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            out.writestr(name, mutate(name, data))
    return target


def _damage_pages(name: str, data: bytes) -> bytes:
    if name != "deskbook.sqlite3":
        return data
    page = int.from_bytes(data[16:18], "big")
    damaged = bytearray(data)
    for start in range(page * 2, len(data), page):  # scribble over every page after the schema
        damaged[start + 8 : start + 64] = b"\xff" * 56
    return bytes(damaged)


@pytest.mark.parametrize(
    "make_bad, expected",
    [
        (lambda good, t: _write(t, b"this is not a zip file"), "不是 ZIP"),
        (lambda good, t: _write(t, good.read_bytes()[: good.stat().st_size // 2]), "不是 ZIP"),
        (lambda good, t: _corrupt_database_archive(good, t, _damage_pages), "已损坏"),
        (lambda good, t: _corrupt_database_archive(
            good, t, lambda n, d: b"garbage" * 100 if n == "deskbook.sqlite3" else d), "已损坏"),
        (lambda good, t: _corrupt_database_archive(
            good, t, lambda n, d: b"{" if n == "manifest.json" else d), "已损坏"),
        (lambda good, t: _other_sqlite_file(t), "不是 Deskbook 数据库"),
        (lambda good, t: _newer_schema(good, t), "更新版本的 Deskbook"),
    ],
    ids=["not-zip", "truncated", "damaged-pages", "not-sqlite", "bad-manifest", "foreign-db", "newer-schema"],
)
def test_a_broken_backup_is_refused_and_nothing_changes(kb, tmp_path, clock, make_bad, expected):
    good = kb.backup(tmp_path / "good.zip")
    bad = make_bad(good, tmp_path / "bad.zip")
    kb.close()
    before = _dump(kb.paths.database)
    with pytest.raises(BackupError) as caught:
        restore(kb.paths.root, bad, now=clock())
    assert expected in str(caught.value)
    assert _dump(kb.paths.database) == before
    assert not kb.paths.backups_dir.exists() or not list(kb.paths.backups_dir.iterdir())
    result = run_cli("restore", str(bad), data_dir=kb.paths.root)
    assert result.returncode != 0 and "没有恢复" in result.stderr and "Traceback" not in result.stderr
    assert _dump(kb.paths.database) == before


def _other_sqlite_file(target: Path) -> Path:
    db = target.with_suffix(".sqlite3")
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    manifest = {"format": "deskbook-backup", "format_version": 1, "articles": 0}
    with zipfile.ZipFile(target, "w") as out:
        out.writestr("manifest.json", json.dumps(manifest))
        out.write(db, "deskbook.sqlite3")
    return target


def _newer_schema(good: Path, target: Path) -> Path:
    with zipfile.ZipFile(good) as src:
        src.extract("deskbook.sqlite3", target.parent / "x")
    db = target.parent / "x" / "deskbook.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('deskbook', '9999_future', 'x')"
    )
    conn.commit()
    conn.close()
    return _corrupt_database_archive(good, target, lambda n, d: db.read_bytes() if n == "deskbook.sqlite3" else d)


def test_daily_backup_runs_once_a_day_and_keeps_the_newest(kb, clock):
    kb.settings.backup_keep = 3
    manual = kb.backup(kb.paths.backups_dir)  # a manual backup in the same folder is never pruned
    made = []
    for day in range(6):
        made.append(kb.auto_backup())
        assert kb.auto_backup() is None  # not due again the same day
        clock.now += timedelta(hours=12)
        assert kb.auto_backup() is None
        clock.now += timedelta(hours=12)
    assert all(made)
    assert auto_backups(kb.paths) == made[-3:]
    assert manual.exists()
    assert all(p.name.startswith(AUTO_PREFIX) for p in made)
    assert inspect_backup(made[-1])["articles"] == 2


def test_backup_of_an_in_memory_desk_is_refused(desk, tmp_path):
    with pytest.raises(BackupError):
        desk.backup(tmp_path / "x.zip")


def test_restore_given_something_that_is_not_a_backup_changes_nothing(kb):
    """An article id (versions are restored with `deskbook history ID --restore N`) is refused, data untouched."""
    article = next(a for a in kb.list_articles() if a.title == "退款多久到账")
    kb.close()
    result = run_cli("restore", article.id, data_dir=kb.paths.root)
    assert result.returncode != 0 and "没有恢复" in result.stderr
    desk = Deskbook.open(kb.paths.root)
    try:
        assert [v.number for v in desk.versions(article.id)] == [2, 1]
    finally:
        desk.close()

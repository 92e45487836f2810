"""Issue 18, items 4–7: the index belongs to its database; restore trusts nothing; killed operations leave nothing.

Before: a restore killed just after the database swap, or a copied ``deskbook.sqlite3``, left the old index
"ready" (0 hits for 退款 over the restored articles); settings of ``[1]``, tables with wrong columns and manifest
fields of the wrong type were swapped in and broke the desk; zip members were read whole with no limit; the
index-build helper outlived its killed parent, its job file stayed in the temp folder, and a killed restore left a
``.restore-*`` copy behind.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document

from app.services import BackupError, restore
from app.documents.letter_template import TEMPLATE_PATH
from app.search.index import IndexState
from app.services import Deskbook
from app.settings import Settings
from tests.helpers import make_article
from tests.safety_helpers import REPO


def _desk_with(folder: Path, clock, *titles: str) -> Deskbook:
    desk = Deskbook(folder, clock=clock)
    desk.prepare_index()
    desk.reindex()
    for title in titles:
        desk.create_article(make_article(title, f"{title}的处理办法"))
    return desk


def _titles(desk: Deskbook, query: str) -> set[str]:
    return {r.summary.title for r in desk.search(query, log_query=False).results}


def _rows(database: Path) -> list:
    conn = sqlite3.connect(str(database))
    try:
        return conn.execute("SELECT id, title, body FROM articles ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.fixture
def two_desks(tmp_path, clock):
    """A data directory about passwords (index built) and a backup of another one about refunds."""
    other = _desk_with(tmp_path / "other", clock, "退款多久到账", "退款失败怎么办")
    archive = other.backup(tmp_path / "refunds.zip")
    other.close()
    mine = _desk_with(tmp_path / "mine", clock, "如何重置密码", "密码错误被锁定")
    mine.close()
    return tmp_path / "mine", archive


# --- item 4 ------------------------------------------------------------------------------------------------------
def test_a_copied_database_is_not_answered_by_the_old_index(two_desks, tmp_path, clock):
    data, _archive = two_desks
    shutil.copyfile(tmp_path / "other" / "deskbook.sqlite3", data / "deskbook.sqlite3")
    for suffix in ("-wal", "-shm"):
        Path(str(data / "deskbook.sqlite3") + suffix).unlink(missing_ok=True)
    desk = Deskbook(data, clock=clock)
    try:
        assert desk.prepare_index() is IndexState.OUTDATED
        desk.reindex()
        assert _titles(desk, "退款") == {"退款多久到账", "退款失败怎么办"}
        assert _titles(desk, "密码") == set()
    finally:
        desk.close()


def test_an_index_ahead_of_its_databases_journal_is_rebuilt(tmp_path, clock):
    desk = _desk_with(tmp_path / "d", clock, "退款多久到账")
    earlier = tmp_path / "earlier.sqlite3"
    desk.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(desk.paths.database, earlier)
    gone = desk.create_article(make_article("后来删掉的文章", "内容"))
    desk.close()
    shutil.copyfile(earlier, tmp_path / "d" / "deskbook.sqlite3")  # the same desk, from before that article
    desk = Deskbook(tmp_path / "d", clock=clock)
    try:
        assert desk.prepare_index() is IndexState.OUTDATED
        desk.reindex()
        assert gone.id not in {r.summary.id for r in desk.search("文章", log_query=False).results}
    finally:
        desk.close()


def test_a_restore_killed_just_after_the_database_swap_is_finished_on_open(two_desks, clock):
    data, archive = two_desks
    script = textwrap.dedent(f"""
        import os, signal, sys
        import app.backup as b
        real = os.replace
        def replace(src, dst):
            real(src, dst)
            if str(dst).endswith("deskbook.sqlite3"):
                os.kill(os.getpid(), signal.SIGKILL)
        b.os.replace = replace
        b.restore({str(data)!r}, {str(archive)!r})
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert not (data / "index").exists()  # removed before the swap
    desk = Deskbook(data, clock=clock)  # finishes the restore, then sees no usable index
    try:
        assert not list(data.glob(".restore-*"))
        assert desk.prepare_index() is not IndexState.READY
        desk.reindex()
        assert _titles(desk, "退款") == {"退款多久到账", "退款失败怎么办"}
    finally:
        desk.close()


def test_a_restore_gives_the_database_a_new_identity(two_desks, clock):
    data, archive = two_desks
    restore(data, archive)
    desk = Deskbook(data, clock=clock)
    try:
        assert desk.prepare_index() is IndexState.MISSING
        desk.reindex()
        assert _titles(desk, "退款") == {"退款多久到账", "退款失败怎么办"}
        identity = desk.db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        desk.close()
    restore(data, archive)  # the same backup again: another identity, so the index just built is not trusted
    desk = Deskbook(data, clock=clock)
    try:
        assert desk.db.execute("PRAGMA user_version").fetchone()[0] != identity
    finally:
        desk.close()


# --- item 5 ------------------------------------------------------------------------------------------------------
def _rewritten(archive: Path, target: Path, members: dict[str, bytes]) -> Path:
    """A copy of ``archive`` with ``members`` replaced or added."""
    with zipfile.ZipFile(archive) as source:
        content = {info.filename: source.read(info) for info in source.infolist()}
    content.update(members)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in content.items():
            out.writestr(name, data)
    return target


@pytest.mark.parametrize("settings", [b"[1]", b'{"extra": [1]}', b'{"review_days": "x", "backup_keep": "many"}',
                                      b'{"review_days": {"case": "ninety"}}', b"{not json"])
def test_settings_of_the_wrong_shape_are_refused_before_the_swap(two_desks, tmp_path, settings):
    data, archive = two_desks
    before = _rows(data / "deskbook.sqlite3")
    bad = _rewritten(archive, tmp_path / "bad.zip", {"settings.json": settings})
    with pytest.raises(BackupError, match="settings.json"):
        restore(data, bad)
    assert _rows(data / "deskbook.sqlite3") == before and not list(data.glob(".restore-*"))


@pytest.mark.parametrize("manifest_change", [{"format_version": "x"}, {"articles": [1]}, {"migrations": 5},
                                             {"created_at": {"a": 1}}])
def test_manifest_fields_of_the_wrong_type_are_refused_before_the_swap(two_desks, tmp_path, manifest_change):
    data, archive = two_desks
    before = _rows(data / "deskbook.sqlite3")
    manifest = json.loads(zipfile.ZipFile(archive).read("manifest.json")) | manifest_change
    bad = _rewritten(archive, tmp_path / "bad.zip", {"manifest.json": json.dumps(manifest).encode()})
    with pytest.raises(BackupError, match="manifest"):
        restore(data, bad)
    assert _rows(data / "deskbook.sqlite3") == before


def test_tables_with_the_right_names_but_wrong_columns_are_refused(two_desks, tmp_path):
    data, archive = two_desks
    before = _rows(data / "deskbook.sqlite3")
    fake = tmp_path / "fake.sqlite3"
    conn = sqlite3.connect(str(fake))
    original = sqlite3.connect(str(tmp_path / "other" / "deskbook.sqlite3"))
    for (sql,) in original.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"):
        conn.execute(sql)
    applied = original.execute("SELECT * FROM _sqlite_migrations").fetchall()
    conn.executemany(f"INSERT INTO _sqlite_migrations VALUES ({', '.join('?' * len(applied[0]))})", applied)
    for table in ("articles", "versions", "index_journal", "search_log", "requests"):
        conn.execute(f"CREATE TABLE {table} (x TEXT)")
    conn.commit()
    conn.close()
    original.close()
    bad = _rewritten(archive, tmp_path / "bad.zip", {"deskbook.sqlite3": fake.read_bytes()})
    with pytest.raises(BackupError, match="不是 Deskbook 数据库"):
        restore(data, bad)
    assert _rows(data / "deskbook.sqlite3") == before


def test_the_app_starts_with_defaults_when_its_own_settings_have_wrong_types(tmp_path, clock, caplog):
    data = tmp_path / "d"
    data.mkdir()
    (data / "settings.json").write_text('{"review_days": "x", "backup_keep": "many", "user_name": "王"}', "utf-8")
    desk = Deskbook(data, clock=clock)
    try:
        assert desk.settings.review_days_for("case") == 90 and desk.settings.backup_keep == 7
        assert desk.settings.user_name == "王"
        assert desk.due() == [] and "review_days" in caplog.text
    finally:
        desk.close()
    assert Settings.read([1])[1] and Settings.read({"extra": [1]})[1]


# --- item 6 ------------------------------------------------------------------------------------------------------
def test_an_oversized_manifest_is_refused_without_reading_it_whole(two_desks, tmp_path):
    data, archive = two_desks
    bad = _rewritten(archive, tmp_path / "bad.zip", {"manifest.json": b" " * (3 * 1024 * 1024)})
    assert bad.stat().st_size < 200_000
    with pytest.raises(BackupError, match="manifest.json 有"):
        restore(data, bad)


def test_an_oversized_template_is_refused_and_nothing_is_written(two_desks, tmp_path):
    data, archive = two_desks
    bad = _rewritten(archive, tmp_path / "bad.zip", {"templates/huge.bin": b"\0" * (30 * 1024 * 1024)})
    with pytest.raises(BackupError, match="templates/huge.bin"):
        restore(data, bad)
    assert not (data / "templates" / "huge.bin").exists() and not list(data.glob(".restore-*"))


def test_a_letter_template_in_a_backup_is_checked_like_any_template(two_desks, tmp_path):
    data, archive = two_desks
    document = Document(str(TEMPLATE_PATH))
    document.add_paragraph("{% macro m() %}{{ 客户姓名 }}{% endmacro %}{{ 未知 }}")
    hostile = tmp_path / "confirmation_letter.docx"
    document.save(str(hostile))
    bad = _rewritten(archive, tmp_path / "bad.zip", {"templates/confirmation_letter.docx": hostile.read_bytes()})
    with pytest.raises(BackupError, match="confirmation_letter.docx"):
        restore(data, bad)


# --- item 7 ------------------------------------------------------------------------------------------------------
def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (exited, not yet reaped) counts as gone
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


@pytest.mark.timeout(120)
def test_the_index_build_helper_dies_with_its_killed_parent_and_leaves_no_job_file(tmp_path, clock):
    index_dir = tmp_path / "d" / "index"
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from app.model import Article, Kind
        from app.search.build_worker import SegmentHelper
        from app.search.schema import build_schema
        from app.search.storage import create_index
        build = Path({str(index_dir)!r} + ".building")
        build.mkdir(parents=True)
        create_index(str(build), build_schema())
        articles = [Article(kind=Kind.CASE, title=f"退款问题{{i}}", body="客服知识" * 200) for i in range(20000)]
        helper = SegmentHelper(str(build), articles, [])
        print(helper.process.pid, flush=True)
        time.sleep(120)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, text=True)
    helper_pid = int(parent.stdout.readline())
    assert _alive(helper_pid)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 3  # the helper's own work takes ~7 s: it must not get to finish it
    while _alive(helper_pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(helper_pid), "the helper outlived its parent"
    desk = Deskbook(tmp_path / "d", clock=clock)
    try:
        desk.prepare_index()  # removes the leftover build folder, job file and all
    finally:
        desk.close()
    assert not index_dir.with_name("index.building").exists()
    assert not list(tmp_path.rglob("*.job*"))


def test_job_files_older_versions_left_in_the_temp_folder_are_removed(tmp_path):
    import tempfile

    from app.search.build_worker import remove_stale_job_files

    old = Path(tempfile.gettempdir()) / "deskbook-build-abc.job"
    fresh = Path(tempfile.gettempdir()) / "deskbook-build-def.job.out"
    for path in (old, fresh):
        path.write_bytes(b"x" * 1000)
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert remove_stale_job_files() >= 1
    assert not old.exists() and fresh.exists()
    fresh.unlink()


def test_an_unfinished_restore_copy_is_removed_on_open(two_desks, clock):
    data, _archive = two_desks
    leftover = data / ".restore-abc123"
    leftover.mkdir()
    (leftover / "deskbook.sqlite3").write_bytes(b"x" * 100_000)  # killed while unpacking: no READY mark
    (data / "deskbook.sqlite3.restoring").write_bytes(b"x")  # what older versions staged
    before = _rows(data / "deskbook.sqlite3")
    Deskbook(data, clock=clock).close()
    assert not leftover.exists() and not (data / "deskbook.sqlite3.restoring").exists()
    assert _rows(data / "deskbook.sqlite3") == before



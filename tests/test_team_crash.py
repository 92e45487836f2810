"""SIGKILL during a pull and during a publish: the database and the clone stay consistent, the next sync completes.

After every crash: ``PRAGMA integrity_check`` is ok, the clone opens, and after the next sync every article of the
library is on the desk exactly as the library has it (and nothing on the desk was lost or duplicated).
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

import pytest

from app.services import Deskbook
from app.team.format import article_file, article_path
from app.team.gitrepo import TeamRepository, init_bare
from tests.safety_helpers import REPO, integrity
from tests.team_helpers import case, library_files, team_desk

pytestmark = pytest.mark.timeout(120)
ARTICLES = 1200  # more than two pull chunks
WORKER_TIMEOUT = 60


def run_worker(scenario: str, data_dir) -> None:
    result = subprocess.run([sys.executable, "-m", "tests.team_crash_worker", scenario, str(data_dir)],
                            check=False, cwd=REPO, capture_output=True, text=True, timeout=WORKER_TIMEOUT)
    assert result.returncode == -signal.SIGKILL, result.stderr


@pytest.fixture(scope="module")
def published_library(tmp_path_factory):
    """A library holding ARTICLES articles, published by an owner desk (built once for the module)."""
    from tests.conftest import FakeClock
    from tests.helpers import write_jsonl

    root = tmp_path_factory.mktemp("published")
    path = root / "team.git"
    init_bare(path)
    owner = team_desk(root / "owner", path, FakeClock())
    rows = [{"id": f"row-{i}", "title": f"团队文章{i}", "body": f"第{i}条：退款、物流、账号" * 3} for i in range(ARTICLES)]
    owner.import_path(write_jsonl(root / "rows.jsonl", rows))
    owner.team.publish()
    owner.close()
    return path


@pytest.fixture
def library(tmp_path, published_library):
    path = tmp_path / "team.git"
    shutil.copytree(published_library, path)
    return path


def assert_matches_library(desk: Deskbook, library) -> None:
    files = {p: d for p, d in library_files(library).items() if p.startswith("articles/")}
    assert desk.articles.count() == len(files)
    for article in desk.articles.iter_all():
        assert files[article_path(article.id)] == article_file(article), article.title
    assert desk.db.execute("SELECT count(*) FROM team_articles").fetchone()[0] == len(files)


def test_kill_in_the_middle_of_a_pull(tmp_path, library, clock):
    agent = team_desk(tmp_path / "agent", library, clock, role="agent", connect=False)
    agent.close()
    # Join without pulling (the worker does the big pull), as an agent whose first pull is interrupted.
    desk = Deskbook(tmp_path / "agent", clock=clock)
    desk.settings.team_url = str(library)
    desk.save_settings()
    with desk.team.stores.db.atomic():
        desk.team.stores.state.set("connected", "1")
    desk.close()

    run_worker("pull-mid-apply", tmp_path / "agent")
    database = tmp_path / "agent" / "deskbook.sqlite3"
    assert integrity(database) == "ok"
    desk = Deskbook(tmp_path / "agent", clock=clock)
    assert desk.articles.count() == 500  # the first chunk, whole; nothing of the second
    assert desk.team.stores.state.get("synced_head") is None
    desk.prepare_index()
    desk.reindex()
    desk.team.pull()
    assert_matches_library(desk, library)
    assert len(desk.search("团队文章", limit=5, log_query=False).results) == 5
    assert desk.team.status().pending == 0
    desk.close()


@pytest.mark.parametrize("scenario", ["publish-after-push", "publish-before-push"])
def test_kill_in_the_middle_of_a_publish(tmp_path, library, clock, scenario):
    owner = team_desk(tmp_path / "second-owner", library, clock)
    first = owner.list_articles(limit=1)[0]
    owner.update_article(owner.get_article(first.id).with_changes(body="发布时被中断的修改"), "王主管")
    new = owner.create_article(case("中断时新建的文章", "也要发布"))
    owner.close()

    run_worker(scenario, tmp_path / "second-owner")
    assert integrity(tmp_path / "second-owner" / "deskbook.sqlite3") == "ok"
    TeamRepository(tmp_path / "second-owner" / "team" / "library.git").verify(None)
    pushed = f"articles/{new.id}.md" in library_files(library)
    assert pushed == (scenario == "publish-after-push")

    owner = Deskbook(tmp_path / "second-owner", clock=clock)
    owner.prepare_index()
    report = owner.team.publish()
    assert (report.published != []) == (scenario == "publish-before-push")  # after the push there is nothing left
    assert owner.team.status().pending == 0
    assert_matches_library(owner, library)
    assert owner.get_article(first.id).body == "发布时被中断的修改"
    reader = team_desk(tmp_path / "reader", library, clock, role="agent")
    assert reader.get_article(new.id).title == "中断时新建的文章"
    assert reader.articles.count() == ARTICLES + 1
    owner.close()
    reader.close()


def test_kill_at_an_arbitrary_moment_of_repeated_pulls(tmp_path, library, clock):
    desk = team_desk(tmp_path / "agent", library, clock, role="agent")
    desk.close()
    proc = subprocess.Popen([sys.executable, "-m", "tests.team_crash_worker", "pull-loop", str(tmp_path / "agent")],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        assert proc.stdout.readline().strip() == "pulled", proc.stderr.read()
        time.sleep(0.15)  # somewhere inside the next pull
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=WORKER_TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert integrity(tmp_path / "agent" / "deskbook.sqlite3") == "ok"
    desk = Deskbook(tmp_path / "agent", clock=clock)
    desk.prepare_index()
    desk.team.pull()
    assert_matches_library(desk, library)
    desk.close()

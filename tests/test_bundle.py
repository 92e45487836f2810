"""The PyInstaller one-folder bundle, built once for this module (about half a minute): it fits its size budget,
runs the command line, exports a letter as PDF (or says in Chinese that no font was found), starts the GUI, and
rebuilds a large index with its helper process (the frozen program must answer ``-m app.search.build_worker``).

Marked ``bundle``: ``./dev.sh test -m "not bundle"`` leaves it out of a quick local run; CI runs it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from app import __version__
from app.search.index import PARALLEL_MIN_ARTICLES
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.bundle
ROOT = Path(__file__).resolve().parent.parent


def _bundle_module():
    spec = importlib.util.spec_from_file_location("deskbook_bundle", ROOT / "packaging" / "bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("bundle")
    return _bundle_module().build(work / "dist", work / "build")


@pytest.fixture
def run(bundle, tmp_path):
    """Run the bundle's command-line executable with a data directory of this test, from outside the sources."""
    program = bundle / ("deskbook-cli.exe" if os.name == "nt" else "deskbook")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env |= {"QT_QPA_PLATFORM": "offscreen", "DESKBOOK_DATA_DIR": str(tmp_path / "data"),
            "XDG_CONFIG_HOME": str(tmp_path / "config")}

    def run(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
        done = subprocess.run([str(program), *args], cwd=tmp_path, env=env | extra_env, capture_output=True,
                              text=True, encoding="utf-8", timeout=180)
        assert "Traceback" not in done.stderr, done.stderr
        return done

    return run


def test_bundle_fits_its_size_budget_without_what_it_does_not_use(bundle):
    module = _bundle_module()
    total = dict(module.size_rows(bundle))["Total"]
    assert 50_000_000 < total <= module.BUDGET_BYTES, module.size_table(bundle)
    files = [path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if path.is_file()]
    assert not [f for f in files if "/imageformats/" in f or "/PIL/" in f or f.endswith("opengl32sw.dll")]
    assert [f.rsplit("/", 1)[-1] for f in files if f.endswith(".qm") and "/app/" not in f] == ["qtbase_zh_CN.qm"]
    assert not [path for path in bundle.rglob("*") if path.is_symlink() and not path.exists()]  # no dangling links


def test_bundle_reports_its_version_and_runs_the_command_line(run):
    assert run("--version").stdout.strip() == f"deskbook {__version__}"
    demo = run("demo")
    assert demo.returncode == 0 and "新建 66 篇" in demo.stdout, demo.stderr
    search = run("search", "退款", "--json")
    assert search.returncode == 0, search.stderr
    assert any("退款" in hit["title"] for hit in json.loads(search.stdout)["hits"])


def test_bundle_exports_a_letter_as_pdf_or_says_why_not_in_chinese(run, tmp_path):
    assert run("demo").returncode == 0
    requests = run("request", "list", "--status", "已解决", "--json")
    first = json.loads(requests.stdout.splitlines()[0])
    letter = tmp_path / "letter.pdf"
    done = run("export", "letter", first["id"], "--format", "pdf", "--out", str(letter))
    assert done.returncode == 0, done.stderr
    text = pdf_text(letter)
    assert "客户确认函" in text and first["code"] in text

    missing = run("export", "letter", first["id"], "--format", "pdf", "--out", str(tmp_path / "other.pdf"),
                  DESKBOOK_CJK_FONT=str(tmp_path / "no-such-font.ttc"))
    assert missing.returncode != 0 and "找不到字体文件" in missing.stderr
    assert not (tmp_path / "other.pdf").exists()


def test_bundle_renders_a_docx_letter_in_its_helper_process(run, tmp_path):
    """The DOCX letter renders in a helper started as ``sys.executable -m app.templates.isolated``; in a bundle
    that is the deskbook program itself, which must answer it (issue 18)."""
    assert run("demo").returncode == 0
    first = json.loads(run("request", "list", "--status", "已解决", "--json").stdout.splitlines()[0])
    letter = tmp_path / "letter.docx"
    done = run("export", "letter", first["id"], "--format", "docx", "--out", str(letter))
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(letter) as archive:
        assert first["code"] in archive.read("word/document.xml").decode("utf-8")


def test_bundle_starts_the_gui(run):
    done = run("--smoke-test")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"deskbook {__version__} smoke test" in done.stdout and done.stdout.rstrip().endswith("ok")


def test_bundle_rebuilds_a_large_index_with_its_helper_process(run, tmp_path):
    articles = tmp_path / "many.jsonl"
    with articles.open("w", encoding="utf-8") as out:
        for number in range(PARALLEL_MIN_ARTICLES + 200):
            row = {"id": f"bulk-{number}", "title": f"退款问题 {number}", "body": f"客户的订单 {number} 退款未到账"}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    assert run("import", str(articles)).returncode == 0
    rebuilt = run("-v", "reindex")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "helper failed" not in rebuilt.stderr  # the helper process ran this program with -m … and succeeded
    found = run("search", "退款", "--json", "--limit", "1")
    assert json.loads(found.stdout)["total"] == PARALLEL_MIN_ARTICLES + 200


def test_bundle_makes_and_joins_a_team_library(run, tmp_path):
    # pygit2's cffi backend and libgit2 travel in the bundle; the token goes to the owner-only file, as the bundle
    # carries no Secret Service backend (packaging/deskbook.spec).
    library = tmp_path / "share" / "team.git"
    assert run("team", "init", str(library)).returncode == 0
    joined = run("team", "connect", str(library), "--token", "t0ken")
    assert joined.returncode == 0 and "已连接团队库" in joined.stdout, joined.stderr
    assert run("demo").returncode == 0
    published = run("team", "publish", "--local")
    assert published.returncode == 0 and "已发布 " in published.stdout, published.stderr
    assert (tmp_path / "data" / "team" / "credentials.json").exists()

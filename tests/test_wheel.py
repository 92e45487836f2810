"""The wheel is complete: built from the sources, installed into a fresh venv and run from outside the source tree,
``deskbook demo``, ``deskbook search`` and the GUI start all work (they need the resources the wheel carries).

Offline and fast: the wheel is built without build isolation, and the new venv reuses the dependencies already
installed in the test venv (a ``.pth`` pointing at a folder of links to them, leaving out Deskbook's own editable
install), so pip resolves the wheel's dependencies against them and downloads nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["pyproject.toml", "README.md", "app", "resources"]


def _copy_sources(target: Path) -> Path:
    # A clean copy: setuptools' build/ folder keeps files deleted from the sources, which would leak into the wheel.
    target.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, target / name)
    return target


def build_wheel(workdir: Path) -> Path:
    sources = _copy_sources(workdir / "src")
    out = workdir / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(out),
         str(sources)],
        check=True, cwd=workdir,
    )
    (wheel,) = out.glob("deskbook-*.whl")
    return wheel


def _dependency_links(workdir: Path) -> Path:
    """A folder of links to what the test venv has installed, except Deskbook itself."""
    site = Path(sysconfig.get_paths()["purelib"])
    links = workdir / "deps"
    links.mkdir()
    for entry in site.iterdir():
        name = entry.name.lower()
        if name == "app" or name.startswith(("deskbook", "__editable__")) or name.endswith(".pth"):
            continue
        (links / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    return links


def venv_with_wheel(workdir: Path, wheel: Path) -> Path:
    """A new venv holding the wheel; returns its bin (Scripts) folder."""
    env_dir = workdir / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "deskbook-test-deps.pth").write_text(str(_dependency_links(workdir)) + "\n", "utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index", "-q", str(wheel)],
                   check=True)
    return python.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(workdir)
    return wheel, venv_with_wheel(workdir, wheel), workdir


def _run(bindir: Path, workdir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DESKBOOK_DATA_DIR")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["DESKBOOK_DATA_DIR"] = str(workdir / "data")
    env["XDG_CONFIG_HOME"] = str(workdir / "config")  # QSettings of the GUI start stay in the test's folder
    outside = workdir / "elsewhere"  # not the source tree: nothing may be found next to the sources
    outside.mkdir(exist_ok=True)
    return subprocess.run([str(bindir / "deskbook"), *args], cwd=outside, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=180)


def test_wheel_holds_every_package_and_the_resources(installed):
    wheel, _bindir, _workdir = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    packages = {str(p.parent.relative_to(ROOT)).replace(os.sep, "/") for p in (ROOT / "app").rglob("__init__.py")}
    missing = sorted(p for p in packages if f"{p}/__init__.py" not in names)
    assert not missing, f"add these to [tool.setuptools] packages in pyproject.toml: {missing}"
    resources = {str(p.relative_to(ROOT / "resources")).replace(os.sep, "/")
                 for p in (ROOT / "resources").rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc", ".ts")}
    resources.discard("__init__.py")
    assert resources and not {r for r in resources if f"app/resources/{r}" not in names}
    assert "app/search/fold_table.json" in names


def test_installed_wheel_runs_from_outside_the_sources(installed):
    _wheel, bindir, workdir = installed
    where = subprocess.run([str(bindir / "python"), "-c", "import app.paths as p; print(p.RESOURCES_DIR)"],
                           cwd=workdir, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(bindir.parent) and Path(where, "demo", "articles.jsonl").is_file()

    demo = _run(bindir, workdir, "demo")
    assert demo.returncode == 0, demo.stderr
    assert "新建 66 篇" in demo.stdout

    search = _run(bindir, workdir, "search", "退款", "--json")
    assert search.returncode == 0, search.stderr
    hits = json.loads(search.stdout)["hits"]
    assert any("退款" in hit["title"] for hit in hits)

    gui = _run(bindir, workdir, "--smoke-test")
    assert gui.returncode == 0, gui.stdout + gui.stderr
    assert "smoke test" in gui.stdout and gui.stdout.rstrip().endswith("ok")

    version = _run(bindir, workdir, "--version")
    assert version.stdout.strip() == f"deskbook {_version()}"


def _version() -> str:
    from app import __version__

    return __version__

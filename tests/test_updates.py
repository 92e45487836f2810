"""The update check's core (app/updates.py): a team folder and an HTTP server on 127.0.0.1 started here."""

from __future__ import annotations

import json
import socket
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from app.settings import Settings
from app.updates import FEED_NAME, MAX_FEED_BYTES, UpdateStatus, check_for_update

INSTALLER = "Deskbook-0.2.0-setup.exe"


def publish(folder: Path, feed: object, installer: str | None = INSTALLER, bom: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if installer:
        (folder / installer).write_bytes(b"MZ installer")
    text = feed if isinstance(feed, str) else json.dumps(feed, ensure_ascii=False)
    (folder / FEED_NAME).write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return folder


def test_no_location_checks_nothing():
    assert check_for_update("  ", current="0.1.0").status is UpdateStatus.UNSET
    assert Settings().update_source == ""


def test_a_newer_installer_in_the_team_folder(tmp_path):
    share = publish(tmp_path / "share", {"version": "0.2.0", "file": INSTALLER, "notes": "新增：更新提示"}, bom=True)
    result = check_for_update(str(share), current="0.1.0")
    assert result.status is UpdateStatus.NEWER and result.newer
    assert result.release.version == "0.2.0" and result.release.notes == "新增：更新提示"
    assert Path(result.release.location) == share / INSTALLER
    # the same folder named by its latest.json, or as a file:// address
    assert check_for_update(str(share / FEED_NAME), current="0.1.0").newer
    assert check_for_update((share / FEED_NAME).as_uri(), current="0.1.0").newer


@pytest.mark.parametrize(("published", "current", "status"), [
    ("0.1.0", "0.1.0", UpdateStatus.CURRENT),
    ("0.0.9", "0.1.0", UpdateStatus.CURRENT),
    ("0.10.0", "0.9.0", UpdateStatus.NEWER),  # versions compare as numbers, not text
    ("0.2.0rc1", "0.1.0", UpdateStatus.NEWER),
    ("0.2.0rc1", "0.2.0", UpdateStatus.CURRENT),
])
def test_versions_compare_as_releases(tmp_path, published, current, status):
    share = publish(tmp_path, {"version": published, "file": INSTALLER})
    assert check_for_update(str(share), current=current).status is status


def test_latest_json_naming_a_missing_installer_is_not_an_update(tmp_path):
    share = publish(tmp_path, {"version": "0.2.0", "file": INSTALLER}, installer=None)
    result = check_for_update(str(share), current="0.1.0")
    assert result.status is UpdateStatus.MISSING_INSTALLER and INSTALLER in result.detail


@pytest.mark.parametrize("feed", [
    "not json {",
    "[1, 2]",
    {"version": "0.2.0"},
    {"file": INSTALLER},
    {"version": "soon", "file": INSTALLER},
    {"version": "0.2.0", "file": "../elsewhere/setup.exe"},
    {"version": "0.2.0", "file": "sub\\setup.exe"},
    {"version": "0.2.0", "file": ""},
    "x" * (MAX_FEED_BYTES + 10),
])
def test_a_malformed_latest_json_is_reported_not_raised(tmp_path, feed):
    share = publish(tmp_path, feed)
    result = check_for_update(str(share), current="0.1.0")
    assert result.status is UpdateStatus.INVALID and result.detail and result.release is None


def test_an_unreachable_folder_is_reported(tmp_path):
    result = check_for_update(str(tmp_path / "not-mounted"), current="0.1.0")
    assert result.status is UpdateStatus.UNREACHABLE and "not-mounted" in result.detail


@pytest.fixture
def http_folder(tmp_path):
    """A folder served over HTTP on 127.0.0.1; yields (folder, base address)."""
    folder = tmp_path / "www"
    folder.mkdir()

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep the test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_newer_installer_on_a_web_server(http_folder):
    folder, base = http_folder
    publish(folder / "deskbook", {"version": "0.2.0", "file": "Deskbook 0.2.0 安装程序.exe"}, installer=None)
    result = check_for_update(f"{base}/deskbook/", current="0.1.0")
    assert result.status is UpdateStatus.NEWER
    assert result.release.location == (f"{base}/deskbook/Deskbook%200.2.0%20"
                                       "%E5%AE%89%E8%A3%85%E7%A8%8B%E5%BA%8F.exe")
    assert check_for_update(f"{base}/deskbook/{FEED_NAME}", current="0.2.0").status is UpdateStatus.CURRENT


def test_a_missing_feed_on_the_server_is_reported(http_folder):
    _folder, base = http_folder
    result = check_for_update(f"{base}/nothing-here", current="0.1.0")
    assert result.status is UpdateStatus.UNREACHABLE and "HTTP 404" in result.detail


def test_a_server_that_never_answers_does_not_hold_the_check():
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection into its backlog and never replies
    try:
        started = time.monotonic()
        result = check_for_update(f"http://127.0.0.1:{silent.getsockname()[1]}/", current="0.1.0", timeout=0.5)
        assert result.status is UpdateStatus.UNREACHABLE
        assert time.monotonic() - started < 5
    finally:
        silent.close()


def test_the_location_is_kept_in_the_settings_file(tmp_path):
    path = tmp_path / "settings.json"
    settings = Settings()
    settings.update_source = r"\\fileserver\tools\Deskbook"
    settings.save(path)
    assert Settings.load(path).update_source == r"\\fileserver\tools\Deskbook"

"""``deskbook install-desktop-entry`` writes a valid menu entry and icon under $XDG_DATA_HOME; ``check-update`` on
the command line."""

from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

from app import desktop_entry
from app.cli import main
from app.updates import FEED_NAME


@pytest.fixture
def xdg_home(tmp_path, monkeypatch):
    home = tmp_path / "xdg data"  # a space: the Icon path must survive it
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def _read_entry(path):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_install_writes_the_entry_and_icon_under_xdg_data_home(xdg_home, capsys):
    assert main(["install-desktop-entry"]) == 0
    entry_path = xdg_home / "applications" / "deskbook.desktop"
    icon_path = xdg_home / "icons" / "hicolor" / "scalable" / "apps" / "deskbook.svg"
    assert str(entry_path) in capsys.readouterr().out
    entry = _read_entry(entry_path)
    assert entry["Type"] == "Application" and entry["Name[zh_CN]"].startswith("Deskbook")
    assert entry["Icon"] == str(icon_path)
    assert ElementTree.parse(icon_path).getroot().tag.endswith("svg")
    program = entry["Exec"]
    assert os.path.isabs(program) and os.access(program, os.X_OK)  # this installation, not whatever PATH finds
    assert subprocess.run([program, "--version"], capture_output=True, text=True, timeout=60).returncode == 0


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate (Debian desktop-file-utils, installed by dev.sh) is missing")
def test_the_installed_entry_passes_desktop_file_validate(xdg_home):
    files = desktop_entry.install(command=["/opt/Desk book/deskbook", "--data-dir", "/home/a/知识库 100%"])
    for path in (files.entry, desktop_entry.SHIPPED_ENTRY):
        checked = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
        assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout + checked.stderr


@pytest.mark.parametrize(("command", "expected"), [
    (["/usr/bin/deskbook"], "/usr/bin/deskbook"),
    (["/opt/Desk book/deskbook"], '"/opt/Desk book/deskbook"'),
    (["/x/deskbook", "--data-dir", "/home/a/100% $HOME"], '/x/deskbook --data-dir "/home/a/100%% \\\\$HOME"'),
])
def test_exec_values_are_quoted_as_the_specification_says(command, expected):
    assert desktop_entry.exec_value(command) == expected


def test_remove_takes_both_files_away(xdg_home, capsys):
    files = desktop_entry.install(command=["/usr/bin/deskbook"])
    assert main(["install-desktop-entry", "--remove"]) == 0
    assert not files.entry.exists() and not files.icon.exists()
    assert main(["install-desktop-entry", "--remove"]) == 0
    assert "没有安装过菜单项" in capsys.readouterr().out


def test_check_update_on_the_command_line(tmp_path, capsys):
    share = tmp_path / "share"
    share.mkdir()
    (share / "Deskbook-99.0-setup.exe").write_bytes(b"MZ")
    (share / FEED_NAME).write_text(json.dumps({"version": "99.0", "file": "Deskbook-99.0-setup.exe"}), "utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text(json.dumps({"update_source": str(share)}), "utf-8")
    assert main(["--data-dir", str(data), "check-update"]) == 0
    assert "有新版本 Deskbook 99.0" in capsys.readouterr().out
    assert main(["check-update", "--source", str(share), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["status"] == "newer" and report["release"]["file"] == "Deskbook-99.0-setup.exe"
    assert main(["check-update", "--source", str(tmp_path / "absent")]) == 1
    assert "无法检查更新" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path / "empty"), "check-update"]) == 2
    assert "未设置更新位置" in capsys.readouterr().err

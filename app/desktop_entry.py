"""The Linux application-menu entry: ``deskbook install-desktop-entry`` (and ``--remove``).

Writes ``applications/deskbook.desktop`` and ``icons/hicolor/scalable/apps/deskbook.svg`` under the user's data
home (``$XDG_DATA_HOME``, else ``~/.local/share``), following the freedesktop.org desktop-entry and icon-theme
specifications. The shipped entry (resources/desktop/deskbook.desktop) runs ``deskbook`` from PATH; the installed
one names this installation's program by its full path, since a desktop session's PATH often lacks ~/.local/bin.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from app.paths import RESOURCES_DIR

ENTRY_NAME = "deskbook.desktop"
ICON_NAME = "deskbook.svg"
SHIPPED_ENTRY = RESOURCES_DIR / "desktop" / ENTRY_NAME
SHIPPED_ICON = RESOURCES_DIR / "icons" / ICON_NAME


@dataclass(frozen=True)
class DesktopFiles:
    entry: Path
    icon: Path


def data_home() -> Path:
    """``$XDG_DATA_HOME``, else ``~/.local/share``."""
    return Path(platformdirs.user_data_dir())


def target_files(home: Path | None = None) -> DesktopFiles:
    home = home or data_home()
    return DesktopFiles(home / "applications" / ENTRY_NAME, home / "icons" / "hicolor" / "scalable" / "apps" / ICON_NAME)


def program_command() -> list[str]:
    """How to start this installation: the frozen program, the ``deskbook`` script beside this Python, or
    ``python -m app``."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    script = Path(sys.executable).with_name("deskbook")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script.absolute())]
    found = shutil.which("deskbook")
    if found:
        return [str(Path(found).absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "app"]


def exec_value(command: list[str]) -> str:
    """An ``Exec=`` value: arguments with reserved characters quoted and escaped as the spec requires."""
    quoted = []
    for argument in command:
        if argument and not any(ch in argument for ch in ' \t\n"\'\\><~|&;$*?#()`'):
            quoted.append(argument.replace("%", "%%"))
            continue
        escaped = "".join("\\" + ch if ch in '"`$\\' else ch for ch in argument).replace("%", "%%")
        quoted.append(f'"{escaped}"')
    # The desktop-entry format itself escapes backslashes once more in string values.
    return " ".join(quoted).replace("\\", "\\\\")


def entry_text(command: list[str], icon: Path) -> str:
    lines = []
    for line in SHIPPED_ENTRY.read_text("utf-8").splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_value(command)
        elif line.startswith("Icon="):
            line = f"Icon={icon}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def install(home: Path | None = None, command: list[str] | None = None) -> DesktopFiles:
    files = target_files(home)
    files.icon.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIPPED_ICON, files.icon)
    files.entry.parent.mkdir(parents=True, exist_ok=True)
    temporary = files.entry.with_suffix(".tmp")
    temporary.write_text(entry_text(command or program_command(), files.icon), "utf-8")
    os.replace(temporary, files.entry)
    _refresh_menu(files.entry.parent)
    return files


def remove(home: Path | None = None) -> list[Path]:
    files = target_files(home)
    removed = []
    for path in (files.entry, files.icon):
        if path.exists():
            path.unlink()
            removed.append(path)
    _refresh_menu(files.entry.parent)
    return removed


def _refresh_menu(applications: Path) -> None:
    """Menus watch the folder; update-desktop-database (when installed) also refreshes the MIME cache."""
    tool = shutil.which("update-desktop-database")
    if tool and applications.is_dir():
        subprocess.run([tool, "-q", str(applications)], check=False, capture_output=True, timeout=30)

"""What the bundle leaves out of what PyInstaller collects, to stay within its size budget (packaging/bundle.py).

Used by deskbook.spec on every platform. Each rule says why the file is not needed; libraries that only a dropped
file needed go too (found through PyInstaller's own dependency reader). Python's own libraries (libpython and the
standard extension modules) and the other shared libraries lose their symbol tables on Linux (~30 MB).
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Matched against the destination path inside the bundle, lower case, with "/" separators.
UNUSED = [
    # Qt's own translations: the app loads only qtbase_zh_CN (standard buttons, text-field menus; app/ui/language.py).
    "pyside6/*translations/*.qm",
    # Images: the app draws its icons in code and shows no pictures (article HTML is sanitised without <img>).
    "pyside6/*plugins/imageformats/*",
    "pyside6/*plugins/iconengines/*",
    # Network: QtNetwork serves only the local single-instance socket; update checks use Python's urllib.
    "pyside6/*plugins/tls/*",
    "pyside6/*plugins/networkinformation/*",
    # Embedded-device platforms and their input drivers; the desktop uses xcb / wayland / windows (offscreen: tests).
    "pyside6/*plugins/generic/*",
    "pyside6/*plugins/egldeviceintegrations/*",
    "pyside6/*plugins/platforms/*minimal*",
    "pyside6/*plugins/platforms/*linuxfb*",
    "pyside6/*plugins/platforms/*eglfs*",
    "pyside6/*plugins/platforms/*vnc*",
    "pyside6/*plugins/platforms/*vkkhrdisplay*",
    "pyside6/*plugins/platforms/*direct2d*",
    # OpenGL integrations: widgets paint in software (raster); no part of the app uses OpenGL.
    "pyside6/*plugins/xcbglintegrations/*",
    "pyside6/*plugins/wayland-graphics-integration-client/*",
    # The style is always Fusion (app/ui/style.py); the GTK theme plugin needs the system's GTK, which a bundle
    # must not half-ship (its cairo, pango … beside a different system GTK).
    "pyside6/*plugins/styles/*",
    "pyside6/*plugins/platformthemes/*gtk3*",
    # Windows' software OpenGL fallback (20 MB): widgets paint without OpenGL.
    "pyside6/opengl32sw.dll",
    # pyqtgraph's colour maps (loaded by name; the charts use plain colours) and its SVG icons (QtSvg is left out;
    # the one icon a plot shows, the auto-range button's, is a PNG).
    "pyqtgraph/colors/maps/*",
    "pyqtgraph/icons/*.svg",
    "pyqtgraph/icons/peegee/*",
]
KEEP = ["pyside6/*translations/qtbase_zh_cn.qm"]


def _key(dest: str) -> str:
    return dest.replace("\\", "/").lower()


def unused(dest: str) -> bool:
    key = _key(dest)
    return (any(fnmatch.fnmatchcase(key, pattern) for pattern in UNUSED)
            and not any(fnmatch.fnmatchcase(key, pattern) for pattern in KEEP))


def _orphans(binaries: list[tuple], dropped: set[str]) -> set[str]:
    """Libraries (by destination) that only dropped binaries needed; repeated until nothing more falls away."""
    from PyInstaller.depend.bindepend import get_imports

    def same(path: str) -> str:
        return os.path.normcase(os.path.realpath(path))

    by_source = {same(src): dest for dest, src, kind in binaries if kind != "SYMLINK"}
    needs: dict[str, set[str]] = {}
    for dest, src, kind in binaries:
        if kind == "SYMLINK":
            continue
        try:
            imported = get_imports(src)
        except Exception:  # an unreadable file keeps what it may need
            imported = []
        needs[dest] = {by_source[same(path)] for _name, path in imported if path and same(path) in by_source}
    needed_at_all = set().union(*needs.values())
    while True:
        alive = [dest for dest in needs if dest not in dropped]
        needed_now = set().union(*(needs[dest] for dest in alive))
        newly = {dest for dest in alive if dest in needed_at_all and dest not in needed_now}
        if not newly:
            return dropped
        dropped = dropped | newly


def _strippable(dest: str, src: str) -> bool:
    """A shared library whose symbol table can go. Not one an auditwheel-repaired wheel ships in its ``*.libs``
    folder (numpy's OpenBLAS, pygit2's OpenSSL): patchelf rewrote those, and strip breaks them ("ELF load command
    address/offset not page-aligned")."""
    parts = _key(dest).split("/")
    return ".so" in os.path.basename(src) and not any(part.endswith(".libs") for part in parts)


def _strip_symbols(binaries: list[tuple], workdir: Path) -> list[tuple]:
    """Shared libraries without their symbol tables (Python's own, self-built, also without debug info: ~25 MB;
    the wheels' extension modules and Qt's libraries: another ~6 MB). Linux only, where ``strip`` is there."""
    strip = shutil.which("strip")
    if not sys.platform.startswith("linux") or strip is None:
        return binaries
    out = workdir / "stripped"
    result = []
    for dest, src, kind in binaries:
        if kind != "SYMLINK" and _strippable(dest, src):
            target = out / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
            subprocess.run([strip, "--strip-unneeded", str(target)], check=True)
            src = str(target)
        result.append((dest, src, kind))
    return result


# pygit2's wheel (auditwheel-repaired) brings its own OpenSSL 3, renamed libcrypto-<hash>.so.3 / libssl-<hash>.so.3.
_WHEEL_OPENSSL = re.compile(r"(libcrypto|libssl)-[0-9a-f]+\.so\.3")


def _one_openssl(binaries: list[tuple]) -> list[tuple]:
    """pygit2's OpenSSL (8.3 MB) as links to the system's OpenSSL 3 that Python's ssl and hashlib bring anyway.

    Its libgit2 and libssh2 ask only for the OpenSSL 3.0 ABI (every imported symbol has the version node
    OPENSSL_3.0.0, checked with objdump -T), which every OpenSSL 3.x keeps; so one copy serves both, and it is
    the system's, which the distribution keeps patched. Linux only (a Windows wheel names its DLLs otherwise).
    """
    if not sys.platform.startswith("linux"):
        return binaries
    system = {os.path.basename(dest): dest for dest, _src, kind in binaries
              if kind != "SYMLINK" and os.path.basename(dest) in ("libcrypto.so.3", "libssl.so.3")}
    if len(system) != 2:
        return binaries
    result = []
    for dest, src, kind in binaries:
        match = _WHEEL_OPENSSL.fullmatch(os.path.basename(dest))
        if kind != "SYMLINK" and match:
            target = system[f"{match.group(1)}.so.3"]
            src, kind = os.path.relpath(target, os.path.dirname(dest) or "."), "SYMLINK"
        result.append((dest, src, kind))
    return result


def drop_unused(binaries: list[tuple], datas: list[tuple], workdir: str) -> tuple[list[tuple], list[tuple]]:
    """``(binaries, datas)`` of a PyInstaller Analysis without the unused files and the libraries only they needed."""
    dropped = _orphans(list(binaries), {dest for dest, _src, _kind in binaries if unused(dest)})
    left_out = [src for dest, src, _kind in binaries if dest in dropped]
    left_out += [src for dest, src, kind in datas if kind != "SYMLINK" and unused(dest)]
    megabytes = sum(os.path.getsize(src) for src in left_out if os.path.isfile(src)) / 1e6
    print(f"packaging/trim.py: left out {len(left_out)} files, {megabytes:.1f} MB:",
          ", ".join(sorted({os.path.basename(src) for src in left_out if not src.endswith(".qm")})), flush=True)
    binaries = [entry for entry in binaries if entry[0] not in dropped]
    datas = [entry for entry in datas if not unused(entry[0])]
    # A symlink (Linux .so version links, listed with the data) names its target's destination: it goes with it.
    names = {os.path.normpath(dest) for dest, _src, kind in binaries + datas if kind != "SYMLINK"}
    datas = [(dest, src, kind) for dest, src, kind in datas if kind != "SYMLINK" or os.path.normpath(src) in names]
    return _strip_symbols(_one_openssl(binaries), Path(workdir)), datas

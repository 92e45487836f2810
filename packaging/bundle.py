"""Build the one-folder bundle and print its size table: ``./dev.sh package [--dist DIR]``.

Runs PyInstaller on packaging/deskbook.spec (the bundle lands in DIR/deskbook, dist/deskbook by default) and prints
where the megabytes go. tests/test_bundle.py builds through :func:`build` too.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "deskbook.spec"
# The packaging issue's budget: 200 MB unpacked (decimal megabytes, as the table prints them). pygit2's own OpenSSL
# went (packaging/trim.py links it to the system's that Python brings): 197 MB.
BUDGET_BYTES = 200_000_000

# Rows of the size table: a label and the paths (inside the bundle folder, "*" patterns) it adds up.
GROUPS = [
    ("Qt libraries (Core, Gui, Widgets, Network, DBus, platform glue)", ["_internal/PySide6/Qt/lib/libQt6*",
                                                                        "_internal/PySide6/Qt6*.dll"]),
    ("ICU data and libraries (linked by Qt Core)", ["_internal/PySide6/Qt/lib/libicu*"]),
    ("Qt plugins and translation", ["_internal/PySide6/Qt/plugins", "_internal/PySide6/plugins",
                                    "_internal/PySide6/Qt/translations", "_internal/PySide6/translations"]),
    ("PySide6 bindings", ["_internal/PySide6/*.so*", "_internal/PySide6/*.pyd", "_internal/PySide6/pyside6*.dll",
                          "_internal/shiboken6", "_internal/libshiboken6*"]),
    ("numpy and OpenBLAS", ["_internal/numpy", "_internal/numpy.libs", "_internal/numpy*.libs"]),
    ("Python (interpreter library and standard extension modules)", ["_internal/libpython*", "_internal/python3*",
                                                                     "_internal/base_library.zip",
                                                                     "_internal/*.pyd", "_internal/lib-dynload"]),
    ("Search and text (rjieba, pypinyin, nh3, whoosh)", ["_internal/rjieba", "_internal/pypinyin", "_internal/nh3"]),
    ("Documents (lxml, fontTools, python-docx, openpyxl, yaml)", ["_internal/lxml", "_internal/fontTools",
                                                                  "_internal/docx", "_internal/docxtpl",
                                                                  "_internal/openpyxl", "_internal/yaml"]),
    ("Deskbook's resources", ["_internal/app"]),
    ("Executables (with the compressed Python code)", ["deskbook", "Deskbook.exe", "deskbook-cli.exe"]),
]


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller; the bundle folder."""
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(dist),
         "--workpath", str(work), str(SPEC)],
        check=True, cwd=ROOT,
    )
    return dist / "deskbook"


def _size(path: Path) -> int:
    if path.is_symlink():
        return 0
    if path.is_file():
        return path.stat().st_size
    return sum(_size(child) for child in path.iterdir()) if path.is_dir() else 0


def size_rows(bundle: Path) -> list[tuple[str, int]]:
    """(label, bytes) per group, then "everything else (system libraries …)", then the total."""
    counted: set[Path] = set()
    rows = []
    for label, patterns in GROUPS:
        paths = {path for pattern in patterns for path in bundle.glob(pattern)} - counted
        counted |= paths
        rows.append((label, sum(_size(path) for path in paths)))
    total = _size(bundle)
    rows.append(("Everything else (system libraries the Qt plugins need, small packages)",
                 total - sum(size for _label, size in rows)))
    rows.append(("Total", total))
    return rows


def size_table(bundle: Path) -> str:
    lines = ["| part | MB |", "|---|---:|"]
    for label, size in size_rows(bundle):
        bold = "**" if label == "Total" else ""
        lines.append(f"| {bold}{label}{bold} | {bold}{size / 1e6:.1f}{bold} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./dev.sh package", description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    bundle = build(args.dist.resolve(), ROOT / "build" / "pyinstaller")
    print(f"\nbuilt {bundle} in {time.monotonic() - started:.0f} s (load average {_load()})\n")
    print(size_table(bundle))
    total = _size(bundle)
    if total > BUDGET_BYTES:
        print(f"\nover the size budget: {total / 1e6:.1f} MB > {BUDGET_BYTES / 1e6:.0f} MB", file=sys.stderr)
        return 1
    return 0


def _load() -> str:
    if not hasattr(os, "getloadavg"):  # Windows
        return "n/a"
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())

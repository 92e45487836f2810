"""PDF export speed in a running app: a confirmation letter and a ~45-page onboarding pack.

    ./dev.sh bench documents [--runs 5]

The demo knowledge base is seeded into a temporary data directory; each document is exported ``--runs`` times
in one process (the first run of each pays the font's first parse), with the small copy of the Chinese font
(``app/documents/font_cache.py``) and without it. Targets (issue 15): letter ≤ 1.0 s, 45-page pack ≤ 3 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def _measure(desk, out: Path, runs: int) -> dict[str, list[float]]:
    from app.services import PackSelection

    request = next(r for r in desk.records.list() if desk.records.plan(r.id).steps)
    times: dict[str, list[float]] = {"letter": [], "pack": []}
    for run in range(runs):
        started = time.perf_counter()
        desk.documents.export_letter(request.id, out / f"letter{run}.pdf", fmt="pdf", force=True)
        times["letter"].append(time.perf_counter() - started)
        started = time.perf_counter()
        desk.documents.export_pack(PackSelection(), out / f"pack{run}.pdf", force=True)
        times["pack"].append(time.perf_counter() - started)
    times["pages"] = [float(_pages(out / "pack0.pdf"))]
    return times


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench documents", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["DESKBOOK_CACHE_DIR"] = str(root / "cache")
        rows = []
        for label, cache in (("full font every time", "0"), ("small font copy", "1")):
            os.environ["DESKBOOK_FONT_CACHE"] = cache
            if cache == "1":  # make the copy first, as the app does in the background after a first export
                from app.documents.font_cache import FontCache
                from app.documents.fonts import find_cjk_fonts

                started = time.perf_counter()
                FontCache(root / "cache").prepare(find_cjk_fonts())
                print(f"small font copy made in {time.perf_counter() - started:.1f} s (once per font)", file=sys.stderr)
            from app.services import Deskbook

            desk = Deskbook.open(root / f"data-{cache}", seed_demo=True)
            out = root / f"out-{cache}"
            out.mkdir()
            times = _measure(desk, out, args.runs)
            desk.close()
            for name in ("letter", "pack"):
                warm = times[name][1:] or times[name]
                rows.append((label, name, times[name][0], statistics.median(warm), max(warm)))
            pages = int(times["pages"][0])
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"]
    print(f"pack: {pages} pages; load average {' '.join(load)}; {os.cpu_count()} cores")
    print("| fonts | document | first run | median after | max after |")
    print("|---|---|---|---|---|")
    for label, name, first, median, worst in rows:
        print(f"| {label} | {name} | {first:.2f} s | {median:.2f} s | {worst:.2f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

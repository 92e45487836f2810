"""Choose the lexicon's weight and row size on the TUNING half only (it never reads the untouched half).

    python -m bench tune-lexicon --data-dir DIR [--lexicon FILE]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.faq_split import read_queries, split
from bench.search_quality import DEFAULT_FAQ, deskbook, evaluate, open_desk, searcher

WEIGHTS = (0.2, 0.3, 0.5, 0.8, 1.0)
GROUPS = (3, 4, 6, 10, 20)


def main(argv: list[str]) -> int:
    from bench.lexicon_eval import install_lexicon

    parser = argparse.ArgumentParser(prog="bench tune-lexicon", description=__doc__.split("\n")[0])
    parser.add_argument("--faq", type=Path, default=DEFAULT_FAQ)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--lexicon", type=Path)
    args = parser.parse_args(argv)
    queries = split(read_queries(args.faq / "queries_dev.jsonl"))["tuning"]
    if not (args.data_dir / "deskbook.sqlite3").exists():
        deskbook(args.data_dir, "import", str(args.faq / "kb.jsonl"))
    desk = open_desk(args.data_dir)
    ranked = searcher(desk)
    base = evaluate([ranked(q.text) for q in queries], queries)
    print(f"{'weight':>6} {'rows≤':>5} {'words':>6} {'R@1':>7} {'R@5':>7} {'MRR@10':>7}   (tuning half, n={len(queries)})")
    print(f"{'none':>6} {'':>5} {'':>6} {base['recall@1']:>7.3f} {base['recall@5']:>7.3f} {base['mrr@10']:>7.3f}")
    for weight in WEIGHTS:
        for group in GROUPS:
            words = install_lexicon(desk, args.lexicon, weight, group)
            f = evaluate([ranked(q.text) for q in queries], queries)
            print(f"{weight:>6} {group:>5} {words:>6} {f['recall@1']:>7.3f} {f['recall@5']:>7.3f} {f['mrr@10']:>7.3f}",
                  flush=True)
    desk.close()
    return 0

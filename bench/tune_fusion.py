"""Choose the fusion of BM25 and the meaning model on the TUNING half only (it never reads the untouched half).

    python -m bench tune-fusion --data-dir DIR [--model DIR]

Prints R@1 / R@5 / MRR@10 of each candidate fusion on the tuning half of AFQMC dev; the choice and its reason go
into bench/RESULTS.md before the untouched half is looked at (``bench quality``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.faq_split import read_queries, split
from bench.search_quality import DEFAULT_FAQ, deskbook, evaluate, open_desk, searcher

CANDIDATES = [
    *(f"rrf:{k}:{w}" for k in (5, 10, 20, 30, 60, 100) for w in (0.5, 1.0, 1.5, 2.0, 3.0)),
    *(f"linear:{share}" for share in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)),
]


def main(argv: list[str]) -> int:
    from app.search.hybrid import Fusion
    from bench.model_eval import install_model

    parser = argparse.ArgumentParser(prog="bench tune-fusion", description=__doc__.split("\n")[0])
    parser.add_argument("--faq", type=Path, default=DEFAULT_FAQ)
    parser.add_argument("--data-dir", type=Path, required=True, help="data directory (imported once)")
    parser.add_argument("--model", type=Path)
    parser.add_argument("--candidates", help="comma-separated fusions (default: a grid of rrf and linear)")
    args = parser.parse_args(argv)
    queries = split(read_queries(args.faq / "queries_dev.jsonl"))["tuning"]
    if not (args.data_dir / "deskbook.sqlite3").exists():
        deskbook(args.data_dir, "import", str(args.faq / "kb.jsonl"))
    desk = open_desk(args.data_dir)
    install_model(desk, args.model)
    ranked = searcher(desk)
    print(f"{'fusion':<16} {'R@1':>7} {'R@5':>7} {'MRR@10':>7}   (tuning half, n={len(queries)})")
    for candidate in (args.candidates.split(",") if args.candidates else CANDIDATES):
        desk.meaning.fusion = Fusion.parse(candidate)
        f = evaluate([ranked(q.text) for q in queries], queries)
        print(f"{candidate:<16} {f['recall@1']:>7.3f} {f['recall@5']:>7.3f} {f['mrr@10']:>7.3f}", flush=True)
    desk.close()
    return 0

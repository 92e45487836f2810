"""Search quality on the AFQMC FAQ benchmark: Recall@1, Recall@5 and MRR@10, on the tuning and the untouched half.

Imports ``kb.jsonl`` into a fresh data directory with ``deskbook import`` and asks every dev query through
``Deskbook.search`` (top 10, as ``deskbook search --batch --json`` does), once per configuration:

- ``lexical``: today's search (BM25 over words, bigrams and characters);
- ``lexicon``: + query expansion from a synonym lexicon (``--lexicon FILE``, 词林 format; evaluation data, see
  bench/RESULTS.md for what may ship);
- ``hybrid``: + the meaning model (``--model DIR``, made by ``python -m bench eval-model --out DIR``; m3e-small,
  non-commercial research licence, evaluation only) fused with BM25.

The dev queries are split once into a tuning half and an untouched half (``bench/faq_split.py``). Choose
parameters with ``--half tuning``; the untouched half is for the figure reported after the choice.
Learning from use cannot be measured on FAQ (it needs searches followed by copies); it is tested functionally.
The data stays in the shared folder (evaluation only, never copied into the project).

    ./dev.sh bench quality [--configs lexical,lexicon,hybrid] [--half tuning|untouched|both] [--lexicon FILE]
                           [--model DIR] [--faq DIR] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.faq_split import HALVES, Query, read_queries, split
from bench.shared import shared_bench_dir

DEFAULT_FAQ = shared_bench_dir() / "faq"
CONFIGS = ("lexical", "lexicon", "hybrid")
CAVEAT = {
    "hybrid": "m3e-small: non-commercial research licence, evaluation only; its training data likely overlaps AFQMC",
}

Ranked = Callable[[str], list[str]]  # query text -> external ids, best first


def deskbook(data_dir: Path, *args: str) -> str:
    command = [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def evaluate(ranked: list[list[str]], queries: list[Query]) -> dict[str, float]:
    r1 = r5 = mrr = 0.0
    for found, query in zip(ranked, queries):
        rank = next((i for i, ext in enumerate(found[:10], start=1) if ext in query.relevant), None)
        if rank is not None:
            r1 += rank == 1
            r5 += rank <= 5
            mrr += 1.0 / rank
    n = max(1, len(queries))
    return {"n": len(queries), "recall@1": r1 / n, "recall@5": r5 / n, "mrr@10": mrr / n}


def open_desk(data_dir: Path):
    from app.services import Deskbook

    desk = Deskbook(data_dir)
    if desk.prepare_index().value != "ready":
        desk.reindex()
    return desk


def searcher(desk, limit: int = 10) -> Ranked:
    def ranked(text: str) -> list[str]:
        results = desk.search(text, limit=limit, log_query=False, highlight=False)
        return [r.summary.external_id for r in results.results]

    return ranked


def prepare(config: str, desk, args: argparse.Namespace) -> None:
    """Switch ``desk`` to a configuration (each one adds to the previous)."""
    if config == "lexicon" or (config == "hybrid" and args.lexicon_in_hybrid):
        from bench.lexicon_eval import install_lexicon

        install_lexicon(desk, args.lexicon)
    if config == "hybrid":
        from bench.model_eval import install_model

        install_model(desk, args.model, fusion=args.fusion)


def run(args: argparse.Namespace) -> list[tuple[str, str, dict[str, float]]]:
    halves = split(read_queries(args.faq / args.queries))
    wanted = HALVES if args.half == "both" else (args.half,)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for config in args.configs:
            data_dir = args.data_dir or Path(tmp) / config
            if not (data_dir / "deskbook.sqlite3").exists():
                started = time.perf_counter()
                deskbook(data_dir, "import", str(args.faq / "kb.jsonl"))
                print(f"imported kb.jsonl in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            desk = open_desk(data_dir)
            try:
                prepare(config, desk, args)
                ranked = searcher(desk)
                for half in wanted:
                    queries = halves[half]
                    rows.append((config, half, evaluate([ranked(q.text) for q in queries], queries)))
            finally:
                desk.close()
    return rows


def print_table(rows: list[tuple[str, str, dict[str, float]]]) -> None:
    print(f"{'configuration':<14} {'half':<10} {'n':>4} {'R@1':>7} {'R@5':>7} {'MRR@10':>7}")
    for config, half, f in rows:
        print(f"{config:<14} {half:<10} {f['n']:>4} {f['recall@1']:>7.3f} {f['recall@5']:>7.3f} {f['mrr@10']:>7.3f}")
    for config in dict.fromkeys(config for config, _h, _f in rows):
        if config in CAVEAT:
            print(f"  {config}: {CAVEAT[config]}")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench quality", description=__doc__.split("\n")[0])
    parser.add_argument("--faq", type=Path, default=DEFAULT_FAQ, help="folder with kb.jsonl and the queries")
    parser.add_argument("--queries", default="queries_dev.jsonl")
    parser.add_argument("--data-dir", type=Path, help="reuse this data directory (imported once)")
    parser.add_argument("--configs", default=",".join(CONFIGS), help=f"comma-separated, of {', '.join(CONFIGS)}")
    parser.add_argument("--half", choices=(*HALVES, "both"), default="both",
                        help="tuning while choosing parameters; both (the default) to report")
    parser.add_argument("--lexicon", type=Path, help="synonym lexicon in 词林 format (default: fetched for evaluation)")
    parser.add_argument("--lexicon-in-hybrid", action="store_true", help="hybrid also expands with the lexicon")
    parser.add_argument("--model", type=Path, help="meaning model folder (default: python -m bench eval-model)")
    parser.add_argument("--fusion", help="override the fusion, e.g. rrf:60 or linear:0.5 (tuning only)")
    args = parser.parse_args(argv)
    args.configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    unknown = [c for c in args.configs if c not in CONFIGS]
    if unknown:
        parser.error(f"unknown configuration(s): {', '.join(unknown)}")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    print_table(run(args))
    return 0

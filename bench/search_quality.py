"""Search quality on the AFQMC FAQ benchmark: Recall@1, Recall@5 and MRR@10.

Imports ``kb.jsonl`` into a fresh data directory and runs the queries through ``deskbook search --batch --json``,
exactly as a user would. The data stays in the shared folder (evaluation only, never copied into the project).

    ./dev.sh bench quality [--faq DIR] [--queries queries_dev.jsonl]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_FAQ = Path(__file__).resolve().parents[2] / "shared" / "bench" / "faq"


def deskbook(data_dir: Path, *args: str) -> str:
    command = [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def search_in_process(data_dir: Path, queries: list[str]) -> list[dict]:
    from app.services import Deskbook

    desk = Deskbook(data_dir)
    if desk.prepare_index().value != "ready":
        desk.reindex()
    out = []
    for text in queries:
        results = desk.search(text, limit=10, log_query=False, highlight=False)
        out.append({"query": text, "hits": [{"external_id": r.summary.external_id} for r in results.results]})
    desk.close()
    return out


def evaluate(results: list[dict], relevant: dict[str, set[str]]) -> dict[str, float]:
    r1 = r5 = mrr = 0.0
    for row in results:
        ranked = [hit["external_id"] for hit in row["hits"][:10]]
        wanted = relevant[row["query"]]
        rank = next((i for i, ext in enumerate(ranked, start=1) if ext in wanted), None)
        if rank is not None:
            r1 += rank == 1
            r5 += rank <= 5
            mrr += 1.0 / rank
    n = len(results)
    return {"n": n, "recall@1": r1 / n, "recall@5": r5 / n, "mrr@10": mrr / n}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench quality", description=__doc__.split("\n")[0])
    parser.add_argument("--faq", type=Path, default=DEFAULT_FAQ, help="folder with kb.jsonl and the queries")
    parser.add_argument("--queries", default="queries_dev.jsonl")
    parser.add_argument("--data-dir", type=Path, help="reuse this data directory (imported once)")
    parser.add_argument("--in-process", action="store_true", help="call Deskbook.search directly (faster to iterate)")
    args = parser.parse_args(argv)

    queries = [json.loads(line) for line in (args.faq / args.queries).read_text("utf-8").splitlines() if line.strip()]
    relevant: dict[str, set[str]] = {}
    for q in queries:
        relevant.setdefault(q["query"].strip(), set()).update(q["relevant"])
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir or Path(tmp) / "data"
        if not (data_dir / "deskbook.sqlite3").exists():
            started = time.perf_counter()
            deskbook(data_dir, "import", str(args.faq / "kb.jsonl"))
            print(f"imported kb.jsonl in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        batch = Path(tmp) / "queries.txt"
        batch.write_text("\n".join(q["query"].strip() for q in queries) + "\n", "utf-8")
        if args.in_process:
            results = search_in_process(data_dir, [q["query"].strip() for q in queries])
        else:
            out = deskbook(data_dir, "search", "--batch", str(batch), "--json", "--limit", "10")
            results = [json.loads(line) for line in out.splitlines() if line.strip()]
    figures = evaluate(results, relevant)
    print(
        f"AFQMC {args.queries}: n={figures['n']}  R@1 {figures['recall@1']:.3f}  "
        f"R@5 {figures['recall@5']:.3f}  MRR@10 {figures['mrr@10']:.3f}"
    )
    return 0

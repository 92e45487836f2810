"""Search speed on the synthetic corpus, Deskbook (Whoosh) and SQLite FTS5 side by side in one process.

    ./dev.sh bench speed [--sizes 10000,50000] [--queries 200]

For each size: full rebuild time, index size, query latency p50/p95 (each distinct query once, top 10 with
highlighted fragments, as the search page asks), save→searchable latency, and the same queries on SQLite FTS5
over rjieba-segmented text (AND of the query's words, bm25 order, top 10) as the reference engine. Peak RSS is
the whole process's. Every query is answered exactly (every match scored; no result cache in the measured path).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.shared import shared_bench_dir

DEFAULT_GEN = shared_bench_dir() / "gen_corpus.py"
WARM_UP = ["预热查询", "系统维护"]  # not among the measured queries: loads the searcher and per-segment lengths


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def generate(gen: Path, *args: str) -> str:
    return subprocess.run([sys.executable, str(gen), *args], check=True, capture_output=True, text=True).stdout


def bench_deskbook(data_dir: Path, corpus: Path, queries: list[str]) -> dict:
    from app.services import Deskbook

    desk = Deskbook(data_dir)
    started = time.perf_counter()
    desk.import_path(corpus)  # no index open yet: import only writes SQLite
    imported = time.perf_counter() - started
    desk.prepare_index()
    started, cpu_started = time.perf_counter(), _cpu_with_children()
    desk.reindex()
    rebuild = time.perf_counter() - started
    rebuild_cpu = _cpu_with_children() - cpu_started
    size = folder_size(desk.paths.index_dir)

    for text in WARM_UP:
        desk.search(text, limit=10, log_query=False)
    wall, cpu, engine, totals = [], [], [], []
    for text in queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        results = desk.search(text, limit=10, log_query=False, highlight=True)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        engine.append(results.took_ms)
        totals.append(results.total)

    # Save → searchable: edit an article so it holds a new word, then search for that word.
    ids = [row["id"] for row in desk.db.query("SELECT id FROM articles ORDER BY id LIMIT 10")]
    save = []
    for i, article_id in enumerate(ids):
        word = f"zqx{i}marker"
        article = desk.get_article(article_id)
        started = time.perf_counter()
        desk.update_article(article.with_changes(body=article.body + f" {word}"), note="bench")
        found = desk.search(word, limit=10, log_query=False)
        save.append((time.perf_counter() - started) * 1000)
        assert [r.summary.id for r in found.results] == [article_id], word
    desk.close()
    return {
        "import_s": imported,
        "rebuild_s": rebuild,
        "rebuild_cpu_s": rebuild_cpu,
        "index_mb": size / 1e6,
        "p50_ms": percentile(wall, 0.5),
        "p95_ms": percentile(wall, 0.95),
        "max_ms": max(wall),
        "cpu_p50_ms": percentile(cpu, 0.5),
        "cpu_p95_ms": percentile(cpu, 0.95),
        "engine_p50_ms": percentile(engine, 0.5),
        "engine_p95_ms": percentile(engine, 0.95),
        "save_p50_ms": percentile(save, 0.5),
        "save_max_ms": max(save),
        "mean_matches": statistics.mean(totals),
    }


def _cpu_with_children() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bench_fts5(corpus: Path, queries: list[str], folder: Path) -> dict:
    """The reference engine: FTS5 over the same text segmented by rjieba (search mode), normalised the same way."""
    from app.search.analysis import normalize, query_words, words_of

    db = sqlite3.connect(folder / "fts5.sqlite3")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'unicode61')")
    started = time.perf_counter()
    with db:
        for line in corpus.read_text("utf-8").splitlines():
            row = json.loads(line)
            db.execute(
                "INSERT INTO docs (title, body) VALUES (?, ?)",
                (" ".join(words_of(normalize(row["title"]))), " ".join(words_of(normalize(row["body"])))),
            )
    build = time.perf_counter() - started
    wall, cpu = [], []
    for text in queries:
        match = " AND ".join(f'"{w}"' for w in query_words(text))
        started, cpu_started = time.perf_counter(), time.process_time()
        db.execute("SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10", (match,)).fetchall()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    db.close()
    return {
        "build_s": build,
        "p50_ms": percentile(wall, 0.5),
        "p95_ms": percentile(wall, 0.95),
        "cpu_p50_ms": percentile(cpu, 0.5),
        "cpu_p95_ms": percentile(cpu, 0.95),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench speed", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,50000", help="corpus sizes, comma-separated")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--gen", type=Path, default=DEFAULT_GEN, help="path of shared/bench/gen_corpus.py")
    parser.add_argument("--json", action="store_true", help="one JSON line per size")
    args = parser.parse_args(argv)

    queries = list(dict.fromkeys(q.strip() for q in generate(args.gen, "--queries", str(args.queries)).splitlines()))
    print(f"{len(queries)} distinct queries; {os.cpu_count()} cores", file=sys.stderr)
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            corpus = folder / "corpus.jsonl"
            corpus.write_text(generate(args.gen, str(size)), "utf-8")
            ours = bench_deskbook(folder / "data", corpus, queries)
            fts = bench_fts5(corpus, queries, folder)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        helper = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        row = {"size": size, "deskbook": ours, "fts5": fts, "peak_rss_mb": peak, "helper_peak_rss_mb": helper,
               "load_average": os.getloadavg()}
        if args.json:
            print(json.dumps(row))
        else:
            print(
                f"N={size}: rebuild {ours['rebuild_s']:.1f} s (CPU {ours['rebuild_cpu_s']:.1f} s, both processes), "
                f"index {ours['index_mb']:.0f} MB, save→searchable p50 {ours['save_p50_ms']:.0f} / max "
                f"{ours['save_max_ms']:.0f} ms\n"
                f"  Deskbook query p50 / p95: {ours['p50_ms']:.1f} / {ours['p95_ms']:.1f} ms "
                f"(CPU {ours['cpu_p50_ms']:.1f} / {ours['cpu_p95_ms']:.1f}; engine alone {ours['engine_p50_ms']:.1f} / "
                f"{ours['engine_p95_ms']:.1f})\n"
                f"  FTS5 query p50 / p95: {fts['p50_ms']:.1f} / {fts['p95_ms']:.1f} ms (CPU {fts['cpu_p50_ms']:.1f} / "
                f"{fts['cpu_p95_ms']:.1f}), build {fts['build_s']:.1f} s\n"
                f"  peak RSS {peak:.0f} MB (build helper {helper:.0f} MB), load average {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    return 0

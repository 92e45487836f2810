"""GUI benchmarks on a synthetic 50,000-article knowledge base.

    .venv/bin/python -m bench gui [--size 50000] [--starts 5] [--queries 60]
    (or .venv/bin/python -m bench.gui_bench …)

- **cold start**: a new process (interpreter start and imports included) until the main window has painted and its
  event loop is idle, i.e. the agent can type (the window opens the search index in the background after its first
  paint, as ``deskbook`` does); and until a query typed at that moment has its results shown (it waits for the
  index to open, and loads the segmenter's dictionary).
- **keystroke → results painted**: the global search field gets one character at a time (Chinese text arrives as
  input-method commits, so each character is a commit) 120 ms apart, like a quick typist; for every keystroke whose
  results are shown, the time from the keystroke to the result list's next paint. Debounce, the background search,
  the model reset and the delegate's paint are all inside the figure.
- **longest GUI-thread stall while typing**: a 2 ms timer on the GUI thread; the longest gap between its ticks
  minus the interval. Searches run on a worker thread, so this is what the agent would feel as a hitch.
- **the machine's floor** for that figure: the same timer in a bare Qt app whose Python worker thread is busy in the
  rhythm of the searches (15 ms every 120 ms), for ``--floor-seconds``; and the share of CPU time the host took
  from this virtual machine (steal) while typing. A stall near the floor is the machine, not the app.

The 50k data directory (import + index) is built once and cached in ``--cache`` (default
``$TMPDIR/deskbook-gui-bench-SIZE``). Runs offscreen unless DISPLAY is set and ``--xcb`` is given.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.search_speed import DEFAULT_GEN, generate, percentile

TYPE_INTERVAL_MS = 120
SETTLE_MS = 400
FIRST_QUERY = "退款"  # typed the moment the window is usable


def prepare(size: int, cache: Path, gen: Path) -> Path:
    """A data directory holding ``size`` synthetic articles with a built index (cached between runs)."""
    marker = cache / "ready.json"
    if marker.exists():
        return cache / "data"
    from app.services import Deskbook

    cache.mkdir(parents=True, exist_ok=True)
    corpus = cache / "corpus.jsonl"
    corpus.write_text(generate(gen, str(size)), "utf-8")
    started = time.perf_counter()
    desk = Deskbook(cache / "data")
    desk.import_path(corpus)
    desk.prepare_index()
    desk.reindex()
    count = desk.articles.count()
    desk.close()
    marker.write_text(json.dumps({"size": size, "articles": count, "build_s": time.perf_counter() - started}))
    return cache / "data"


# --- the machine's floor (runs in a child process) ---------------------------------------------------------------
def child_floor(seconds: float) -> None:
    import threading

    from PySide6.QtCore import QTimer

    from app.ui.launch import create_application

    app = create_application()  # as the app sets up Qt and the interpreter (its switch interval, above all)
    gaps: list[float] = []
    last = [time.perf_counter()]
    stop = threading.Event()

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000 - ticker.interval())
        last[0] = now

    def searches() -> None:  # Python work with the interpreter lock, in the rhythm of a typist's queries
        while not stop.is_set():
            burst = time.perf_counter()
            while time.perf_counter() - burst < 0.015:
                sorted(str(i) for i in range(300))
            stop.wait(TYPE_INTERVAL_MS / 1000 - 0.015)

    ticker = QTimer(interval=2)
    ticker.timeout.connect(tick)
    ticker.start()
    worker = threading.Thread(target=searches)
    worker.start()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    stop.set()
    worker.join()
    gaps.sort(reverse=True)
    print(json.dumps({"floor_longest_ms": gaps[:5], "floor_p99_ms": gaps[len(gaps) // 100]}), flush=True)


def timer_floor(seconds: float) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.gui_bench", "--child-floor", str(seconds)],
                         capture_output=True, text=True, check=True, env=os.environ)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cpu_steal() -> tuple[int, int] | None:
    """(stolen, total) jiffies of all CPUs so far, or None where /proc/stat is not there."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    numbers = [int(f) for f in fields]
    return (numbers[7] if len(numbers) > 7 else 0), sum(numbers[:8])


# --- cold start (runs in a child process) ---------------------------------------------------------------------
def child_start(data_dir: str, t0: float) -> None:
    marks: dict[str, float] = {"python": time.time() - t0}
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication  # noqa: F401

    marks["qt_imported"] = time.time() - t0
    from app.services import Deskbook

    marks["core_imported"] = time.time() - t0
    from app.ui.language import install_language
    from app.ui.launch import create_application
    from app.ui.style import apply_style

    app = create_application()
    apply_style(app)
    desk = Deskbook.open(Path(data_dir))
    marks["desk_open"] = time.time() - t0
    install_language("zh_CN")
    from app.ui.main_window import MainWindow

    settings = QSettings(str(Path(tempfile.mkdtemp()) / "w.ini"), QSettings.Format.IniFormat)
    # As launch_gui: the index opens and the other pages load after the first paint.
    window = MainWindow(desk, settings=settings, tray=False, defer_pages=True)
    marks["window_built"] = time.time() - t0
    page = window.page("search")

    def index_opened(_state: str) -> None:
        marks["index_ready"] = time.time() - t0
        done()

    def results(_results, request, _rendered) -> None:
        if request.text == FIRST_QUERY:
            marks.setdefault("first_search", time.time() - t0)
            done()

    def usable() -> None:
        marks["usable"] = time.time() - t0
        window.search_field.setText(FIRST_QUERY)  # the agent types at once

    def done() -> None:
        if "first_search" in marks and "index_ready" in marks:
            QTimer.singleShot(0, finish)

    def finish() -> None:
        print(json.dumps(marks), flush=True)
        app.quit()

    window.sig_index_opened.connect(index_opened)
    page.session.sig_results.connect(results)
    window.show()
    QTimer.singleShot(0, usable)  # runs once the first show/paint events have been processed
    QTimer.singleShot(20_000, finish)
    app.exec()
    window.context.runner.wait_for_done(10_000)  # a search or a write may still be running: let it end first
    desk.close()


def cold_starts(data_dir: Path, runs: int) -> list[dict]:
    out = []
    for _ in range(runs):
        t0 = time.time()
        proc = subprocess.run(
            [sys.executable, "-m", "bench.gui_bench", "--child-start", str(data_dir), "--t0", repr(t0)],
            capture_output=True, text=True, check=True, env=os.environ.copy(),
        )
        out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out


# --- typing ---------------------------------------------------------------------------------------------------
def typing(data_dir: Path, queries: list[str]) -> dict:
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer

    from app.services import Deskbook
    from app.ui.launch import create_application
    from app.ui.style import apply_style

    app = create_application()
    apply_style(app)
    desk = Deskbook.open(data_dir)
    desk.prepare_index()
    from app.ui.main_window import MainWindow

    settings = QSettings(str(Path(tempfile.mkdtemp()) / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(desk, settings=settings, tray=False)
    window.resize(1400, 860)
    window.show()
    page = window.page("search")
    field = window.search_field

    latencies: list[float] = []
    final_latencies: list[float] = []
    engine_ms: list[float] = []
    final_engine_ms: list[float] = []
    state = {"key_time": {}, "await_paint": None, "last_tick": None, "max_gap": 0.0, "gaps": [], "long_gaps": []}

    class PaintProbe(QObject):
        def eventFilter(self, _obj, event):
            if event.type() == QEvent.Type.Paint and state["await_paint"] is not None:
                started, final = state["await_paint"]
                latency = (time.perf_counter() - started) * 1000
                latencies.append(latency)
                if final:
                    final_latencies.append(latency)
                state["await_paint"] = None
            return False

    probe = PaintProbe()
    page.view.viewport().installEventFilter(probe)

    def on_results(results, request, _rendered) -> None:
        state["last_event"] = f"results for {request.text!r}"
        key = state["key_time"].get(request.text)
        if key is not None and request.text:
            state["await_paint"] = key
            engine_ms.append(results.took_ms)
            if key[1]:
                final_engine_ms.append(results.took_ms)

    page.session.sig_results.connect(on_results)

    def tick() -> None:
        now = time.perf_counter()
        # CPU time of the GUI thread and of the whole process: a stall where the GUI thread ran was its own work;
        # one where only the process ran was a wait for the interpreter; one where neither ran, the machine's.
        cpu = (time.thread_time(), time.process_time())
        if state["last_tick"] is not None and state["typing"]:
            gap = (now - state["last_tick"]) * 1000 - ticker.interval()
            if gap > state["max_gap"]:
                state["max_gap"], state["max_gap_at"] = gap, now - state["started"]
                state["max_gap_during"] = state.get("last_event", "")
                state["max_gap_clock"] = now
                state["max_gap_wall"] = time.time()  # to compare with the machine's own record (vmstat -t)
            if gap > 15:
                state["long_gaps"].append((gap, 1000 * (cpu[0] - state["last_cpu"][0]),
                                           1000 * (cpu[1] - state["last_cpu"][1])))
            state["gaps"].append(gap)
        state["last_tick"], state["last_cpu"] = now, cpu

    ticker = QTimer(interval=2)
    ticker.timeout.connect(tick)
    state["typing"] = False

    keystrokes: list[tuple[str, bool]] = []
    for query in queries:
        keystrokes += [(query[:i], i == len(query)) for i in range(1, len(query) + 1)]
        keystrokes.append(("", False))  # clear the field between queries (Esc)

    def warm_up() -> None:  # first query loads the searcher's segment readers; not measured
        field.setText("预热")
        QTimer.singleShot(800, lambda: (field.clear(), QTimer.singleShot(600, start)))

    def start() -> None:
        state["typing"] = True
        state["started"] = time.perf_counter()
        ticker.start()
        step(0)

    def step(i: int) -> None:
        if i >= len(keystrokes):
            QTimer.singleShot(600, app.quit)
            return
        text, final = keystrokes[i]
        state["key_time"][text] = (time.perf_counter(), final)
        state["last_event"] = f"typed {text!r}"
        field.setText(text)
        if final:  # the agent stops typing and waits for the answer (up to 5 s), reads a moment, goes on
            wait_for_final(i, len(final_latencies), time.perf_counter())
        else:
            QTimer.singleShot(TYPE_INTERVAL_MS if text else 300, lambda: step(i + 1))

    def wait_for_final(i: int, before: int, since: float) -> None:
        if len(final_latencies) > before or time.perf_counter() - since > 5:
            QTimer.singleShot(SETTLE_MS, lambda: step(i + 1))
        else:
            QTimer.singleShot(5, lambda: wait_for_final(i, before, since))

    QTimer.singleShot(300, warm_up)
    app.exec()
    ticker.stop()

    # The GUI thread's own share, without the engine: a result list reset and painted, an article opened.
    paint_ms, open_ms = [], []
    for query in queries[:25]:
        results = desk.search(query, limit=50, prefix_last=True, log_query=False)
        started = time.perf_counter()
        page.model.set_rows(results.results)
        page.view.viewport().repaint()
        paint_ms.append((time.perf_counter() - started) * 1000)
        if results.results:
            started = time.perf_counter()
            page.reader.open_article(results.results[0].summary.id, record=False)
            page.reader.repaint()
            open_ms.append((time.perf_counter() - started) * 1000)
    window.close()
    window.context.runner.wait_for_done(10_000)
    desk.close()
    gaps = sorted(state["gaps"])
    return {
        "keystrokes": len([k for k, _final in keystrokes if k]),
        "painted": len(latencies),
        "queries": len(queries),
        "final_painted": len(final_latencies),
        "p50_ms": percentile(final_latencies, 0.5),
        "p95_ms": percentile(final_latencies, 0.95),
        "max_ms": max(final_latencies),
        "final_engine_p50_ms": percentile(final_engine_ms, 0.5),
        "final_engine_p95_ms": percentile(final_engine_ms, 0.95),
        "all_p50_ms": percentile(latencies, 0.5),
        "all_p95_ms": percentile(latencies, 0.95),
        "engine_p50_ms": percentile(engine_ms, 0.5),
        "engine_p95_ms": percentile(engine_ms, 0.95),
        "stall_max_ms": state["max_gap"],
        "stall_max_at_s": state.get("max_gap_at", 0.0),
        "stall_max_during": state.get("max_gap_during", ""),
        "stall_max_clock": state.get("max_gap_clock", 0.0),  # time.perf_counter() at the end of the stall
        "stall_max_wall": state.get("max_gap_wall", 0.0),
        "list_paint_p50_ms": percentile(paint_ms, 0.5),
        "list_paint_p95_ms": percentile(paint_ms, 0.95),
        "article_open_p50_ms": percentile(open_ms, 0.5),
        "article_open_p95_ms": percentile(open_ms, 0.95),
        "stall_p99_ms": gaps[int(len(gaps) * 0.99)] if gaps else 0.0,
        "stalls_longest_ms": sorted(gaps, reverse=True)[:5],  # one outlier, or a pattern?
        # (gap, GUI thread's CPU, whole process's CPU) in ms, for the five longest
        "stalls_longest_cpu_ms": sorted(state["long_gaps"], reverse=True)[:5],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench gui", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--starts", type=int, default=5, help="cold starts to time")
    parser.add_argument("--queries", type=int, default=60, help="queries to type")
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--gen", type=Path, default=DEFAULT_GEN)
    parser.add_argument("--xcb", action="store_true", help="use the X display in $DISPLAY instead of offscreen")
    parser.add_argument("--floor-seconds", type=float, default=30, help="how long to measure the machine's floor")
    parser.add_argument("--child-start", help=argparse.SUPPRESS)
    parser.add_argument("--child-floor", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--t0", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.xcb:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if args.child_start:
        child_start(args.child_start, args.t0)
        return 0
    if args.child_floor:
        child_floor(args.child_floor)
        return 0
    print(f"machine: {os.cpu_count()} cores, load average at start {os.getloadavg()[0]:.1f}", flush=True)
    cache = args.cache or Path(tempfile.gettempdir()) / f"deskbook-gui-bench-{args.size}"
    started = time.perf_counter()
    data_dir = prepare(args.size, cache, args.gen)
    print(f"data directory: {data_dir} ({time.perf_counter() - started:.0f} s to prepare)", flush=True)
    starts = cold_starts(data_dir, args.starts)
    usable = [s["usable"] * 1000 for s in starts]
    first = [s.get("first_search", float("nan")) * 1000 for s in starts]
    phases: dict[str, int] = {}
    if starts:  # --starts 0: typing only
        print(f"cold start to a usable window: median {percentile(usable, 0.5):.0f} ms, max {max(usable):.0f} ms "
              f"({len(usable)} runs); a query typed then ({FIRST_QUERY}) has its results shown at median "
              f"{percentile(first, 0.5):.0f} ms, max {max(first):.0f} ms", flush=True)
        phases = {k: round(percentile([s.get(k, float("nan")) * 1000 for s in starts], 0.5)) for k in starts[0]}
        phases = dict(sorted(phases.items(), key=lambda item: item[1]))
    if args.queries <= 0:  # cold start only
        print(f"cold start phases (median ms since process start): {phases}")
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
        print(json.dumps({"size": args.size, "cold_start_ms": usable, "first_search_ms": first, "phases": phases}))
        sys.stdout.flush()
        os._exit(0)
    queries = [q for q in generate(args.gen, "--queries", str(args.queries)).splitlines() if q.strip()]
    steal_before = cpu_steal()
    typed = typing(data_dir, queries)
    steal_after = cpu_steal()
    if steal_before and steal_after and steal_after[1] > steal_before[1]:
        typed["steal_percent"] = 100 * (steal_after[0] - steal_before[0]) / (steal_after[1] - steal_before[1])
    if args.floor_seconds > 0:
        typed.update(timer_floor(args.floor_seconds))
    print(f"last keystroke of a query → results painted: p50 {typed['p50_ms']:.0f} ms, p95 {typed['p95_ms']:.0f} ms, "
          f"max {typed['max_ms']:.0f} ms ({typed['final_painted']} of {typed['queries']} queries; the engine's own "
          f"time for those queries p50 {typed['final_engine_p50_ms']:.0f} / p95 {typed['final_engine_p95_ms']:.0f} ms)")
    print(f"every keystroke whose results were painted before the next one superseded them: "
          f"{typed['painted']} of {typed['keystrokes']}, p50 {typed['all_p50_ms']:.0f} ms, "
          f"p95 {typed['all_p95_ms']:.0f} ms; engine time p50 {typed['engine_p50_ms']:.0f} / "
          f"p95 {typed['engine_p95_ms']:.0f} ms")
    print(f"longest GUI-thread stall while typing: {typed['stall_max_ms']:.0f} ms "
          f"(at {typed['stall_max_at_s']:.1f} s into the typing; 99th percentile of timer gaps {typed['stall_p99_ms']:.1f} ms; the five longest "
          f"{', '.join(f'{gap:.0f}' for gap in typed['stalls_longest_ms'])} ms)")
    if typed["stalls_longest_cpu_ms"]:
        print("… CPU time during the longest (stall: GUI thread / whole process): " + ", ".join(
            f"{gap:.0f}: {gui:.0f} / {process:.0f}" for gap, gui, process in typed["stalls_longest_cpu_ms"]) + " ms")
    if "floor_longest_ms" in typed:
        print(f"the machine's floor: the same timer in a bare Qt app with a busy Python worker, {args.floor_seconds:.0f} s: "
              f"five longest {', '.join(f'{gap:.0f}' for gap in typed['floor_longest_ms'])} ms, 99th percentile "
              f"{typed['floor_p99_ms']:.1f} ms; CPU taken by the host while typing: "
              f"{typed.get('steal_percent', float('nan')):.1f} %")
    print(f"GUI thread's own work: result list reset + painted p50 {typed['list_paint_p50_ms']:.1f} / p95 "
          f"{typed['list_paint_p95_ms']:.1f} ms; an article opened in the reading pane p50 "
          f"{typed['article_open_p50_ms']:.1f} / p95 {typed['article_open_p95_ms']:.1f} ms")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    print(f"cold start phases (median ms since process start): {phases}")
    print(json.dumps({"size": args.size, "cold_start_ms": usable, "first_search_ms": first, **typed}))
    sys.stdout.flush()
    os._exit(0)  # PySide6 can crash while the interpreter tears down Qt objects; the figures are out already


if __name__ == "__main__":
    sys.exit(main())

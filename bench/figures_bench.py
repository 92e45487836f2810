"""Service figures and the weekly review pack on a year of requests.

    ./dev.sh bench figures [--requests 100000] [--runs 5]

A synthetic data directory with a year of requests (default 100,000, about 270 a day) ending now, each with its
plan (two steps), progress entries (one in six delayed, with a reason), status changes and, for two in three
resolved ones, a satisfaction answer; plus a year of search log. Built once with plain SQL inserts
and cached in ``$TMPDIR/deskbook-figures-bench-N``. Measured: ``desk.figures.compute`` over the whole year, a month
and a week (a fresh connection each run, so nothing is cached between runs), and the review pack XLSX and PDF for a
week and a month (PDFs with the small copy of the Chinese font, made first). Targets: the year's figures <= 1 s,
the weekly report XLSX <= 3 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.model import to_iso

GROUPS = {"技术故障组": ("张敏", "刘洋"), "订单售后组": ("李娜", "赵强"), "账号问题组": ("王磊", "陈晨"), "财务组": ("周婷", "孙悦")}
PRIORITIES = (("紧急", 2, 0.15), ("重要", 24, 0.35), ("一般", 48, 0.5))
CHANNELS = ("在线聊天", "电话", "邮件", "App", "小程序", "电商平台")
REASONS = ("等待研发排期修复", "第三方物流未反馈", "银行处理周期", "财务审核排队", "需要客户提供错误日志", "风控复核排队")


def _request_rows(rng: random.Random, number: int, created: datetime, now: datetime) -> dict:
    """One request and what hangs off it, as rows for the tables."""
    name, sla_hours, _share = rng.choices(PRIORITIES, weights=[p[2] for p in PRIORITIES])[0]
    group = rng.choice(list(GROUPS))
    responded = created + timedelta(minutes=rng.lognormvariate(3.5, 1.1))
    resolved = responded + timedelta(hours=rng.uniform(1, 72))
    done = resolved < now
    request_id = f"r{number:07d}"
    status = "closed" if done else "in_progress" if responded < now else "open"
    satisfaction = rng.choices(("满意", "一般", "不满意", None), weights=(50, 10, 5, 35))[0] if done else None
    score = {"满意": rng.choice((4, 5)), "一般": 3, "不满意": rng.choice((1, 2))}.get(satisfaction or "") \
        if satisfaction and rng.random() < 0.5 else None
    request = (
        request_id, f"XQ-{created:%Y%m%d}-{number:07d}", f"客户{number % 5000}", "", "", rng.choice(CHANNELS), "",
        "问题描述", "", "", "", "", "", name, status, rng.choice(GROUPS[group]), group,
        to_iso(created), to_iso(created), to_iso(created + timedelta(hours=sla_hours)),
        to_iso(responded) if responded < now else None, to_iso(resolved) if done else None,
        to_iso(resolved) if done else None, None, None, None, "",
        to_iso(resolved) if done and rng.random() < 0.8 else None, satisfaction, score, "",
        to_iso(resolved) if satisfaction else None,
    )
    promised = resolved + timedelta(hours=rng.uniform(-6, 12))
    steps = [
        (f"{request_id}-s1", request_id, 1, "核实问题", "", to_iso(responded + timedelta(hours=1)), to_iso(responded)),
        (f"{request_id}-s2", request_id, 2, "处理并回复", "", to_iso(promised), to_iso(resolved) if done else None),
    ]
    entries = [(f"{request_id}-p1", request_id, to_iso(responded), "已联系客户", "进行中", "", None, "")]
    if rng.random() < 0.17:
        entries.append((f"{request_id}-p2", request_id, to_iso(responded + timedelta(hours=1)), "推迟", "延迟",
                        rng.choice(REASONS), to_iso(promised + timedelta(hours=4)), ""))
    changes = [(request_id, to_iso(responded), "open", "in_progress")]
    if done:
        changes.append((request_id, to_iso(resolved), "in_progress", "resolved"))
    return {"request": request, "steps": steps, "entries": entries, "changes": changes}


def build(path: Path, count: int, now: datetime) -> None:
    from app.services import Deskbook

    desk = Deskbook(path)
    db = desk.db
    rng = random.Random(17)
    start = now - timedelta(days=365)
    spacing = timedelta(days=365) / count
    batch: dict[str, list] = {"request": [], "steps": [], "entries": [], "changes": []}
    marks = {"request": 32, "steps": 7, "entries": 8, "changes": 4}
    sql = {
        "request": "INSERT INTO requests VALUES ({})", "steps": "INSERT INTO plan_steps VALUES ({})",
        "entries": "INSERT INTO progress_entries VALUES ({})",
        "changes": "INSERT INTO request_status_changes (request_id, at, from_status, to_status) VALUES ({})",
    }
    with db.atomic():
        for number in range(count):
            rows = _request_rows(rng, number, start + spacing * number, now)
            batch["request"].append(rows["request"])
            for key in ("steps", "entries", "changes"):
                batch[key].extend(rows[key])
        for key, rows in batch.items():
            db.conn.executemany(sql[key].format(",".join("?" * marks[key])), rows)
        searches = [(to_iso(start + timedelta(seconds=rng.uniform(0, 365 * 86400))), f"查询{rng.randint(1, 3000)}",
                     0 if rng.random() < 0.1 else 5, 10.0) for _ in range(count * 2)]
        db.conn.executemany("INSERT INTO search_log (at, query, hits, took_ms) VALUES (?, ?, ?, ?)", searches)
    desk.close()


def timed(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), max(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench figures")
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    from app.model.figures import Period
    from app.services import Deskbook

    now = datetime.now(UTC).replace(microsecond=0)
    folder = Path(tempfile.gettempdir()) / f"deskbook-figures-bench-{args.requests}"
    if not any(folder.glob("*.sqlite3")):
        started = time.perf_counter()
        build(folder, args.requests, now)
        print(f"built {args.requests} requests in {time.perf_counter() - started:.1f} s ({folder})")
    today = now.astimezone().date()
    periods = {
        "year (365 days)": Period(today - timedelta(days=364), today),
        "month (30 days)": Period(today - timedelta(days=29), today),
        "week (7 days)": Period(today - timedelta(days=6), today),
    }
    load = Path("/proc/loadavg").read_text().split()[:3] if os.path.exists("/proc/loadavg") else ["?"]
    print(f"load average {' '.join(load)}")
    print(f"{'what':<34}{'median s':>10}{'max s':>10}  notes")

    def fresh_compute(period: Period) -> None:
        desk = Deskbook(folder)
        figures = desk.figures.compute(period)
        assert figures.received > 0
        desk.close()

    for label, period in periods.items():
        median, worst = timed(lambda p=period: fresh_compute(p), args.runs)
        desk = Deskbook(folder)
        received = desk.figures.compute(period).received
        desk.close()
        print(f"{'figures, ' + label:<34}{median:>10.3f}{worst:>10.3f}  {received} requests received")
    out = Path(tempfile.mkdtemp(prefix="deskbook-figures-out-"))
    # PDFs use the small copy of the Chinese font, made first as the app does in the background after a first export
    # (otherwise that background copy would compete with the runs measured here).
    os.environ["DESKBOOK_CACHE_DIR"] = str(folder / "cache")
    from app.documents.font_cache import FontCache
    from app.documents.fonts import find_cjk_fonts

    FontCache(folder / "cache").prepare(find_cjk_fonts())
    for label in ("week (7 days)", "month (30 days)"):
        for fmt in ("xlsx", "pdf"):
            def write(p=periods[label], f=fmt) -> None:
                desk = Deskbook(folder)
                desk.documents.export_review_pack(desk.figures.review_pack(p), out / f"pack.{f}", fmt=f, force=True)
                desk.close()

            median, worst = timed(write, max(1, args.runs // 2))
            desk = Deskbook(folder)
            rows = len(desk.figures.review_pack(periods[label]).rows.requests)
            desk.close()
            size = (out / f"pack.{fmt}").stat().st_size
            print(f"{'report ' + fmt.upper() + ', ' + label:<34}{median:>10.3f}{worst:>10.3f}  "
                  f"{rows} request rows, {size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

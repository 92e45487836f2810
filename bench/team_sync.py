"""The team library at scale: first publish, first connect, a pull of 1,000 changed articles, one publish.

    ./dev.sh bench team [--size 50000] [--changed 1000] [--gen PATH]

On the synthetic corpus (shared/bench/gen_corpus.py, as bench/search_speed.py uses): an owner's desk imports it and
publishes it to a bare library (on the local disk, as a file share is reached); a second desk connects (clone, pull
into SQLite, index build); the owner changes ``--changed`` articles and publishes; the second desk pulls them,
index update included (target <= 10 s at 50,000); the owner publishes one article five times (target <= 2 s each).
Sizes: the bare library and a desk's clone on disk.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def find_gen() -> Path:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "bench" / "gen_corpus.py"
        if candidate.exists():
            return candidate
    return Path("/work/shared/bench/gen_corpus.py")


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


class Timer:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def measure(self, label: str, fn, target: str = ""):
        started = time.perf_counter()
        result = fn()
        took = time.perf_counter() - started
        self.rows.append((label, f"{took:.2f} s", target))
        print(f"  {label}: {took:.2f} s", file=sys.stderr, flush=True)
        return result, took

    def note(self, label: str, value: str, target: str = "") -> None:
        self.rows.append((label, value, target))


def run(size: int, changed: int, gen: Path, root: Path) -> Timer:
    from app.services import Deskbook
    from app.team.gitrepo import init_bare

    timer = Timer()
    corpus = root / "corpus.jsonl"
    corpus.write_text(subprocess.run([sys.executable, str(gen), str(size)], check=True, capture_output=True,
                                     text=True).stdout, "utf-8")
    library = root / "share" / "team.git"
    init_bare(library)
    owner = Deskbook(root / "owner")
    owner.settings.user_name, owner.settings.role = "王主管", "owner"
    owner.import_path(corpus)
    owner.team.connect(str(library))
    timer.measure(f"first publish of {size:,} articles", lambda: owner.team.publish(include_local=True))
    timer.note("library size on disk (bare repository)", f"{folder_size(library) / 1e6:.1f} MB")

    agent = Deskbook(root / "agent")
    agent.prepare_index()

    def connect():
        report = agent.team.connect(str(library))
        assert len(report.pull.added) == size, len(report.pull.added)

    timer.measure(f"first connect of a {size:,}-article library (clone, pull, index build)", connect)
    timer.note("a desk's clone on disk", f"{folder_size(root / 'agent' / 'team') / 1e6:.1f} MB")
    timer.note("a desk's database on disk", f"{folder_size(root / 'agent') / 1e6 - folder_size(root / 'agent' / 'team') / 1e6:.1f} MB (with index)")

    ids = [row["id"] for row in owner.db.query("SELECT id FROM articles ORDER BY id LIMIT ?", [changed])]
    for number, article_id in enumerate(ids):
        article = owner.get_article(article_id)
        owner.update_article(article.with_changes(body=article.body + f"\n\n更新说明：处理时效调整为24小时。zqx{number}marker"))
    timer.measure(f"publish of {changed:,} changed articles", owner.team.publish)

    def pull():
        report = agent.team.pull()
        assert len(report.updated) == changed, len(report.updated)

    timer.measure(f"pull of {changed:,} changed articles into a {size:,} desk (index update included)", pull,
                  "<= 10 s")
    found = agent.search("zqx0marker", limit=5, log_query=False)
    assert [r.summary.id for r in found.results][:1] == [ids[0]], "the pulled change is not searchable"

    singles = []
    for number in range(5):
        article = owner.get_article(ids[number])
        owner.update_article(article.with_changes(title=article.title + f"（修订{number}）"))
        _, took = timer.measure(f"publish of one article ({number + 1})", owner.team.publish)
        singles.append(took)
    timer.rows = [r for r in timer.rows if not r[0].startswith("publish of one article (")]
    timer.note("publish of one article (median of 5)", f"{statistics.median(singles):.2f} s", "<= 2 s")
    timer.note("publish of one article (slowest of 5)", f"{max(singles):.2f} s", "<= 2 s")
    owner.close()
    agent.close()
    return timer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench team", description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--changed", type=int, default=1_000)
    parser.add_argument("--gen", type=Path, default=find_gen())
    args = parser.parse_args(argv)
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"] * 3
    with tempfile.TemporaryDirectory(prefix="deskbook-team-bench-") as scratch:
        timer = run(args.size, args.changed, args.gen, Path(scratch))
    width = max(len(r[0]) for r in timer.rows)
    print(f"{'measure':<{width}}  {'result':>14}  target")
    for label, value, target in timer.rows:
        print(f"{label:<{width}}  {value:>14}  {target}")
    after = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"] * 3
    print(f"load average before {' '.join(load)}, after {' '.join(after)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

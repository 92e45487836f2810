"""A process that does real work on a data directory and is killed (SIGKILL) in the middle of it.

Run by tests/test_crash_safety.py as ``python -m tests.crash_worker SCENARIO DATA_DIR [ARG]``. Scenarios that kill
themselves do so at a precise point through a patched hook; ``save-loop`` runs until the test kills it.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def main(scenario: str, data_dir: str, arg: str = "") -> None:
    from app.services import Deskbook

    desk = Deskbook.open(Path(data_dir))
    desk.prepare_index()

    if scenario == "import-mid-transaction":
        # Killed with a third of the rows written inside the (single) import transaction.
        def progress(done: int, total: int) -> None:
            if total > 100 and done >= total // 3:  # small files finish (the harness self-test)
                die()

        desk.import_path(Path(arg), progress=progress)

    elif scenario == "import-before-index":
        # The import commits; the process dies before the index hears of it (incrementally or by a rebuild).
        desk.lifecycle.sync = lambda *a, **k: die()  # type: ignore[method-assign]
        desk.import_path(Path(arg))

    elif scenario == "index-commit-before-meta":
        # Whoosh has committed the new documents but the applied journal position is not yet recorded.
        from app.search.index import IndexMeta

        original = IndexMeta.write

        def write(self, directory):
            if self.applied_seq > 0 and directory == desk.index.directory:
                die()
            original(self, directory)

        IndexMeta.write = write
        from tests.helpers import make_article

        for i in range(20):  # single saves: the incremental path (a big import is indexed by a rebuild)
            desk.create_article(make_article(f"单独保存{i}", f"内容{i}"))

    elif scenario == "save-loop":
        # Saves one article over and over, reporting each finished save, until the test kills the process.
        article = desk.get_article(arg)
        n = 0
        while True:
            n += 1
            article = desk.update_article(article.with_changes(body=f"第{n}次修订的正文 revision{n}"), author="测试")
            print(n, flush=True)

    elif scenario == "reindex-mid-build":
        def progress(done: int, total: int) -> None:
            if done >= total // 2:
                die()

        desk.reindex(progress=progress)

    elif scenario == "reindex-mid-swap":
        # Between moving the old index away and moving the new one in: no index folder at all.
        import app.search.index as index_module

        def swap(build_dir: Path, directory: Path) -> None:
            os.replace(directory, directory.with_name(directory.name + ".old"))
            die()

        index_module._swap_in = swap
        desk.reindex()

    elif scenario == "reindex-paused":
        # Rebuilds, pausing half-way until a line arrives on stdin (another process acts meanwhile).
        def progress(done: int, total: int) -> None:
            if done < total:
                print("building", flush=True)
                sys.stdin.readline()

        desk.reindex(progress=progress)

    elif scenario == "write-loop":
        # Read-then-write transactions, the pattern of an import, as fast as possible; counts failures.
        failures = 0
        for i in range(int(arg)):
            try:
                with desk.db.atomic():
                    desk.db.execute("SELECT count(*) FROM articles").fetchone()
                    desk.db.execute(
                        "INSERT INTO search_log (at, query, hits, took_ms) VALUES ('2026-01-01', ?, 0, 0)", [f"q{i}"]
                    )
            except Exception as error:  # noqa: BLE001 - counted and reported to the test
                failures += 1
                last = f"{type(error).__name__}: {error}"
        print(f"failures {failures}" + (f" {last}" if failures else ""), flush=True)
        desk.close()
        return

    else:
        raise SystemExit(f"unknown scenario {scenario}")
    print("finished without being killed", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])

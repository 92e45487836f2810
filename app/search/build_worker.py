"""The second process of a rebuild: ``python -m app.search.build_worker JOB`` builds one segment.

The parent writes a pickled job (index folder, KB vocabulary, articles), this process analyses and writes its
articles as a segment of the index being built, and pickles the segment description back (``JOB.out``). A plain
subprocess rather than ``multiprocessing``: the GUI's entry module must not be re-imported in a child.

Nothing outlives a killed app: the helper dies with its parent (``app/child_process.py``), it deletes the job file
as soon as it has read it, and both files live in the folder being built (``index.building``), which the next
start removes as a leftover. Job files that older versions left in the temporary folder are removed at start too.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from app.model import Article
from app.search import whoosh_internals as internals
from app.search.analysis import add_terms
from app.search.bulk import BulkSegmentWriter
from app.search.schema import to_document
from app.search.storage import open_index
from app.search.whoosh_internals import SEGMENT_OPTIONS, DeskbookCodec


def build_segment(ix: whoosh_index.Index, articles: Iterable[Article]):
    """Write ``articles`` as one new segment of ``ix`` (not yet in its table of contents) and return it."""
    writer = SegmentWriter(ix, _lk=False, codec=DeskbookCodec(), **SEGMENT_OPTIONS)  # the parent holds the lock
    bulk = BulkSegmentWriter(writer)
    try:
        for article in articles:
            bulk.add_document(to_document(article))
        segment = internals.finish_segment(writer, bulk.flush)
    except BaseException:
        writer.cancel()
        raise
    # The writer's temporary folder is not destroyed here: it is named after the index and shared with the
    # parent's writer, which removes it when it commits.
    return segment


JOB_NAME = "helper.job"
LEGACY_JOB_PATTERN = "deskbook-build-*.job*"  # what versions before issue 18 left in the temporary folder
STALE_JOB_SECONDS = 3600


def main(job_path: str, parent_pid: int | None = None) -> int:
    from app.child_process import die_with_parent

    if parent_pid is not None:
        die_with_parent(parent_pid)
    with open(job_path, "rb") as handle:
        job = pickle.load(handle)
    os.unlink(job_path)  # read: ~20 MB at 50k articles that must not outlive a killed rebuild
    add_terms(job["terms"])
    ix = open_index(job["directory"])
    segment = build_segment(ix, job["articles"])
    with open(job_path + ".out", "wb") as handle:
        pickle.dump(segment, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None))


def remove_stale_job_files(now: float | None = None) -> int:
    """Delete job files older versions left in the temporary folder (an hour old: no rebuild still needs them)."""
    now = time.time() if now is None else now
    removed = 0
    for path in Path(tempfile.gettempdir()).glob(LEGACY_JOB_PATTERN):
        try:
            if now - path.stat().st_mtime > STALE_JOB_SECONDS:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


class SegmentHelper:
    """Runs :func:`main` in a second process for a share of the articles (the parent builds the rest)."""

    def __init__(self, directory: str, articles: list[Article], terms: list[str]):
        import subprocess

        self.job_path = str(Path(directory) / JOB_NAME)  # in the folder being built: removed with it
        with open(self.job_path, "wb") as handle:
            pickle.dump({"directory": directory, "terms": terms, "articles": articles}, handle, protocol=5)
        self.count = len(articles)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app.search.build_worker", self.job_path, str(os.getpid())],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def result(self):
        """The helper's segment (waits for it); raises RuntimeError if the helper failed."""
        _out, err = self.process.communicate()
        try:
            if self.process.returncode != 0:
                raise RuntimeError(f"建立索引的辅助进程失败：{err.decode('utf-8', 'replace')[-2000:]}")
            with open(self.job_path + ".out", "rb") as handle:
                return pickle.load(handle)
        finally:
            self.cleanup()

    def cancel(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.cleanup()

    def cleanup(self) -> None:
        for path in (self.job_path, self.job_path + ".out"):
            with contextlib.suppress(OSError):
                os.unlink(path)

"""The second process of a rebuild: ``python -m app.search.build_worker JOB`` builds one segment.

The parent writes a pickled job (index folder, KB vocabulary, articles), this process analyses and writes its
articles as a segment of the index being built, and pickles the segment description back (``JOB.out``). A plain
subprocess rather than ``multiprocessing``: the GUI's entry module must not be re-imported in a child.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Iterable

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


def main(job_path: str) -> int:
    with open(job_path, "rb") as handle:
        job = pickle.load(handle)
    add_terms(job["terms"])
    ix = open_index(job["directory"])
    segment = build_segment(ix, job["articles"])
    with open(job_path + ".out", "wb") as handle:
        pickle.dump(segment, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))


class SegmentHelper:
    """Runs :func:`main` in a second process for a share of the articles (the parent builds the rest)."""

    def __init__(self, directory: str, articles: list[Article], terms: list[str]):
        import subprocess
        import tempfile

        with tempfile.NamedTemporaryFile(prefix="deskbook-build-", suffix=".job", delete=False) as handle:
            pickle.dump({"directory": directory, "terms": terms, "articles": articles}, handle, protocol=5)
        self.job_path = handle.name
        self.count = len(articles)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app.search.build_worker", self.job_path],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def result(self):
        """The helper's segment (waits for it); raises RuntimeError if the helper failed."""
        _out, err = self.process.communicate()
        try:
            if self.process.returncode != 0:
                raise RuntimeError(f"index build helper failed: {err.decode('utf-8', 'replace')[-2000:]}")
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
        import contextlib
        import os

        for path in (self.job_path, self.job_path + ".out"):
            with contextlib.suppress(OSError):
                os.unlink(path)

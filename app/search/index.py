"""The Whoosh index: derived from SQLite, updated incrementally, rebuilt when missing, stale or corrupt.

The index records the last journal sequence number it applied (``deskbook-index.json`` beside the segments).
Applying the journal is idempotent, so a crash between the Whoosh commit and the record only redoes work.
It also records the identity of the database it was built from: beside another database (a restored backup, a
copied ``deskbook.sqlite3``), or beside one whose journal is behind what it applied, it is outdated and rebuilt.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import pickle
import shutil
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import RamStorage
from whoosh.index import Index
from whoosh.writing import IndexWriter, LockError

from app.instance import InstanceLock
from app.model import Article
from app.search.analysis import ANALYSIS_VERSION, add_terms
from app.search.build_worker import SegmentHelper, build_segment, remove_stale_job_files
from app.search.bulk import bulk_build
from app.search.schema import SCHEMA_VERSION, build_schema, to_document
from app.search.storage import create_index, open_index
from app.search.whoosh_internals import PostingsDamaged, new_writer, release_writer
from app.store.identity import IndexSource

log = logging.getLogger(__name__)

META_FILE = "deskbook-index.json"
WRITER_WAIT_SECONDS = 30.0
HELPER_SHARE = 0.5  # measured at 50k: the helper finishes first even with its start-up and hand-over
MERGE_AT_SEGMENTS = 12  # small segments are merged (Whoosh's MERGE_SMALL) once there are this many
PARALLEL_MIN_ARTICLES = 4000  # below this a second process costs more (start-up, hand-over) than it saves

ProgressCallback = Callable[[int, int], None]


class IndexState(StrEnum):
    READY = "ready"
    MISSING = "missing"
    OUTDATED = "outdated"  # built by another schema or analysis version
    CORRUPT = "corrupt"


class IndexUnavailable(RuntimeError):
    """The index cannot answer now (missing, corrupt or being rebuilt)."""


# What Whoosh raises when it reads a damaged file that passed the checks in ``open`` (scribbled bytes inside a
# segment only show up when that part is read): the index is then marked corrupt and rebuilt.
INDEX_DAMAGE_ERRORS: tuple[type[BaseException], ...] = (
    zlib.error, EOFError, struct.error, pickle.UnpicklingError, whoosh_index.IndexError, PostingsDamaged,
)


@dataclass
class IndexMeta:
    schema: int = SCHEMA_VERSION
    analysis: int = ANALYSIS_VERSION
    applied_seq: int = 0
    # Words taught to the segmenter for this index (KB vocabulary): queries must segment as the index did.
    terms: list[str] = field(default_factory=list)
    database: str = ""  # identity of the database it was built from (app/store/identity.py)

    @classmethod
    def read(cls, directory: Path) -> IndexMeta | None:
        try:
            data = json.loads((directory / META_FILE).read_text("utf-8"))
            terms = [str(t) for t in data.get("terms", [])]
            database = str(data.get("database", ""))
            return cls(int(data["schema"]), int(data["analysis"]), int(data["applied_seq"]), terms, database)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def write(self, directory: Path) -> None:
        tmp = directory / (META_FILE + ".tmp")
        tmp.write_text(json.dumps(self.__dict__), "utf-8")
        os.replace(tmp, directory / META_FILE)

    def is_current(self) -> bool:
        return self.schema == SCHEMA_VERSION and self.analysis == ANALYSIS_VERSION

    def mismatch(self, source: IndexSource) -> str:
        """Why this index does not describe the database ``source`` (empty when it does)."""
        if self.database != source.identity:
            return f"built from another database ({self.database or 'unknown'}, now {source.identity})"
        if self.applied_seq > source.journal_seq:
            return f"ahead of the database's journal ({self.applied_seq} > {source.journal_seq})"
        return ""


class SearchIndex:
    """One Whoosh index directory (or RAM storage for tests when ``directory`` is None).

    ``source`` tells the identity and journal position of the database the index must describe.
    """

    def __init__(self, directory: Path | None, source: Callable[[], IndexSource] | None = None):
        self.directory = directory
        self._source = source
        self._ix: Index | None = None
        self._meta = IndexMeta()
        self._write_lock = threading.Lock()
        self._state = IndexState.MISSING
        self._ram = RamStorage() if directory is None else None

    # --- opening -------------------------------------------------------------------------------------------
    @property
    def state(self) -> IndexState:
        return self._state

    @property
    def applied_seq(self) -> int:
        return self._meta.applied_seq

    def open(self) -> IndexState:
        """Open the index if it is usable; report why not otherwise (the caller then rebuilds)."""
        self._ix = None
        if self._ram is not None:
            if self._ram.index_exists():
                self._ix = self._ram.open_index()
                self._state = IndexState.READY
            else:
                self._state = IndexState.MISSING
            return self._state
        assert self.directory is not None
        _remove_leftover_build(self.directory)
        try:
            exists = self.directory.exists() and whoosh_index.exists_in(str(self.directory))
        except Exception as error:  # a garbled table of contents already fails here
            log.warning("search index is corrupt: %s", error)
            self._state = IndexState.CORRUPT
            return self._state
        if not exists:
            self._state = IndexState.MISSING
            return self._state
        meta = IndexMeta.read(self.directory)
        if meta is None or not meta.is_current():
            self._state = IndexState.OUTDATED
            return self._state
        mismatch = meta.mismatch(self._source()) if self._source is not None else ""
        if mismatch:
            log.warning("search index %s; it will be rebuilt", mismatch)
            self._state = IndexState.OUTDATED
            return self._state
        try:
            ix = open_index(str(self.directory))
            with ix.searcher() as searcher:  # touch every segment: a truncated file fails here
                searcher.doc_count_all()
                for reader in _leaf_readers(searcher.reader()):
                    reader.doc_count_all()
        except Exception as error:  # Whoosh raises many kinds on damaged files
            log.warning("search index is corrupt: %s", error)
            self._state = IndexState.CORRUPT
            return self._state
        add_terms(meta.terms)
        self._ix, self._meta, self._state = ix, meta, IndexState.READY
        return self._state

    def rebuild_running(self) -> bool:
        """True while a process (this one or another) is rebuilding this index."""
        if self.directory is None:
            return False
        lock = _build_lock(self.directory)
        try:
            if not lock.acquire():
                return True
        except OSError:
            return False
        lock.release()
        return False

    def mark_corrupt(self) -> None:
        """Stop using an index that failed while being read; the next open reports it OUTDATED so it is rebuilt."""
        self._ix, self._state = None, IndexState.CORRUPT
        if self.directory is not None:
            (self.directory / META_FILE).unlink(missing_ok=True)

    def whoosh(self) -> Index:
        if self._ix is None:
            raise IndexUnavailable(f"搜索索引不可用（{self._state.value}）")
        return self._ix

    # --- writing -------------------------------------------------------------------------------------------
    def _writer(self, ix: Index) -> IndexWriter:
        deadline = time.monotonic() + WRITER_WAIT_SECONDS
        while True:
            try:
                return new_writer(ix)
            except LockError:
                # Another process (the CLI beside the GUI) is writing; Whoosh's lock is released by the OS on crash.
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def apply(self, articles: Iterable[Article], deleted_ids: Iterable[str], up_to_seq: int) -> None:
        """Index changed articles, drop deleted ones, and record the journal position reached."""
        with self._write_lock:
            ix = self.whoosh()
            writer = self._writer(ix)
            try:
                for article_id in deleted_ids:
                    writer.delete_by_term("id", article_id)
                for article in articles:
                    writer.update_document(**to_document(article))
                # Merging small segments rewrites them posting by posting: do it only once they pile up, so a
                # save stays quick (each save otherwise adds one small segment, which costs a query little).
                writer.commit(merge=len(writer.segments) >= MERGE_AT_SEGMENTS)
            except BaseException:
                cancel_quietly(writer)
                raise
            self._meta.applied_seq = max(self._meta.applied_seq, up_to_seq)
            if self.directory is not None:
                self._meta.write(self.directory)

    def rebuild(
        self,
        articles: Iterable[Article],
        total: int,
        up_to_seq: int,
        progress: ProgressCallback | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        terms: list[str] | None = None,
    ) -> bool:
        """Build a fresh index beside the current one and swap it in; returns False if cancelled.

        ``terms`` (KB vocabulary) are taught to the segmenter first and recorded with the index. Searching keeps
        using the old index (when it was usable) until the swap.
        """
        terms = list(terms or [])
        add_terms(terms)
        with self._write_lock, _exclusive_build(self.directory):
            storage, build_dir, ix = self._fresh_index()
            writer = new_writer(ix)
            if cancelled():
                writer.cancel()
                return False
            done = self._fill(ix, writer, build_dir, iter(articles), total, terms, progress, cancelled)
            if done is None:
                return False
            if progress is not None:
                progress(done, max(total, done))
            database = self._source().identity if self._source is not None else ""
            self._install(IndexMeta(applied_seq=up_to_seq, terms=terms, database=database), storage, build_dir, ix)
            return True

    def _fresh_index(self) -> tuple[RamStorage | None, Path | None, Index]:
        """(RAM storage or None, the build folder or None, the empty new index)."""
        schema = build_schema()
        if self._ram is not None:
            storage = RamStorage()
            return storage, None, storage.create_index(schema)
        assert self.directory is not None
        build_dir = _build_dir(self.directory)
        shutil.rmtree(build_dir, ignore_errors=True)
        build_dir.mkdir(parents=True)
        return None, build_dir, create_index(str(build_dir), schema)

    def _fill(self, ix: Index, writer: IndexWriter, build_dir: Path | None, articles: Iterator[Article], total: int,
              terms: list[str], progress: ProgressCallback | None, cancelled: Callable[[], bool]) -> int | None:
        """Write every article (analysed and inverted in memory, a block at a time: see bulk.py); how many were
        written, or None when cancelled (the writer is then cancelled too)."""
        done = 0

        def counted() -> bool:
            nonlocal done
            done += 1
            if progress is not None and (done % 200 == 0 or done == total):
                progress(done, total)
            return not cancelled()

        helper, share = None, []
        if build_dir is not None and total >= PARALLEL_MIN_ARTICLES:
            # Both cores: a helper process builds a segment from the first half while this one does the rest.
            share = list(itertools.islice(articles, int(total * HELPER_SHARE)))
            helper = SegmentHelper(str(build_dir), share, terms)
            done = len(share)

        def helper_segments() -> list:
            assert helper is not None
            try:
                return [helper.result()]
            except RuntimeError as error:  # e.g. no Python interpreter to start: do its share here
                log.warning("%s; building its share in this process", error)
                return [build_segment(ix, share)]

        try:
            finished = bulk_build(writer, (to_document(a) for a in articles), counted,
                                  helper_segments if helper else None)
        except BaseException:
            if helper is not None:
                helper.cancel()
            raise
        if not finished:
            if helper is not None:
                helper.cancel()
            return None  # cancelled: bulk_build cancelled the writer
        return done

    def _install(self, meta: IndexMeta, storage: RamStorage | None, build_dir: Path | None, ix: Index) -> None:
        if storage is not None:
            self._ram, self._ix = storage, ix
        else:
            assert build_dir is not None and self.directory is not None
            meta.write(build_dir)
            self._ix = None
            _swap_in(build_dir, self.directory)
            self._ix = open_index(str(self.directory))
        self._meta, self._state = meta, IndexState.READY


def _build_lock(directory: Path) -> InstanceLock:
    """Held while a process builds ``index.building``: one rebuild at a time, and no one deletes it meanwhile."""
    return InstanceLock(directory.with_name(directory.name + ".building.lock"))


@contextlib.contextmanager
def _exclusive_build(directory: Path | None) -> Iterator[None]:
    """Across processes (the GUI and `deskbook reindex`), one rebuild at a time: a second one waits its turn."""
    if directory is None:
        yield
        return
    lock = _build_lock(directory)
    lock.acquire(blocking=True)
    try:
        yield
    finally:
        lock.release()


def cancel_quietly(writer: IndexWriter) -> None:
    """Cancel a failed writer without hiding why it failed (on a full disk Whoosh's cancel trips over the file
    that could not be written, and that second error would mask the first)."""
    try:
        writer.cancel()
    except Exception as error:
        log.warning("cancelling the index writer also failed: %s", error)
        # cancel() stopped before releasing the write lock; without this the index would stay locked (to this
        # very process too) until the app restarts.
        release_writer(writer)


def _leaf_readers(reader):
    if reader.is_atomic():
        return [reader]
    return [leaf for leaf, _offset in reader.leaf_readers()]


def _build_dir(directory: Path) -> Path:
    return directory.with_name(directory.name + ".building")


def _remove_leftover_build(directory: Path) -> None:
    remove_stale_job_files()
    lock = _build_lock(directory)
    try:
        if directory.parent.exists() and not lock.acquire():
            return  # another process is rebuilding right now: its folder is not a leftover
    except OSError:  # a read-only folder: nothing can be cleaned up anyway
        return
    try:
        shutil.rmtree(_build_dir(directory), ignore_errors=True)
    finally:
        lock.release()
    shutil.rmtree(directory.with_name(directory.name + ".old"), ignore_errors=True)


def _swap_in(build_dir: Path, directory: Path) -> None:
    old = directory.with_name(directory.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if directory.exists():
        os.replace(directory, old)
    os.replace(build_dir, directory)
    shutil.rmtree(old, ignore_errors=True)

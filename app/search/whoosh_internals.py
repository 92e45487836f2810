"""Every use of whoosh-reloaded's private internals, in one place, for the one version they were written against.

whoosh-reloaded is no longer maintained upstream (last release 2.7.5, 2024); its main branch (a future 3.0) renames
internals. Deskbook pins ``whoosh-reloaded==2.7.5`` and touches its private parts only here:

- the codec: W3's posting writer and matcher, subclassed to store a block's ids and weights as machine arrays;
- reading a term's postings straight from its byte range, the deleted documents and the field-length column
  (the ranker's fast path, see :mod:`app.search.ranking`);
- the segment writer's hooks a bulk build drives (:mod:`app.search.bulk`, :mod:`app.search.build_worker`).

A changed internal raises :class:`WhooshLayoutChanged` instead of falling back to a slow path without a word;
``tests/test_whoosh_internals.py`` checks that the fast path is taken. Plan B is in ``docs/WHOOSH.md``.

Whoosh pickles the codec into the index's table of contents by import path: keep the codec classes here under
these names (bump ``schema.SCHEMA_VERSION`` if the block layout changes; an index with another number is rebuilt).
"""

from __future__ import annotations

import io
import pickle
import struct
import sys
import zlib
from array import array
from collections.abc import Callable
from typing import Any

import numpy as np
import whoosh
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3LeafMatcher,
    W3PostingsWriter,
    W3TermsReader,
)
from whoosh.reading import SegmentReader, TermNotFound
from whoosh.util.numeric import length_to_byte
from whoosh.writing import IndexWriter, SegmentWriter

PINNED_VERSION = (2, 7, 5)


class WhooshLayoutChanged(RuntimeError):
    """whoosh-reloaded's internals are not those this module was written for (another version is installed)."""


def check_version() -> None:
    if tuple(whoosh.__version__) != PINNED_VERSION:
        raise WhooshLayoutChanged(
            f"whoosh-reloaded {whoosh.versionstring()} is installed; Deskbook's index needs exactly "
            f"{'.'.join(map(str, PINNED_VERSION))} (see docs/WHOOSH.md)"
        )


check_version()

BLOCK_LIMIT = 1024  # postings per block
COMPRESSION = 1  # zlib's fastest level: a third of the size of raw arrays (66 vs 191 MB at 50k), ~2x the read time

_BIG_ENDIAN = sys.byteorder == "big"


def _le_bytes(values: array) -> bytes:
    if _BIG_ENDIAN:
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def _from_le(typecode: str, data: bytes) -> array:
    values = array(typecode)
    values.frombytes(data)
    if _BIG_ENDIAN:
        values.byteswap()
    return values


class PostingsDamaged(Exception):
    """A posting list's bytes do not decode: the index file was damaged (the index is then rebuilt)."""


class DeskbookCodec(W3Codec):
    def __init__(self, blocklimit: int | None = None, compression: int | None = None, inlinelimit: int = 1):
        super().__init__(
            blocklimit=blocklimit or BLOCK_LIMIT,
            compression=COMPRESSION if compression is None else compression,
            inlinelimit=inlinelimit,
        )

    def postings_writer(self, dbfile, byteids=False):
        return ArrayPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return ArrayLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class ArrayPostingsWriter(W3PostingsWriter):
    """Writes a block's ids and weights as array bytes (vector postings, keyed by bytes, stay W3's)."""

    def _write_block(self, last=False):
        """W3's block writer, pickling with protocol 5: protocol 2 (W3's) turns bytes into latin-1 text, which
        doubles their size and makes loading them slower than the tuples they replace."""
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        databytes = pickle.dumps((self._mini_ids(), self._mini_weights(), self._mini_values()), 5)
        compression = self._compression if len(databytes) >= 20 else 0
        if compression:
            databytes = zlib.compress(databytes, compression)
        ids = self._ids
        info = (
            len(ids),
            ids[-1],
            self._maxweight,
            compression,
            length_to_byte(self._minlength),
            length_to_byte(self._maxlength),
        )
        # The block header stays protocol 2: W3's matcher reads it with its own unpickler before the data.
        infobytes = pickle.dumps(info, 2)
        blocklength = len(infobytes) + len(databytes)
        self._postfile.write_int(-blocklength if last else blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()

    def _mini_ids(self):
        if self._byteids:
            return super()._mini_ids()
        return _le_bytes(array("I", self._ids))

    def _mini_weights(self):
        if self._byteids:
            return super()._mini_weights()
        return _le_bytes(array("f", self._weights))


class ArrayLeafMatcher(W3LeafMatcher):
    """W3's matcher over array blocks (for Whoosh's own use: merging, deletions, term lookups)."""

    def _read_ids(self):
        if self._data is None:
            self._read_data()
        ids = self._data[0]
        if isinstance(ids, bytes) and not self._byteids:
            self._ids = _from_le("I", ids)
        else:
            super()._read_ids()

    def _read_weights(self):
        if self._data is None:
            self._read_data()
        weights = self._data[1]
        if isinstance(weights, bytes):
            self._weights = _from_le("f", weights)
        else:
            super()._read_weights()


# Segment files stay separate files: Whoosh opens a file inside a compound segment as a BytesIO over the mapped
# range, which copies it whole: every searcher opened after a save copied the whole index (70 MB at 50k).
SEGMENT_OPTIONS = {"compound": False}


def new_writer(ix, **kwargs):
    """A writer of ``ix`` that writes its segments (new and merged) with :class:`DeskbookCodec`."""
    return ix.writer(codec=DeskbookCodec(), **SEGMENT_OPTIONS, **kwargs)


# --- reading (the ranker's fast path) -----------------------------------------------------------------------------
_BLOCK_LENGTH = struct.Struct("!i")  # W3's block length prefix (negative for the last block)
NO_POSTINGS = (np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float64))


def term_postings(leaf: Any, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray] | None:
    """A term's (segment-relative ids, weights) read straight from its byte range, deleted documents included.

    Empty arrays when the segment does not hold the term; None when the postings are not in the array layout
    (inlined, or written by W3's own codec): read them through Whoosh's public matcher then. Building Whoosh's
    matcher (and its deletion filter) costs ~100 µs per segment and term, which adds up over the small segments
    saves leave behind.
    """
    terms = _terms_reader(leaf)
    if terms is None:
        return None
    try:
        info = terms.term_info(fieldname, btext)
    except TermNotFound:
        return NO_POSTINGS
    if info.is_inlined():
        return None
    offset, length = info.extent()
    if isinstance(length, tuple):  # whoosh-reloaded 2.7.5 decodes the length as a 1-tuple
        length = length[0]
    return decode_array_postings(terms._postfile.get(offset, length))


def _terms_reader(leaf: Any) -> W3TermsReader | None:
    if not isinstance(leaf, SegmentReader):
        return None  # an empty index's reader, for one: nothing to read fast
    terms = getattr(leaf, "_terms", None)
    if terms is None:
        raise WhooshLayoutChanged("SegmentReader has no _terms: the fast postings reader cannot work")
    return terms if isinstance(terms, W3TermsReader) else None


def deleted_docs(leaf: Any) -> list[int]:
    """Segment-relative numbers of the deleted documents."""
    if isinstance(leaf, SegmentReader):
        return list(_perdoc(leaf).deleted_docs())
    return [d for d in range(leaf.doc_count_all()) if leaf.is_deleted(d)]


def length_bytes(leaf: Any, fieldname: str) -> bytes:
    """The segment's one-byte encoded lengths of a field, one per document (deleted ones included)."""
    if not isinstance(leaf, SegmentReader):
        count = leaf.doc_count_all()
        return bytes(length_to_byte(leaf.doc_field_length(d, fieldname, 0) or 0) for d in range(count))
    perdoc = _perdoc(leaf)
    count = leaf.doc_count_all()
    column = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if column is None:
        return bytes(count)
    raw = column._dbfile.get(column._basepos, min(column._count, count))
    return bytes(raw) + bytes(count - len(raw))


def _perdoc(leaf: SegmentReader) -> Any:
    perdoc = getattr(leaf, "_perdoc", None)
    if perdoc is None:
        raise WhooshLayoutChanged("SegmentReader has no _perdoc")
    return perdoc


# --- writing (a bulk build drives the segment writer itself) ----------------------------------------------------
def mark_added(writer: SegmentWriter) -> None:
    writer._added = True


def finish_segment(writer: SegmentWriter, flush: Callable[[], None]) -> Any:
    """Write the segment's postings with ``flush`` instead of Whoosh's pool; returns the segment description."""
    writer._flush_segment = flush
    return writer._finalize_segment()


def commit_segments(writer: SegmentWriter, flush: Callable[[], None], others: Callable[[], list]) -> None:
    """Finish this writer's segment (if it has documents), then write the table of contents with the segments
    ``others`` gives (asked for only now, so another process builds its segment meanwhile)."""
    segments = [finish_segment(writer, flush)] if writer._added else []
    if not segments:
        writer._close_segment()
    segments.extend(others())
    try:
        writer._commit_toc(segments)
    finally:
        writer._finish()


def release_writer(writer: IndexWriter) -> None:
    """Release a writer whose cancel() failed half-way (it stopped before releasing the write lock)."""
    try:
        writer._finish()
    except Exception:
        lock = getattr(writer, "writelock", None)
        if lock is not None:
            lock.release()


def write_array_block(fieldwriter: W3FieldWriter, ids: array, weights: array, max_weight: float,
                      lengths: tuple[int | None, int], last: bool) -> None:
    """One block of the current term's postings, written by the codec's own postings writer."""
    postwriter = fieldwriter._postwriter
    postwriter._ids, postwriter._weights, postwriter._values = ids, weights, []
    postwriter._maxweight = max_weight
    postwriter._minlength, postwriter._maxlength = lengths
    postwriter._write_block(last=last)


def block_limit(fieldwriter: W3FieldWriter) -> int:
    return int(fieldwriter._postwriter._blocklimit)


def decode_array_postings(raw: bytes) -> tuple[np.ndarray, np.ndarray] | None:
    """Decode a posting list written by :class:`ArrayPostingsWriter`; None for another layout.

    Raises :class:`PostingsDamaged` (or the zlib/pickle/struct error met) when the bytes are not a posting list.
    """
    if raw[:4] != WHOOSH3_HEADER_MAGIC:
        raise PostingsDamaged("a posting list without its header")
    try:
        return _decode_array_blocks(raw)
    except (ValueError, TypeError, IndexError, AttributeError) as error:
        raise PostingsDamaged(f"unreadable posting block: {error}") from error


def _decode_array_blocks(raw: bytes) -> tuple[np.ndarray, np.ndarray] | None:
    stream = io.BytesIO(raw)
    position, end = 4, len(raw)
    id_blocks, weight_blocks = [], []
    while position < end:
        (length,) = _BLOCK_LENGTH.unpack_from(raw, position)
        stream.seek(position + _BLOCK_LENGTH.size)
        info = pickle.load(stream)  # (count, last id, max weight, compression, min length, max length)
        data_start, position = stream.tell(), position + _BLOCK_LENGTH.size + abs(length)
        data = raw[data_start:position]
        ids, weights, _values = pickle.loads(zlib.decompress(data) if info[3] else data)
        if not isinstance(ids, bytes) or not isinstance(weights, bytes):
            return None
        id_blocks.append(ids)
        weight_blocks.append(weights)
        if length < 0:  # the last block
            break
    ids = np.frombuffer(b"".join(id_blocks), dtype="<u4").astype(np.intp)
    weights = np.frombuffer(b"".join(weight_blocks), dtype="<f4").astype(np.float64)
    return ids, weights

"""Whoosh's W3 codec with posting blocks stored as machine arrays, so a whole posting list decodes in C.

W3 pickles each block's document numbers and weights as tuples of Python numbers: decoding a common term at 50k
articles builds ~100k Python objects before any scoring starts. Here a block holds the same information as two
little-endian byte strings (``uint32`` document numbers, ``float32`` weights, the types W3 buffers them in), which
the ranker hands to numpy without touching a single posting in Python. Blocks are larger (fewer per-block steps)
and compressed with a fast zlib level.

Everything else is W3: term index, columns, stored fields, block headers, segments and merging. Whoosh's own
matchers read these blocks through :class:`ArrayLeafMatcher`, so every Whoosh feature keeps working.

Whoosh pickles the codec into the index's table of contents by import path: keep these classes here under these
names (bump ``schema.SCHEMA_VERSION`` if the block layout changes; an index with another number is rebuilt).
"""

from __future__ import annotations

import pickle
import sys
import zlib
from array import array

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher, W3PostingsWriter
from whoosh.util.numeric import length_to_byte

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

"""A fast full build of a Whoosh segment: postings inverted in memory, written a block at a time.

Whoosh's writer spools every posting through a sorting pool and then hands them one by one to the codec, which
also looks up each posting's document length in a column file: about 15 µs per posting, 5+ minutes for 50k
articles. For a rebuild (every document new, docnums in order) the postings are collected in flat arrays,
inverted with one stable sort (numpy) and written as whole blocks through the codec's own postings writer, so the
files are exactly what Whoosh would have written and read back by Whoosh unchanged. Incremental updates keep
using Whoosh's writer.
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Callable, Collection, Iterable, Iterator

import numpy as np
from whoosh.codec.whoosh3 import W3FieldWriter
from whoosh.fields import ID
from whoosh.writing import SegmentWriter

from app.search import whoosh_internals as internals


class _FieldPostings:
    """A field's postings in document order as flat columns, filled in C (no Python step per posting), and
    inverted per term with one stable sort at flush."""

    def __init__(self) -> None:
        self.code_of: dict[str | bytes, int] = {}  # each distinct term once
        self.codes = array("I")  # per posting: its term's code …
        self.weights = array("f")  # … and weight
        self.docs = array("I")  # per document that has terms in this field …
        self.counts = array("I")  # … how many

    def add(self, docnum: int, terms: Collection[str | bytes], weights: Iterable[float]) -> None:
        code_of = self.code_of
        # set.difference(dict) looks each of this document's terms up; the `-` of two key views would walk
        # every term seen so far (quadratic over a build).
        new = set(terms).difference(code_of)
        if new:
            code_of.update(zip(new, itertools.count(len(code_of))))
        self.codes.extend(map(code_of.__getitem__, terms))
        self.weights.extend(weights)
        self.docs.append(docnum)
        self.counts.append(len(terms))

    def by_term(self) -> Iterator[tuple[str | bytes, np.ndarray, np.ndarray]]:
        """(term, document numbers, weights) for every term, terms in UTF-8 byte order, documents ascending."""
        if not self.codes:
            return
        codes = np.frombuffer(self.codes, dtype=np.uint32)
        docs = np.repeat(np.frombuffer(self.docs, dtype=np.uint32), np.frombuffer(self.counts, dtype=np.uint32))
        order = np.argsort(codes, kind="stable")  # stable: each term's documents stay ascending
        docs = docs[order]
        weights = np.frombuffer(self.weights, dtype=np.float32)[order]
        starts = np.concatenate(([0], np.cumsum(np.bincount(codes, minlength=len(self.code_of)))))
        for term in sorted(self.code_of, key=_utf8):
            code = self.code_of[term]
            yield term, docs[starts[code] : starts[code + 1]], weights[starts[code] : starts[code + 1]]


class BulkSegmentWriter:
    """Add documents to a fresh ``SegmentWriter`` without its posting pool, then commit."""

    def __init__(self, writer: SegmentWriter):
        if not isinstance(writer.fieldwriter, W3FieldWriter):
            raise TypeError("bulk building needs Whoosh's W3 codec")
        self.writer = writer
        self.schema = writer.schema
        self._postings: dict[str, _FieldPostings] = {}
        self._lengths: dict[str, array] = {}
        self._scorable = {name for name in self.schema.names() if self.schema[name].scorable}

    def add_document(self, fields: dict) -> None:
        writer, schema = self.writer, self.schema
        docnum = writer.docnum
        perdoc = writer.perdocwriter
        perdoc.start_doc(docnum)
        for fieldname in sorted(fields):
            value = fields[fieldname]
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                postings = self._postings.get(fieldname)
                if postings is None:
                    postings = self._postings[fieldname] = _FieldPostings()
                analyse = getattr(field, "analyse", None)
                if analyse is not None:  # Deskbook's own text fields: no per-term generator and tuple
                    length, weights = analyse(value)
                    postings.add(docnum, weights.keys(), weights.values())
                elif type(field) is ID and isinstance(value, str):
                    postings.add(docnum, (value.encode("utf-8"),), (1.0,))  # ID's analyser, without the pipeline
                else:
                    terms, weights = [], []
                    for tbytes, freq, weight, _vbytes in field.index(value):
                        length += freq
                        terms.append(tbytes)
                        weights.append(weight)
                    postings.add(docnum, terms, weights)
            if fieldname in self._scorable:
                lengths = self._lengths.setdefault(fieldname, array("i"))
                lengths.extend([0] * (docnum + 1 - len(lengths)))
                lengths[docnum] = length
            perdoc.add_field(fieldname, field, value if field.stored else None, length if field.scorable else 0)
        perdoc.finish_doc()
        internals.mark_added(writer)
        writer.docnum += 1

    def flush(self) -> None:
        """Stands in for the segment writer's own flush: write the collected postings block by block."""
        writer = self.writer
        writer.perdocwriter.close()
        fieldwriter: W3FieldWriter = writer.fieldwriter
        doc_count = writer.docnum
        for fieldname in sorted(self._postings):
            postings = self._postings.pop(fieldname)
            collected = self._lengths.get(fieldname)
            lengths = None
            if collected is not None:
                collected.extend([0] * (doc_count - len(collected)))
                lengths = np.frombuffer(collected, dtype=np.int32)
            fieldwriter.start_field(fieldname, self.schema[fieldname])
            # Analysed fields key their postings by str, Whoosh's own by bytes: both sort as their UTF-8 bytes.
            for term, docs, weights in postings.by_term():
                fieldwriter.start_term(_utf8(term))
                self._write_term(fieldwriter, docs, weights, lengths)
                fieldwriter.finish_term()
            fieldwriter.finish_field()
        fieldwriter.close()

    @staticmethod
    def _write_term(fieldwriter: W3FieldWriter, docs: np.ndarray, weights: np.ndarray,
                    lengths: np.ndarray | None) -> None:
        block = internals.block_limit(fieldwriter)
        total = len(docs)
        for start in range(0, total, block):
            block_docs = docs[start : start + block]
            block_weights = weights[start : start + block]
            span: tuple[int | None, int] = (None, 0)
            if lengths is not None:
                block_lengths = lengths[block_docs]
                span = (int(block_lengths.min()), int(block_lengths.max()))
            internals.write_array_block(fieldwriter, _as_array("I", block_docs), _as_array("f", block_weights),
                                        float(block_weights.max()), span, last=start + block >= total)

    def commit(self, other_segments: list | Callable[[], list] | None = None) -> None:
        """Write this segment and the table of contents (with segments built elsewhere, e.g. by a helper).

        The other process is waited for only after this one's segment is written."""
        def others() -> list:
            return other_segments() if callable(other_segments) else other_segments or []

        internals.commit_segments(self.writer, self.flush, others)


_NUMPY_TYPES = {"I": np.uint32, "f": np.float32}


def _as_array(typecode: str, values: np.ndarray) -> array:
    out = array(typecode)
    out.frombytes(values.astype(_NUMPY_TYPES[typecode], copy=False).tobytes())
    return out


def _utf8(term: str | bytes) -> bytes:
    return term if isinstance(term, bytes) else term.encode("utf-8")


def bulk_build(
    writer: SegmentWriter,
    documents: Iterable[dict],
    on_document: Callable[[], bool] | None = None,
    other_segments: Callable[[], list] | None = None,
) -> bool:
    """Add every document and commit; ``on_document`` returns False to cancel (the writer is then cancelled).

    ``other_segments`` gives segments built by another process, waited for only once this one's documents are in.
    """
    bulk = BulkSegmentWriter(writer)
    try:
        for document in documents:
            bulk.add_document(document)
            if on_document is not None and not on_document():
                writer.cancel()
                return False
        bulk.commit(other_segments)
    except BaseException:
        if not writer.is_closed:
            writer.cancel()
        raise
    return True

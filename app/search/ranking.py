"""Exact BM25 top-k over Whoosh's posting lists, vectorised with numpy.

Whoosh's own collector walks matches one document at a time through a tree of matcher objects: several Python
calls per posting, 100–300 ms for a common word at 50k articles. Here a term's whole posting list is read as
arrays (the index stores its blocks as machine arrays, see ``whoosh_internals.py``), BM25 is computed for all its postings
at once, and a query is combined with boolean masks and one score array over every document. Every match is
scored (no time limit, no truncation), so the top k is exactly what scoring every match one by one would give.

Whoosh remains the engine: its index format, segments, deletions, term statistics and writer are used as they
are. Reading a posting list as arrays, the deletions and the length column goes through private parts of
whoosh-reloaded 2.7.5, all of them in :mod:`app.search.whoosh_internals`; a posting list in another layout
(inlined, or W3's own blocks) is read through the public matcher API instead.

numpy is imported with this module, which the engine imports on the first search (or in the start-up warm-up),
not while the window opens.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable

import numpy as np
from whoosh.matching.wrappers import WrappingMatcher
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from app.search import whoosh_internals as internals
from app.search.terms import Alternative, Clause, Term

K1 = 1.2
B = 0.75

_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_NO_DOCS = np.zeros(0, dtype=np.intp)
_NO_SCORES = np.zeros(0, dtype=np.float64)

DocNumbers = np.ndarray  # sorted global document numbers (intp)
_Read = dict[Term, tuple[DocNumbers, np.ndarray]]


class Ranker:
    """BM25 ranking over one searcher's segments; build one per searcher (it keeps per-field length norms)."""

    def __init__(self, searcher: Searcher):
        self.searcher = searcher
        reader = searcher.reader()
        if reader.is_atomic():
            self._leaves = [(reader, 0)]
        else:
            self._leaves = list(reader.leaf_readers())
        self._size = sum(leaf.doc_count_all() for leaf, _ in self._leaves)  # document numbers, deleted included
        self._doc_count = max(1, searcher.doc_count_all())
        self._norms: dict[str, np.ndarray] = {}
        self._live = _live_mask(self._leaves, self._size)
        self._df: dict[tuple[str, str], int] = {}

    # --- statistics ------------------------------------------------------------------------------------------
    def _norms_for(self, fieldname: str) -> np.ndarray:
        """Per document: K1 * (1 - B + B * length / average length) of the field."""
        norms = self._norms.get(fieldname)
        if norms is None:
            total = self.searcher.field_length(fieldname)
            average = (total / self._doc_count) or 1.0
            table = K1 * (1 - B + B * _LENGTH_OF_BYTE / average)
            lengths = np.concatenate(
                [np.frombuffer(_length_bytes(leaf, fieldname), dtype=np.uint8) for leaf, _ in self._leaves]
            )
            norms = self._norms[fieldname] = table[lengths]
        return norms

    def idf(self, term: Term) -> float:
        n = self.doc_frequency(term.field, term.text)
        return math.log(1.0 + (self._doc_count - n + 0.5) / (n + 0.5))

    def doc_frequency(self, fieldname: str, text: str) -> int:
        """Documents holding the term, deleted ones included (as Whoosh counts; remembered per searcher)."""
        key = (fieldname, text)
        found = self._df.get(key)
        if found is None:
            found = self._df[key] = self.searcher.doc_frequency(fieldname, text)
        return found

    # --- postings --------------------------------------------------------------------------------------------
    def postings(self, fieldname: str, text: str) -> tuple[DocNumbers, np.ndarray]:
        """(global document numbers, weights) of the live documents holding a term."""
        if self.doc_frequency(fieldname, text) == 0:
            return _NO_DOCS, _NO_SCORES
        id_parts, weight_parts = [], []
        btext = text.encode("utf-8")
        for leaf, offset in self._leaves:
            found = _leaf_postings(leaf, fieldname, text, btext)
            if found is None:
                continue
            ids, weights = found
            id_parts.append(ids + offset if offset else ids)
            weight_parts.append(weights)
        if not id_parts:
            return _NO_DOCS, _NO_SCORES
        ids = id_parts[0] if len(id_parts) == 1 else np.concatenate(id_parts)
        weights = weight_parts[0] if len(weight_parts) == 1 else np.concatenate(weight_parts)
        if self._live is not None:
            keep = self._live[ids]
            ids, weights = ids[keep], weights[keep]
        return ids, weights

    def scores(self, term: Term) -> tuple[DocNumbers, np.ndarray]:
        """(global document numbers, weighted BM25 of the term) for every live document holding it."""
        ids, weights = self.postings(term.field, term.text)
        if not len(ids):
            return ids, weights
        factor = term.weight * self.idf(term) * (K1 + 1)
        return ids, factor * weights / (weights + self._norms_for(term.field)[ids])

    def docs(self, fieldname: str, text: str) -> DocNumbers:
        """Global numbers of the live documents holding a term (filters, exclusions)."""
        return self.postings(fieldname, text)[0]

    def docs_with_all(self, terms: Iterable[tuple[str, str]]) -> DocNumbers:
        """Documents holding every one of the (field, text) terms."""
        found: DocNumbers | None = None
        for fieldname, text in terms:
            docs = self.docs(fieldname, text)
            found = docs if found is None else np.intersect1d(found, docs, assume_unique=True)
        return _NO_DOCS if found is None else found

    def docs_with_any(self, terms: Iterable[tuple[str, str]]) -> DocNumbers:
        """Documents holding at least one of the (field, text) terms."""
        parts = [self.docs(fieldname, text) for fieldname, text in terms]
        return np.unique(np.concatenate(parts)) if parts else _NO_DOCS

    # --- queries ---------------------------------------------------------------------------------------------
    def rank(
        self,
        clauses: list[Clause],
        *,
        require_all: bool,
        limit: int,
        bonus: Iterable[Term] = (),
        allow: DocNumbers | None = None,
        exclude: DocNumbers | None = None,
    ) -> tuple[list[tuple[int, float]], int]:
        """(top ``limit`` (docnum, score) pairs, number of matches), best first, ties by document number.

        ``require_all``: every clause must be satisfied (AND); otherwise any (OR). A document's score is the sum
        of the weighted BM25 of every query term it holds, ``bonus`` terms included (they never make a match on
        their own).
        """
        if not clauses:
            return [], 0
        read: _Read = {}  # each term's scores, read once per query
        candidates = self._candidates(clauses, require_all, read)
        if candidates is None:
            return [], 0
        if allow is not None:
            candidates &= self._mask_of(allow)
        if exclude is not None and len(exclude):
            candidates[exclude] = False
        matches = np.flatnonzero(candidates)
        if not len(matches):
            return [], 0
        totals = np.zeros(self._size, dtype=np.float64)
        terms = dict.fromkeys([t for clause in clauses for alt in clause for t in (*alt.required, *alt.extra)])
        terms.update(dict.fromkeys(bonus))
        for term in terms:
            docs, values = self._scored(term, read)
            if len(docs):
                totals[docs] += values  # a term's documents are distinct: no two additions to one slot
        return _top(matches, totals[matches], limit), len(matches)

    def _candidates(self, clauses: list[Clause], require_all: bool, read: _Read) -> np.ndarray | None:
        """The mask of documents satisfying every clause (AND) or any (OR); None when AND finds none.

        For AND the rarest clauses come first, so an empty intersection stops the reading early."""
        candidates: np.ndarray | None = None
        ordered = sorted(clauses, key=self._clause_size) if require_all else clauses
        for clause in ordered:
            mask = self._clause_mask(clause, read)
            if candidates is None:
                candidates = mask
            elif require_all:
                candidates &= mask
            else:
                candidates |= mask
            if require_all and not candidates.any():
                return None
        return candidates

    def _scored(self, term: Term, read: _Read) -> tuple[DocNumbers, np.ndarray]:
        found = read.get(term)
        if found is None:
            found = read[term] = self.scores(term)
        return found

    def _mask_of(self, docs: DocNumbers) -> np.ndarray:
        mask = np.zeros(self._size, dtype=bool)
        mask[docs] = True
        return mask

    def _alternative_mask(self, alternative: Alternative, read: _Read) -> np.ndarray | None:
        mask = None
        for term in sorted(alternative.required, key=lambda t: self.doc_frequency(t.field, t.text)):
            docs = self._scored(term, read)[0]
            if mask is None:
                mask = self._mask_of(docs)
            else:
                mask &= self._mask_of(docs)
            if not len(docs):
                break
        return mask

    def _clause_mask(self, clause: Clause, read: _Read) -> np.ndarray:
        mask = np.zeros(self._size, dtype=bool)
        for alternative in clause:
            found = self._alternative_mask(alternative, read)
            if found is not None:
                mask |= found
        return mask

    def _clause_size(self, clause: Clause) -> int:
        return sum(min((self.doc_frequency(t.field, t.text) for t in alt.required), default=0) for alt in clause)

    def completions(self, fieldname: str, prefix: str, limit: int, scan: int = 2000) -> list[str]:
        """The most frequent indexed terms starting with ``prefix`` (search as you type)."""
        reader = self.searcher.reader()
        found: list[tuple[int, str]] = []
        try:
            for i, term in enumerate(reader.expand_prefix(fieldname, prefix)):
                if i >= scan:
                    break
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                found.append((reader.doc_frequency(fieldname, text), text))
        except KeyError:  # no such field in an older index
            return []
        return [text for _n, text in heapq.nlargest(limit, found)]

    def stored_id(self, docnum: int) -> str:
        return self.searcher.stored_fields(docnum)["id"]


def _top(docs: DocNumbers, scores: np.ndarray, limit: int) -> list[tuple[int, float]]:
    """The ``limit`` best (doc, score) pairs: highest score first, then lowest document number."""
    if len(docs) > limit:
        # Everything scoring at least the limit-th best score (ties at the border included), then sorted.
        border = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = scores >= border
        docs, scores = docs[keep], scores[keep]
    order = np.lexsort((docs, -scores))[:limit]
    return [(int(d), float(s)) for d, s in zip(docs[order], scores[order])]


def _leaf_postings(leaf, fieldname: str, text: str, btext: bytes) -> tuple[DocNumbers, np.ndarray] | None:
    """(segment-relative ids, weights) of a term in one segment, deleted documents included; None if absent."""
    found = internals.term_postings(leaf, fieldname, btext)
    if found is None:  # not in the array layout: Whoosh's public matcher reads any layout
        matcher = _matcher(leaf, fieldname, text)
        found = None if matcher is None else _read_postings(matcher)
    return found if found is not None and len(found[0]) else None


def _matcher(leaf, fieldname: str, text: str):
    try:
        matcher = leaf.postings(fieldname, text)
    except Exception:  # TermNotFound: not in this segment
        return None
    # A segment with deletions wraps its postings in a filter that steps one posting at a time; deletions are
    # dropped with the live mask instead (Ranker._live), so read the codec's matcher underneath.
    while isinstance(matcher, WrappingMatcher):
        matcher = matcher.child
    return matcher


def _read_postings(matcher) -> tuple[DocNumbers, np.ndarray]:
    """(segment-relative ids, weights) of a whole posting list, through Whoosh's public matcher API (any layout
    but the array blocks, which :func:`whoosh_internals.term_postings` reads)."""
    ids_list, weights_list = [], []
    while matcher.is_active():
        ids_list.append(matcher.id())
        weights_list.append(matcher.weight())
        matcher.next()
    return np.array(ids_list, dtype=np.intp), np.array(weights_list, dtype=np.float64)


def _live_mask(leaves, size: int) -> np.ndarray | None:
    """True for every document not deleted; None when no segment has deletions."""
    if not any(leaf.has_deletions() for leaf, _ in leaves):
        return None
    live = np.ones(size, dtype=bool)
    for leaf, offset in leaves:
        if not leaf.has_deletions():
            continue
        deleted = internals.deleted_docs(leaf)
        if deleted:
            live[np.asarray(deleted, dtype=np.intp) + offset] = False
    return live


_LENGTHS_CACHE: dict[tuple[str, str], bytes] = {}
_LENGTHS_CACHE_SIZE = 64


def _length_bytes(leaf, fieldname: str) -> bytes:
    """The segment's one-byte encoded field lengths (cached by segment: they never change)."""
    try:
        key = (leaf.segment().segment_id(), fieldname)
    except AttributeError:
        return _read_length_bytes(leaf, fieldname)
    found = _LENGTHS_CACHE.get(key)
    if found is None or len(found) != leaf.doc_count_all():
        found = _read_length_bytes(leaf, fieldname)
        if len(_LENGTHS_CACHE) >= _LENGTHS_CACHE_SIZE:
            _LENGTHS_CACHE.pop(next(iter(_LENGTHS_CACHE)))
        _LENGTHS_CACHE[key] = found
    return found


def _read_length_bytes(leaf, fieldname: str) -> bytes:
    return internals.length_bytes(leaf, fieldname)

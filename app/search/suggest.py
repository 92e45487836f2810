""""Did you mean": a correction for a query that found nothing.

Chinese typing errors are mostly homophones picked from the IME list (推款 for 退款), so a Chinese word is corrected
to the indexed word with the same pinyin; a Latin or pinyin word is corrected by edit distance against the index's
words and title pinyin. A suggestion is only offered when it finds something.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from app.search.analysis import is_cjk, normalize
from app.search.pinyin import spellings

if TYPE_CHECKING:
    from app.search.query import SearchFilters
    from app.search.ranking import Ranker

MAX_EDITS = 2


class Suggester:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_pinyin: dict[str, tuple[int, str]] = {}  # full pinyin -> (doc frequency, most frequent word)
        self._built_for: tuple[int, int] | None = None

    def invalidate(self) -> None:
        with self._lock:
            self._built_for = None

    def _homophones(self, ranker: Ranker) -> dict[str, tuple[int, str]]:
        """Full pinyin → the most frequent indexed Chinese word spelled so (rebuilt when the index changed)."""
        searcher = ranker.searcher
        key = (searcher.doc_count_all(), int(searcher.field_length("words")))
        with self._lock:
            if self._built_for != key:
                reader = searcher.reader()
                table: dict[str, tuple[int, str]] = {}
                for term in reader.field_terms("words"):
                    word = term.decode("utf-8") if isinstance(term, bytes) else term
                    if not 2 <= len(word) <= 6 or not is_cjk(word[0]):
                        continue
                    spelled = spellings(word)
                    if not spelled:
                        continue
                    freq = reader.doc_frequency("words", word)
                    if freq > table.get(spelled[0], (0, ""))[0]:
                        table[spelled[0]] = (freq, word)
                self._by_pinyin, self._built_for = table, key
            return self._by_pinyin

    def _correct(self, ranker: Ranker, word: str) -> str | None:
        if all(is_cjk(ch) for ch in word):
            spelled = spellings(word)
            if not spelled:
                return None
            found = self._homophones(ranker).get(spelled[0])
            return found[1] if found and found[1] != word else None
        reader = ranker.searcher.reader()
        best: tuple[int, str] | None = None
        for fieldname in ("words", "pinyin"):
            for distance in range(1, MAX_EDITS + 1):
                try:
                    candidates = list(reader.terms_within(fieldname, word, distance, prefix=1))
                except Exception:  # no such field in an older index
                    candidates = []
                for candidate in candidates:
                    if candidate == word:
                        continue
                    freq = reader.doc_frequency(fieldname, candidate)
                    if fieldname == "pinyin":
                        # Show the Chinese word the pinyin spells, which is what the agent meant.
                        chinese = self._homophones(ranker).get(candidate)
                        candidate = chinese[1] if chinese else candidate
                    if best is None or freq > best[0]:
                        best = (freq, candidate)
                if best is not None:
                    break
        return best[1] if best else None

    def suggest(
        self,
        ranker: Ranker,
        text: str,
        words: list[str],
        filters: SearchFilters,
        synonyms: dict[str, list[str]],
    ) -> str | None:
        from app.search.query import run_search

        folded = normalize(text).strip()
        changed = False
        for word in words:
            if _word_found(ranker, word):
                continue
            correction = self._correct(ranker, word)
            if correction:
                folded = folded.replace(word, correction)
                changed = True
        if not changed or folded == normalize(text).strip():
            return None
        return folded if run_search(ranker, folded, filters, 1, synonyms).hits else None


def _word_found(ranker: Ranker, word: str) -> bool:
    from app.search.query import _variant_alternatives

    for alternative in _variant_alternatives(word):
        if all(ranker.doc_frequency(t.field, t.text) > 0 for t in alternative.required):
            return True
    return False

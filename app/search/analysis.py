"""Text analysis for the Chinese index.

Whoosh pickles analyzers into the index by import path: the classes in this module must keep their names and
module path, or every existing index needs a rebuild (bump ``ANALYSIS_VERSION`` when their output changes).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache

from whoosh.analysis import Composable, StemFilter, Token, Tokenizer

from app.search.fold_table import load_fold_table

ANALYSIS_VERSION = 2

CHINESE_STOP_WORDS = frozenset(
    ["的", "了", "吗", "呢", "吧", "啊", "呀", "嘛", "哦", "么", "着", "过", "地", "得", "和", "与", "及", "或", "而", "且", "就", "都", "也", "还", "又", "很", "太", "再", "把", "被", "给", "让", "在", "是", "有", "我", "你", "您", "他", "她", "它", "我们", "你们", "他们", "这", "那", "这个", "那个", "一个", "什么", "怎么", "怎样", "如何", "为什么", "请问", "请", "一下", "可以", "能", "能否", "是否", "吗？", "呢？", "的话", "一些", "我的", "你的", "您的", "不", "没", "没有", "了吗", "啦"]
)
LATIN_STOP_WORDS = frozenset(["a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "is", "are", "be", "it", "this", "that", "with", "at", "by"])

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD_RE = re.compile(r"\w", re.UNICODE)

_FOLD_TABLE: dict[int, str] = {}
_FOLD_RE: re.Pattern[str] | None = None


def _fold_tables() -> tuple[dict[int, str], re.Pattern[str]]:
    """Built on first use, not at import: the app's start-up does not wait for them."""
    global _FOLD_RE
    if _FOLD_RE is None:
        table = load_fold_table()
        # str.translate looks up every character in a dict; a regex finds the few that change at C speed.
        # Upper-case letters are left to str.lower() (also C), and punctuation is left alone: it is never
        # indexed, and Chinese text is full of full-width commas.
        pattern = re.compile(
            "["
            + "".join(re.escape(chr(cp)) for cp in sorted(table) if chr(cp).lower() == chr(cp) and chr(cp).isalnum())
            + "]"
        )
        _FOLD_TABLE.update(table)
        _FOLD_RE = pattern
    return _FOLD_TABLE, _FOLD_RE


def _fold_match(match: re.Match[str]) -> str:
    return _FOLD_TABLE[ord(match.group())]


def _fold_char(ch: str) -> str:
    return _FOLD_TABLE.get(ord(ch), ch)


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, traditional to simplified; the result has the same length."""
    _table, pattern = _fold_tables()
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare character whose lower case is longer (İ): fold one by one
        return "".join(map(_fold_char, text))
    return pattern.sub(_fold_match, lowered)


def is_cjk(ch: str) -> bool:
    return bool(_CJK_RE.match(ch))


_JIEBA = None  # the rjieba module once loaded
_PENDING_TERMS: list[str] = []
_JIEBA_LOCK = threading.Lock()
_TERM_FREQUENCY = 20000


def jieba():
    """rjieba, loaded on first use: its dictionary takes 0.15–0.2 s, which the window's start need not wait for.

    Terms taught before that are kept and added when it loads, so segmentation never runs without them.
    """
    global _JIEBA
    if _JIEBA is None:
        with _JIEBA_LOCK:
            if _JIEBA is None:
                import rjieba

                for term in _PENDING_TERMS:
                    if not rjieba.has_word(term):
                        rjieba.add_word(term, _TERM_FREQUENCY, "n")
                _PENDING_TERMS.clear()
                _JIEBA = rjieba
    return _JIEBA


def add_terms(terms: Iterable[str]) -> int:
    """Teach the segmenter KB terms (tags, product names, synonyms) so they stay one token; returns how many."""
    candidates = [t for t in (normalize(term.strip()) for term in terms) if len(t) >= 2 and " " not in t]
    with _JIEBA_LOCK:
        if _JIEBA is None:  # not loaded yet: nothing was segmented, so no cache holds an old segmentation
            _PENDING_TERMS.extend(candidates)
            return len(candidates)
    added = 0
    for term in candidates:
        if not _JIEBA.has_word(term):
            _JIEBA.add_word(term, _TERM_FREQUENCY, "n")
            added += 1
    if added:
        _words_cached.cache_clear()
        _term_of.cache_clear()
        query_words.cache_clear()
        query_units.cache_clear()
    return added


def segment(text: str) -> list[tuple[str, int, int]]:
    """Search-mode segmentation of normalised text: (word, start, end) with character offsets."""
    return jieba().tokenize(text, mode="search")


def _is_stop(word: str) -> bool:
    return word in CHINESE_STOP_WORDS or word in LATIN_STOP_WORDS


@lru_cache(maxsize=1 << 17)
def _term_of(word: str) -> str | None:
    """The indexed form of one segmenter token (None: punctuation, space or a stop word)."""
    word = word.strip()
    if not word or not _WORD_RE.search(word) or _is_stop(word):
        return None
    if word.isascii() and word.isalpha():
        return _stem(word)
    return word


def _stem(word: str) -> str:
    from whoosh.lang.porter import stem

    return stem(word)


@lru_cache(maxsize=16)
def _words_cached(folded: str) -> tuple[str, ...]:
    term_of = _term_of
    return tuple(t for t in map(term_of, jieba().cut_for_search(folded)) if t is not None)


def words_of(folded: str) -> tuple[str, ...]:
    """Indexed words of normalised text (search mode: overlapping sub-words of long words included).

    The last few texts are remembered: one document's text is segmented for several fields in a row.
    """
    return _words_cached(folded)


_BIGRAM_RE = re.compile(r"(?=([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2}))")


def grams_of(folded: str) -> list[str]:
    """Overlapping character bigrams of the runs of Chinese in normalised text (the substring field)."""
    return _BIGRAM_RE.findall(folded)


def chars_of(folded: str) -> list[str]:
    """The Chinese characters of normalised text (a fuzzy, low-weight match for short texts such as titles)."""
    return [ch for run in _CJK_RUN1_RE.findall(folded) for ch in run if ch not in CHINESE_STOP_WORDS]


_CJK_RUN1_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=4096)
def query_units(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The words a query must match (precise segmentation), each with its search-mode sub-words (cached).

    ``退款进度查询`` → ``(退款, ()), (进度, ()), (查询, ())``;
    ``增值税`` → ``(增值税, (增值,))``.
    """
    folded = normalize(text)
    units: dict[str, tuple[str, ...]] = {}
    for word in jieba().cut(folded):
        term = _term_of(word)
        if term is None or term in units:
            continue
        subwords = tuple(t for t in words_of(term) if t != term) if len(term) > 2 else ()
        units[term] = subwords
    return tuple(units.items())


@lru_cache(maxsize=4096)
def query_words(text: str) -> tuple[str, ...]:
    """The indexed words of a query string, in order, without stop words and duplicates (cached: typing repeats)."""
    return tuple(dict.fromkeys(words_of(normalize(text))))


class _SpanTokenizer(Tokenizer):
    """Turns ``(term, start, end, stopped)`` spans of the normalised text into Whoosh tokens with offsets."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def spans(self, text: str) -> Iterator[tuple[str, int, int, bool]]:
        raise NotImplementedError

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for term, start, end, stopped in self.spans(normalize(value)):
            if stopped and removestops:
                continue
            token.text = term
            token.stopped = stopped
            token.boost = 1.0
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = pos
                pos += 1
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


class ChineseTokenizer(_SpanTokenizer):
    """Words from jieba's search mode (overlapping sub-words included), character offsets kept."""

    def spans(self, text: str) -> Iterator[tuple[str, int, int, bool]]:
        for word, start, end in segment(text):
            if not _WORD_RE.search(word):
                continue
            word = word.strip()
            if word:
                yield word, start, end, _is_stop(word)


class BigramTokenizer(_SpanTokenizer):
    """Overlapping character bigrams inside runs of Chinese, whole words elsewhere.

    Finds a word inside a longer run that the segmenter kept as one token (searching 发货 in 未发货订单).
    """

    def spans(self, text: str) -> Iterator[tuple[str, int, int, bool]]:
        for gram, start, end in bigrams(text):
            yield gram, start, end, False


_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+")


def bigrams(text: str) -> Iterator[tuple[str, int, int]]:
    """Bigrams of normalised text: (gram, start, end). A lone Chinese character is its own gram."""
    for match in _RUN_RE.finditer(text):
        run, offset = match.group(), match.start()
        if not is_cjk(run[0]):
            yield run, offset, offset + len(run)
        elif len(run) == 1:
            yield run, offset, offset + 1
        else:
            for i in range(len(run) - 1):
                yield run[i : i + 2], offset + i, offset + i + 2


class LatinStemFilter(StemFilter):
    """Porter stemming for Latin words only; Chinese words pass through untouched."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        stemfn = self._stem
        for token in tokens:
            if not token.stopped and token.text.isascii():
                token.text = stemfn(token.text)
            yield token


def word_analyzer() -> Composable:
    return ChineseTokenizer() | LatinStemFilter()


def bigram_analyzer() -> Composable:
    return BigramTokenizer()

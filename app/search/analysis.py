"""Text analysis for the Chinese index.

Whoosh pickles analyzers into the index by import path: the classes in this module must keep their names and
module path, or every existing index needs a rebuild (bump ``ANALYSIS_VERSION`` when their output changes).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

import rjieba
from whoosh.analysis import Composable, StemFilter, Token, Tokenizer
from zhconv import convert as zh_convert

ANALYSIS_VERSION = 1

CHINESE_STOP_WORDS = frozenset(
    """的 了 吗 呢 吧 啊 呀 嘛 哦 么 着 过 地 得 和 与 及 或 而 且 就 都 也 还 又 很 太 再 把 被 给 让 在 是 有 我 你 您 他 她 它
    我们 你们 他们 这 那 这个 那个 一个 什么 怎么 怎样 如何 为什么 请问 请 一下 可以 能 能否 是否 吗？ 呢？ 的话 一些
    我的 你的 您的 不 没 没有 了吗 啦""".split()
)
LATIN_STOP_WORDS = frozenset("a an the of to in on for and or is are be it this that with at by".split())

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD_RE = re.compile(r"\w", re.UNICODE)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    # Keep offsets stable for highlighting: only one-to-one foldings apply.
    return folded.lower() if len(folded) == 1 else ch.lower()


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, traditional to simplified; the result has the same length."""
    folded = "".join(map(_fold_char, text))
    if not _CJK_RE.search(folded):
        return folded
    simplified = zh_convert(folded, "zh-cn")
    if len(simplified) != len(folded):
        simplified = "".join(zh_convert(ch, "zh-cn") if len(zh_convert(ch, "zh-cn")) == 1 else ch for ch in folded)
    return simplified


def is_cjk(ch: str) -> bool:
    return bool(_CJK_RE.match(ch))


def add_terms(terms: Iterable[str]) -> None:
    """Teach the segmenter KB terms (tags, product names, synonyms) so they stay one token."""
    for term in terms:
        term = normalize(term.strip())
        if len(term) >= 2 and not rjieba.has_word(term):
            rjieba.add_word(term, 20000, "n")


def segment(text: str) -> list[tuple[str, int, int]]:
    """Search-mode segmentation of normalised text: (word, start, end) with character offsets."""
    return rjieba.tokenize(text, mode="search")


def _is_stop(word: str) -> bool:
    return word in CHINESE_STOP_WORDS or word in LATIN_STOP_WORDS


class ChineseTokenizer(Tokenizer):
    """Words from jieba's search mode (overlapping sub-words included), character offsets kept."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

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
        text = normalize(value)
        pos = start_pos
        for word, start, end in segment(text):
            if not _WORD_RE.search(word):
                continue
            word = word.strip()
            if not word:
                continue
            token.stopped = _is_stop(word)
            if token.stopped and removestops:
                continue
            token.text = word
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


class BigramTokenizer(Tokenizer):
    """Overlapping character bigrams inside runs of Chinese, whole words elsewhere.

    Finds a word inside a longer run that the segmenter kept as one token (searching 发货 in 未发货订单).
    """

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

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
        text = normalize(value)
        pos = start_pos
        for gram, start, end in bigrams(text):
            token.text = gram
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = pos
                pos += 1
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


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


def query_words(text: str) -> list[str]:
    """The indexed words of a query string, in order, without stop words and duplicates."""
    seen: dict[str, None] = {}
    for token in word_analyzer()(text):
        seen.setdefault(token.text, None)
    return list(seen)

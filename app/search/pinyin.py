"""Pinyin spellings of title words, so an agent can type ``tuikuan`` or ``tk`` to find 退款 articles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from app.search.analysis import is_cjk, words_of


@lru_cache(maxsize=1 << 16)
def spellings(word: str) -> tuple[str, ...]:
    """Full pinyin and initials of a Chinese word (``退款`` → ``tuikuan``, ``tk``); empty for other words."""
    if not word or not all(is_cjk(ch) for ch in word):
        return ()
    from pypinyin import lazy_pinyin  # imported on first use: it takes a second to load its phrase dictionary

    full = lazy_pinyin(word, errors="ignore")
    if not full:
        return ()
    whole = "".join(full)
    initials = "".join(syllable[0] for syllable in full if syllable)
    # One character's initial alone ("t") would match half the index: keep initials of two or more.
    return (whole, initials) if len(initials) >= 2 else (whole,)


def title_spellings(words: Sequence[str]) -> list[str]:
    """The pinyin terms of a title's words (duplicates kept: they count as term frequency)."""
    out: list[str] = []
    for word in words:
        out.extend(spellings(word))
    return out


def looks_like_pinyin(word: str) -> bool:
    return word.isascii() and word.isalpha() and len(word) >= 2


def spelled_words(folded_texts: Iterable[str], spelled: list[str], typing: str | None = None) -> list[str]:
    """The Chinese words of these normalised texts that pinyin query words spell, to highlight them: 退款 for
    ``tuikuan`` or ``tk``; for ``typing`` (the word still being typed), any word whose spelling starts with it."""
    wanted = set(spelled)
    found: dict[str, None] = {}
    for text in folded_texts:
        for word in words_of(text):
            if any(s in wanted or (typing and s.startswith(typing)) for s in spellings(word)):
                found[word] = None
    return list(found)

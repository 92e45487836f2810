"""Query expansion from a synonym lexicon in 词林 format (``Aa01A01= 词 词 …``), below the words typed.

Only rows marked ``=`` (words of the same meaning) are read; ``#`` (related) and ``@`` (alone) are not. A row of
more than ``max_group`` words is left out: big rows in 词林 are loose (``开通 = 开展 开明 通达 …``). Single
characters and non-Chinese entries are left out too. An expansion matches at ``weight`` of a typed word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from app.search.analysis import is_cjk, normalize

DEFAULT_WEIGHT = 0.5
DEFAULT_MAX_GROUP = 6
MAX_EXPANSIONS = 4  # per query word


@dataclass
class Lexicon:
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    weight: float = DEFAULT_WEIGHT

    def __len__(self) -> int:
        return len(self.synonyms)

    def expansions(self, word: str, exclude: Iterable[str] = ()) -> list[str]:
        skip = set(exclude) | {word}
        return [w for w in self.synonyms.get(word, ()) if w not in skip][:MAX_EXPANSIONS]


def read_cilin(lines: Iterable[str], max_group: int = DEFAULT_MAX_GROUP, weight: float = DEFAULT_WEIGHT) -> Lexicon:
    table: dict[str, list[str]] = {}
    for line in lines:
        code, _sep, rest = line.strip().partition(" ")
        if len(code) != 8 or code[7] != "=":
            continue
        words = list(dict.fromkeys(normalize(w) for w in rest.split()))
        words = [w for w in words if len(w) >= 2 and all(is_cjk(ch) for ch in w)]
        if not 2 <= len(words) <= max_group:
            continue
        for word in words:
            known = table.setdefault(word, [])
            known.extend(w for w in words if w != word and w not in known)
    return Lexicon(table, weight)

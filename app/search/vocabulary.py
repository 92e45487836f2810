"""KB vocabulary the segmenter does not know: product names and jargon found in the KB's own titles.

jieba's dictionary is general Chinese; a support KB is full of names such as 花呗 or 网商贷 that it splits
differently depending on the neighbours (用花 + 呗 in 不能用花呗), so a query and an article holding the same
name can disagree. Before each rebuild, strings that recur often, hold together (their parts rarely occur
apart) and appear in varied contexts (high neighbour entropy on both sides) are added to the segmenter
(unsupervised new-word discovery). The list is stored with the index so queries segment as the index did.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from app.search.analysis import CHINESE_STOP_WORDS, jieba, normalize

MAX_LENGTH = 4
MAX_TEXTS = 10000  # titles and 相似问 read: enough to find the names, about a second at most
MIN_COUNT = 5
MIN_COHESION = 0.25  # at every split, this share of the commoner part's occurrences are inside the term
MIN_ENTROPY = 1.5  # nats of variety among left and right neighbours
MAX_TERMS = 3000

_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_EDGE_STOPS = frozenset(w for w in CHINESE_STOP_WORDS if len(w) == 1) | set("个吗么啥")


def _entropy(counter: Counter[str], boundary: int) -> float:
    total = sum(counter.values()) + boundary
    if total == 0:
        return 0.0
    # Every text boundary counts as a different neighbour: a name at the start of titles is still a name.
    h = -sum((n / total) * math.log(n / total) for n in counter.values())
    if boundary:
        h -= boundary * (1 / total) * math.log(1 / total)
    return h


def discover_terms(texts: Iterable[str]) -> list[str]:
    """Words the KB uses that the segmenter does not know, most frequent first."""
    counts: Counter[str] = Counter()
    left: defaultdict[str, Counter[str]] = defaultdict(Counter)
    right: defaultdict[str, Counter[str]] = defaultdict(Counter)
    left_edge: Counter[str] = Counter()
    right_edge: Counter[str] = Counter()
    total = 0
    for i, text in enumerate(texts):
        if i >= MAX_TEXTS:
            break
        for run in _RUN.findall(normalize(text)):
            size = len(run)
            total += size
            for start in range(size):
                for n in range(1, MAX_LENGTH + 1):
                    end = start + n
                    if end > size:
                        break
                    gram = run[start:end]
                    counts[gram] += 1
                    if n >= 2:
                        if start:
                            left[gram][run[start - 1]] += 1
                        else:
                            left_edge[gram] += 1
                        if end < size:
                            right[gram][run[end]] += 1
                        else:
                            right_edge[gram] += 1
    if not total:
        return []
    found: list[tuple[int, str]] = []
    for gram, n in counts.items():
        if len(gram) < 2 or n < MIN_COUNT or gram[0] in _EDGE_STOPS or gram[-1] in _EDGE_STOPS:
            continue
        if jieba().has_word(gram):
            continue
        # How often the parts occur together, relative to the commoner part: unlike mutual information this does
        # not penalise a name made of characters that are themselves frequent (花 and 呗 in a 花呗 KB).
        cohesion = min(n / max(counts[gram[:k]], counts[gram[k:]]) for k in range(1, len(gram)))
        if cohesion < MIN_COHESION:
            continue
        if _entropy(left[gram], left_edge[gram]) < MIN_ENTROPY or _entropy(right[gram], right_edge[gram]) < MIN_ENTROPY:
            continue
        found.append((n, gram))
    found.sort(key=lambda item: (-item[0], item[1]))
    return [gram for _n, gram in found[:MAX_TERMS]]

"""Articles that look like duplicates: the same normalised title, or very similar content.

The search engine proposes candidates (more-like-this over the index); a character-bigram Dice coefficient on
the normalised text decides "very similar", because Whoosh scores are not comparable between queries.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from zhconv import convert

from app.model import Article, Status, flatten_field
from app.search.index import IndexUnavailable

if TYPE_CHECKING:
    from app.services import Deskbook

SAME_TITLE = "same_title"
SIMILAR = "similar"
TITLE_THRESHOLD = 0.75
CONTENT_THRESHOLD = 0.6
_NOISE = re.compile(r"[\W_]+", re.UNICODE)


def normalise_title(title: str) -> str:
    """Width, case, traditional/simplified, spaces and punctuation do not make a different title."""
    text = unicodedata.normalize("NFKC", title or "").lower()
    text = convert(text, "zh-hans")
    return _NOISE.sub("", text)


def bigrams(text: str) -> set[str]:
    text = _NOISE.sub("", unicodedata.normalize("NFKC", text or "").lower())
    if len(text) < 2:
        return {text} if text else set()
    return {text[i : i + 2] for i in range(len(text) - 1)}


def dice(a: str, b: str) -> float:
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def content_text(article: Article) -> str:
    return "\n".join([article.title, *article.phrasings, article.body, flatten_field(article.fields)])


@dataclass(frozen=True)
class DuplicateCandidate:
    id: str
    title: str
    reason: str  # same_title | similar
    score: float  # 1.0 for the same title, else the Dice similarity


def duplicates_of(desk: "Deskbook", article: Article, limit: int = 5) -> list[DuplicateCandidate]:
    """Existing (not archived) articles that ``article`` — saved or not — seems to duplicate."""
    found: dict[str, DuplicateCandidate] = {}
    key = normalise_title(article.title)
    if key:
        rows = desk.db.query("SELECT id, title FROM articles WHERE status != 'archived' AND id != ?", [article.id])
        for row in rows:
            if normalise_title(row["title"]) == key:
                found[row["id"]] = DuplicateCandidate(row["id"], row["title"], SAME_TITLE, 1.0)
    # Candidates: more-like-this on the content, plus a title search (more-like-this weighs only words other
    # articles share, so an article not yet saved finds its twin through its title).
    candidate_ids: list[str] = []
    try:
        candidate_ids += [h.id for h in desk.engine.similar(article.id, content_text(article), limit=10)]
        if article.title.strip():
            candidate_ids += [h.id for h in desk.engine.search(article.title, limit=10).hits]
    except IndexUnavailable:
        pass
    candidate_ids = [i for i in dict.fromkeys(candidate_ids) if i != article.id]
    others = desk.articles.get_many(i for i in candidate_ids if i not in found)
    text = content_text(article)
    for candidate_id in candidate_ids:
        other = others.get(candidate_id)
        if other is None or other.status is Status.ARCHIVED:
            continue
        score = max(dice(article.title, other.title) if dice(article.title, other.title) >= TITLE_THRESHOLD else 0.0,
                    dice(text, content_text(other)))
        if score >= CONTENT_THRESHOLD:
            found[other.id] = DuplicateCandidate(other.id, other.title, SIMILAR, round(score, 3))
    ordered = sorted(found.values(), key=lambda c: (c.reason != SAME_TITLE, -c.score, c.title))
    return ordered[:limit]


@dataclass(frozen=True)
class DuplicateGroup:
    reason: str
    score: float
    ids: tuple[str, ...]
    titles: tuple[str, ...]


def duplicates_report(
    desk: "Deskbook", progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] = lambda: False
) -> list[DuplicateGroup]:
    """Every group of same-title articles, then every very similar pair, for the whole knowledge base."""
    by_title: dict[str, list[tuple[str, str]]] = {}
    for article_id, title in desk.articles.titles():
        by_title.setdefault(normalise_title(title), []).append((article_id, title))
    groups = [
        DuplicateGroup(SAME_TITLE, 1.0, tuple(i for i, _ in members), tuple(t for _, t in members))
        for members in by_title.values()
        if len(members) > 1
    ]
    same = {frozenset(g.ids) for g in groups}
    seen_pairs: set[frozenset[str]] = set()
    total = desk.articles.count()
    for done, article in enumerate(desk.articles.iter_all(), start=1):
        if cancelled():
            break
        if article.status is not Status.ARCHIVED:
            for candidate in duplicates_of(desk, article, limit=5):
                pair = frozenset((article.id, candidate.id))
                if candidate.reason != SIMILAR or pair in seen_pairs or any(pair <= s for s in same):
                    continue
                seen_pairs.add(pair)
                groups.append(DuplicateGroup(SIMILAR, candidate.score, (article.id, candidate.id),
                                             (article.title, candidate.title)))
        if progress is not None and (done % 200 == 0 or done == total):
            progress(done, total)
    groups.sort(key=lambda g: (g.reason != SAME_TITLE, -g.score, g.titles))
    return groups

"""Articles that look like duplicates: the same normalised title, or very similar content.

The search engine proposes candidates (more-like-this over the index); a character-bigram Dice coefficient on
the normalised text decides "very similar", because Whoosh scores are not comparable between queries.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.model import Article, Status, flatten_field
from app.search.analysis import normalize
from app.search.index import IndexUnavailable
from app.store.article_queries import ArticleQueries
from app.store.articles import ArticleRepository

if TYPE_CHECKING:
    from app.search.engine import SearchEngine

SAME_TITLE = "same_title"
SIMILAR = "similar"
TITLE_THRESHOLD = 0.75
CONTENT_THRESHOLD = 0.6
_NOISE = re.compile(r"[\W_]+", re.UNICODE)


def normalise_title(title: str) -> str:
    """Width, case, traditional/simplified, spaces and punctuation do not make a different title."""
    return _NOISE.sub("", normalize(title or ""))


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


def problem_names(article: Article) -> list[str]:
    """How the article names its problem: the title and, for a case, its standard statement (专业转述)."""
    return [name for name in (article.title, article.field_text("statement")) if name.strip()]


def same_problem(a: Article, b: Article) -> float:
    """The closest two of their problem names, when close enough to be the same problem (else 0): a case written
    up from a request is titled by its statement, which an earlier case of the same problem may have word for word
    under another title, while the rest of the two texts (the customer's words, the steps) differs."""
    best = max((dice(x, y) for x in problem_names(a) for y in problem_names(b)), default=0.0)
    return best if best >= TITLE_THRESHOLD else 0.0


@dataclass(frozen=True)
class DuplicateCandidate:
    id: str
    title: str
    reason: str  # same_title | similar
    score: float  # 1.0 for the same title, else the Dice similarity


def duplicates_of(articles: ArticleRepository, queries: ArticleQueries, engine: Callable[[], SearchEngine],
                  article: Article, limit: int = 5) -> list[DuplicateCandidate]:
    """Existing (not archived) articles that ``article`` — saved or not — seems to duplicate."""
    found: dict[str, DuplicateCandidate] = {}
    # Candidates: the same title verbatim (SQL), a title search and more-like-this on the content (it weighs only
    # words other articles share, so an article not yet saved finds its twin through the title search). Only
    # candidates are normalised: comparing every title of a 50,000-article KB took seconds per save.
    candidate_ids = queries.same_title_ids(article.title, article.id)
    try:
        if article.title.strip():
            candidate_ids += [h.id for h in engine().search(article.title, limit=20).hits]
        candidate_ids += [h.id for h in engine().similar(article.id, content_text(article), limit=10)]
    except IndexUnavailable:
        pass
    candidate_ids = [i for i in dict.fromkeys(candidate_ids) if i != article.id]
    others = articles.get_many(candidate_ids)
    key = normalise_title(article.title)
    text = content_text(article)
    for candidate_id in candidate_ids:
        other = others.get(candidate_id)
        if other is None or other.status is Status.ARCHIVED:
            continue
        if key and normalise_title(other.title) == key:
            found[other.id] = DuplicateCandidate(other.id, other.title, SAME_TITLE, 1.0)
            continue
        score = max(same_problem(article, other), dice(text, content_text(other)))
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
    articles: ArticleRepository, progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[DuplicateGroup]:
    """Every group of same-title articles, then every very similar pair, for the whole knowledge base.

    Asking the search engine about every article took about a second each on 50,000 articles, so the report
    finds candidates itself — titles sharing character bigrams, contents sharing sampled character trigrams (items
    shared by very many articles are skipped as uninformative) — then compares them with the Dice coefficient.
    """
    titles = list(articles.titles())
    by_title: dict[str, list[tuple[str, str]]] = {}
    for article_id, title in titles:
        by_title.setdefault(normalise_title(title), []).append((article_id, title))
    groups = [
        DuplicateGroup(SAME_TITLE, 1.0, tuple(i for i, _ in members), tuple(t for _, t in members))
        for key, members in by_title.items()
        if key and len(members) > 1
    ]
    # one representative per normalised title: same-title groups are reported above
    reps = [members[0] for key, members in by_title.items() if key]
    candidates: dict[tuple[int, int], float] = {}
    # candidates by title: shared character bigrams
    _pairs_sharing([bigrams(normalise_title(title)) for _, title in reps], candidates, 0.5, cancelled)
    if progress is not None:
        progress(len(reps), len(reps) * 3)
    # candidates by content: shared sampled character trigrams (about one in six), so identical texts under
    # different titles are found without comparing every pair
    index_of = {article_id: n for n, (article_id, _) in enumerate(reps)}
    signatures: list[set[str]] = [set() for _ in reps]
    for article in articles.iter_all():
        n = index_of.get(article.id)
        if n is not None:
            signatures[n] = _shingles(content_text(article))
    _pairs_sharing(signatures, candidates, 0.5, cancelled, title_scores=False)
    if progress is not None:
        progress(len(reps) * 2, len(reps) * 3)
    pairs = [(n, m, score) for (n, m), score in candidates.items()]
    contents = articles.get_many({reps[i][0] for pair in pairs for i in pair[:2]})
    for n, m, title_score in pairs:
        if cancelled():
            return []
        a, b = contents.get(reps[n][0]), contents.get(reps[m][0])
        if a is None or b is None:
            continue
        score = title_score if title_score >= TITLE_THRESHOLD else 0.0
        score = max(score, dice(content_text(a), content_text(b)))
        if score >= CONTENT_THRESHOLD:
            groups.append(DuplicateGroup(SIMILAR, round(score, 3), (a.id, b.id), (a.title, b.title)))
    if progress is not None:
        progress(len(reps) * 3, len(reps) * 3)
    groups.sort(key=lambda g: (g.reason != SAME_TITLE, -g.score, g.titles))
    return groups


def _shingles(text: str, size: int = 3, keep_one_in: int = 6) -> set[str]:
    text = _NOISE.sub("", unicodedata.normalize("NFKC", text or "").lower())[:3000]
    grams = {text[i : i + size] for i in range(len(text) - size + 1)}
    return {g for g in grams if zlib.crc32(g.encode("utf-8")) % keep_one_in == 0}


def _pairs_sharing(
    sets: list[set[str]], out: dict[tuple[int, int], float], threshold: float, cancelled: Callable[[], bool],
    *, title_scores: bool = True,
) -> None:
    """Pairs (n, m) whose sets have a Dice coefficient ≥ ``threshold``; elements shared by very many are skipped."""
    postings: dict[str, list[int]] = {}
    for n, items in enumerate(sets):
        for item in items:
            postings.setdefault(item, []).append(n)
    limit = max(50, len(sets) // 100)
    for n, items in enumerate(sets):
        if n % 500 == 0 and cancelled():
            return
        shared: dict[int, int] = {}
        for item in items:
            posting = postings[item]
            if len(posting) > limit:
                continue
            for m in posting:
                if m > n:
                    shared[m] = shared.get(m, 0) + 1
        for m, common in shared.items():
            score = 2 * common / (len(items) + len(sets[m]))
            if score >= threshold:
                key = (n, m)
                out[key] = max(out.get(key, 0.0), score if title_scores else 0.0)

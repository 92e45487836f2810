"""Turning what an agent typed into ranked articles.

AND first (every word must match, as a word or as all its character bigrams, or as pinyin of a title word);
when that finds too little, fall back to OR ranked by BM25. The last word may be a prefix while the agent is still
typing. Synonym rings widen a word to its synonyms (both ways).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.search.analysis import CHINESE_STOP_WORDS, chars_of, grams_of, is_cjk, normalize, query_units
from app.search.pinyin import looks_like_pinyin
from app.search.results import Hit, SearchFilters, SearchOutcome
from app.search.terms import Alternative, Clause, Term

if TYPE_CHECKING:  # the ranker brings numpy, imported on the first search
    from app.search.ranking import Ranker

MIN_AND_HITS = 3
WORD_WEIGHT = 1.0  # a query word matched as a segmenter word
GRAM_WEIGHT = 1.0  # each of its character bigrams
SUBWORD_WEIGHT = 0.0  # search-mode sub-words of a long query word (their bigrams already count)
WORD_FOR_BIGRAM = True  # a two-character word also scores as a word (ranks better than the bigram alone)
PINYIN_WEIGHT = 1.0
CHAR_WEIGHT = 1.0  # each Chinese character of the query, on titles and 相似问 only
BONUS_MAX_SHARE = 0.2  # bonus bigrams in more than this share of the articles are left out
PREFIX_EXPANSIONS = 20  # most frequent completions of the word being typed
PREFIX_WEIGHT = 0.8
REJOIN_MIN_ARTICLES = 2  # a bigram across a segmenter cut counts as the KB's word when this many articles use it


def join_single_characters(words: list[str] | tuple[str, ...]) -> list[str]:
    """Join runs of single Chinese characters the segmenter left alone (到 账 → 到账).

    A lone character matches far too much on its own; as a run it is matched through character bigrams.
    """
    joined: list[str] = []
    run = ""
    for word in words:
        if len(word) == 1 and is_cjk(word):
            run += word
            continue
        if run:
            joined.append(run)
            run = ""
        joined.append(word)
    if run:
        joined.append(run)
    return list(dict.fromkeys(joined))


def rejoin_split_words(ranker: Ranker, text: str, words: list[str]) -> list[str]:
    """A lone character the segmenter cut off the word before it (退款/没到/账) becomes the bigram across the cut
    (到账) when the knowledge base itself uses that bigram, in more than one article.

    On its own the character matches far too much (账 → 账号, 账单, and the completions of 账 while typing); the
    bigram is what the customer said. The index decides, not a word list: 快递/丢 keeps 丢 in a KB where only one
    article has 快递丢.
    """
    folded = normalize(text)
    out = list(words)
    for i in range(1, len(out)):
        word, before = out[i], out[i - 1]
        if len(word) != 1 or not is_cjk(word) or len(before) < 2 or not is_cjk(before[-1]):
            continue
        joined = before[-1] + word
        if joined in folded and ranker.doc_frequency("grams", joined) >= REJOIN_MIN_ARTICLES:
            out[i] = joined
    return list(dict.fromkeys(out))


def covered_words(words: list[str]) -> set[str]:
    """Words that add nothing but a stop character to a neighbour: 没到 beside 到账 (没 is a stop word).

    The segmenter keeps 没到 whole, so as a required word it would demand 没到 in the article, which says 未到账.
    Such a word only scores (its bigram is a bonus term); the neighbour carries the meaning.
    """
    covered = set()
    for i, word in enumerate(words):
        content = [ch for ch in word if ch not in CHINESE_STOP_WORDS]
        if len(content) == len(word) or not content or not all(is_cjk(ch) for ch in word):
            continue
        neighbours = "".join(words[max(0, i - 1) : i] + words[i + 1 : i + 2])
        if all(ch in neighbours for ch in content):
            covered.add(word)
    return covered


def _variant_alternatives(word: str, weight: float = 1.0) -> list[Alternative]:
    grams = list(dict.fromkeys(grams_of(word)))
    if grams and all(is_cjk(ch) for ch in word):
        # Every bigram must occur: finds the word inside a longer run the segmenter kept whole (未发货订单).
        required = [Term("grams", g, GRAM_WEIGHT * weight) for g in grams]
        # A two-character word is its own bigram; scoring it as a word too ranks better (AFQMC R@5 +0.03).
        scored_as_word = len(word) > 2 or (len(word) == 2 and WORD_FOR_BIGRAM)
        extra = [Term("words", word, WORD_WEIGHT * weight)] if scored_as_word else []
        return [Alternative(required, extra)]
    alternatives = [Alternative([Term("words", word, WORD_WEIGHT * weight)])]
    if looks_like_pinyin(word):
        alternatives.append(Alternative([Term("pinyin", word, PINYIN_WEIGHT * weight)]))
    return alternatives


def _prefix_alternatives(ranker: Ranker, word: str) -> list[Alternative]:
    fields = ("words", "pinyin") if looks_like_pinyin(word) or word.isascii() else ("words",)
    out: list[Alternative] = []
    for fieldname in fields:
        completions = ranker.completions(fieldname, word, PREFIX_EXPANSIONS)
        out.extend(Alternative([Term(fieldname, c, PREFIX_WEIGHT)]) for c in completions if c != word)
    return out


@dataclass
class QueryPlan:
    words: list[str]
    clauses: list[Clause]
    bonus: list[Term]


def plan_query(
    ranker: Ranker, text: str, synonyms: dict[str, list[str]] | None = None, prefix_last: bool = False
) -> QueryPlan:
    synonyms = synonyms or {}
    units = query_units(text)
    subwords = dict(units)
    words = rejoin_split_words(ranker, text, join_single_characters([word for word, _subs in units]))
    typing = prefix_last and bool(text) and not text[-1].isspace()
    covered = covered_words(words)
    clauses: list[Clause] = []
    for i, word in enumerate(words):
        if word in covered and not (typing and i == len(words) - 1):
            continue  # scored through the bigram bonus below, not required
        clause = _variant_alternatives(word)
        if SUBWORD_WEIGHT:
            # Search-mode sub-words (质量 in 质量问题) only add to the score: the whole word is what must match.
            clause[0].extra.extend(Term("words", sub, SUBWORD_WEIGHT) for sub in subwords.get(word, ()))
        for variant in synonyms.get(word, []):
            clause.extend(_variant_alternatives(variant))
        if typing and i == len(words) - 1:
            clause.extend(_prefix_alternatives(ranker, word))
        clauses.append(clause)
    # Bigrams across word boundaries (and inside joined single characters) sharpen the OR ranking.
    inside = {g for w in words if w not in covered for g in grams_of(w)}
    bonus = [Term("grams", g, GRAM_WEIGHT) for g in dict.fromkeys(grams_of(normalize(text))) if g not in inside]
    if CHAR_WEIGHT:
        bonus += [Term("chars", c, CHAR_WEIGHT) for c in dict.fromkeys(chars_of(normalize(text)))]
    # A body bigram held by a large share of the articles says little (low IDF) and costs the most to read.
    cap = BONUS_MAX_SHARE * ranker.searcher.doc_count_all()
    bonus = [t for t in bonus if t.field != "grams" or ranker.doc_frequency(t.field, t.text) <= cap]
    return QueryPlan(words, clauses, bonus)


def run_search(
    ranker: Ranker,
    text: str,
    filters: SearchFilters | None = None,
    limit: int = 20,
    synonyms: dict[str, list[str]] | None = None,
    prefix_last: bool = False,
) -> SearchOutcome:
    started = time.perf_counter()
    filters = filters or SearchFilters()
    plan = plan_query(ranker, text, synonyms, prefix_last)
    if not plan.clauses:
        return SearchOutcome(text, [], 0, (time.perf_counter() - started) * 1000, [])
    allow, exclude = filters.allowed(ranker), filters.excluded(ranker)
    top, total = ranker.rank(
        plan.clauses, require_all=True, limit=limit, bonus=plan.bonus, allow=allow, exclude=exclude
    )
    matched_all = True
    if len(plan.clauses) > 1 and total < min(MIN_AND_HITS, limit):
        or_top, or_total = ranker.rank(
            plan.clauses, require_all=False, limit=limit, bonus=plan.bonus, allow=allow, exclude=exclude
        )
        # The few articles holding every word often hold them far apart (a handbook mentioning 退款 here and 到账
        # there); ranked by score among the closest ones, they no longer sit above the article that is about it.
        # (An article holding every word scores every word, so it stays near the top when it is relevant.)
        scores = dict(or_top) | dict(top)
        ordered = sorted(scores, key=lambda d: (-scores[d], d))[:limit]
        top = [(d, scores[d]) for d in ordered]
        total = max(total, or_total)
        matched_all = False
    hits = [Hit(ranker.stored_id(d), s) for d, s in top]
    took = (time.perf_counter() - started) * 1000
    return SearchOutcome(text, hits, total, took, plan.words, matched_all)

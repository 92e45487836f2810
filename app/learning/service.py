"""Learning from use: a search followed by opening or copying an article is evidence that the query means it.

A *search session* is what one result list saw for one question: the agent types 钱什么时候退回来, refines it to
退款 到账 (other words: the customer's rarely share any with the KB's), opens 退款多久到账 and copies its reply.
Each distinct query of the session (the last ``TRAIL_QUERIES``) is then paired with the article, once per session,
however often it is opened or copied. The session ends with an emptied search field, with a query unrelated to the
session's (no shared character pair or word) once an article was used, and after ``SESSION_GAP`` without a query. Only the query text is kept, and only when it is short and holds nothing that looks like customer data
(digits such as phone, order or ID numbers, e-mail addresses, links).

A pair seen in ``SUGGEST_AT`` sessions (counts halve every ``HALF_LIFE_DAYS``) is suggested to the KB owner as a
相似问 of the article: accepting appends it to the article's phrasings (indexed at once, exported and published
with the article); dismissing hides it for good. Optionally (``Settings.learnt_boost``, off by default) an
unreviewed pair lifts its article a little for that very query on this desk.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.store.learnt_pairs import LearntPair, LearntPairRepository, decayed

MAX_QUERY_CHARS = 30
MIN_QUERY_CHARS = 2
TRAIL_QUERIES = 3
SESSION_GAP = timedelta(minutes=10)
SUGGEST_AT = 3.0
HALF_LIFE_DAYS = 30.0
MAX_SESSIONS = 64  # result lists followed at once (a window has three; the rest are forgotten oldest first)

_PERSONAL = re.compile(r"\d{4,}|[\w.+-]+@[\w-]+\.\w+|https?://|www\.", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

AddPhrasing = Callable[[str, str, str], bool]  # (article id, phrasing, author) → True if added


def clean_query(text: str) -> str | None:
    """The query as it is kept (spaces collapsed), or None when it must not be kept."""
    query = _SPACE.sub(" ", text).strip()
    if not MIN_QUERY_CHARS <= len(query) <= MAX_QUERY_CHARS or _PERSONAL.search(query):
        return None
    if not any(ch.isalpha() for ch in query):
        return None
    return query


def _pieces(query: str) -> set[str]:
    """Character pairs of the Chinese runs and the Latin words: what two related queries share."""
    lowered = query.lower()
    pairs = {lowered[i:i + 2] for i in range(len(lowered) - 1) if _CJK.match(lowered[i]) and _CJK.match(lowered[i + 1])}
    return pairs | {w for w in re.findall(r"[a-z]{2,}", lowered)}


def related(query: str, earlier: list[str]) -> bool:
    mine = _pieces(query)
    return any(
        mine & _pieces(other) or query.startswith(other) or other.startswith(query) for other in earlier
    )


@dataclass
class _Trail:
    queries: list[str] = field(default_factory=list)
    credited: set[tuple[str, str]] = field(default_factory=set)
    last_at: datetime | None = None

    def reset(self) -> None:
        self.queries.clear()
        self.credited.clear()


class UseLearning:
    def __init__(self, pairs: LearntPairRepository, clock: Callable[[], datetime], add_phrasing: AddPhrasing):
        self.pairs, self.clock, self.add_phrasing = pairs, clock, add_phrasing
        self._trails: dict[str, _Trail] = {}
        self._lock = threading.Lock()

    # --- what agents do --------------------------------------------------------------------------------------
    def searched(self, session: str, text: str) -> None:
        """A query the agent settled on (or an emptied field, which ends the session)."""
        query = _SPACE.sub(" ", text).strip()
        now = self.clock()
        with self._lock:
            trail = self._trail(session)
            idle = trail.last_at is not None and now - trail.last_at > SESSION_GAP
            trail.last_at = now
            if not query or idle or (trail.credited and not related(query, trail.queries)):
                trail.reset()
            if not query:
                return
            if query in trail.queries:
                trail.queries.remove(query)
            trail.queries.append(query)
            del trail.queries[:-TRAIL_QUERIES]

    def used(self, session: str, article_id: str, current_text: str = "") -> int:
        """The agent opened or copied ``article_id`` from this session's results; returns the pairs recorded."""
        if current_text.strip():
            self.searched(session, current_text)
        with self._lock:
            trail = self._trail(session)
            fresh = []
            for text in trail.queries:
                query = clean_query(text)
                if query is not None and (query, article_id) not in trail.credited:
                    trail.credited.add((query, article_id))
                    fresh.append(query)
        now = self.clock()
        for query in fresh:
            self.pairs.record(query, article_id, now, HALF_LIFE_DAYS)
        return len(fresh)

    def _trail(self, session: str) -> _Trail:
        trail = self._trails.pop(session, None) or _Trail()
        self._trails[session] = trail  # most recently used last
        while len(self._trails) > MAX_SESSIONS:
            self._trails.pop(next(iter(self._trails)))
        return trail

    # --- what the KB owner decides ---------------------------------------------------------------------------
    def suggestions(self) -> list[LearntPair]:
        """Open pairs seen often enough lately, except queries the article already holds."""
        now = self.clock()
        found = []
        for pair in self.pairs.pairs("open", min_weight=SUGGEST_AT):
            weight = decayed(pair.weight, pair.last_seen, now, HALF_LIFE_DAYS)
            held = {pair.article_title.strip().lower(), *(p.strip().lower() for p in pair.phrasings)}
            if weight >= SUGGEST_AT and pair.query.lower() not in held:  # e.g. accepted on another desk, pulled
                found.append(pair)
        return found

    def accept(self, pair_id: int, by: str = "") -> bool:
        """Append the query to the article's 相似问; False when the pair is gone or decided already."""
        pair = self.pairs.get(pair_id)
        if pair is None or pair.status != "open":
            return False
        self.add_phrasing(pair.article_id, pair.query, by)
        return self.pairs.decide(pair_id, "accepted", self.clock(), by)

    def dismiss(self, pair_id: int, by: str = "") -> bool:
        return self.pairs.decide(pair_id, "dismissed", self.clock(), by)

    # --- search ----------------------------------------------------------------------------------------------
    def boost_for(self, text: str) -> dict[str, float]:
        """{article id: strength 0…1} of the open pairs of exactly this query (the learnt boost)."""
        query = clean_query(text)
        if query is None:
            return {}
        now = self.clock()
        strengths: dict[str, float] = {}
        for pair in self.pairs.pairs("open", query=query):
            strength = min(1.0, decayed(pair.weight, pair.last_seen, now, HALF_LIFE_DAYS) / SUGGEST_AT)
            strengths[pair.article_id] = max(strengths.get(pair.article_id, 0.0), strength)
        return strengths

"""The review cycle: what needs checking, bulk verification, and the KB health figure.

Each published article has a review interval (per-kind defaults in ``Settings.review_days``), an owner and a next
review date; verifying moves that date one interval ahead. Staleness is the one rule of
:func:`app.model.is_stale`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.articles.service import ArticleService
from app.model import Kind, from_iso, is_stale
from app.settings import Settings
from app.store.article_queries import ArticleQueries

DUE_SOON_DAYS = 14


@dataclass(frozen=True)
class ReviewItem:
    id: str
    kind: Kind
    title: str
    group: str
    owner: str
    review_interval_days: int
    next_review_at: datetime | None
    last_verified_at: datetime | None
    last_verified_by: str
    views: int
    stale: bool  # the next review date has come

    def days_overdue(self, at: datetime) -> int:
        if self.next_review_at is None:
            return 0
        return max(0, (at - self.next_review_at).days)


@dataclass(frozen=True)
class Health:
    """Share of published articles verified within their interval (Guru's "trust score", locally)."""

    published: int
    verified_in_time: int

    @property
    def share(self) -> float | None:
        return self.verified_in_time / self.published if self.published else None

    def percent_text(self) -> str:
        return "—" if self.share is None else f"{self.share * 100:.0f}%"


def default_interval(settings: Settings, kind: Kind | str) -> int:
    return settings.review_days_for(Kind(kind).value)


def review_queue(queries: ArticleQueries, at: datetime, *, soon_days: int = DUE_SOON_DAYS, owner: str | None = None,
                 kind: Kind | None = None) -> list[ReviewItem]:
    """Published articles due for review by ``at`` + ``soon_days`` (stale ones first, oldest first)."""
    items = []
    for r in queries.review_rows(at + timedelta(days=soon_days), owner, kind):
        next_review = from_iso(r["next_review_at"])
        items.append(
            ReviewItem(
                id=r["id"], kind=Kind(r["kind"]), title=r["title"], group=r["skill_group"], owner=r["owner"],
                review_interval_days=r["review_interval_days"], next_review_at=next_review,
                last_verified_at=from_iso(r["last_verified_at"]), last_verified_by=r["last_verified_by"],
                views=r["views"], stale=is_stale("published", next_review, at),
            )
        )
    return items


def health(queries: ArticleQueries, at: datetime) -> Health:
    return Health(*queries.review_health(at))


def check_interval(days: int) -> None:
    if not 1 <= days <= 3650:
        raise ValueError("复核周期必须在 1 到 3650 天之间")


def set_interval(articles: ArticleService, article_id: str, days: int, author: str = "") -> None:
    """Change one article's review interval; the next review is recomputed from the last verification."""
    check_interval(days)
    article = articles.get(article_id)
    articles.update(article.with_changes(review_interval_days=days), author, f"复核周期：{days} 天")


def set_kind_default(articles: ArticleService, queries: ArticleQueries, settings: Settings,
                     save_settings: Callable[[], None], kind: Kind | str, days: int, *,
                     apply_to_existing: bool = False) -> int:
    """Change the default review interval of a kind (saved in the settings).

    With ``apply_to_existing``, articles of that kind still on the old default move to the new one (their next
    review is recomputed from their last verification); articles with an interval of their own keep it.
    Returns how many articles changed.
    """
    check_interval(days)
    kind = Kind(kind)
    old = settings.review_days_for(kind.value)
    settings.review_days = {**settings.review_days, kind.value: int(days)}
    save_settings()
    if not apply_to_existing or old == days:
        return 0
    ids = queries.ids_with_interval(kind, old)
    return articles.reschedule(list(articles.repo.get_many(ids).values()), days)

"""The review cycle: what needs checking, bulk verification, and the KB health figure.

Each published article has a review interval (per-kind defaults in ``Settings.review_days``), an owner and a next
review date; verifying moves that date one interval ahead. An article is *stale* from its next review date on
(the last instant of the interval counts as stale, matching :func:`app.reminders.reviews_due`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from app.model import Kind, Status, from_iso, to_iso
from app.settings import Settings

if TYPE_CHECKING:
    from app.services import Deskbook

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


_COLUMNS = (
    "id, kind, title, skill_group, owner, review_interval_days, next_review_at, last_verified_at, "
    "last_verified_by, views"
)


def review_queue(desk: "Deskbook", at: datetime, *, soon_days: int = DUE_SOON_DAYS, owner: str | None = None,
                 kind: Kind | None = None) -> list[ReviewItem]:
    """Published articles due for review by ``at`` + ``soon_days`` (stale ones first, oldest first)."""
    where = ["status = 'published'", "(next_review_at IS NULL OR next_review_at <= ?)"]
    params: list = [to_iso(at + timedelta(days=soon_days))]
    if owner:
        where.append("owner = ?")
        params.append(owner)
    if kind is not None:
        where.append("kind = ?")
        params.append(Kind(kind).value)
    sql = f"SELECT {_COLUMNS} FROM articles WHERE {' AND '.join(where)} ORDER BY next_review_at, title"
    items = []
    for r in desk.db.query(sql, params):
        next_review = from_iso(r["next_review_at"])
        items.append(
            ReviewItem(
                id=r["id"], kind=Kind(r["kind"]), title=r["title"], group=r["skill_group"], owner=r["owner"],
                review_interval_days=r["review_interval_days"], next_review_at=next_review,
                last_verified_at=from_iso(r["last_verified_at"]), last_verified_by=r["last_verified_by"],
                views=r["views"], stale=next_review is None or next_review <= at,
            )
        )
    return items


def health(desk: "Deskbook", at: datetime) -> Health:
    row = desk.db.execute(
        "SELECT count(*), sum(CASE WHEN next_review_at > ? THEN 1 ELSE 0 END) FROM articles WHERE status = 'published'",
        [to_iso(at)],
    ).fetchone()
    return Health(row[0] or 0, row[1] or 0)


def bulk_verify(desk: "Deskbook", ids: list[str], by: str) -> int:
    """Verify many articles in one transaction; returns how many were verified (published ones only)."""
    now = desk.clock()
    count = 0
    with desk.db.atomic():
        for article in desk.articles.get_many(ids).values():
            if article.status is not Status.PUBLISHED:
                continue
            article.last_verified_at, article.last_verified_by = now, by
            article.schedule_next_review(now)
            desk.articles.update(article)
            count += 1
    return count


def set_interval(desk: "Deskbook", article_id: str, days: int, author: str = "") -> None:
    """Change one article's review interval; the next review is recomputed from the last verification."""
    if not 1 <= days <= 3650:
        raise ValueError("the review interval must be between 1 and 3650 days")
    article = desk.get_article(article_id)
    desk.update_article(article.with_changes(review_interval_days=days), author, f"review interval: {days} days")


def set_kind_default(desk: "Deskbook", kind: Kind | str, days: int, *, apply_to_existing: bool = False,
                     author: str = "") -> int:
    """Change the default review interval of a kind (saved in the settings).

    With ``apply_to_existing``, articles of that kind still on the old default move to the new one (their next
    review is recomputed from their last verification); articles with an interval of their own keep it.
    Returns how many articles changed.
    """
    if not 1 <= days <= 3650:
        raise ValueError("the review interval must be between 1 and 3650 days")
    kind = Kind(kind)
    old = desk.settings.review_days_for(kind.value)
    desk.settings.review_days = {**desk.settings.review_days, kind.value: int(days)}
    desk.save_settings()
    if not apply_to_existing or old == days:
        return 0
    ids = [r["id"] for r in desk.db.query(
        "SELECT id FROM articles WHERE kind = ? AND review_interval_days = ?", [kind.value, old])]
    changed = 0
    with desk.db.atomic():
        for article in desk.articles.get_many(ids).values():
            article.review_interval_days = int(days)
            if article.last_verified_at is not None:
                article.schedule_next_review(article.last_verified_at)
            desk.articles.update(article)  # not a content change: no version row
            changed += 1
    return changed

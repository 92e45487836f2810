"""Looking up and saving articles: every committed change is versioned (when published) and announced.

SQLite is the source of truth; after each commit the :class:`~app.articles.hooks.ChangeListener` (the index
lifecycle) brings derived data up to date.
"""

from __future__ import annotations

from datetime import datetime

from app.articles.hooks import ChangeListener, Clock, Transaction
from app.model import Article, ArticleSummary, Kind, Status, Version
from app.settings import Settings
from app.store.articles import ArticleRepository, content_equal
from app.templates.validation import script_template_problems


class ArticleNotFound(LookupError):
    pass


class AmbiguousReference(LookupError):
    pass


class ArticleInvalid(ValueError):
    """The article cannot be saved as it is (a reply script whose template cannot be filled); said in Chinese."""


def check_article(article: Article) -> None:
    if article.kind is Kind.SCRIPT:
        problems = script_template_problems(article.fields)
        if problems:
            raise ArticleInvalid("无法保存：" + "；".join(problems) + "。")


class ArticleService:
    def __init__(self, articles: ArticleRepository, transaction: Transaction, settings: Settings, clock: Clock,
                 listener: ChangeListener):
        self.repo = articles
        self._transaction = transaction
        self._settings = settings
        self._clock = clock
        self._listener = listener

    # --- reading -------------------------------------------------------------------------------------------
    def get(self, ref: str) -> Article:
        """By id, unique id prefix (at least 4 characters) or external id."""
        article = self.repo.get(ref) or self.repo.get_by_external_id(ref)
        if article is not None:
            return article
        if len(ref) >= 4:
            ids = self.repo.ids_with_prefix(ref)
            if len(ids) == 1:
                found = self.repo.get(ids[0])
                if found is not None:
                    return found
            if len(ids) > 1:
                raise AmbiguousReference(f"“{ref}”对应不止一篇文章，请多给几位编号")
        raise ArticleNotFound(f"找不到文章“{ref}”")

    def find(self, article_id: str) -> Article | None:
        """The article as stored now, or None when it was deleted."""
        return self.repo.get(article_id)

    def versions(self, article_id: str) -> list[Version]:
        return self.repo.versions(self.get(article_id).id)

    def find_import_match(self, ref: str | None) -> Article | None:
        """The article an imported row updates: by external id, else by article id (a Markdown export of
        articles created in the app carries their own id, so re-importing it updates instead of duplicating)."""
        if not ref:
            return None
        return self.repo.get_by_external_id(ref) or self.repo.get(ref)

    # --- writing -------------------------------------------------------------------------------------------
    def create(self, article: Article, author: str = "", note: str = "") -> Article:
        check_article(article)
        now = self._clock()
        article = article.with_changes(created_at=now, updated_at=now, version=1)
        prepare_for_status(article, now, author)
        with self._transaction():
            self.repo.insert(article)
            if article.status is Status.PUBLISHED:
                self.repo.add_version(article, author, note or "新建", now)
        self._listener.articles_changed()
        return article

    def update(self, article: Article, author: str = "", note: str = "") -> Article:
        """Save changed content; a published article gets a new version row (who, when, note)."""
        current = self.repo.get(article.id)
        if current is None:
            raise ArticleNotFound(f"找不到文章“{article.id}”")
        if content_equal(current, article) and article.review_interval_days == current.review_interval_days:
            return current
        if article.fields != current.fields:  # an old broken script can still change status or be archived
            check_article(article)
        now = self._clock()
        article = article.with_changes(updated_at=now, version=current.version + 1, created_at=current.created_at)
        if current.status is not Status.PUBLISHED or article.review_interval_days != current.review_interval_days:
            prepare_for_status(article, now, author)
        with self._transaction():
            self.repo.update(article)
            if article.status is Status.PUBLISHED:
                self.repo.add_version(article, author, note, now)
        self._listener.articles_changed()
        return article

    def set_status(self, article_id: str, status: Status, author: str = "", note: str = "") -> Article:
        article = self.get(article_id)
        return self.update(article.with_changes(status=status), author, note or f"状态：{status.label_zh}")

    def verify(self, article_id: str, by: str = "") -> Article:
        """Mark as checked and true today: the next review moves one interval ahead."""
        article = self.get(article_id)
        now = self._clock()
        article.last_verified_at, article.last_verified_by = now, by
        article.schedule_next_review(now)
        with self._transaction():
            self.repo.update(article)
        return article

    def verify_many(self, ids: list[str], by: str) -> int:
        """Verify many articles in one transaction; returns how many were verified (published ones only)."""
        now = self._clock()
        count = 0
        with self._transaction():
            for article in self.repo.get_many(ids).values():
                if article.status is not Status.PUBLISHED:
                    continue
                article.last_verified_at, article.last_verified_by = now, by
                article.schedule_next_review(now)
                self.repo.update(article)
                count += 1
        return count

    def reschedule(self, articles: list[Article], days: int) -> int:
        """Give these articles a new review interval without a content change (no version row)."""
        with self._transaction():
            for article in articles:
                article.review_interval_days = int(days)
                if article.last_verified_at is not None:
                    article.schedule_next_review(article.last_verified_at)
                self.repo.update(article)
        return len(articles)

    def add_phrasing(self, article_id: str, phrasing: str, author: str = "") -> bool:
        """Append a 相似问 to an article (a new version when published); False when it holds it already."""
        article = self.get(article_id)
        phrasing = phrasing.strip()
        if not phrasing or phrasing in article.phrasings:
            return False
        self.update(article.with_changes(phrasings=[*article.phrasings, phrasing]), author, f"相似问：{phrasing}")
        return True

    def record_view(self, article_id: str) -> None:
        with self._transaction():
            self.repo.bump_counter(article_id, "views", self._clock())

    def record_copy(self, article_id: str) -> None:
        with self._transaction():
            self.repo.bump_counter(article_id, "copies", self._clock())

    def default_review_days(self, kind: Kind | str) -> int:
        return self._settings.review_days_for(Kind(kind).value)

    # named like the builtin: defined last, so the annotations above mean the builtin list
    def list(self, **filters) -> list[ArticleSummary]:
        return self.repo.list(**filters)


def prepare_for_status(article: Article, now: datetime, author: str) -> None:
    """A published article always has a next review date: from its last verification, or now."""
    if article.status is Status.PUBLISHED and article.next_review_at is None:
        article.last_verified_at = article.last_verified_at or now
        article.last_verified_by = article.last_verified_by or author
        article.schedule_next_review(article.last_verified_at)
    elif article.status is Status.PUBLISHED and article.last_verified_at is not None:
        article.schedule_next_review(article.last_verified_at)

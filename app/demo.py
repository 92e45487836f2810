"""The built-in demo knowledge base, seeded on first start so a new user sees something real."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from app.articles.hooks import ChangeListener, Clock, Transaction
from app.articles.importing import ImportService
from app.importers import ImportReport
from app.model import from_iso, to_iso
from app.paths import RESOURCES_DIR
from app.records.demo import seed_demo_requests
from app.records.demo_history import DemoStores, seed_demo_history
from app.records.service import RecordsService
from app.settings import Settings
from app.store.articles import ArticleRepository
from app.store.demo_content import DemoContent
from app.store.search_log import SearchLogRepository

DEMO_ARTICLES = RESOURCES_DIR / "demo" / "articles.jsonl"
DEMO_AUTHOR = "演示数据"
# Some demo articles were "verified" long ago, so the review queue and 今日待办 have something to show.
AGED_EXTERNAL_IDS = {"demo-case-003": 95, "demo-case-007": 120, "demo-script-004": 92, "demo-handbook-002": 200}


def seed_demo(importer: ImportService, articles: ArticleRepository, records: RecordsService,
              transaction: Transaction, clock: Clock, settings: Settings, save_settings: Callable[[], None],
              search_log: SearchLogRepository | None = None) -> ImportReport:
    report = importer.import_path(DEMO_ARTICLES, author=DEMO_AUTHOR)
    now = clock()
    settings.extra[SEEDED_KEY] = to_iso(now)  # everything dated up to now is the demo's (see remove_demo)
    save_settings()
    for external_id, days_ago in AGED_EXTERNAL_IDS.items():
        article = articles.get_by_external_id(external_id)
        if article is None or article.next_review_at is None:
            continue
        article.last_verified_at = now - timedelta(days=days_ago)
        article.schedule_next_review(article.last_verified_at)
        with transaction():
            articles.update(article)

    def article_ids(external_id: str) -> list[str]:
        found = articles.get_by_external_id(external_id)
        return [found.id] if found else []

    seed_demo_requests(records, article_ids, transaction, clock)  # service records pointing at the articles
    if search_log is not None:  # four finished weeks before them, for the service figures
        seed_demo_history(DemoStores(records, articles, search_log, transaction, clock))
    return report


SEEDED_KEY = "demo_seeded_at"


class DemoNotFound(LookupError):
    """Nothing here was seeded by the demo (or this desk shares a team library, whose articles it must not drop)."""


def remove_demo(content: DemoContent, transaction: Transaction, settings: Settings,
                save_settings: Callable[[], None], listener: ChangeListener) -> dict[str, int]:
    """Take the demo out of a data directory: its articles not edited since, and the requests, searches and uses
    it recorded. What the user made or changed stays. Returns how many of each went, and ``kept`` edited articles."""
    seeded = from_iso(str(settings.extra.get(SEEDED_KEY) or ""))
    if seeded is None:
        raise DemoNotFound("这个数据目录里没有内置的演示数据")
    if settings.team_url:
        raise DemoNotFound("这台电脑连着团队库：团队库里的文章请由知识库负责人归档，不能在本机删除")
    with transaction():
        counts = content.remove(content.untouched_articles(), seeded)
    counts["kept"] = content.edited_articles()
    settings.extra.pop(SEEDED_KEY, None)
    save_settings()
    listener.vocabulary_changed()
    listener.articles_changed()
    return counts

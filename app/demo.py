"""The built-in demo knowledge base, seeded on first start so a new user sees something real."""

from __future__ import annotations

from datetime import timedelta

from app.articles.hooks import Clock, Transaction
from app.articles.importing import ImportService
from app.importers import ImportReport
from app.paths import RESOURCES_DIR
from app.records.demo import seed_demo_requests
from app.records.demo_history import DemoStores, seed_demo_history
from app.records.service import RecordsService
from app.store.articles import ArticleRepository
from app.store.search_log import SearchLogRepository

DEMO_ARTICLES = RESOURCES_DIR / "demo" / "articles.jsonl"
DEMO_AUTHOR = "演示数据"
# Some demo articles were "verified" long ago, so the review queue and 今日待办 have something to show.
AGED_EXTERNAL_IDS = {"demo-case-003": 95, "demo-case-007": 120, "demo-script-004": 92, "demo-handbook-002": 200}


def seed_demo(importer: ImportService, articles: ArticleRepository, records: RecordsService,
              transaction: Transaction, clock: Clock, search_log: SearchLogRepository | None = None) -> ImportReport:
    report = importer.import_path(DEMO_ARTICLES, author=DEMO_AUTHOR)
    now = clock()
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

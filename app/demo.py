"""The built-in demo knowledge base, seeded on first start so a new user sees something real."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from app.importers import ImportReport
from app.paths import RESOURCES_DIR

if TYPE_CHECKING:
    from app.services import Deskbook

DEMO_ARTICLES = RESOURCES_DIR / "demo" / "articles.jsonl"
DEMO_AUTHOR = "演示数据"
# Some demo articles were "verified" long ago, so the review queue and 今日待办 have something to show.
AGED_EXTERNAL_IDS = {"demo-case-003": 95, "demo-case-007": 120, "demo-script-004": 92, "demo-handbook-002": 200}


def seed_demo(desk: "Deskbook") -> ImportReport:
    report = desk.import_path(DEMO_ARTICLES, author=DEMO_AUTHOR)
    now = desk.clock()
    for external_id, days_ago in AGED_EXTERNAL_IDS.items():
        article = desk.articles.get_by_external_id(external_id)
        if article is None or article.next_review_at is None:
            continue
        article.last_verified_at = now - timedelta(days=days_ago)
        article.schedule_next_review(article.last_verified_at)
        with desk.db.atomic():
            desk.articles.update(article)
    from app.records.demo import seed_demo_requests

    seed_demo_requests(desk)  # service records that point at the articles above
    return report

"""The demo knowledge base a new user sees on first start."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from app.model import Kind, Status
from app.services import Deskbook


def test_demo_has_every_kind_and_seed_scenarios(clock):
    desk = Deskbook.open(None, seed_demo=True, clock=clock)
    desk.prepare_index()
    desk.reindex()
    kinds = Counter(s.kind for s in desk.list_articles())
    assert kinds[Kind.CASE] >= 20 and kinds[Kind.SCRIPT] >= 20 and kinds[Kind.HANDBOOK] >= 10
    restatements = [
        r for s in desk.list_articles(kind=Kind.HANDBOOK)
        for r in desk.get_article(s.id).fields.get("restatements", [])
    ]
    assert {"said": "付款后没收到货", "standard": "客户支付成功但物流未发货"} in restatements
    assert desk.search("退款").results, "demo content is searchable"
    # Some reviews are already due so the review queue is not empty on first start, and
    # 100 days later every published demo article is due.
    assert 0 < len(desk.due()) < 10
    published = {s.id for s in desk.list_articles(status=Status.PUBLISHED)}
    reviews = [item for item in desk.due(clock() + timedelta(days=100)) if item.kind == "review"]  # not request deadlines
    assert {item.subject_id for item in reviews} == published
    desk.close()

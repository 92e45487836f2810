"""The demo knowledge base a new user sees on first start."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

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


def test_the_demo_can_be_taken_out_and_what_the_user_made_stays(tmp_path, clock):
    from datetime import timedelta

    from app.model.records import Priority, Request
    from app.services import Deskbook
    from tests.helpers import make_article

    desk = Deskbook.open(tmp_path / "data", seed_demo=True, clock=clock)
    try:
        desk.prepare_index()
        assert desk.count_articles() == 66 and desk.records.list()
        clock.now += timedelta(hours=1)
        mine = desk.create_article(make_article("我们自己的退款规则", "以本公司规则为准"))
        edited = desk.get_article("demo-case-001")
        desk.update_article(edited.with_changes(body=edited.body + "\n本公司补充说明"), author="王主管")
        request = desk.records.create(Request(customer="客户甲", what="发票开错了", priority=Priority.NORMAL))
        desk.search("发票")
        counts = desk.remove_demo()
        assert counts["articles"] == 65 and counts["kept"] == 1 and counts["requests"] > 3 and counts["searches"] > 0
        assert {a.title for a in desk.list_articles()} == {mine.title, edited.title}
        assert [r.id for r in desk.records.list()] == [request.id]
        assert {r.summary.title for r in desk.search("退款", log_query=False).results} == {mine.title, edited.title}
        assert desk.search_log.totals(None)[0] == 1  # the user's own search is still counted
        with pytest.raises(LookupError, match="没有内置的演示数据"):
            desk.remove_demo()
    finally:
        desk.close()

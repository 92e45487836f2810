"""Analytics count what a person did once: a query is logged once per search session (app/search/counting.py)."""

from __future__ import annotations

from app.search.counting import MAX_SESSIONS, SearchCounter
from app.services import SearchFilters
from tests.helpers import make_article


def _logged(desk, query: str) -> int:
    return desk.db.execute("SELECT count(*) FROM search_log WHERE query = ?", [query]).fetchone()[0]


def test_the_same_query_in_the_same_session_is_one_search(desk):
    desk.create_article(make_article("运费险理赔流程", "签收后7天内申请"))
    assert desk.log_search("s1", "运费险") is True
    # the list re-run on a refresh, a filter changed, the page shown again: the same search
    assert desk.log_search("s1", " 运费险 ") is False
    assert desk.log_search("s1", "运费险", SearchFilters(kind="case")) is False
    assert _logged(desk, "运费险") == 1
    assert desk.log_search("s1", "运费险 理赔") is True  # another query the agent settled on
    assert desk.log_search("s2", "运费险") is True  # another result list (the quick palette)
    assert _logged(desk, "运费险") == 2


def test_an_emptied_field_ends_the_session(desk):
    assert desk.log_search("s1", "发票") is True
    assert desk.log_search("s1", "") is False
    assert desk.log_search("s1", "发票") is True  # searched again after clearing the field: a new search
    assert _logged(desk, "发票") == 2


def test_the_counter_remembers_a_bounded_number_of_sessions():
    counter = SearchCounter()
    for n in range(MAX_SESSIONS + 5):
        assert counter.take(f"s{n}", "退款") == "退款"
    assert counter.take(f"s{MAX_SESSIONS + 4}", "退款") is None  # recent sessions are remembered
    assert counter.take("s0", "退款") == "退款"  # the oldest were forgotten (bounded memory)
    assert counter.take("s0", "   ") is None

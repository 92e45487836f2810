"""Ranking on the demo knowledge base: what a new user types first should find the article it is about."""

from __future__ import annotations

import pytest

from app.search.query import covered_words
from app.services import Deskbook


@pytest.fixture(scope="module")
def demo():
    desk = Deskbook.open(None, seed_demo=True)
    desk.prepare_index()
    desk.reindex()
    yield desk
    desk.close()


def _titles(desk, text, prefix_last):
    return [r.summary.title for r in desk.search(text, prefix_last=prefix_last, limit=50, log_query=False).results]


@pytest.mark.parametrize("prefix_last", [False, True])  # as the CLI asks, and as the GUI asks while typing
def test_a_refund_that_has_not_arrived_finds_the_refund_case_not_account_cases(demo, prefix_last):
    titles = _titles(demo, "退款没到账", prefix_last)
    case = titles.index("退款申请后超过7天未到账")
    assert case <= 1  # the case (or the refund-progress reply first) — the answer an agent wants
    assert case < titles.index("SPIN提问：退款争议")
    assert not [t for t in titles if "账号" in t]  # 账 alone once pulled in every 账号 article


def test_a_lone_character_cut_off_a_word_is_searched_as_the_word_the_kb_uses(demo):
    results = demo.search("退款没到账", log_query=False)
    assert "到账" in results.terms and "账" not in results.terms
    # …but only when the KB uses the bigram: 快递丢了 keeps 丢 (no two articles write 快递丢)
    assert "丢" in demo.search("快递丢了", log_query=False).terms


def test_a_word_that_only_adds_a_stop_character_to_its_neighbour_is_not_required():
    assert covered_words(["退款", "没到", "到账"]) == {"没到"}
    assert covered_words(["没收", "到货"]) == set()  # 收 is not in 到货: 没收 stays
    assert covered_words(["退款", "到账"]) == set()

"""Search features of issue 7: substrings, folding, pinyin, synonyms, typing, filters, highlights, suggestions."""

from __future__ import annotations

import rjieba

from app.model import Kind, Status
from app.search.analysis import normalize, query_units
from app.search.query import SearchFilters
from tests.helpers import make_article


def _titles(results):
    return [r.summary.title for r in results.results]


def _span_texts(text, spans):
    return [text[s.start : s.end] for s in spans]


def test_word_inside_a_longer_chinese_run_is_found(desk):
    # The segmenter splits 用花呗 as 用花 + 呗: the query word 花呗 is inside a run, across a token boundary.
    assert "花呗" not in rjieba.cut("为什么不能用花呗了")
    desk.create_article(make_article("额度问题", "为什么不能用花呗了"))
    desk.create_article(make_article("未发货订单怎么处理", "系统里未发货订单较多时先核对库存"))
    desk.create_article(make_article("无关文章", "修改收货地址"))
    assert _titles(desk.search("花呗")) == ["额度问题"]
    assert _titles(desk.search("发货")) == ["未发货订单怎么处理"]
    assert _titles(desk.search("货订")) == ["未发货订单怎么处理"]  # any substring of a run, not only words


def test_traditional_and_full_width_input(desk):
    desk.create_article(make_article("退货申请流程", "在App里提交退货申请"))
    desk.create_article(make_article("發票抬頭怎麼改", "聯繫客服修改"))
    assert _titles(desk.search("退貨申請")) == ["退货申请流程"]  # traditional query, simplified article
    assert _titles(desk.search("发票抬头")) == ["發票抬頭怎麼改"]  # simplified query, traditional article
    assert _titles(desk.search("ＡＰＰ　退货")) == ["退货申请流程"]  # full-width letters and space
    assert normalize("ＡＢＣ１２３退貨") == "abc123退货"


def test_pinyin_and_initials_find_titles(desk):
    desk.create_article(make_article("退款多久到账", "审核通过后原路退回"))
    desk.create_article(make_article("修改收货地址", "在订单详情里修改"))
    assert _titles(desk.search("tuikuan")) == ["退款多久到账"]
    assert _titles(desk.search("tk")) == ["退款多久到账"]
    assert _titles(desk.search("xiugai dizhi")) == ["修改收货地址"]
    assert _titles(desk.search("tuiku", prefix_last=True)) == ["退款多久到账"]


def test_words_found_by_their_pinyin_are_highlighted(desk):
    desk.create_article(make_article("退款多久到账", "退款审核通过后原路退回"))
    for query, prefix_last in (("tuikuan", False), ("tk", False), ("tuiku", True)):
        result = desk.search(query, prefix_last=prefix_last).results[0]
        assert _span_texts(result.summary.title, result.title_spans) == ["退款"], query
        assert "退款" in _span_texts(result.fragment, result.fragment_spans), query
    # an ASCII word that spells nothing Chinese highlights nothing Chinese
    desk.create_article(make_article("App闪退", "App打开就退出"))
    result = desk.search("app").results[0]
    assert _span_texts(result.summary.title, result.title_spans) == ["App"]


def test_synonyms_work_both_ways(desk):
    desk.create_article(make_article("退钱多久到账", "原路退回"))
    desk.create_article(make_article("返款规则", "活动返款说明"))
    assert _titles(desk.search("退款")) == []
    desk.add_synonyms(["退款", "退钱", "返款"])
    assert set(_titles(desk.search("退款"))) == {"退钱多久到账", "返款规则"}
    assert "退钱多久到账" in _titles(desk.search("返款"))
    assert "返款规则" in _titles(desk.search("退钱"))
    desk.remove_synonym("返款")
    assert _titles(desk.search("退钱")) == ["退钱多久到账"]


def test_prefix_match_on_the_last_word_while_typing(desk):
    desk.create_article(make_article("退款申请流程", "提交后等待审核"))
    desk.create_article(make_article("退款进度查询", "在订单详情查看"))
    desk.create_article(make_article("Login failed on Android", "Reinstall the app"))
    typing = desk.search("退款申", prefix_last=True)
    assert _titles(typing)[0] == "退款申请流程"
    assert typing.results[0].score > typing.results[1].score  # the other 退款 article only as a fallback
    assert "申请" in typing.terms or "申" in typing.terms
    assert _titles(desk.search("退款申", prefix_last=True, limit=1)) == ["退款申请流程"]
    assert _titles(desk.search("androi", prefix_last=True)) == ["Login failed on Android"]
    # A finished word (followed by a space) is not a prefix any more.
    assert _titles(desk.search("androi ", prefix_last=True)) == []


def test_filters_by_kind_tag_group_and_status(desk):
    desk.create_article(make_article("发票抬头填错", kind=Kind.CASE, group="财务组", tags=["发票"]))
    desk.create_article(make_article("发票重开话术", kind=Kind.SCRIPT, group="财务组", tags=["话术"]))
    desk.create_article(make_article("发票邮寄地址", kind=Kind.CASE, group="物流组", tags=["发票"]))
    desk.create_article(make_article("发票草稿", status=Status.DRAFT, group="财务组"))
    # No status filter: everything but archived (drafts included, so an author finds their own work).
    assert set(_titles(desk.search("发票", SearchFilters(group="财务组")))) == {"发票抬头填错", "发票重开话术", "发票草稿"}
    assert _titles(desk.search("发票", SearchFilters(kind="case", group="物流组"))) == ["发票邮寄地址"]
    assert set(_titles(desk.search("发票", SearchFilters(tag="发票")))) == {"发票抬头填错", "发票邮寄地址"}
    assert _titles(desk.search("发票", SearchFilters(status="draft"))) == ["发票草稿"]
    assert _titles(desk.search("发票", SearchFilters(kind="handbook"))) == []


def test_highlight_offsets_on_chinese_text(desk):
    desk.create_article(make_article("退貨申請後多久退款", "您好，退货申请提交后，退款会在3个工作日内原路退回。"))
    hit = desk.search("退货 退款").results[0]
    # The title is traditional: the spans cover the original characters where they stand.
    assert _span_texts(hit.summary.title, hit.title_spans) == ["退貨", "退款"]
    assert _span_texts(hit.fragment, hit.fragment_spans) == ["退货", "退款"]
    assert all(hit.fragment[s.start : s.end] for s in hit.fragment_spans)


def test_did_you_mean_for_a_query_with_no_hits(desk):
    desk.create_article(make_article("退款多久到账", "审核通过后原路退回"))
    desk.create_article(make_article("Password reset", "Use the reset link"))
    missed = desk.search("推款")  # a homophone picked from the IME list
    assert missed.results == [] and missed.suggestion == "退款"
    assert desk.search("pasword").suggestion == "password"
    assert desk.search("退款").suggestion is None
    assert desk.search("火星文字").suggestion is None  # nothing close enough: no suggestion
    # while typing too (the GUI searches with prefix_last): the suggestion does not wait for the last keystroke
    assert desk.search("推款", prefix_last=True).suggestion == "退款"


def test_kb_terms_join_the_segmenter(desk):
    desk.create_article(make_article("极速退服务说明", "开通极速退后秒到账", tags=["极速退"]))
    desk.lifecycle.vocabulary_changed()
    assert "极速退" in rjieba.cut("开通极速退后")
    assert query_units("极速退怎么开通")[0][0] == "极速退"
    assert _titles(desk.search("极速退")) == ["极速退服务说明"]


def test_search_log_records_every_query(desk):
    desk.create_article(make_article("退款多久到账"))
    desk.search("退款")
    desk.search("火星文字")
    desk.search("火星文字")
    rows = list(desk.db.query("SELECT query, hits FROM search_log ORDER BY id"))
    assert [(r["query"], r["hits"]) for r in rows] == [("退款", 1), ("火星文字", 0), ("火星文字", 0)]
    assert desk.search_log.zero_result_queries() == [("火星文字", 2)]


def test_terms_taught_before_the_segmenter_loads_are_applied_when_it_does(monkeypatch):
    """The dictionary loads on first use (start-up does not wait for it); terms taught earlier are not lost."""
    from app.search import analysis

    monkeypatch.setattr(analysis, "_JIEBA", None)
    monkeypatch.setattr(analysis, "_PENDING_TERMS", [])
    analysis.add_terms(["闪电退款通道"])
    assert analysis._PENDING_TERMS == ["闪电退款通道"]
    assert "闪电退款通道" in analysis.jieba().cut("我想走闪电退款通道啊")
    assert analysis._PENDING_TERMS == []

"""Search end to end on the real index (quality and speed work lives in the search issue's tests)."""

from __future__ import annotations

from app.model import Kind, Status
from app.search.query import SearchFilters
from tests.helpers import indexed_data_dir, make_article


def _titles(results):
    return [r.summary.title for r in results.results]


def test_saved_article_is_found_and_highlighted(desk):
    desk.create_article(make_article("退款申请后多久到账", "退款审核通过后 3 个工作日原路退回。", tags=["退款"]))
    desk.create_article(make_article("快递显示签收但没收到", "先联系快递员核实。", tags=["物流"]))
    results = desk.search("退款到账")
    assert _titles(results) == ["退款申请后多久到账"]
    hit = results.results[0]
    assert [hit.summary.title[s.start:s.end] for s in hit.title_spans] == ["退款", "到账"]


def test_edit_is_found_by_new_words_not_old(desk):
    article = desk.create_article(make_article("登录验证码收不到", "检查短信拦截"))
    assert _titles(desk.search("短信拦截"))
    desk.update_article(article.with_changes(body="请改用语音验证码"), note="edit")
    assert not _titles(desk.search("短信拦截"))
    assert _titles(desk.search("语音验证码")) == ["登录验证码收不到"]


def test_filters_and_archived_hidden(desk):
    desk.create_article(make_article("发票抬头填错怎么办", kind=Kind.CASE, group="财务组", tags=["发票"]))
    script = desk.create_article(make_article("发票重开话术", kind=Kind.SCRIPT, group="财务组"))
    assert _titles(desk.search("发票", SearchFilters(kind="script"))) == ["发票重开话术"]
    assert _titles(desk.search("发票", SearchFilters(tag="发票"))) == ["发票抬头填错怎么办"]
    desk.archive_article(script.id)
    assert _titles(desk.search("发票")) == ["发票抬头填错怎么办"]
    assert _titles(desk.search("发票", SearchFilters(status="archived"))) == ["发票重开话术"]


def test_or_fallback_when_no_article_has_every_word(desk):
    desk.create_article(make_article("退款进度查询"))
    results = desk.search("退款 火星")
    assert _titles(results) == ["退款进度查询"] and not results.matched_all


def test_search_is_logged(desk):
    desk.search("不存在的词语组合")
    assert desk.search_log.zero_result_queries() == [("不存在的词语组合", 1)]


def test_scan_fallback_while_index_unavailable(desk):
    desk.create_article(make_article("账号被冻结怎么解冻", status=Status.PUBLISHED))
    desk.index._ix = None  # as if the index were missing or being rebuilt
    results = desk.search("冻结")
    assert results.indexing and _titles(results) == ["账号被冻结怎么解冻"]


def test_the_scan_ranks_like_the_index_every_word_first_then_most_words(desk):
    desk.create_article(make_article("退款申请后超过7天未到账", "银行处理需要时间", status=Status.PUBLISHED))
    desk.create_article(make_article("退款争议的提问", "客户没说清楚是哪一笔", status=Status.PUBLISHED))
    desk.create_article(make_article("退款没到账怎么办", "先核对流水", status=Status.PUBLISHED))
    desk.create_article(make_article("账号没法登录", "重置密码", status=Status.PUBLISHED))  # only 没: not a match
    desk.index._ix = None  # as if the index were missing or being rebuilt
    results = desk.search("退款没到账")
    assert results.indexing
    assert _titles(results) == ["退款没到账怎么办", "退款申请后超过7天未到账", "退款争议的提问"]


def test_a_script_is_found_by_its_channel_in_words(desk):
    desk.create_article(make_article("退款进度查询回复", kind=Kind.SCRIPT, status=Status.PUBLISHED,
                                     fields={"reply": "您好，退款已退回。", "channel": "phone"}))
    desk.create_article(make_article("退款进度邮件回复", kind=Kind.SCRIPT, status=Status.PUBLISHED,
                                     fields={"reply": "您好，退款已退回。", "channel": "email"}))
    assert _titles(desk.search("电话")) == ["退款进度查询回复"]
    assert _titles(desk.search("退款 邮件"))[0] == "退款进度邮件回复"


def test_similar_articles(desk):
    a = desk.create_article(make_article("退款到账时间", "退款审核通过后原路退回银行卡"))
    desk.create_article(make_article("退款没到账怎么办", "退款原路退回银行卡需要时间"))
    desk.create_article(make_article("修改收货地址", "在订单详情里修改地址"))
    similar = [s.title for s in desk.similar_articles(a.id)]
    assert similar[0] == "退款没到账怎么办" and "退款到账时间" not in similar


def test_disk_index_survives_reopen_and_catches_up(tmp_path, clock):
    from app.services import Deskbook

    indexed_data_dir(tmp_path / "d", clock, "第一篇文章 物流")
    # A change committed while no index writer ran (a crash between commit and index update):
    other = Deskbook(tmp_path / "d", clock=clock)
    with other.db.atomic():
        other.articles.insert(make_article("第二篇文章 物流"))
    other.db.conn.close()
    reopened = Deskbook(tmp_path / "d", clock=clock)
    assert reopened.prepare_index().value == "ready"
    assert sorted(_titles(reopened.search("物流"))) == ["第一篇文章 物流", "第二篇文章 物流"]
    reopened.close()

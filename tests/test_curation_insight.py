"""Import preview (dry run), duplicates on save and for the whole KB, analytics and its CSV."""

from __future__ import annotations

from datetime import timedelta

from app.curation.analytics import write_csv
from app.curation.duplicates import SAME_TITLE, SIMILAR, dice, normalise_title
from app.curation.import_preview import CREATE, REFUSE, UNCHANGED, UPDATE
from app.model import Kind
from tests.helpers import make_article, write_jsonl


def test_preview_writes_nothing_and_agrees_with_the_import(desk, tmp_path):
    desk.import_path(write_jsonl(tmp_path / "old.jsonl", [
        {"id": "a1", "title": "退款多久到账", "body": "三天"}, {"id": "a2", "title": "发票", "body": "可开"},
    ]))
    path = write_jsonl(tmp_path / "kb.jsonl", [
        {"id": "a1", "title": "退款多久到账", "body": "五天"},
        {"id": "a2", "title": "发票", "body": "可开"},
        {"id": "a3", "title": "物流查询"},
        '{"id": "bad"',
        {"id": "a3", "title": "重复编号"},
        {"id": "nt", "body": "没有标题"},
    ])
    count, journal = desk.articles.count(), desk.journal.last_seq()
    preview = desk.preview_import(path)
    assert [(r.where, r.action) for r in preview.rows] == [
        ("第 1 行", UPDATE), ("第 2 行", UNCHANGED), ("第 3 行", CREATE), ("第 4 行", REFUSE), ("第 5 行", REFUSE),
        ("第 6 行", REFUSE),
    ]
    assert "在第 3 行已经用过" in preview.rows[4].reason
    assert desk.articles.count() == count and desk.journal.last_seq() == journal
    assert desk.get_article("a1").body == "三天"
    report = desk.import_path(path)
    assert (report.created, report.updated, report.unchanged, len(report.refused)) == (
        preview.created, preview.updated, preview.unchanged, preview.refused)
    assert [r.where for r in report.refused] == [r.where for r in preview.rows if r.action == REFUSE]


def test_normalised_titles_and_similarity():
    assert normalise_title("退款 多久到账？") == normalise_title("退款多久到賬") == "退款多久到账"
    assert normalise_title("ＡＢＣ 退款") == "abc退款"
    assert dice("退款多久到账", "退款多久到账") == 1.0 and dice("退款", "发票") == 0.0


def test_duplicates_on_save_same_title_and_similar_content(desk):
    original = desk.create_article(make_article(
        "退款申请后超过7天未到账", "平台已出款但银行尚未入账。先查出款状态，再把退款流水号交给客户，引导其向银行查询。",
        phrasings=["退款一直不到账怎么办"]))
    desk.create_article(make_article("发票怎么开", "在订单详情页申请电子发票。"))
    same_title = make_article("退款申请后超过 7 天未到账？", "别的内容")
    [hit] = desk.curation.duplicates_of(same_title)
    assert (hit.id, hit.reason) == (original.id, SAME_TITLE)
    similar = make_article("退款超过7天还没到账", "平台已出款但银行尚未入账。先查出款状态，再把退款流水号交给客户，引导其向银行查询。")
    [hit] = desk.curation.duplicates_of(similar)
    assert (hit.id, hit.reason) == (original.id, SIMILAR) and hit.score >= 0.6
    unrelated = make_article("修改收货地址", "订单发货前可以在订单详情里修改地址。")
    assert desk.curation.duplicates_of(unrelated) == []
    # an article is never its own duplicate
    assert desk.curation.duplicates_of(original) == []


def test_duplicates_report_for_the_whole_kb(desk):
    a = desk.create_article(make_article("密码重置", "在登录页点击忘记密码，按短信验证码重置。"))
    b = desk.create_article(make_article("密码重置", "另一篇", kind=Kind.SCRIPT))
    c = desk.create_article(make_article("怎么重置登录密码", "在登录页点击忘记密码，按短信验证码重置。"))
    groups = desk.curation.duplicates_report()
    assert groups[0].reason == SAME_TITLE and set(groups[0].ids) == {a.id, b.id}
    similar = [set(g.ids) for g in groups if g.reason == SIMILAR]
    assert {a.id, c.id} in similar


def test_analytics_lists_and_csv_with_bom(desk, clock, tmp_path):
    script = desk.create_article(make_article("首次响应话术", kind=Kind.SCRIPT, fields={"reply": "您好"}))
    case = desk.create_article(make_article("退款到账", "七天"))
    for _ in range(3):
        desk.record_copy(script.id)
        desk.record_view(case.id)
    desk.search("完全不存在的词汇xyz")
    desk.search("完全不存在的词汇xyz")
    desk.search("退款")
    report = desk.curation.analytics()
    assert [(f.title, f.value) for f in report.most_viewed] == [("退款到账", 3)]
    assert [(f.title, f.value) for f in report.script_copies] == [("首次响应话术", 3)]
    assert [(q.query, q.count) for q in report.zero_result_searches] == [("完全不存在的词汇xyz", 2)]
    assert report.searches == 3 and abs(report.zero_result_share - 2 / 3) < 1e-9
    assert report.popular_but_stale == []
    later = desk.curation.analytics(clock.now + timedelta(days=91))
    assert [f.title for f in later.popular_but_stale] == ["退款到账", "首次响应话术"]
    path = write_csv(later, tmp_path / "统计.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == "分类,标题或搜索词,类型,次数,下次复核,编号"
    assert "无结果搜索,完全不存在的词汇xyz,,2,," in text and "常用但待复核,退款到账,案例,3," in text

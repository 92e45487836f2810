"""Learning from use: searches followed by opens and copies become suggested 相似问 for the KB owner."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.learning.service import SUGGEST_AT, clean_query, related
from app.model import Status
from app.search.hybrid import LEARNT_BOOST
from app.services import Deskbook
from tests.helpers import make_article

REFUND = "退款多久到账"
ADDRESS = "修改收货地址"
INVOICE = "发票怎么开"
CUSTOMER_WORDS = "钱什么时候退回来"


def _seed(desk: Deskbook) -> dict[str, str]:
    ids = {}
    for title, body in ((REFUND, "原路退回，一般 1–3 个工作日到账。"), (ADDRESS, "发货前可在订单详情里改地址。"),
                        (INVOICE, "在订单页申请电子发票。"), ("退款被拒绝怎么办", "核对退款原因后重新申请。")):
        ids[title] = desk.create_article(make_article(title, body)).id
    return ids


def _ranked(desk: Deskbook, text: str) -> list[str]:
    return [r.summary.id for r in desk.search(text, log_query=False).results]


def _week_of_use(desk: Deskbook, clock, ids: dict[str, str]) -> None:
    """Five working days: what three agents typed, refined, opened and copied."""
    learning = desk.learning
    for day in range(5):
        clock.now += timedelta(days=1)
        for agent in ("a", "b", "c"):
            session = f"{agent}-{day}"
            # The customer's words first; the agent refines them, then opens the article and copies its reply.
            learning.searched(session, CUSTOMER_WORDS)
            learning.searched(session, "退款 到账")
            learning.used(session, ids[REFUND], "退款 到账")
            learning.used(session, ids[REFUND], "退款 到账")  # the copy after the open: still one session
            # Next customer, an unrelated question: a new session, nothing carried over from the refund one.
            learning.searched(session, "改地址")
            learning.used(session, ids[ADDRESS])
        # Once a day somebody looks at the invoice article after a vague query: too rare to suggest.
        if day < 2:
            learning.used(f"x-{day}", ids[INVOICE], "开票")


def test_a_simulated_week_yields_the_expected_suggestions(desk, clock):
    ids = _seed(desk)
    _week_of_use(desk, clock, ids)
    suggested = {(p.query, p.article_id): p.sessions for p in desk.learning.suggestions()}
    assert suggested == {
        (CUSTOMER_WORDS, ids[REFUND]): 15,
        ("退款 到账", ids[REFUND]): 15,
        ("改地址", ids[ADDRESS]): 15,
    }
    # The unrelated query reset the session: the refund queries were never paired with the address article.
    assert not any(p.article_id == ids[ADDRESS] and "退" in p.query for p in desk.learning.pairs.pairs("open"))
    # Only the query text is kept.
    columns = {row["name"] for row in desk.db.query("PRAGMA table_info(learnt_pairs)")}
    assert "customer" not in columns and "text" not in columns


def test_accepting_makes_the_query_find_the_article_first_and_dismissing_is_final(desk, clock):
    ids = _seed(desk)
    assert _ranked(desk, CUSTOMER_WORDS)[:1] != [ids[REFUND]]  # the customer's words do not find it first today
    _week_of_use(desk, clock, ids)
    pairs = {(p.query, p.article_id): p.id for p in desk.learning.suggestions()}

    assert desk.learning.accept(pairs[(CUSTOMER_WORDS, ids[REFUND])], by="组长")
    article = desk.get_article(ids[REFUND])
    assert article.phrasings == [CUSTOMER_WORDS]
    assert f"相似问：{CUSTOMER_WORDS}" in [v.note for v in desk.versions(ids[REFUND])]
    assert _ranked(desk, CUSTOMER_WORDS)[0] == ids[REFUND]

    assert desk.learning.dismiss(pairs[("改地址", ids[ADDRESS])], by="组长")
    for day in range(10):  # used again and again: a dismissed pair never comes back
        desk.learning.used(f"again-{day}", ids[ADDRESS], "改地址")
    remaining = {(p.query, p.article_id) for p in desk.learning.suggestions()}
    assert remaining == {("退款 到账", ids[REFUND])}
    assert not desk.learning.accept(pairs[(CUSTOMER_WORDS, ids[REFUND])])  # decided already


def test_an_accepted_phrasing_travels_through_the_markdown_round_trip(tmp_path, desk, clock):
    """What the team library will do: one desk accepts, another imports the article, the query finds it first."""
    ids = _seed(desk)
    _week_of_use(desk, clock, ids)
    pair = next(p for p in desk.learning.suggestions() if p.query == CUSTOMER_WORDS)
    desk.learning.accept(pair.id, by="组长")
    desk.curation.export_markdown(tmp_path / "export")

    other = Deskbook(None, clock=clock)
    try:
        other.prepare_index()
        other.reindex()
        report = other.import_path(tmp_path / "export")
        assert report.created == 4 and not report.refused
        found = other.search(CUSTOMER_WORDS, log_query=False).results
        assert found[0].summary.title == REFUND
        # The other desk's agents had learnt the same pair: once the phrasing arrives, it is no longer suggested.
        refund = found[0].summary.id
        for n in range(3):
            other.learning.used(f"o{n}", refund, CUSTOMER_WORDS)
        assert other.learning.suggestions() == []
    finally:
        other.close()


def test_counts_decay(desk, clock):
    ids = _seed(desk)
    for n in range(int(SUGGEST_AT)):
        desk.learning.used(f"s{n}", ids[INVOICE], "开发票")
    assert [p.query for p in desk.learning.suggestions()] == ["开发票"]
    clock.now += timedelta(hours=5)  # later the same day: three sessions are still three
    assert [p.query for p in desk.learning.suggestions()] == ["开发票"]
    clock.now += timedelta(days=40)  # more than a half-life without use
    assert desk.learning.suggestions() == []
    for n in range(2):  # two fresh sessions on top of the decayed three: enough again
        desk.learning.used(f"t{n}", ids[INVOICE], "开发票")
    assert [p.query for p in desk.learning.suggestions()] == ["开发票"]


@pytest.mark.parametrize("text", ["13812345678 退款", "订单 20261122 没到", "a@b.com 改地址", "看 https://x.cn",
                                  "一" * 31, "1", "？？", "   "])
def test_queries_that_may_hold_customer_data_or_say_nothing_are_not_kept(text):
    assert clean_query(text) is None


def test_customer_data_in_a_query_is_never_recorded(desk):
    ids = _seed(desk)
    desk.learning.used("s", ids[REFUND], "13812345678 退款")
    assert desk.db.execute("SELECT count(*) FROM learnt_pairs").fetchone()[0] == 0


def test_related_queries():
    assert related("退款 到账", ["钱什么时候退回来"]) is False  # no shared pair: the agent's own words
    assert related("退款到账", ["退款"]) is True
    assert related("tuikuan", ["tui"]) is True
    assert related("改地址", ["退款 到账"]) is False


def test_the_learnt_boost_is_off_by_default_and_small_when_on(desk, clock):
    ids = _seed(desk)
    plain = {r.summary.id: r.score for r in desk.search("退款", log_query=False).results}
    last = min(plain, key=plain.get)  # the article words alone rank last
    for n in range(int(SUGGEST_AT)):
        desk.learning.used(f"s{n}", last, "退款")
    assert {r.summary.id: r.score for r in desk.search("退款", log_query=False).results} == plain  # off: untouched
    desk.settings.learnt_boost = True
    boosted = {r.summary.id: r.score for r in desk.search("退款", log_query=False).results}
    assert boosted[last] == pytest.approx(plain[last] * (1 + LEARNT_BOOST))  # at most a fifth more
    assert {i: s for i, s in boosted.items() if i != last} == {i: s for i, s in plain.items() if i != last}
    assert set(boosted) == set(plain)  # it reorders what was found, it finds nothing new
    assert _ranked(desk, "到账") == [ids[REFUND]]  # other queries are not touched


def test_an_accepted_phrasing_reaches_another_desk_through_the_team_library(tmp_path, clock):
    """Issue 19 with issue 14: desk A's owner accepts a learnt 相似问 and publishes; after desk B pulls, the
    customer's words find the article first on B — while the query-article pairs themselves never leave A."""
    from app.team.gitrepo import init_bare
    from tests.team_helpers import library_files, team_desk

    library = tmp_path / "team.git"
    init_bare(library)
    a = team_desk(tmp_path / "a", library, clock, user="组长")
    b = team_desk(tmp_path / "b", library, clock, user="李主管")
    try:
        ids = _seed(a)
        for article_id in ids.values():
            a.set_status(article_id, Status.PUBLISHED, "组长")
        a.team.publish()
        b.team.pull()
        assert _ranked(b, CUSTOMER_WORDS)[:1] != [ids[REFUND]]
        _week_of_use(a, clock, ids)
        pair = next(p for p in a.learning.suggestions() if p.query == CUSTOMER_WORDS)
        a.learning.accept(pair.id, by="组长")
        a.team.publish()
        b.team.pull()
        assert _ranked(b, CUSTOMER_WORDS)[0] == ids[REFUND]
        shared = b"".join(library_files(library).values()).decode("utf-8", "replace")
        assert "退款 到账" not in shared  # a pair that was not accepted stays on the desk that learnt it
    finally:
        a.close()
        b.close()

"""Two and three data directories sharing one bare library: publish, pull, archive, merge, conflicts."""

from __future__ import annotations

import pytest

from app.model import Status
from app.team.gitrepo import init_bare
from tests.team_helpers import case, library_files, team_desk, titles

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def library(tmp_path):
    path = tmp_path / "team.git"
    init_bare(path)
    return path


@pytest.fixture
def desks(tmp_path, library, clock):
    """Desk A (a KB owner) and desk B (a second KB owner), both joined to the empty library."""
    a = team_desk(tmp_path / "a", library, clock, user="王主管")
    b = team_desk(tmp_path / "b", library, clock, user="李主管")
    yield a, b
    a.close()
    b.close()


def test_published_in_a_is_found_by_search_in_b(desks, library):
    a, b = desks
    article = a.create_article(case("退款到账时间说明", "原路退回，3个工作日内到账", cause="银行处理时间"))
    report = a.team.publish()
    assert report.published == [article.id]
    assert titles(b, "到账") == []
    pulled = b.team.pull()
    assert pulled.added == [article.id]
    assert titles(b, "到账") == ["退款到账时间说明"]
    got = b.get_article(article.id)
    assert (got.body, got.fields, got.status, got.tags) == (article.body, article.fields, Status.PUBLISHED, ["退款"])
    # The library holds the article by id, without the desk's counters or dates.
    text = library_files(library)[f"articles/{article.id}.md"].decode()
    assert "title: 退款到账时间说明" in text
    for volatile in ("views", "copies", "version", "next_review", "last_verified", "updated_at"):
        assert volatile not in text


def test_archived_in_a_disappears_from_b_and_stays_in_history(desks, library):
    a, b = desks
    article = a.create_article(case("旧版运费险规则", "运费险按订单金额计算"))
    a.team.publish()
    b.team.pull()
    assert titles(b, "运费险") == ["旧版运费险规则"]
    a.archive_article(article.id, "王主管")
    assert a.team.publish().archived == [article.id]
    assert b.team.pull().archived == [article.id]
    assert titles(b, "运费险") == []
    assert b.get_article(article.id).status is Status.ARCHIVED
    history = a.team.history(article.id)
    assert [c.message.splitlines()[0] for c in history] == ["归档：旧版运费险规则", "发布：旧版运费险规则"]
    assert all(c.author == "王主管" for c in history)
    assert a.get_article(article.id).status is Status.ARCHIVED
    assert [v.snapshot["body"] for v in a.versions(article.id)] == ["运费险按订单金额计算"]


def test_edits_of_different_fields_merge_by_themselves(desks):
    a, b = desks
    article = a.create_article(case("发票重开", "联系财务组重开", cause="抬头填错"))
    a.team.publish()
    b.team.pull()
    a.update_article(a.get_article(article.id).with_changes(title="发票重开流程"), "王主管")
    b.update_article(b.get_article(article.id).with_changes(body="在后台提交重开申请，财务组24小时内处理"), "李主管")
    b.team.publish()
    report = a.team.publish()  # fetch, merge B's body with A's title, push
    assert report.published == [article.id] and not report.blocked
    b.team.pull()
    for desk in (a, b):
        got = desk.get_article(article.id)
        assert (got.title, got.body) == ("发票重开流程", "在后台提交重开申请，财务组24小时内处理")
        assert desk.team.conflicts() == []
        assert desk.team.status().pending == 0


def test_same_field_edited_on_two_desks_becomes_a_conflict_with_both_texts(desks):
    a, b = desks
    article = a.create_article(case("退货地址", "寄回杭州仓"))
    a.team.publish()
    b.team.pull()
    a.update_article(a.get_article(article.id).with_changes(body="寄回杭州仓（收件人：售后部）"), "王主管")
    b.update_article(b.get_article(article.id).with_changes(body="寄回上海仓"), "李主管")
    b.team.publish()
    report = a.team.publish()
    assert report.blocked == [article.id] and report.published == []
    [conflict] = a.team.conflicts()
    assert conflict.article_id == article.id
    [field] = conflict.fields
    assert (field.name, field.base, field.ours, field.theirs) == ("body", "寄回杭州仓", "寄回杭州仓（收件人：售后部）", "寄回上海仓")
    assert a.get_article(article.id).body == "寄回杭州仓（收件人：售后部）"  # nothing replaced before a decision
    bodies = [v.snapshot["body"] for v in a.versions(article.id)]
    assert "寄回上海仓" in bodies and "寄回杭州仓（收件人：售后部）" in bodies
    assert a.team.status().words_zh(a.clock()).startswith("团队库：有 1 个冲突")

    a.team.resolve(conflict.id, {"body": {"text": "寄回上海仓（收件人：售后部）"}})  # an owner desk publishes it
    assert a.team.conflicts() == []
    b.team.pull()
    assert b.get_article(article.id).body == "寄回上海仓（收件人：售后部）"
    assert "解决冲突" in a.versions(article.id)[0].note


def test_a_conflict_resolved_with_their_text_leaves_nothing_to_publish(desks):
    a, b = desks
    article = a.create_article(case("补发规则", "48小时内补发"))
    a.team.publish()
    b.team.pull()
    a.update_article(a.get_article(article.id).with_changes(title="补发规则（旧）"), "王主管")
    b.update_article(b.get_article(article.id).with_changes(title="补发与换货规则"), "李主管")
    b.team.publish()
    a.team.pull()
    [conflict] = a.team.conflicts()
    a.team.resolve(conflict.id, {"title": "theirs"})
    assert a.get_article(article.id).title == "补发与换货规则"
    assert a.team.status().pending == 0 and a.team.status().conflicts == 0


def test_shared_settings_travel_and_local_ones_stay(desks):
    a, b = desks
    a.settings.sla_hours = {"紧急": 1, "重要": 12, "一般": 48}
    a.settings.extra["organization"] = "星辰科技客服中心"
    a.settings.review_days = {"case": 30, "script": 90, "handbook": 180}
    a.settings.language = "en"
    a.save_settings()
    a.add_synonyms(["退款", "退钱", "返款"])
    a.create_article(case("退款申请入口", "在订单详情页点击申请退款"))
    assert a.team.publish().settings
    b.team.pull()
    assert b.settings.sla_hours == {"紧急": 1, "重要": 12, "一般": 48}
    assert b.settings.extra["organization"] == "星辰科技客服中心"
    assert b.settings.review_days["case"] == 30
    assert b.settings.language == ""  # a desk's own choice
    assert sorted(b.synonyms()[0]) == sorted(["退款", "退钱", "返款"])
    assert titles(b, "退钱") == ["退款申请入口"]


def test_the_same_content_gives_the_same_bytes_and_no_empty_commits(desks, library):
    a, _b = desks
    a.create_article(case("密码重置", "在登录页点击忘记密码"))
    first = a.team.publish().commit
    assert a.team.publish().commit is None  # nothing changed: nothing committed
    article = a.list_articles()[0]
    a.record_view(article.id)
    a.record_copy(article.id)
    a.verify_article(article.id, "王主管")  # the desk's own counters and review dates do not travel
    assert a.team.status().pending == 0
    assert a.team.publish().commit is None
    import pygit2

    assert str(pygit2.Repository(str(library)).revparse_single("refs/heads/main").id) == first


def test_drafts_and_requests_never_leave_the_desk(desks, library):
    a, _b = desks
    from app.model.records import Priority, Request

    draft = a.create_article(case("草稿：未核实的做法", "内部试验中").with_changes(status=Status.DRAFT))
    a.records.create(Request(customer="陈女士", contact="13800001234", what="App登录提示密码错误",
                             priority=Priority.IMPORTANT))
    a.search("登录")
    a.create_article(case("登录问题排查", "先确认账号状态"))
    a.team.publish()
    blob = b"".join(library_files(library).values()).decode()
    assert "登录问题排查" in blob
    for private in ("陈女士", "13800001234", "未核实的做法", draft.id):
        assert private not in blob


def test_a_local_knowledge_base_is_offered_for_the_first_publish(tmp_path, library, clock):
    owner = team_desk(tmp_path / "owner", library, clock, connect=False)
    for i in range(3):
        owner.create_article(case(f"本地已有文章{i}", "连接团队库之前写的"))
    report = owner.team.connect(str(library))
    assert report.empty_library and report.local_only == 3
    first = owner.team.publish()  # the articles are not sent by themselves (the team's settings are)
    assert first.published == [] and first.settings
    assert len(owner.team.publish(include_local=True).published) == 3
    assert owner.team.status().local_only == 0
    agent = team_desk(tmp_path / "agent", library, clock, role="agent")
    assert sorted(a.title for a in agent.list_articles()) == [f"本地已有文章{i}" for i in range(3)]
    owner.close()
    agent.close()


def test_desks_that_imported_the_same_sheet_share_one_article_per_row(tmp_path, library, clock):
    from tests.helpers import write_jsonl

    sheet = write_jsonl(tmp_path / "faq.jsonl", [
        {"id": f"faq-{i}", "title": f"常见问题{i}", "body": f"答案{i}"} for i in range(5)])
    a = team_desk(tmp_path / "a", library, clock, connect=False)
    a.import_path(sheet)
    a.team.connect(str(library))
    a.team.publish(include_local=True)
    b = team_desk(tmp_path / "b", library, clock, connect=False)
    b.import_path(sheet)
    learnt = b.articles.get_by_external_id("faq-1")
    with b.db.atomic():  # what agents' searches taught this desk stays with the article under its team id
        b.db.execute("INSERT INTO learnt_pairs (query, article_id, weight, sessions, first_seen, last_seen) "
                     "VALUES ('怎么退', ?, 1, 1, '2026-01-01', '2026-01-01')", [learnt.id])
    b.team.connect(str(library))
    team_id = a.articles.get_by_external_id("faq-1").id
    assert b.db.execute("SELECT article_id FROM learnt_pairs").fetchall() == [(team_id,)]
    assert b.articles.count() == 5
    assert sorted(x.id for x in b.list_articles()) == sorted(x.id for x in a.list_articles())
    assert b.team.status().local_only == 0
    a.close()
    b.close()


def test_an_article_quoting_a_customers_name_or_phone_is_held_back(desks, library):
    a, _b = desks
    from app.model.records import Priority, Request
    from app.team.proposals import ProposalError

    a.records.create(Request(customer="陈女士", contact="13800001234", what="快递丢件", priority=Priority.URGENT))
    leaky = a.create_article(case("丢件理赔", "陈女士的包裹丢失，已联系13800001234赔付"))
    clean = a.create_article(case("丢件理赔流程", "核实物流轨迹后发起理赔"))
    report = a.team.publish()
    assert report.published == [clean.id]
    assert report.withheld == ["“丢件理赔”含有客户的个人信息（13800001234、陈女士），删除后才能进入团队库"]
    assert "陈女士" not in b"".join(library_files(library).values()).decode()
    with pytest.raises(ProposalError):
        a.team.propose(leaky.id)
    a.update_article(a.get_article(leaky.id).with_changes(body="客户包裹丢失，核实后赔付"), "王主管")
    assert a.team.publish().published == [leaky.id]


def test_a_big_first_publish_leaves_a_packed_clone(tmp_path, library, clock, monkeypatch):
    monkeypatch.setattr("app.team.gitrepo.LOOSE_OBJECTS_TO_PACK", 10)
    owner = team_desk(tmp_path / "owner", library, clock)
    for i in range(12):
        owner.create_article(case(f"批量文章{i}", f"内容{i}"))
    owner.team.publish()
    clone = tmp_path / "owner" / "team" / "library.git"
    assert not list((clone / "objects").glob("[0-9a-f][0-9a-f]/*"))  # every loose object went into a pack
    assert list((clone / "objects" / "pack").glob("*.pack"))
    owner.create_article(case("打包之后的文章", "还能发布"))
    assert len(owner.team.publish().published) == 1
    reader = team_desk(tmp_path / "reader", library, clock)
    assert reader.articles.count() == 13
    owner.close()
    reader.close()


def test_a_new_desk_with_the_demo_joins_a_library_that_edited_the_demo(tmp_path, library, clock):
    owner = team_desk(tmp_path / "owner", library, clock, connect=False)
    owner.seed_demo()
    owner.team.connect(str(library))
    owner.team.publish(include_local=True)
    edited = owner.articles.get_by_external_id("demo-case-003")
    owner.update_article(edited.with_changes(body="负责人改过的正文"), "王主管")
    owner.team.publish()
    newcomer = team_desk(tmp_path / "new", library, clock, connect=False)
    newcomer.seed_demo()  # what the launcher does on a first start
    mine = newcomer.articles.get_by_external_id("demo-case-003")
    newcomer.update_article(newcomer.articles.get_by_external_id("demo-case-007").with_changes(title="本机改过"))
    report = newcomer.team.connect(str(library))
    assert newcomer.articles.count() == owner.articles.count()  # no duplicates: matched by external id
    got = newcomer.articles.get_by_external_id("demo-case-003")
    assert got.id == edited.id and got.body == "负责人改过的正文"  # never edited here: the team's version
    assert [v.snapshot["body"] for v in newcomer.versions(got.id)][-1] == mine.body  # the old one in history
    [conflict] = newcomer.team.conflicts()  # edited here before joining: both texts wait for a decision
    assert conflict.fields[0].ours == "本机改过"
    assert report.local_only == 0
    owner.close()
    newcomer.close()

"""Roles are real: an agent's edit of a published article is a suggestion an owner publishes; becoming an owner
takes the owners' PIN (and on a team desk, the Git host still decides who may publish)."""

from __future__ import annotations

import pytest

from app.curation.roles import RoleRefused, hash_pin, pin_matches
from app.curation.suggestions import SuggestionError
from app.curation.workflow import Role
from app.model import Kind, Status
from tests.helpers import make_article


@pytest.fixture
def published(desk):
    return desk.create_article(make_article("运费险理赔流程", "签收后7天内申请", status=Status.PUBLISHED))


def test_an_agents_edit_of_a_published_article_waits_for_an_owner(desk, published):
    assert desk.curation.role is Role.AGENT  # the default role
    saved = desk.save_edit(published.with_changes(body="签收后15天内申请"), author="小李", note="规则已更新")
    assert saved.suggested and saved.suggestion_id
    current = desk.get_article(published.id)
    assert current.body == "签收后7天内申请" and current.version == published.version  # agents still read this
    [waiting] = desk.curation.suggestions.waiting()
    assert (waiting.author, waiting.note, waiting.snapshot["body"]) == ("小李", "规则已更新", "签收后15天内申请")
    diff = desk.curation.suggestions.diff(waiting.id)
    assert [d.name for d in diff] == ["body"]

    desk.curation.set_role("owner", pin="2468")  # the first owner sets the PIN
    article = desk.curation.suggestions.accept(waiting.id, by="王主管")
    assert article.body == "签收后15天内申请" and article.version == published.version + 1
    assert desk.versions(published.id)[0].note == "采纳小李的修改建议"
    assert desk.curation.suggestions.waiting() == []
    assert [s.state for s in desk.curation.suggestions.mine("小李")] == ["accepted"]
    assert [r.summary.id for r in desk.search("15天", log_query=False).results] == [published.id]


def test_a_declined_suggestion_needs_a_reason_and_changes_nothing(desk, published):
    saved = desk.save_edit(published.with_changes(title="运费险"), author="小李")
    with pytest.raises(SuggestionError, match="原因"):
        desk.curation.suggestions.decline(saved.suggestion_id, by="王主管", note=" ")
    desk.curation.suggestions.decline(saved.suggestion_id, by="王主管", note="标题太短，客户搜不到")
    assert desk.get_article(published.id).title == "运费险理赔流程"
    [mine] = desk.curation.suggestions.mine("小李")
    assert (mine.state, mine.decision_note) == ("declined", "标题太短，客户搜不到")
    with pytest.raises(SuggestionError, match="处理过"):
        desk.curation.suggestions.accept(saved.suggestion_id, by="王主管")


def test_an_owner_saves_straight_to_published_and_agents_drafts_stay_theirs(desk, published):
    desk.curation.set_role("owner", pin="2468")
    saved = desk.save_edit(published.with_changes(body="签收后10天内申请"), author="王主管")
    assert not saved.suggested and saved.article.version == published.version + 1
    desk.curation.set_role("agent")
    draft = desk.create_article(make_article("草稿", "x", status=Status.DRAFT))
    assert not desk.save_edit(draft.with_changes(body="y"), author="小李").suggested  # a draft is the agent's own


def test_the_trainer_publishes_the_handbook_but_suggests_cases(desk, published):
    handbook = desk.create_article(make_article("SPIN提问", "情境问题", kind=Kind.HANDBOOK, status=Status.PUBLISHED))
    desk.curation.set_role("trainer", pin="1357")
    assert not desk.save_edit(handbook.with_changes(body="情境与难点问题"), author="培训师").suggested
    assert desk.save_edit(published.with_changes(body="改"), author="培训师").suggested


def test_becoming_an_owner_needs_the_pin(desk):
    with pytest.raises(RoleRefused, match="还没有设置"):
        desk.curation.set_role("owner")
    with pytest.raises(RoleRefused, match="至少 4 位"):
        desk.curation.set_role("owner", pin="12")
    desk.curation.set_role("owner", pin="2468")
    scheme, _rounds, salt, digest = desk.settings.owner_pin.split("$")  # a salted hash, not the PIN itself
    assert scheme == "pbkdf2_sha256" and len(salt) == 32 and len(digest) == 64
    desk.curation.set_role("agent")  # stepping down needs nothing
    with pytest.raises(RoleRefused, match="需要"):
        desk.curation.set_role("owner")
    with pytest.raises(RoleRefused, match="不对"):
        desk.curation.set_role("owner", pin="0000")
    assert desk.curation.role is Role.AGENT
    desk.curation.set_role("owner", pin="2468")
    assert desk.curation.role is Role.OWNER
    desk.curation.change_pin("2468", "97531")
    desk.curation.set_role("agent")
    with pytest.raises(RoleRefused):
        desk.curation.set_role("owner", pin="2468")


def test_pin_hashes_are_salted_and_checked_in_constant_time():
    first, second = hash_pin("2468"), hash_pin("2468")
    assert first != second and pin_matches("2468", first) and pin_matches("2468", second)
    assert not pin_matches("2469", first) and not pin_matches("2468", "garbage")


def test_on_a_team_desk_an_agents_edit_becomes_a_proposal_to_the_owners(tmp_path, clock):
    from app.team.gitrepo import init_bare
    from tests.team_helpers import case, team_desk

    library = tmp_path / "team.git"
    init_bare(library)
    owner = team_desk(tmp_path / "owner", library, clock, user="王主管")
    agent = team_desk(tmp_path / "agent", library, clock, user="小李", role="agent")
    try:
        article = owner.create_article(case("退款到账时间说明", "3个工作日到账"))
        owner.curation.set_role("owner", pin="2468")
        owner.team.publish()
        agent.team.pull()
        assert agent.settings.owner_pin == owner.settings.owner_pin  # the owners' PIN reached the agent's desk
        with pytest.raises(RoleRefused):
            agent.curation.set_role("owner", pin="1111")  # not the owners' PIN
        saved = agent.save_edit(agent.get_article(article.id).with_changes(body="1–3个工作日到账"), author="小李")
        assert saved.proposal_id and agent.get_article(article.id).body == "3个工作日到账"  # back on the team's
        agent.team.sync()
        owner.team.pull()
        [proposal] = owner.team.proposals_to_decide()
        owner.team.accept(proposal.id)
        agent.team.pull()
        assert agent.get_article(article.id).body == "1–3个工作日到账"
    finally:
        owner.close()
        agent.close()


def test_the_command_line_takes_roles_and_decides_edits(tmp_path, capsys):
    from app.cli import main
    from app.services import Deskbook

    data_dir = str(tmp_path / "data")
    desk = Deskbook(tmp_path / "data")
    article = desk.create_article(make_article("运费险理赔流程", "签收后7天内申请", status=Status.PUBLISHED))
    desk.save_edit(article.with_changes(body="签收后15天内申请"), author="小李")
    desk.close()
    run = lambda *args: main(["--data-dir", data_dir, *args])  # noqa: E731
    assert run("edits", "list") == 0 and "运费险理赔流程" in capsys.readouterr().out
    assert run("edits", "list", "--json") == 0
    suggestion_id = __import__("json").loads(capsys.readouterr().out)["id"]
    assert run("edits", "accept", suggestion_id[:8]) == 2  # still an agent
    assert "deskbook role owner" in capsys.readouterr().err
    assert run("role", "owner", "--pin", "2468") == 0 and "知识库负责人" in capsys.readouterr().out
    assert run("role", "agent") == 0 and run("role", "owner", "--pin", "1111") == 2
    assert "PIN 不对" in capsys.readouterr().err
    assert run("role", "owner", "--pin", "2468") == 0
    assert run("edits", "accept", suggestion_id[:8]) == 0 and "第 2 版" in capsys.readouterr().out

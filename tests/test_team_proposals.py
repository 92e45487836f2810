"""Agents' proposals reach the owner's queue; the owner's decision reaches every desk."""

from __future__ import annotations

import pytest

from app.model import Status
from app.model.records import Priority, Request, RequestStatus
from app.team.gitrepo import init_bare
from app.team.proposals import ProposalError
from tests.team_helpers import case, library_files, team_desk, titles

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def team(tmp_path, clock):
    """Owner A, agent C, and agent B who only reads."""
    library = tmp_path / "team.git"
    init_bare(library)
    owner = team_desk(tmp_path / "owner", library, clock, user="王主管")
    owner.create_article(case("物流停滞怎么办", "先查询物流单号，超过48小时联系快递公司"))
    owner.team.publish()
    agent = team_desk(tmp_path / "agent", library, clock, role="agent", user="小张")
    reader = team_desk(tmp_path / "reader", library, clock, role="agent", user="小李")
    yield owner, agent, reader, library
    for desk in (owner, agent, reader):
        desk.close()


def _resolved_request(desk):
    request = desk.records.create(Request(customer="赵先生", what="付款后订单一直显示待支付", priority=Priority.URGENT))
    desk.records.set_status(request.id, RequestStatus.IN_PROGRESS)
    desk.records.set_status(request.id, RequestStatus.RESOLVED)
    return request


def test_a_case_write_up_is_proposed_accepted_and_reaches_every_desk(team):
    owner, agent, reader, library = team
    draft = agent.records.create_case_draft(_resolved_request(agent).id, "小张")
    assert draft.status is Status.DRAFT
    proposal = agent.team.propose(draft.id, "客户付款回调延迟的处理")
    assert proposal.state == "sent" and proposal.change == "new"
    assert "赵先生" not in b"".join(library_files(library).values()).decode()  # main holds no proposal

    owner.team.pull()
    [incoming] = owner.team.proposals_to_decide()
    assert (incoming.id, incoming.author, incoming.note) == (proposal.id, "小张", "客户付款回调延迟的处理")
    assert owner.team.status().proposals_to_decide == 1
    before, after = owner.team.proposed_article(incoming.id)
    assert before is None and after.title == draft.title
    outcome = owner.team.accept(incoming.id, "写得很清楚")
    assert outcome.published and outcome.proposal.state == "accepted"
    assert owner.get_article(draft.id).status is Status.PUBLISHED

    reader.team.pull()
    assert reader.get_article(draft.id).status is Status.PUBLISHED
    assert titles(reader, "待支付") == [draft.title]
    agent.team.pull()
    [mine] = agent.team.my_proposals()
    assert (mine.state, mine.decided_by, mine.decision_note) == ("accepted", "王主管", "写得很清楚")
    assert agent.get_article(draft.id).status is Status.PUBLISHED  # the team's version replaced the draft
    assert owner.team.proposals_to_decide() == []


def test_a_suggested_edit_declined_with_a_note_is_seen_by_the_agent(team):
    owner, agent, _reader, _library = team
    article = agent.list_articles()[0]
    agent.update_article(agent.get_article(article.id).with_changes(body="直接给客户退款"), "小张")
    proposal = agent.team.propose(article.id, "简化流程")
    assert proposal.change == "edit"
    assert agent.get_article(article.id).body == "先查询物流单号，超过48小时联系快递公司"  # the team's text again
    assert "直接给客户退款" in [v.snapshot["body"] for v in agent.versions(article.id)]
    owner.team.pull()
    [incoming] = owner.team.proposals_to_decide()
    with pytest.raises(ProposalError):
        owner.team.decline(incoming.id, "  ")  # the agent must learn why
    assert owner.team.decline(incoming.id, "退款前必须先确认物流状态").published
    agent.team.pull()
    [mine] = agent.team.my_proposals()
    assert (mine.state, mine.decision_note) == ("declined", "退款前必须先确认物流状态")
    assert owner.get_article(article.id).body == "先查询物流单号，超过48小时联系快递公司"


def test_an_accepted_edit_keeps_what_the_owner_changed_meanwhile(team):
    owner, agent, reader, _library = team
    article_id = agent.list_articles()[0].id
    agent.update_article(agent.get_article(article_id).with_changes(body="先查询物流单号，超过24小时联系快递公司"), "小张")
    agent.team.propose(article_id)
    owner.update_article(owner.get_article(article_id).with_changes(title="物流停滞的处理"), "王主管")
    owner.team.publish()
    owner.team.pull()
    [incoming] = owner.team.proposals_to_decide()
    owner.team.accept(incoming.id)
    reader.team.pull()
    got = reader.get_article(article_id)
    assert (got.title, got.body) == ("物流停滞的处理", "先查询物流单号，超过24小时联系快递公司")


def test_a_proposal_made_offline_is_sent_with_the_next_sync(team, tmp_path):
    owner, agent, _reader, library = team
    moved = tmp_path / "share-offline"
    library.rename(moved)
    draft = agent.create_article(case("新话术草稿", "您好，已为您登记").with_changes(status=Status.DRAFT))
    proposal = agent.team.propose(draft.id)
    assert proposal.state == "queued"
    assert agent.team.status().problem == "offline"
    moved.rename(library)
    agent.team.pull()
    assert agent.team.my_proposals()[0].state == "sent"
    owner.team.pull()
    assert [p.title for p in owner.team.proposals_to_decide()] == ["新话术草稿"]


def test_nothing_to_propose_when_the_article_equals_the_team_version(team):
    _owner, agent, _reader, _library = team
    with pytest.raises(ProposalError):
        agent.team.propose(agent.list_articles()[0].id)

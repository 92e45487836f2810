"""Two desks and one library, as a team would use them, and the owner's screenshots (tools/screenshots.sh team).

The agent's desk proposes an edit of a published case; a second owner publishes a change of a case's cause while
the first owner has changed the same field on their desk; the first owner's desk pulls. Then the real window of
that owner: the 团队库 page, the proposal in 审核队列 → 客服建议, and the conflict being resolved.
Prints what it checked.
"""

from __future__ import annotations

import sys

from app.cli.team_demo import make_demo
from app.services import Deskbook
from tools.demo_session import open_window, run_steps, saver, start_demo_session


def _prepare(scratch):
    """The library with a proposal from the agent and a conflict waiting on the owner's desk."""
    demo = make_demo(scratch / "team")
    agent = Deskbook.open(demo.agent)
    case = agent.get_article("demo-case-003")
    saved = agent.save_edit(case.with_changes(body=case.body + "\n\n补充：客户用信用卡付款时，提醒其查看下期账单。"),
                            author="小张", note="客户常问信用卡退款在哪里看")
    assert saved.proposal_id, "an agent's edit of a published case on a team desk is a proposal"
    agent.close()

    colleague_root = scratch / "team" / "owner2"
    colleague = Deskbook.open(colleague_root)
    colleague.settings.user_name, colleague.settings.role = "李主管", "owner"
    colleague.save_settings()
    colleague.team.connect(str(demo.library))
    owner = Deskbook.open(demo.owner)
    target = owner.get_article("demo-case-007")
    theirs = colleague.get_article("demo-case-007")
    colleague.update_article(theirs.with_changes(fields={**theirs.fields, "cause": "发卡行系统升级，入账延迟 1–3 天"}),
                             author="李主管")
    colleague.team.publish()
    colleague.close()
    owner.update_article(target.with_changes(fields={**target.fields, "cause": "银行处理退款需要 3–5 个工作日"}),
                         author="王主管")
    report = owner.team.pull()
    print("owner's pull:", report)
    assert owner.team.conflicts(), "the same field changed on two desks is a conflict"
    assert owner.team.proposals_to_decide(), "the agent's proposal reached the owner"
    return owner


def main() -> int:
    session = start_demo_session("deskbook-team-shots-")
    app, out, scratch = session.app, session.out, session.scratch
    session.desk.close()
    owner = _prepare(scratch)
    owner.prepare_index()
    if owner.needs_rebuild():
        owner.reindex()
    window = open_window(owner, scratch, 1280, 820)

    save = saver(window, out)

    def queue_tab(panel_name: str) -> None:
        page = window.show_page("review")
        panel = getattr(page.team_queue, panel_name)
        page.tabs.setCurrentWidget(panel)
        panel.table.selectRow(0) if hasattr(panel, "table") else None

    steps = [
        lambda: window.show_page("team"),
        lambda: save("team_sync_status.png"),
        lambda: queue_tab("proposals"),
        lambda: save("team_proposal_in_owner_queue.png"),
        lambda: queue_tab("conflicts"),
        lambda: save("team_conflict_being_resolved.png"),
        lambda: (window.close(), app.quit()),
    ]

    run_steps(steps, 1500, 700)  # 700 ms: the panels read off the GUI thread, then paint
    code = app.exec()
    owner.close()
    return code


if __name__ == "__main__":
    sys.exit(main())

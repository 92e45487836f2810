"""The team library in the window: status bar, the 团队库 page, proposals and conflicts in the owner's queue."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QMessageBox

from app.model import Status
from app.team.gitrepo import init_bare
from app.ui.tasks import SynchronousRunner, TaskRunner
from tests.team_helpers import case, team_desk

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def library(tmp_path):
    path = tmp_path / "team.git"
    init_bare(path)
    return path


def _window(qtbot, desk, tmp_path, runner=None):
    from app.ui.language import install_language
    from app.ui.main_window import MainWindow

    install_language("en")
    settings = QSettings(str(tmp_path / f"{id(desk)}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(desk, runner=runner or SynchronousRunner(), settings=settings, tray=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if desk.settings.team_url and isinstance(window.context.runner, SynchronousRunner):
        qtbot.waitUntil(lambda: window._team_sync.status is not None, timeout=5000)  # the start-up sync ran
    return window


@pytest.fixture
def owner_and_agent(tmp_path, library, clock):
    owner = team_desk(tmp_path / "owner", library, clock, user="王主管")
    owner.create_article(case("发票开具说明", "在订单详情页申请电子发票"))
    owner.team.publish()
    agent = team_desk(tmp_path / "agent", library, clock, role="agent", user="小张")
    yield owner, agent
    owner.close()
    agent.close()


def test_the_status_bar_says_in_words_how_the_library_stands(qtbot, tmp_path, owner_and_agent):
    _owner, agent = owner_and_agent
    window = _window(qtbot, agent, tmp_path)
    label = window._team_sync.label
    assert label.isVisible() and label.text() == "Team library: synced just now"
    article_id = agent.list_articles()[0].id
    agent.update_article(agent.get_article(article_id).with_changes(body="本机改过"), "小张")
    window.context.nav.sig_data_changed.emit()
    assert label.text() == "Team library: synced just now, 1 local change(s)"  # an agent proposes, not publishes
    library_path = tmp_path / "team.git"
    library_path.rename(tmp_path / "gone.git")
    window._team_sync.sync()
    assert label.text() == "Team library: offline, 1 local change(s)"
    label.click()
    assert window.current_key() == "team"


def test_a_sync_runs_off_the_gui_thread_and_the_window_keeps_responding(qtbot, tmp_path, owner_and_agent):
    _owner, agent = owner_and_agent
    runner = TaskRunner()
    release, started = threading.Event(), threading.Event()
    real_sync = agent.team.sync

    def slow_sync():
        started.set()
        release.wait(10)
        return real_sync()

    agent.team.sync = slow_sync
    window = _window(qtbot, agent, tmp_path, runner)
    controller = window._team_sync
    qtbot.waitUntil(started.is_set, timeout=5000)  # the start-up pull is running on a worker
    ticks = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=3000)  # the event loop turns meanwhile
    assert controller.syncing and controller.label.text() == "Team library: syncing…"
    release.set()
    qtbot.waitUntil(lambda: not controller.syncing, timeout=10000)
    qtbot.waitUntil(lambda: controller.label.text().startswith("Team library: synced"), timeout=5000)
    timer.stop()
    runner.pool.waitForDone(5000)


def test_connecting_from_the_team_page(qtbot, tmp_path, library, clock, monkeypatch):
    owner = team_desk(tmp_path / "owner", library, clock)
    owner.create_article(case("账号冻结处理", "核实身份后解冻"))
    owner.team.publish()
    desk = team_desk(tmp_path / "new-desk", library, clock, role="agent", connect=False)
    window = _window(qtbot, desk, tmp_path)
    page = window.show_page("team")
    assert "not connected" in page.status_label.text()
    page.url_edit.setText(str(library))
    page.connect_button.click()
    assert desk.settings.team_url == str(library)
    assert [a.title for a in desk.list_articles()] == ["账号冻结处理"]
    assert page.status_label.text().startswith("Team library: synced")
    assert window._team_sync.label.isVisible()
    warnings = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: warnings.append(box.text()) or 0)
    page.url_edit.setText(str(tmp_path / "other.git"))
    page.connect_button.click()
    assert warnings and "已连接到另一个团队库" in warnings[0]
    owner.close()
    desk.close()


def test_an_agents_proposal_is_accepted_from_the_owners_queue(qtbot, tmp_path, owner_and_agent):
    owner, agent = owner_and_agent
    draft = agent.create_article(case("电子发票重发", "在发票页点击重新发送").with_changes(status=Status.DRAFT))
    agent.team.propose(draft.id, "客户常问")
    owner.settings.role = "owner"
    window = _window(qtbot, owner, tmp_path)  # the start-up pull brings the proposal
    page = window.show_page("review")
    team = page.team_queue
    assert page.tabs.tabText(team.proposals_index) == "Proposals (1)"
    page.tabs.setCurrentIndex(team.proposals_index)
    panel = team.proposals
    assert panel.table.item(0, 0).text() == "电子发票重发" and panel.table.item(0, 2).text() == "小张"
    assert "客户常问" in panel.about.text()
    assert "在发票页点击重新发送" in panel.preview.toPlainText()
    panel.note.setText("已采纳，谢谢")
    panel.accept_button.click()
    assert page.tabs.tabText(team.proposals_index) == "Proposals"
    agent.team.pull()
    assert agent.team.my_proposals()[0].state == "accepted"
    assert agent.get_article(draft.id).status.value == "published"


def test_a_conflict_is_resolved_in_the_owners_queue(qtbot, tmp_path, owner_and_agent, clock):
    owner, _agent = owner_and_agent
    other = team_desk(tmp_path / "other-owner", tmp_path / "team.git", clock, user="李主管")
    article_id = owner.list_articles()[0].id
    other.update_article(other.get_article(article_id).with_changes(body="在“我的-发票”中申请"), "李主管")
    other.team.publish()
    owner.update_article(owner.get_article(article_id).with_changes(body="联系客服开具纸质发票"), "王主管")
    window = _window(qtbot, owner, tmp_path)  # the start-up sync finds the conflict
    page = window.show_page("review")
    team = page.team_queue
    assert page.tabs.tabText(team.conflicts_index) == "Conflicts (1)"
    page.tabs.setCurrentIndex(team.conflicts_index)
    panel = team.conflicts
    [field] = panel.fields
    assert field.name == "body" and field.title() == "正文"
    assert "李主管" in panel.heading.text()
    field.write.setChecked(True)
    assert field.editor.isVisible() and field.editor.toPlainText() == "联系客服开具纸质发票"
    field.editor.setPlainText("在“我的-发票”中申请；纸质发票请联系客服")
    panel.resolve_button.click()
    assert page.tabs.tabText(team.conflicts_index) == "Conflicts"
    assert owner.get_article(article_id).body == "在“我的-发票”中申请；纸质发票请联系客服"
    other.team.pull()
    assert other.get_article(article_id).body == "在“我的-发票”中申请；纸质发票请联系客服"
    other.close()


def test_after_a_decision_the_next_proposal_is_shown(qtbot, tmp_path, owner_and_agent):
    owner, agent = owner_and_agent
    for title in ("第一条建议", "第二条建议"):
        draft = agent.create_article(case(title, f"{title}的内容").with_changes(status=Status.DRAFT))
        agent.team.propose(draft.id)
    window = _window(qtbot, owner, tmp_path)
    panel = window.show_page("review").team_queue.proposals
    first = panel.table.item(0, 0).text()
    assert first in panel.preview.toPlainText()
    panel.accept_button.click()
    [remaining] = [p.title for p in panel.items]
    assert remaining != first and panel.table.item(0, 0).text() == remaining
    assert remaining in panel.preview.toPlainText() and first not in panel.preview.toPlainText()


def test_an_agent_proposes_the_article_on_screen(qtbot, tmp_path, owner_and_agent, monkeypatch):
    from app.ui.team_dialogs import ProposeDialog
    from app.ui.team_sync import propose_current

    owner, agent = owner_and_agent
    draft = agent.create_article(case("退款被拒的申诉", "提交凭证后重新审核").with_changes(status=Status.DRAFT))
    window = _window(qtbot, agent, tmp_path)
    dialogs = []
    monkeypatch.setattr(ProposeDialog, "open", lambda self: dialogs.append(self))
    monkeypatch.setattr("app.ui.curation_actions.CurationController.current_article_id", lambda self: draft.id)
    propose_current(window)
    [dialog] = dialogs
    dialog.note.setText("客户常问")
    dialog.buttons.accepted.emit()
    assert "sent to the KB owners" in window.statusBar().currentMessage()
    owner.team.pull()
    assert [(p.title, p.note) for p in owner.team.proposals_to_decide()] == [("退款被拒的申诉", "客户常问")]

"""Review queue, analytics, import dialog and the curation menu in the main window."""

from __future__ import annotations

import json

from PySide6.QtCore import QItemSelectionModel

from app.model import Kind
from app.ui.curation_actions import controller
from app.ui.import_dialog import ImportDialog


def _select_rows(table, rows):
    selection = table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(table.model().index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def test_verified_article_leaves_the_review_queue_and_health_rises(qtbot, window, demo_desk):
    demo_desk.settings.role = "owner"
    page = window.show_page("review")
    assert page is not None and window.current_key() == "review"
    stale = [i for i in page.model.items if i.stale]
    assert len(stale) >= 4  # the demo has articles verified long ago
    before = demo_desk.curation.health()
    row = page.model.items.index(stale[0])
    _select_rows(page.table, [row])
    assert page.verify_button.isEnabled()
    assert page.verify_selected() == 1
    assert stale[0].id not in [i.id for i in page.model.items]
    after = demo_desk.curation.health()
    assert after.verified_in_time == before.verified_in_time + 1
    assert after.percent_text() in page.health_label.text()


def test_bulk_verify_all_stale(qtbot, window, demo_desk):
    demo_desk.settings.role = "owner"
    page = window.show_page("review")
    page.soon_check.setChecked(False)
    page.select_stale()
    assert len(page.selected_ids()) == len(page.model.items) > 1
    page.verify_selected()
    assert page.model.rowCount() == 0
    assert demo_desk.curation.health().share == 1.0


def test_agent_sees_the_queue_but_is_guided_to_the_owner_role(qtbot, window, demo_desk):
    demo_desk.settings.role = "agent"
    page = window.show_page("review")
    page.reload()
    _select_rows(page.table, [0])
    assert not page.verify_button.isEnabled() and page.role_button.isVisibleTo(page)
    page.role_button.click()
    assert demo_desk.settings.role == "owner" and page.verify_button.isEnabled()


def test_analytics_page_lists_and_exports_csv(qtbot, window, demo_desk, tmp_path):
    # The demo's four weeks of use are there too: this script and this search must outnumber them.
    script = demo_desk.get_article("demo-script-004")
    most_copies = max(demo_desk.get_article(a.id).copies for a in demo_desk.list_articles(kind=Kind.SCRIPT))
    for _ in range(most_copies + 1 - script.copies):
        demo_desk.record_copy(script.id)
    most_zero = max((n for _q, n in demo_desk.search_log.zero_result_queries(1)), default=0)
    for _ in range(most_zero + 1):
        demo_desk.search("xyzzyqwv")
    controller(window).set_role("owner")
    page = window.show_page("analytics")
    assert page is not None
    assert page.models["script_copies"].rows[0][0][0] == script.title
    assert page.models["zero_result_searches"].rows[0][0][0] == "xyzzyqwv"
    path = page.export_csv(str(tmp_path / "统计.csv"))
    assert open(path, "rb").read().startswith(b"\xef\xbb\xbf")
    page.find_duplicates()
    assert page.models["duplicates"].rowCount() >= 1 and page.tabs.currentIndex() == 4


def test_import_dialog_previews_before_writing(qtbot, window, demo_desk, tmp_path):
    path = tmp_path / "新知识.jsonl"
    rows = [{"id": "n1", "title": "电子发票怎么下载", "body": "订单详情页下载"},
            {"id": "demo-case-001", "title": "退款申请后超过7天未到账", "body": "改过的正文"},
            {"id": "bad"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    count = demo_desk.articles.count()
    dialog = ImportDialog(window.context)
    qtbot.addWidget(dialog)
    dialog.set_path(str(path))
    assert [r.action for r in dialog.preview.rows] == ["create", "update", "refuse"]
    assert dialog.model.rowCount() == 3 and dialog.import_button.isEnabled()
    assert demo_desk.articles.count() == count  # nothing written by the preview
    with qtbot.waitSignal(window.context.nav.sig_data_changed):
        dialog.import_button.click()
    assert (dialog.report.created, dialog.report.updated, len(dialog.report.refused)) == (1, 1, 1)
    assert demo_desk.articles.count() == count + 1


def test_menu_actions_and_navigator_signals(qtbot, window, demo_desk):
    names = {a.objectName() for a in window.findChildren(type(window.menuBar().actions()[0]))}
    assert {"action:new_article", "action:import", "action:edit_article", "role:owner"} <= names
    controller(window).set_role("owner")
    assert "analytics" in [s.key for s in window.specs]
    controller(window).set_role("agent")
    assert "analytics" not in [s.key for s in window.specs] and "review" in [s.key for s in window.specs]
    case = demo_desk.get_article("demo-case-007")
    window.context.nav.sig_verify_article.emit(case.id)
    assert demo_desk.get_article(case.id).last_verified_at == demo_desk.clock()
    window.open_article(case.id)
    ctl = controller(window)
    assert ctl.current_article_id() == case.id
    window.findChild(type(window.menuBar().actions()[0]), "action:edit_article").trigger()
    assert case.id in ctl.editors
    ctl.editors[case.id].close()


def test_review_intervals_dialog_sets_kind_defaults(qtbot, window, demo_desk):
    from app.model import Kind
    from app.ui.review_settings_dialog import ReviewIntervalsDialog

    script = demo_desk.get_article("demo-script-001")
    assert script.review_interval_days == 90
    dialog = ReviewIntervalsDialog(window.context)
    qtbot.addWidget(dialog)
    dialog.spins[Kind.SCRIPT].setValue(60)
    with qtbot.waitSignal(window.context.nav.sig_data_changed):
        changed = dialog.apply()
    assert changed == demo_desk.articles.count(status=None) - len(
        [a for a in demo_desk.list_articles(include_archived=True) if a.kind is not Kind.SCRIPT])
    assert demo_desk.get_article(script.id).review_interval_days == 60
    assert demo_desk.settings.review_days_for("case") == 90


def test_suggested_similar_questions_are_accepted_or_dismissed_in_the_review_queue(qtbot, window, demo_desk):
    demo_desk.settings.role = "owner"
    refund, other = demo_desk.list_articles()[:2]
    for n in range(3):  # three search sessions that ended in the same articles
        demo_desk.learning.used(f"s{n}", refund.id, "钱什么时候退回来")
        demo_desk.learning.used(f"s{n}", other.id, "随便看看")
    page = window.show_page("review")
    page.tabs.setCurrentWidget(page.suggestions)
    panel = page.suggestions
    panel.reload()
    assert [p.query for p in panel.model.pairs] == ["钱什么时候退回来", "随便看看"]
    assert not panel.empty.isVisibleTo(panel)
    _select_rows(panel.table, [0])
    assert panel.accept_button.isEnabled()
    panel.accept_button.click()
    assert "钱什么时候退回来" in demo_desk.get_article(refund.id).phrasings
    assert [p.query for p in panel.model.pairs] == ["随便看看"]
    _select_rows(panel.table, [0])
    panel.dismiss_button.click()
    assert panel.model.rowCount() == 0 and panel.empty.isVisibleTo(panel)
    assert "随便看看" not in demo_desk.get_article(other.id).phrasings
    panel.boost.setChecked(True)
    assert demo_desk.settings.learnt_boost


def test_an_agent_cannot_accept_suggestions(qtbot, window, demo_desk):
    demo_desk.settings.role = "agent"
    refund = demo_desk.list_articles()[0]
    for n in range(3):
        demo_desk.learning.used(f"s{n}", refund.id, "钱什么时候退回来")
    panel = window.show_page("review").suggestions
    panel.reload()
    _select_rows(panel.table, [0])
    assert not panel.accept_button.isEnabled() and not panel.dismiss_button.isEnabled()

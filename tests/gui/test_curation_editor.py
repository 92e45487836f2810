"""The article editor and the history dialog: edit a published case, see the diff, restore; autosave; undo."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.model import Kind, Status
from app.ui.curation_actions import controller
from app.ui.editor import ArticleEditor
from app.ui.history_dialog import HistoryDialog


def _answer(monkeypatch, button):
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: button))


def test_edit_published_case_see_diff_and_restore(qtbot, window, demo_desk, monkeypatch):
    demo_desk.settings.role = "owner"  # an owner's save publishes (an agent's: tests/gui/test_edit_suggestions.py)
    case = demo_desk.get_article("demo-case-001")
    window.context.nav.sig_edit_article.emit(case.id)
    editor = controller(window).editors[case.id]
    assert editor.title_edit.text() == case.title
    assert editor.field_widgets[Kind.CASE]["cause"].toPlainText() == case.fields["cause"]
    new_body = case.body.replace("最常见", "最主要")
    editor.body_edit.setPlainText(new_body)
    editor.note_edit.setText("措辞")
    assert editor.is_dirty() and editor.windowTitle().startswith("●")
    editor.update_preview()
    assert "最主要" in editor.preview.toPlainText()
    editor.save_action.trigger()
    assert not editor.is_dirty()
    versions = demo_desk.versions(case.id)
    assert [(v.number, v.note) for v in versions][:1] == [(2, "措辞")]

    dialog = HistoryDialog(window.context, case.id)
    qtbot.addWidget(dialog)
    assert dialog.version_list.count() == 2 and dialog.selected().number == 1
    html = dialog.diff_view.toHtml()
    assert "最常" not in dialog.diff_view.toPlainText() or "主" in dialog.diff_view.toPlainText()
    assert "line-through" in dialog.diff_view.document().toHtml() or "text-decoration" in html
    assert dialog.diff_view.toPlainText().count("常") >= 1 and "主" in dialog.diff_view.toPlainText()
    dialog.side_radio.setChecked(True)
    assert "<table" in dialog.diff_view.document().toHtml() or dialog.diff_view.document().toPlainText()
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.restore_selected()
    restored = demo_desk.get_article(case.id)
    assert restored.body == case.body and restored.version == 3
    assert dialog.version_list.count() == 3 and dialog.selected().number == 3
    assert "恢复第 1 版" in dialog.version_list.item(0).text()
    editor.close()


def test_new_script_with_variants_and_phrasings_then_publish(qtbot, window, demo_desk):
    demo_desk.settings.role = "owner"
    editor = ArticleEditor(window.context, "", Kind.SCRIPT, ask_restore=False)
    qtbot.addWidget(editor)
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("script"))
    editor.title_edit.setText("  发票补开话术  ")
    widgets = editor.field_widgets[Kind.SCRIPT]
    widgets["reply"].setPlainText("{{ 客户姓名 }}您好，发票将在3个工作日内补开。")
    widgets["channel"].setCurrentText("chat")
    widgets["variants"].add_row("简短", "发票3天内补开")
    editor.phrasings.add_line("发票能补开吗")
    editor.tags_edit.setText("发票, 财务")
    assert set(editor.workflow_buttons) == {"submit", "publish"}
    editor.workflow_buttons["publish"].click()
    saved = demo_desk.get_article(editor.article.id)
    assert (saved.title, saved.kind, saved.status) == ("发票补开话术", Kind.SCRIPT, Status.PUBLISHED)
    assert saved.fields == {"channel": "chat", "reply": "{{ 客户姓名 }}您好，发票将在3个工作日内补开。",
                            "variants": {"简短": "发票3天内补开"}}
    assert saved.phrasings == ["发票能补开吗"] and saved.tags == ["发票", "财务"]
    assert [v.note for v in demo_desk.versions(saved.id)] == ["发布"]
    assert "archive" in editor.workflow_buttons and "publish" not in editor.workflow_buttons


def test_agent_gets_no_publish_button(qtbot, window, demo_desk):
    demo_desk.settings.role = "agent"
    editor = ArticleEditor(window.context, "", Kind.CASE, ask_restore=False)
    qtbot.addWidget(editor)
    assert list(editor.workflow_buttons) == ["submit"]


def test_duplicate_warning_links_to_the_existing_article(qtbot, window, demo_desk):
    existing = demo_desk.get_article("demo-case-001")
    editor = ArticleEditor(window.context, "", Kind.CASE, ask_restore=False)
    qtbot.addWidget(editor)
    editor.title_edit.setText(existing.title)
    editor.save()
    assert editor.duplicate_label.isVisibleTo(editor)
    assert f"deskbook://article/{existing.id}" in editor.duplicate_label.text()
    opened = []
    window.context.nav.sig_open_article.connect(opened.append)
    editor.duplicate_label.linkActivated.emit(f"deskbook://article/{existing.id}")
    assert opened == [existing.id]


def test_autosaved_changes_come_back_after_a_crash(qtbot, window, demo_desk, monkeypatch):
    demo_desk.settings.role = "owner"  # the restored text is saved straight to the published article
    case = demo_desk.get_article("demo-case-002")
    first = ArticleEditor(window.context, case.id, ask_restore=False)
    qtbot.addWidget(first)
    first.body_edit.setPlainText("崩溃前没保存的内容")
    first.phrasings.add_line("新的相似问")
    first.autosave()
    first.autosave_timer.stop()  # the "crash": the window goes away without closing normally
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    second = ArticleEditor(window.context, case.id)
    qtbot.addWidget(second)
    assert second.body_edit.toPlainText() == "崩溃前没保存的内容"
    assert "新的相似问" in second.phrasings.values()
    assert second.is_dirty()
    second.save()
    assert demo_desk.curation.buffers.load(f"article:{case.id}") is None
    assert demo_desk.get_article(case.id).body == "崩溃前没保存的内容"


def test_closing_with_unsaved_changes_asks(qtbot, window, demo_desk, monkeypatch):
    case = demo_desk.get_article("demo-case-003")
    editor = ArticleEditor(window.context, case.id, ask_restore=False)
    qtbot.addWidget(editor)
    editor.show()
    editor.title_edit.setText(case.title + "（新）")
    _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert editor.close() is False and editor.isVisible()
    _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    assert editor.close() is True
    assert demo_desk.get_article(case.id).title == case.title


def test_undo_and_redo_of_field_changes(qtbot, window, demo_desk):
    case = demo_desk.get_article("demo-case-001")
    editor = ArticleEditor(window.context, case.id, ask_restore=False)
    qtbot.addWidget(editor)
    before = editor.tags_edit.text()
    editor.tags_edit.setText(before + ", 新标签")
    editor.record_structured_change()
    editor.phrasings.add_line("再加一个")
    editor.record_structured_change()
    assert editor.undo_stack.count() == 2
    editor.undo_stack.undo()
    assert "再加一个" not in editor.phrasings.values() and "新标签" in editor.tags_edit.text()
    editor.undo_stack.undo()
    assert editor.tags_edit.text() == before and not editor.is_dirty()
    editor.undo_stack.redo()
    assert "新标签" in editor.tags_edit.text()


def test_open_editor_follows_a_restore_made_in_the_history(qtbot, window, demo_desk, monkeypatch):
    demo_desk.settings.role = "owner"  # restoring is an owner's; so is saving the published article directly
    case = demo_desk.get_article("demo-case-004")
    editor = ArticleEditor(window.context, case.id, ask_restore=False)
    qtbot.addWidget(editor)
    editor.body_edit.setPlainText("第二版正文")
    editor.save()
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog = HistoryDialog(window.context, case.id)
    qtbot.addWidget(dialog)
    dialog.version_list.setCurrentRow(1)
    dialog.restore_selected()  # emits sig_data_changed
    assert editor.body_edit.toPlainText() == case.body and editor.article.version == 3 and not editor.is_dirty()
    # with unsaved changes of its own, the editor keeps them and says what happened
    editor.body_edit.setPlainText("我自己的修改")
    demo_desk.update_article(demo_desk.get_article(case.id).with_changes(body="别处的修改"))
    window.context.nav.sig_data_changed.emit()
    assert editor.body_edit.toPlainText() == "我自己的修改" and "version 4" in editor.duplicate_label.text()
    editor.save()
    assert demo_desk.get_article(case.id).body == "我自己的修改" and demo_desk.get_article(case.id).version == 5


def test_a_scripts_channel_is_shown_in_chinese_and_stored_as_its_code(qtbot, window, demo_desk):
    script = demo_desk.get_article("demo-script-004")
    window.context.nav.sig_edit_article.emit(script.id)
    editor = controller(window).editors[script.id]
    combo = editor.field_widgets[Kind.SCRIPT]["channel"]
    assert combo.currentText() == "电话" and script.fields["channel"] == "phone"
    assert not editor.is_dirty()  # showing the code in Chinese is not a change
    assert [combo.itemText(i) for i in range(combo.count())] == ["", "在线聊天", "电话", "邮件", "App", "电商平台"]
    combo.setCurrentText("邮件")
    assert editor.is_dirty() and editor.build_article().fields["channel"] == "email"
    combo.setCurrentText("微信")  # a channel typed in words is kept as typed
    assert editor.build_article().fields["channel"] == "微信"

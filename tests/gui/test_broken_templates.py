"""A reply script with a broken template (``{{ 客户姓名 您好``): refused at import with the row's reason, refused at save
in the editor naming the field and line, and an old broken one still readable and copyable as it is."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QApplication, QMessageBox

from app.model import Kind, Status
from app.store.articles import article_to_row
from app.ui.editor import ArticleEditor
from app.ui.import_dialog import ImportDialog
from tests.helpers import make_article


def _warnings(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _parent, _title, text, *a: said.append(text)))
    # closing the refused editor at the end asks about its unsaved text: discarded here
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
    return said


def test_the_editor_refuses_a_broken_script_naming_the_variant_and_line(qtbot, window, demo_desk, monkeypatch):
    said = _warnings(monkeypatch)
    editor = ArticleEditor(window.context, "", Kind.SCRIPT, ask_restore=False)
    qtbot.addWidget(editor)
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("script"))
    editor.title_edit.setText("地址确认话术")
    widgets = editor.field_widgets[Kind.SCRIPT]
    widgets["reply"].setPlainText("您好\n{{ 客户姓名 您好")
    widgets["variants"].add_row("简短", "{{ 称呼 }}好")
    count = demo_desk.articles.count()
    assert editor.save() is False
    assert said == ["话术第 2 行有未闭合的 {{（缺少 }}）。"]
    assert demo_desk.articles.count() == count and editor.is_dirty()  # nothing written, nothing lost

    widgets["reply"].setPlainText("{{ 客户姓名 }}您好")
    widgets["variants"].add_row("正式", "尊敬的{{ 称呼")
    assert editor.save() is False and "变体“正式”第 1 行有未闭合的 {{" in said[-1]


def test_an_old_broken_script_says_why_in_chinese_and_copies_as_it_is(qtbot, window, demo_desk):
    broken = make_article("旧的地址话术", "", kind=Kind.SCRIPT, status=Status.PUBLISHED,
                          fields={"reply": "{{ 客户姓名 您好，地址已更新"})
    demo_desk.db["articles"].insert(article_to_row(broken))  # as an older version stored it
    window.open_article(broken.id)
    panel = window.current_page().reader.script_panel
    assert window.current_page().reader.currentWidget() is panel
    text = panel.state.text()
    assert "话术第 1 行有未闭合的 {{" in text and "unexpected" not in text
    assert not panel.copy_button.isEnabled() and panel.raw_button.isVisibleTo(panel)
    assert panel.preview.toPlainText() == "{{ 客户姓名 您好，地址已更新"
    panel.raw_button.click()
    assert QApplication.clipboard().text() == "{{ 客户姓名 您好，地址已更新"


def test_the_import_report_refuses_the_row_with_its_reason(qtbot, window, demo_desk, tmp_path):
    rows = [{"id": "ok", "kind": "script", "title": "好的话术", "reply": "{{ 客户姓名 }}您好"},
            {"id": "bad", "kind": "script", "title": "坏的话术", "reply": "{{ 客户姓名 您好"}]
    path = tmp_path / "scripts.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    dialog = ImportDialog(window.context)
    qtbot.addWidget(dialog)
    dialog.set_path(str(path))
    refused = [r for r in dialog.preview.rows if r.action == "refuse"]
    assert [r.title for r in refused] == ["坏的话术"] and "话术第 1 行有未闭合的 {{" in refused[0].reason
    dialog.import_button.click()
    assert dialog.report.created == 1 and "话术第 1 行有未闭合的 {{" in dialog.report.refused[0].reason

"""The import dialog in Chinese: each refused row says why in full (wrapped, with the whole text as a tooltip), the
summary counts created/updated/refused in Chinese, and 共 N 篇 in the status bar follows the import at once."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from app.ui.import_dialog import ImportDialog
from app.ui.language import install_language


def test_refusals_and_the_summary_in_chinese_and_the_count_refreshes(qtbot, window, demo_desk, tmp_path):
    install_language("zh_CN")
    qtbot.waitUntil(lambda: window.index_label.text() == f"共 {demo_desk.count_articles()} 篇", timeout=3000)
    before = demo_desk.count_articles()
    rows = [{"id": "n1", "title": "电子发票怎么下载", "body": "订单详情页下载"},
            {"id": "n2", "title": "状态写错了", "status": "已上线"},
            {"id": "n3", "kind": "script", "title": "坏的话术", "reply": "{{ 客户姓名 您好"}]
    path = tmp_path / "新知识.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n{不是 JSON\n", "utf-8")
    dialog = ImportDialog(window.context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_path(str(path))
    assert dialog.summary.text().startswith("将新建 1 篇，更新 0 篇（其中 0 篇无变化），拒绝 3 行。")
    model = dialog.model
    assert [model.index(r, 1).data() for r in range(4)] == ["新建", "拒绝", "拒绝", "拒绝"]
    reasons = [model.index(r, 4).data() for r in range(1, 4)]
    assert reasons[0].startswith("不认识的状态 '已上线'（可用 草稿/审核中/已发布/已归档")
    assert reasons[1] == "话术第 1 行有未闭合的 {{（缺少 }}）"
    assert reasons[2] == "不是有效的 JSON（第 2 列：字段名要用英文双引号括起来）"
    # the long reason is not cut off: its cell wraps to a taller row, and the tooltip holds all of it
    assert model.index(1, 4).data(Qt.ItemDataRole.ToolTipRole) == reasons[0]
    assert dialog.table.wordWrap() and dialog.table.rowHeight(1) > dialog.table.rowHeight(0)

    dialog.import_button.click()
    assert dialog.summary.text() == "已导入：新建 1 篇，更新 0 篇，拒绝 3 行。被拒绝的行及原因见上表。"
    assert window.index_label.text() == f"共 {before + 1} 篇"  # no restart needed

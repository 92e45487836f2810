"""Walk through a KB owner's curation on the demo knowledge base and save screenshots (tools/curation_screenshots.sh).

The "done when" of the curation issue, as a user would do it: open the review queue, edit a published case,
look at the character-level diff, restore the old text, verify an article and see it leave the queue.
Each step runs from the event loop after the previous one has painted. Prints what it checked.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import QMessageBox

from tools.demo_session import open_window, start_demo_session


def main() -> int:
    session = start_demo_session("deskbook-curation-")
    app, desk, out, scratch = session.app, session.desk, session.out, session.scratch
    desk.settings.user_name = "王敏"
    desk.settings.role = "owner"
    from app.ui.curation_actions import controller
    window = open_window(desk, scratch, 1400, 860)
    ctl = controller(window)
    state: dict = {}
    # "Yes" to the restore confirmation, as the user would click it
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)

    def grab(widget, name: str) -> None:
        widget.grab().save(str(out / name))
        print("saved", out / name)

    def review_queue() -> None:
        page = window.show_page("review")
        state["queue_before"] = [i.title for i in page.model.items if i.stale]
        state["health_before"] = desk.curation.health().percent_text()
        print("review queue (stale):", state["queue_before"], "health", state["health_before"])

    def edit_case() -> None:
        case = desk.get_article("demo-case-001")
        state["case"] = case
        editor = ctl.edit_article(case.id)
        editor.resize(1300, 840)
        editor.body_edit.setPlainText(case.body.replace("最常见的原因", "最主要的原因").replace("再把", "然后把"))
        cause = editor.field_widgets[case.kind]["cause"]
        cause.setPlainText(case.fields["cause"].replace("额外处理时间", "1–3个工作日的处理时间"))
        editor.phrasings.add_line("退款七天了还没到")
        editor.note_edit.setText("按新的银行处理时间修订")
        editor.update_preview()
        state["editor"] = editor

    def save_editor() -> None:
        editor = state["editor"]
        editor.save_action.trigger()
        print("saved version", editor.article.version, "dirty:", editor.is_dirty())

    def history() -> None:
        dialog = ctl.show_history(state["case"].id)
        dialog.resize(1200, 720)
        state["history"] = dialog

    def side_by_side() -> None:
        state["history"].side_radio.setChecked(True)

    def inline() -> None:
        state["history"].inline_radio.setChecked(True)

    def restore() -> None:
        dialog = state["history"]
        dialog.version_list.setCurrentRow(1)  # version 1
        dialog.restore_selected()
        article = desk.get_article(state["case"].id)
        print("restored: body back to v1:", article.body == state["case"].body, "now version", article.version)

    def verify_first_stale() -> None:
        state["history"].close()
        state["editor"].close()
        page = window.show_page("review")
        row = next(r for r, i in enumerate(page.model.items) if i.stale)
        state["verified_title"] = page.model.items[row].title
        page.table.selectionModel().select(
            page.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def verify() -> None:
        page = window.current_page()
        page.verify_selected()
        titles = [i.title for i in page.model.items]
        print("verified", state["verified_title"], "left the queue:", state["verified_title"] not in titles,
              "health", state["health_before"], "→", desk.curation.health().percent_text())

    def analytics() -> None:
        for ref in ("demo-case-003", "demo-case-003", "demo-script-004"):
            desk.record_view(desk.get_article(ref).id)
        desk.record_copy(desk.get_article("demo-script-004").id)
        desk.search("发票抬头怎么改成公司")
        desk.search("xyzzy 会员积分兑换")
        window.show_page("analytics")
        window.current_page().reload()

    def import_preview() -> None:
        import json

        source = scratch / "新增知识.jsonl"
        rows = [
            {"id": "demo-case-001", "title": "退款申请后超过7天未到账", "body": "导入时改过的正文"},
            {"id": "kb-2026-101", "title": "电子发票如何下载", "kind": "case", "body": "订单详情页 → 发票 → 下载"},
            {"id": "kb-2026-102", "title": "会员积分兑换失败", "kind": "case", "status": "草稿"},
            {"id": "kb-2026-103", "body": "这一行没有标题"},
            {"id": "kb-2026-104", "title": "退货地址查询", "kind": "话术", "status": "已发布"},
        ]
        source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
        dialog = ctl.import_dialog()
        dialog.resize(1000, 460)
        dialog.set_path(str(source))
        state["import"] = dialog

    steps = [
        review_queue,
        lambda: grab(window, "review-queue.png"),
        edit_case,
        lambda: grab(state["editor"], "editor.png"),
        save_editor,
        history,
        lambda: grab(state["history"], "history-diff.png"),
        side_by_side,
        lambda: grab(state["history"], "history-diff-side-by-side.png"),
        inline,
        restore,
        lambda: grab(state["history"], "history-restored.png"),
        verify_first_stale,
        verify,
        lambda: grab(window, "review-queue-verified.png"),
        analytics,
        lambda: grab(window, "analytics.png"),
        import_preview,
        lambda: print("import preview:", state["import"].summary.text()),
        lambda: print("import preview:", state["import"].summary.text()),
        lambda: print("import preview:", state["import"].summary.text()),
        lambda: grab(state["import"], "import-preview.png"),
        lambda: (state["import"].close(), window.close(), app.quit()),
    ]
    for number, step in enumerate(steps):
        QTimer.singleShot(1000 + number * 700, step)
    code = app.exec()
    desk.close()
    return code


if __name__ == "__main__":
    sys.exit(main())

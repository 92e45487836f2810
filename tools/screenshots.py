"""Drive the real app on the demo knowledge base and save screenshots (run through tools/screenshots.sh).

Each step runs from the event loop after the previous one has painted, like an agent would use the window.
"""

from __future__ import annotations

import sys

from tools.demo_session import open_window, run_steps, saver, start_demo_session


def main() -> int:
    session = start_demo_session("deskbook-shots-")
    app, desk, out, scratch = session.app, session.desk, session.out, session.scratch
    window = open_window(desk, scratch, 1400, 860)

    save = saver(window, out)

    def search(text: str) -> None:
        window.show_page("search")
        window.search_field.setText(text)

    def open_ref(ref: str) -> None:
        window.show_page("search")
        window.open_article(desk.get_article(ref).id)

    def fill_script() -> None:
        panel = window.current_page().reader.script_panel
        for name, value in {"客户姓名": "王女士", "问题": "退款申请7天未到账", "原因": "银行入账需要额外处理时间",
                            "解决步骤": "提供退款流水号并协助向银行查询"}.items():
            panel.set_value(name, value)
        panel.editors["完成时间"].setFocus()

    def handbook() -> None:
        page = window.show_page("handbook")
        spin = next(page.model.item(i) for i in range(page.model.rowCount()) if page.model.item(i).text() == "SPIN")
        login = next(spin.child(i) for i in range(spin.rowCount()) if "登录" in spin.child(i).text())
        page.tree.setCurrentIndex(page.proxy.mapFromSource(login.index()))
        for check in page.entry.checks[:2]:
            check.setChecked(True)

    steps = [
        lambda: search("退款 到账"),
        lambda: save("search.png"),
        lambda: search("重复扣款"),
        lambda: open_ref("demo-case-003"),
        lambda: save("case.png"),
        lambda: search("方案确认"),
        lambda: open_ref("demo-script-004"),
        fill_script,
        lambda: save("script.png"),
        handbook,
        lambda: save("handbook.png"),
        lambda: window.show_page("today"),
        lambda: save("today.png"),
        lambda: (window.close(), app.quit()),
    ]
    def settled() -> bool:
        """The lane is idle and the list shows the field's query: safe to take the next step."""
        page = window.page("search")
        return not page.lane.busy and page.session.shown_generation == page.session.generation

    run_steps(steps, 800, 400, settled)  # 400 ms: the step's results and paint arrive
    code = app.exec()
    desk.close()
    return code


if __name__ == "__main__":
    sys.exit(main())

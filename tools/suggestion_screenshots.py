"""Screenshot of the review queue's 建议的相似问 tab after a simulated week of agents' searches and copies.

    Xvfb :N & DISPLAY=:N .venv/bin/python -m tools.suggestion_screenshots [--out docs/screenshots]
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QItemSelectionModel, QTimer

from tools.demo_session import open_window, start_demo_session

USES = [("钱什么时候能退回来", "退款", 5), ("退款 几天到账", "退款", 4), ("怎么开发票", "发票", 3), ("改收货地址", "地址", 3)]


def main() -> int:
    session = start_demo_session("deskbook-suggestions-")
    app, desk, out, scratch = session.app, session.desk, session.out, session.scratch
    desk.settings.role = "owner"
    articles = desk.list_articles()
    for query, word, sessions in USES:
        article = next((a for a in articles if word in a.title), articles[0])
        for n in range(sessions):
            desk.learning.used(f"{query}-{n}", article.id, query)
    window = open_window(desk, scratch, 1280, 800)

    def show_tab() -> None:
        page = window.show_page("review")
        page.tabs.setCurrentWidget(page.suggestions)
        page.suggestions.reload()

    def select_first() -> None:
        panel = window.page("review").suggestions
        panel.table.selectionModel().select(panel.table.model().index(0, 0), QItemSelectionModel.SelectionFlag.Select
                                            | QItemSelectionModel.SelectionFlag.Rows)
        print("suggestions:", [(p.query, p.article_title, p.sessions) for p in panel.model.pairs])

    def grab() -> None:
        window.grab().save(str(out / "suggestions.png"))
        print("saved", out / "suggestions.png")
        app.quit()

    QTimer.singleShot(300, show_tab)
    QTimer.singleShot(900, select_first)
    QTimer.singleShot(1500, grab)
    app.exec()
    desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

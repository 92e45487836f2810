"""Issue 18, items 1–2 (and 10 in the import dialog): article and record data never becomes markup, and Markdown
never freezes the window.

Before: the handbook page put the title and body into a plain QLabel, which detects rich text, so an imported body
``<img src="/dev/zero">`` made the GUI read until memory ran out; ``request_form.py`` did
``QLabel(f"<b>{article.title}</b>")``; a 16 KB body of ``[a](`` froze the reading pane for 7 s.
"""

from __future__ import annotations

import html
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QApplication, QLabel, QTextEdit

from app.model import Article, Kind, Status
from app.model.records import Request
from app.ui.context import AppContext
from app.ui.tasks import SynchronousRunner

IMG = '<img src="file:///etc/hostname">'
MARK = '<font color="red">注入</font>'  # not an allowed tag: sanitised Markdown drops it, plain text shows it
HOSTILE = f"{IMG}{MARK}&amp;<b>粗</b>"


def _hostile_articles(desk) -> list[Article]:
    made = [
        Article(kind=Kind.CASE, title=f"退款{HOSTILE}", body=f"正文 {HOSTILE}\n\n[a]({IMG})", status=Status.PUBLISHED,
                group=HOSTILE, tags=[HOSTILE], fields={"problem": HOSTILE, "statement": HOSTILE, "cause": HOSTILE,
                                                        "solution": HOSTILE, "key_points": HOSTILE}),
        Article(kind=Kind.SCRIPT, title=f"话术{HOSTILE}", body=HOSTILE, status=Status.PUBLISHED, group=HOSTILE,
                fields={"scenario": HOSTILE, "channel": HOSTILE, "reply": "{{ 客户姓名 }}" + HOSTILE,
                        "variants": {HOSTILE: HOSTILE}}),
        Article(kind=Kind.HANDBOOK, title=f"手册{HOSTILE}", body=HOSTILE, status=Status.PUBLISHED, group=HOSTILE,
                fields={"method": HOSTILE, "scenario": HOSTILE, "questions": [{"group": HOSTILE, "text": HOSTILE}],
                        "restatements": [{"said": HOSTILE, "standard": HOSTILE}], "next_steps": HOSTILE}),
    ]
    return [desk.create_article(article) for article in made]


def _labels_showing_markup(root_widgets) -> list[str]:
    """Labels whose user data would be read as markup: rich (or auto-detected rich) text holding raw tags."""
    bad = []
    for root in root_widgets:
        for label in [root, *root.findChildren(QLabel)] if isinstance(root, QLabel) else root.findChildren(QLabel):
            text, fmt = label.text(), label.textFormat()
            rich = fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText and QtGui.mightBeRichText(text))
            if rich and ("<img" in text.lower() or "<font" in text.lower()):
                bad.append(f"{label.objectName() or type(label.parent()).__name__}: {text[:80]}")
        for browser in root.findChildren(QTextEdit):
            if "<img" in browser.toHtml().lower():
                bad.append(f"text view {browser.objectName()}: an image")
    return bad


@pytest.mark.timeout(120)
def test_every_widget_showing_article_or_record_data_keeps_markup_as_text(qtbot, window, demo_desk):
    articles = _hostile_articles(demo_desk)
    request = demo_desk.records.create(Request(customer=HOSTILE, what=f"问题{HOSTILE}", company=HOSTILE,
                                               contact=HOSTILE, assignee=HOSTILE, group=HOSTILE, how=HOSTILE))
    demo_desk.records.add_progress(request.id, HOSTILE)
    for article in articles:
        window.open_article(article.id)
        QApplication.processEvents()
        assert not _labels_showing_markup([window]), article.kind
    page = window.show_page("handbook")
    page.entry.show_entry(articles[2])
    window.open_request(request.id)
    for key in ("today", "review", "requests", "search"):
        window.show_page(key)
        QApplication.processEvents()
    assert not _labels_showing_markup([window, *QApplication.topLevelWidgets()])


def test_the_need_record_form_escapes_the_handbook_title(qtbot, demo_desk):
    from app.ui.request_form import RequestForm

    handbook = _hostile_articles(demo_desk)[2]
    form = RequestForm(AppContext(demo_desk, SynchronousRunner()), handbook_article_id=handbook.id, ticked=[])
    qtbot.addWidget(form)
    assert not _labels_showing_markup([form])
    assert any(html.escape(HOSTILE)[:30] in label.text() for label in form.findChildren(QLabel))


def test_error_dialogs_show_messages_as_text(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.ui.errors import show_error

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.textFormat()))
    show_error(None, ValueError(f"文件 {HOSTILE}.csv 无法导入"))
    assert shown == [Qt.TextFormat.PlainText]


# --- item 2 ------------------------------------------------------------------------------------------------------
SLOW_MARKDOWN = ["[a](" * 16_000, "![" * 16_000, "<a " * 12_000, "a\n=\n" * 8_000]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("body", SLOW_MARKDOWN, ids=["links", "images", "tags", "headings"])
def test_slow_markdown_is_bounded_and_laid_out_off_the_gui_thread(qtbot, body):
    from app.rendering import render_markdown

    started = time.monotonic()
    rendered = render_markdown(body)
    assert time.monotonic() - started < 3  # before: 7 s for 16 KB, over a minute for 64 KB
    assert "按纯文本显示" in rendered


def test_a_long_article_shows_at_once_and_is_laid_out_in_the_background(qtbot, demo_desk):
    from app.ui.article_view import ArticleView
    from app.ui.search_session import SerialLane

    class Deferred:
        """A runner that keeps the job until the test lets it run (as a worker thread would, later)."""

        def __init__(self):
            self.jobs = []

        def run(self, fn, on_done=None, on_error=None, on_progress=None):
            self.jobs.append((fn, on_done))

    runner = Deferred()
    view = ArticleView()
    qtbot.addWidget(view)
    article = demo_desk.create_article(Article(kind=Kind.CASE, title="很长的文章", body="[a](" * 16_000))
    started = time.monotonic()
    view.show_article(article, demo_desk.clock(), lane=SerialLane(runner))
    assert time.monotonic() - started < 0.5  # the GUI thread did not lay out the Markdown
    assert "很长的文章" in view.toPlainText() and len(runner.jobs) == 1
    fn, on_done = runner.jobs.pop()
    on_done(fn())
    assert "按纯文本显示" in view.toPlainText() or "plain text" in view.toPlainText()


# --- item 10: choosing the encoding in the import dialog ------------------------------------------------------------
def test_the_import_dialog_lets_the_user_choose_the_encoding(qtbot, demo_desk, tmp_path):
    from app.ui.import_dialog import ImportDialog

    path = tmp_path / "short.csv"
    path.write_bytes("id,title\r\nk1,爱安\r\n".encode("gbk"))  # also valid Big5 (乾假): the guess is unsure
    dialog = ImportDialog(AppContext(demo_desk, SynchronousRunner()))
    qtbot.addWidget(dialog)
    dialog.set_path(str(path))
    assert "garbled" in dialog.summary.text() or "乱码" in dialog.summary.text()
    assert dialog.preview.rows[0].title == "爱安"
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("big5"))
    assert dialog.preview.rows[0].title == "乾假"
    dialog.run_import()
    assert demo_desk.get_article("k1").title == "乾假"

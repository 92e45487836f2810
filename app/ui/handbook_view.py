"""One handbook entry: the questions to ask as a checklist (with the customer's answer noted beside each),
restatement examples, next steps, and a way to start a need record from what was asked.

"Start a need record" asks the navigator (``sig_new_request``); the main window opens the intake form, so the button
works wherever the entry is shown (the handbook page, the reading pane), whichever pages were visited before.
"""

from __future__ import annotations

from html import escape
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.model import Article
from app.ui.article_view import SYNC_MARKDOWN_CHARS, markdown_html
from app.ui.context import AppContext
from app.ui.search_session import SerialLane
from app.ui.style import CSS_FONT_STACK

# SPIN and 5W1H groups get a short explanation under their name.
GROUP_HINTS = {
    "情境": "S：了解客户的现状和背景", "问题": "P：找出客户的难点和不满", "影响": "I：弄清问题带来的影响有多大",
    "需求回报": "N：让客户说出解决后的价值",
    "What": "具体问题", "When": "首次发生时间，是否持续", "Where": "场景：电脑端 / 手机App端", "Who": "涉及人员或部门",
    "Why": "客户认为的原因", "How": "客户期望的解决效果",
}


def _steps_html(steps: str) -> str:
    # No line-height here: QLabel applies it unevenly to list items; the list's own spacing reads fine.
    return f"<div style=\"font-family:{CSS_FONT_STACK};\">{markdown_html(steps)}</div>"


class HandbookEntryView(QWidget):
    sig_start_need_record = Signal(str, list, dict)  # article id, ticked questions, answers by question

    def __init__(self, context: AppContext, lane: SerialLane | None = None, parent=None):
        super().__init__(parent)
        self.context, self.lane = context, lane
        self.article: Article | None = None
        self.checks: list[QCheckBox] = []
        self.answer_edits: list[QLineEdit] = []  # beside each check: what the customer answered

        # Plain text: a title or body holding <img src="/dev/zero"> must be shown, never loaded.
        self.title = QLabel(objectName="pageTitle", wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.meta = QLabel(objectName="hint", wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.intro = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.questions_box = QFrame(objectName="card")
        self.questions_layout = QVBoxLayout(self.questions_box)
        self.questions_layout.setContentsMargins(14, 10, 14, 12)
        self.restatements = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.next_steps = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.next_steps.setOpenExternalLinks(False)
        self.start_button = QPushButton(objectName="primary")
        self.start_button.clicked.connect(self.start_need_record)
        self.ticked_label = QLabel(objectName="hint")

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(18, 16, 18, 16)
        column.setSpacing(8)
        column.addWidget(self.title)
        column.addWidget(self.meta)
        column.addWidget(self.intro)
        column.addWidget(QLabel(self.tr("Questions to ask"), objectName="sectionTitle"))
        column.addWidget(self.questions_box)
        self.restatement_title = QLabel(self.tr("Restatement examples"), objectName="sectionTitle")
        column.addWidget(self.restatement_title)
        column.addWidget(self.restatements)
        self.next_title = QLabel(self.tr("Next steps"), objectName="sectionTitle")
        column.addWidget(self.next_title)
        column.addWidget(self.next_steps)
        column.addStretch(1)
        self.scroll_area = scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(inner)
        # The action stays in view below the scrolling entry: the agent ticks questions while talking.
        row = QHBoxLayout()
        row.setContentsMargins(18, 8, 18, 8)
        row.addWidget(self.ticked_label, 1)
        row.addWidget(self.start_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(scroll, 1)
        outer.addLayout(row)
        self._update_ticked()

    def show_entry(self, article: Article) -> None:
        self.article = article
        self.title.setText(article.title)
        method = article.field_text("method")
        self.meta.setText(" · ".join(x for x in [method, article.field_text("scenario"), article.group] if x))
        self.intro.setText(article.body)
        self.intro.setVisible(bool(article.body.strip()))
        self._fill_questions(article.fields.get("questions") or [])
        self._fill_restatements(article.fields.get("restatements") or [])
        steps = article.field_text("next_steps")
        self._show_next_steps(article, steps)
        self.next_title.setVisible(bool(steps))
        self.next_steps.setVisible(bool(steps))
        self._update_ticked()
        self.scroll_area.verticalScrollBar().setValue(0)  # another entry starts at its top

    def _show_next_steps(self, article: Article, steps: str) -> None:
        """Sanitised Markdown; long text is laid out off the GUI thread (shown as plain text meanwhile)."""
        if not steps:
            self.next_steps.setText("")
            return
        if self.lane is None or len(steps) <= SYNC_MARKDOWN_CHARS:
            self.next_steps.setText(_steps_html(steps))
            return
        self.next_steps.setText(self._html(escape(steps).replace("\n", "<br>")))
        self.lane.submit("layout-steps", lambda: _steps_html(steps),
                         lambda html: self.next_steps.setText(html) if self.article is article else None,
                         lambda _e, _d: None)

    def _fill_questions(self, questions: list) -> None:
        while self.questions_layout.count():
            item = self.questions_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()  # gone now, not when the event loop gets to deleting it
                item.widget().deleteLater()
        self.checks, self.answer_edits = [], []
        current_group = None
        for question in questions:
            group, text = (question.get("group", ""), question.get("text", "")) if isinstance(question, dict) \
                else ("", str(question))
            if group and group != current_group:
                current_group = group
                hint = GROUP_HINTS.get(group, "")
                label = QLabel(f"<b style='color:#6d28d9'>{escape(group)}</b>"
                               + (f" <span style='color:#9aa5b1'>{escape(hint)}</span>" if hint else ""))
                label.setContentsMargins(0, 6 if self.checks else 0, 0, 0)
                self.questions_layout.addWidget(label)
            self._add_question(group, text)
        if not self.checks:
            self.questions_layout.addWidget(QLabel(self.tr("No questions in this entry."), objectName="hint"))
        # Tab goes down the questions and their answers, then to the button below them (widgets made for each
        # entry would otherwise come after it)
        chain = [w for pair in zip(self.checks, self.answer_edits) for w in pair] + [self.start_button]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _add_question(self, group: str, text: str) -> None:
        check = QCheckBox(text)
        check.setProperty("group", group)
        check.toggled.connect(self._update_ticked)
        answer = QLineEdit(placeholderText=self.tr("The customer's answer (optional, goes into the need record)"))
        answer.setProperty("question", text)
        answer.setClearButtonEnabled(True)
        # Noting an answer means the question was asked.
        answer.textEdited.connect(lambda value, c=check: c.setChecked(True) if value.strip() else None)
        row = QWidget()  # a widget, not a layout: the next entry's _fill_questions deletes it with its field
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(24, 0, 0, 4)  # under the check's text, not its box
        row_layout.addWidget(answer)
        self.questions_layout.addWidget(check)
        self.questions_layout.addWidget(row)
        self.checks.append(check)
        self.answer_edits.append(answer)

    def _fill_restatements(self, rows: list) -> None:
        pairs = [(r.get("said", ""), r.get("standard", "")) for r in rows if isinstance(r, dict)]
        self.restatement_title.setVisible(bool(pairs))
        self.restatements.setVisible(bool(pairs))
        if not pairs:
            return
        said, standard = self.tr("Customer says"), self.tr("Standard statement")
        body = "".join(
            f"<tr><td style='color:#52606d'>“{escape(a)}”</td><td style='color:#9aa5b1'>→</td>"
            f"<td><b>{escape(b)}</b></td></tr>" for a, b in pairs
        )
        self.restatements.setText(self._html(
            f"<table cellspacing='0' cellpadding='5'><tr><th align='left'>{said}</th><th></th>"
            f"<th align='left'>{standard}</th></tr>{body}</table>"
        ))

    @staticmethod
    def _html(inner: str) -> str:
        return f"<div style=\"font-family:{CSS_FONT_STACK}; line-height:160%;\">{inner}</div>"

    def ticked_questions(self) -> list[str]:
        return [c.text() for c in self.checks if c.isChecked()]

    def answers(self) -> dict[str, str]:
        """The customer's answers noted so far, by question."""
        return {e.property("question"): e.text().strip() for e in self.answer_edits if e.text().strip()}

    def _update_ticked(self, *_args) -> None:
        count = len(self.ticked_questions())
        self.ticked_label.setText(self.tr("%1 of %2 questions asked").replace("%1", str(count))
                                  .replace("%2", str(len(self.checks))))
        self.start_button.setText(self.tr("Start a need record"))
        self.start_button.setEnabled(self.article is not None)

    def start_need_record(self) -> None:
        if self.article is None:
            return
        ticked, answers = self.ticked_questions(), self.answers()
        self.sig_start_need_record.emit(self.article.id, ticked, answers)
        self.context.nav.sig_new_request.emit(self.article.id, ticked, answers)

"""Small dialogs of the team library: sending an article to the KB owners as a proposal."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.ui.context import AppContext
from app.ui.errors import show_error


class ProposeDialog(QDialog):
    """"Propose to the team library": a note for the owner, then the proposal goes out in the background."""

    def __init__(self, context: AppContext, article_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.article_id = context, article_id
        article = context.desk.get_article(article_id)
        self.setWindowTitle(self.tr("Propose to the team library"))
        self.note = QLineEdit(objectName="proposalNote")
        self.note.setPlaceholderText(self.tr("A word for the KB owner, e.g. 客户常问，建议加入话术"))
        explain = QLabel(self.tr("“%1” goes to the KB owners, who accept or decline it. You see their answer after "
                                 "the next sync.").replace("%1", article.title), wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Send proposal"))
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    def send(self) -> None:
        self.buttons.setEnabled(False)
        desk, note = self.context.desk, self.note.text().strip()
        self.context.runner.run(lambda: desk.team.propose(self.article_id, note), self._sent, self._failed)

    def _sent(self, proposal) -> None:
        if proposal.state == "sent":
            text = self.tr("Proposal “%1” sent to the KB owners.")
        else:
            text = self.tr("Proposal “%1” saved; it is sent when the team library is reachable.")
        self.context.nav.sig_status.emit(text.replace("%1", proposal.title))
        self.context.nav.sig_data_changed.emit()
        self.accept()

    def _failed(self, error: BaseException, details: str) -> None:
        self.buttons.setEnabled(True)
        show_error(self, error, details)

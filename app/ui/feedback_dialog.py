"""Resolving a request with what the customer said (confirmed solved; 满意 / 一般 / 不满意 or a 1-5 score; a comment),
and recording that answer later when the survey comes back. The writes run on the background runner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.model.records import CustomerFeedback, Request, Satisfaction
from app.records.milestones import FeedbackInput
from app.ui.context import AppContext


class RequestPage(Protocol):
    """What these actions need of the request page (request_detail.RequestDetail): its request, its context, and
    the way it shows a change."""

    request: Request | None
    context: AppContext

    def _changed(self, message: str = "") -> None: ...


class FeedbackDialog(QDialog):
    """The customer's answer at resolution; every field may stay empty (not asked yet)."""

    def __init__(self, request: Request, *, resolving: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Resolve request") if resolving else self.tr("Customer feedback"))
        self.setMinimumWidth(420)
        self.confirmed = QCheckBox(self.tr("The customer confirmed the problem is solved"),
                                   objectName="confirmedSolved")
        self.confirmed.setChecked(request.feedback.confirmed_at is not None)
        self.confirmed.setEnabled(request.feedback.confirmed_at is None)  # a recorded confirmation stays
        self.rating = QComboBox(objectName="satisfaction")
        self.rating.addItem(self.tr("Not rated yet"), None)
        for level in Satisfaction:
            self.rating.addItem(level.value, level.value)
        for score in range(5, 0, -1):
            self.rating.addItem(self.tr("%1 of 5").replace("%1", str(score)), str(score))
        rated = request.feedback.satisfaction
        current = request.feedback.score or (rated.value if rated else None)
        self.rating.setCurrentIndex(max(self.rating.findData(str(current) if current else None), 0))
        self.comment = QLineEdit(request.feedback.comment, placeholderText=self.tr("What the customer said (optional)"))
        form = QFormLayout(self)
        if resolving:
            form.addRow(QLabel(self.tr("Mark %1 as resolved.").replace("%1", request.code), wordWrap=True))
        form.addRow(self.confirmed)
        form.addRow(self.tr("Satisfaction"), self.rating)
        form.addRow(self.tr("Comment"), self.comment)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def value(self) -> FeedbackInput:
        return FeedbackInput(confirmed=self.confirmed.isChecked() and self.confirmed.isEnabled(),
                             rating=self.rating.currentData(), comment=self.comment.text())


def feedback_summary(feedback: CustomerFeedback) -> str:
    """One line for the request page, e.g. 满意（4/5） · 客户确认已解决."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("FeedbackDialog", text)

    parts = []
    if feedback.satisfaction is not None:
        score = tr(QT_TRANSLATE_NOOP("FeedbackDialog", " (%1/5)")).replace("%1", str(feedback.score))
        parts.append(feedback.satisfaction.value + (score if feedback.score else ""))
    if feedback.confirmed_at is not None:
        parts.append(tr(QT_TRANSLATE_NOOP("FeedbackDialog", "customer confirmed solved")))
    return " · ".join(parts)


def _tr(text: str) -> str:
    """The request page's messages, in its translation context."""
    return QCoreApplication.translate("RequestDetail", text)


def _run(detail: RequestPage, write: Callable[[], Request], message: str) -> None:
    def done(_request: Request) -> None:
        detail._changed(message)

    def failed(error: BaseException, _details: str) -> None:
        detail.context.nav.sig_status.emit(str(error))

    detail.context.runner.write(write, done, failed)


def resolve_request(detail: RequestPage, dialog: FeedbackDialog | None = None) -> None:
    _ask_feedback(detail, dialog, resolving=True)


def record_feedback(detail: RequestPage, dialog: FeedbackDialog | None = None) -> None:
    _ask_feedback(detail, dialog, resolving=False)


def _ask_feedback(detail: RequestPage, dialog: FeedbackDialog | None, *, resolving: bool) -> None:
    """The customer's confirmation and satisfaction: at resolution, or recorded later for a resolved request."""
    request = detail.request
    if request is None:
        return
    dialog = dialog or FeedbackDialog(request, resolving=resolving, parent=detail)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    feedback, milestones = dialog.value(), detail.context.desk.milestones
    if resolving:
        _run(detail, lambda: milestones.resolve(request.id, feedback),
             _tr(QT_TRANSLATE_NOOP("RequestDetail", "Resolved")))
    else:
        _run(detail, lambda: milestones.record_feedback(request.id, feedback),
             _tr(QT_TRANSLATE_NOOP("RequestDetail", "Customer feedback recorded")))


def record_first_response(detail: RequestPage) -> None:
    request = detail.request
    if request is None:
        return
    milestones = detail.context.desk.milestones
    done = _tr(QT_TRANSLATE_NOOP("RequestDetail", "First response recorded"))
    _run(detail, lambda: milestones.record_first_response(request.id), done)

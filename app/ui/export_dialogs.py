"""Exports from the GUI: confirmation letters, tracking sheets and onboarding packs.

Each asks for a file name, confirms before overwriting, and writes off the GUI thread through
``context.runner``; the writers are atomic, so a failed export leaves no half-written file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QProgressBar,
    QRadioButton,
    QWidget,
)

from app.model.records import ProgressState, RequestStatus
from app.services import TrackingFilter
from app.ui.context import AppContext
from app.ui.errors import show_error
from app.ui.record_models import status_name

FILTERS = {
    "docx": "Word (*.docx)", "pdf": "PDF (*.pdf)", "xlsx": "Excel (*.xlsx)", "csv": "CSV (*.csv)", "png": "PNG (*.png)",
}


def choose_save_path(parent: QWidget | None, title: str, suggested: Path, fmt: str) -> Path | None:
    """The file dialog (tests replace this function). Overwriting is confirmed separately, once."""
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), FILTERS[fmt],
                                          options=QFileDialog.Option.DontConfirmOverwrite)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == f".{fmt}" else path.with_name(path.name + f".{fmt}")


def confirm_overwrite(parent: QWidget | None, path: Path) -> bool:
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("ExportDialogs", "Replace file?"),
        QCoreApplication.translate("ExportDialogs", "%1 already exists. Replace it?").replace("%1", str(path)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def default_folder() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def run_export(context: AppContext, parent: QWidget | None, title: str, suggested: Path, fmt: str,
               write: Callable[..., object], on_done: Callable[[Path], None] | None = None, *,
               bar: QProgressBar | None = None, busy: tuple[QWidget, ...] = ()) -> bool:
    """Ask for the path, confirm an overwrite, then run ``write(path, force)`` in the background — with a ``bar``,
    ``write(path, force, progress)``, shown on the bar while ``busy`` widgets wait. Returns False when the user
    cancelled."""
    path = choose_save_path(parent, title, suggested, fmt)
    if path is None:
        return False
    force = path.exists()
    if force and not confirm_overwrite(parent, path):
        return False
    for widget in busy:
        widget.setEnabled(False)
    if bar is not None:
        bar.setRange(0, 0)  # busy until the first article is laid out
        bar.show()

    def finished() -> None:
        for widget in busy:
            if shiboken6.isValid(widget):
                widget.setEnabled(True)
        if bar is not None and shiboken6.isValid(bar):
            bar.hide()

    def done(_result) -> None:
        finished()
        context.nav.sig_status.emit(QCoreApplication.translate("ExportDialogs", "Saved %1").replace("%1", str(path)))
        if on_done is not None:
            on_done(path)

    def failed(error: BaseException, details: str) -> None:
        finished()
        show_error(parent, error, details)

    def progress(step: int, total: int) -> None:
        if bar is not None and shiboken6.isValid(bar):
            bar.setRange(0, total)
            bar.setValue(step)

    if bar is None:
        context.runner.run(lambda: write(path, force), done, failed)
    else:
        context.runner.run(lambda report: write(path, force, report), done, failed, progress)
    return True


def _no_progress(_done: int, _total: int) -> None:
    pass


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def ask_export_anyway(parent: QWidget | None, warnings: list[str]) -> bool:
    """What the person exporting should know before the letter goes out (no plan yet …): export or go back.
    Tests replace this function."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("ExportDialogs", "Confirmation letter"),
                      "\n\n".join(warnings), QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(QCoreApplication.translate(
        "ExportDialogs", "You can add the solution plan first (cause and steps), or export the letter as it is."))
    export = box.addButton(QCoreApplication.translate("ExportDialogs", "Export anyway"),
                           QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    box.exec()
    return box.clickedButton() is export


def export_letter(context: AppContext, parent: QWidget | None, request_id: str, fmt: str) -> None:
    """Warn first when the letter needs it (no plan yet; for DOCX, an old Word template), then ask where to save.
    The warnings are read off the GUI thread: they open the Word template."""
    desk = context.desk
    request = desk.records.get(request_id)

    def write(path: Path, force: bool):
        return desk.documents.export_letter(request.id, path, fmt=fmt, force=force)

    def ask_then_export(warnings: list[str]) -> None:
        if warnings and not ask_export_anyway(parent, warnings):
            return
        title = QCoreApplication.translate("ExportDialogs", "Save confirmation letter")
        run_export(context, parent, title, default_folder() / f"客户确认函_{request.code}.{fmt}", fmt, write)

    context.runner.run(lambda: desk.documents.letter_warnings(request.id, fmt), ask_then_export,
                       lambda error, details: show_error(parent, error, details))


class TrackingExportDialog(QDialog):
    """Which rows (view, statuses, dates) and which format; then the export itself."""

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Export tracking sheet"))
        self.view = QComboBox()
        self.view.addItem(self.tr("One row per progress entry"), "entries")
        self.view.addItem(self.tr("One row per request"), "requests")
        self.status_boxes: dict[str, QCheckBox] = {}
        statuses = QHBoxLayout()
        for status in RequestStatus:
            box = QCheckBox(status_name(status))
            self.status_boxes[status.value] = box
            statuses.addWidget(box)
        states = QHBoxLayout()
        for state in ProgressState:
            box = QCheckBox(state.value)
            self.status_boxes[state.value] = box
            states.addWidget(box)
        self.use_dates = QCheckBox(self.tr("Only from"))
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-7), calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date_to = QDateEdit(today, calendarPopup=True, displayFormat="yyyy-MM-dd")
        dates = QHBoxLayout()
        dates.addWidget(self.use_dates)
        dates.addWidget(self.date_from)
        dates.addWidget(self.date_to)
        self.xlsx = QRadioButton("Excel (XLSX)", checked=True)
        self.csv = QRadioButton(self.tr("CSV (UTF-8 with BOM)"))
        formats = QHBoxLayout()
        group = QButtonGroup(self)
        for button in (self.xlsx, self.csv):
            group.addButton(button)
            formats.addWidget(button)
        form = QFormLayout(self)
        form.addRow(self.tr("Rows"), self.view)
        form.addRow(self.tr("Request status"), statuses)
        form.addRow(self.tr("Progress state"), states)
        form.addRow(self.tr("Dates"), dates)
        form.addRow(self.tr("Format"), formats)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(self.tr("Export…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def selection(self) -> TrackingFilter:
        chosen = tuple(key for key, box in self.status_boxes.items() if box.isChecked())
        if self.use_dates.isChecked():
            return TrackingFilter(chosen, self.date_from.date().toPython(), self.date_to.date().toPython())
        return TrackingFilter(chosen)

    def fmt(self) -> str:
        return "xlsx" if self.xlsx.isChecked() else "csv"

    def export(self) -> None:
        desk, view, flt, fmt = self.context.desk, self.view.currentData(), self.selection(), self.fmt()
        try:
            flt.validate()
        except ValueError as error:
            QMessageBox.warning(self, self.windowTitle(), str(error))
            return
        name = "沟通进度跟踪表" if view == "entries" else "需求跟踪总表"
        suggested = default_folder() / f"{name}_{desk.clock().astimezone():%Y%m%d}.{fmt}"
        started = run_export(self.context, self, self.windowTitle(), suggested, fmt,
                             lambda path, force: desk.documents.export_tracking(path, fmt=fmt, view=view, flt=flt,
                                                                               force=force))
        if started:
            self.accept()


def export_pack(context: AppContext, parent: QWidget | None, selection, fmt: str, *,
                bar: QProgressBar | None = None, busy: tuple[QWidget, ...] = ()) -> bool:
    """A booklet takes seconds: with a ``bar`` it shows how far the export is, article by article."""
    desk = context.desk
    title = QCoreApplication.translate("ExportDialogs", "Save onboarding pack")

    def write(path: Path, force: bool, progress: Callable[[int, int], None] = _no_progress):
        return desk.documents.export_pack(selection, path, fmt=fmt, force=force, progress=progress)

    return run_export(context, parent, title, default_folder() / f"{selection.title}.{fmt}", fmt, write,
                      bar=bar, busy=busy)

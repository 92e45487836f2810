"""Import from the GUI: choose a file or folder, see what would be created, updated or refused, then import.

The preview is a dry run of the same validation (``Deskbook.preview_import``); nothing is written until the user
presses Import. Both run off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from app.curation.import_preview import CREATE, REFUSE, UNCHANGED, UPDATE, ImportPreview
from app.services import ImportReport
from app.ui.context import AppContext
from app.ui.model_index import ROOT

WRAP_ROWS = 2000  # previews up to this many rows get rows as tall as their wrapped reasons (larger: the tooltip)
_COLOURS = {CREATE: "#047857", UPDATE: "#1d4ed8", UNCHANGED: "#66788a", REFUSE: "#b91c1c"}


class PreviewModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.preview: ImportPreview | None = None
        self.headers = [self.tr("Where"), self.tr("Will be"), self.tr("Title"), self.tr("Kind"), self.tr("Reason")]

    def set_preview(self, preview: ImportPreview | None) -> None:
        self.beginResetModel()
        self.preview = preview
        self.endResetModel()

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() or self.preview is None else len(self.preview.rows)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if self.preview is None or not index.isValid():
            return None
        row = self.preview.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            labels = {CREATE: self.tr("created"), UPDATE: self.tr("updated"), UNCHANGED: self.tr("unchanged"),
                      REFUSE: self.tr("refused")}
            return [row.where, labels[row.action], row.title, row.kind.label_zh if row.kind else "", row.reason][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (2, 4):
            return {2: row.title, 4: row.reason}[index.column()] or None  # the whole text of a long cell
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            return QBrush(QColor(_COLOURS[row.action]))
        return None


class ImportDialog(QDialog):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context, self.desk = context, context.desk
        self.path: str | None = None
        self.preview: ImportPreview | None = None
        self.report: ImportReport | None = None
        self.setWindowTitle(self.tr("Import articles"))
        self.resize(900, 600)
        self.path_label = QLabel(self.tr("Choose a JSONL, CSV or Excel file, or a folder of Markdown files."),
                                 wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        # The text encoding of CSV, JSONL and Markdown files: detected, or chosen when the detection is unsure.
        self.encoding = QComboBox(objectName="importEncoding")
        for label, codec in ((self.tr("Encoding: detect"), None), ("UTF-8", "utf-8"),
                             ("GB18030 / GBK", "gb18030"), ("Big5", "big5"), ("UTF-16", "utf-16")):
            self.encoding.addItem(label, codec)
        self.encoding.currentIndexChanged.connect(self._encoding_changed)
        self.file_button = QPushButton(self.tr("Choose file…"))
        self.folder_button = QPushButton(self.tr("Choose folder…"))
        self.file_button.clicked.connect(self.choose_file)
        self.folder_button.clicked.connect(self.choose_folder)
        self.model = PreviewModel(self)
        self.table = QTableView(objectName="importPreview")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)  # a refusal's reason is a sentence: wrapped in its cell, never cut off
        header = self.table.horizontalHeader()
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 240)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(objectName="importSummary", wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.hide()
        self.import_button = QPushButton(self.tr("Import"), objectName="runImport", enabled=False)
        self.import_button.clicked.connect(self.run_import)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(self.path_label, 1)
        top.addWidget(self.encoding)
        top.addWidget(self.file_button)
        top.addWidget(self.folder_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addStretch(1)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)  # a line of its own: the counts and the encoding warning are never squeezed
        layout.addLayout(bottom)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import file"), "", self.tr("Knowledge files (*.jsonl *.json *.csv *.xlsx *.md)"))
        if path:
            self.set_path(path)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder of Markdown files"))
        if path:
            self.set_path(path)

    def set_path(self, path: str) -> None:
        """Show ``path`` and start its preview (a dry run; nothing is written)."""
        self.path, self.preview, self.report = str(path), None, None
        self.path_label.setText(self.path)
        self.model.set_preview(None)
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Checking…"))
        self._busy(True)
        path, encoding = self.path, self.encoding.currentData()
        self.context.runner.run(lambda progress: self.desk.preview_import(path, progress, encoding=encoding),
                                self._previewed, self._failed, self._progress)

    def _encoding_changed(self, _index: int) -> None:
        if self.path:
            self.set_path(self.path)

    def _previewed(self, preview: ImportPreview) -> None:
        self._busy(False)
        self.preview = preview
        self.model.set_preview(preview)
        if len(preview.rows) <= WRAP_ROWS:  # measuring every row of a huge file would freeze the dialog
            self.table.resizeRowsToContents()
        summary = (
            self.tr("Will create %1, update %2 (%3 of them unchanged), refuse %4. Nothing has been written yet.")
            .replace("%1", str(preview.created)).replace("%2", str(preview.updated))
            .replace("%3", str(preview.unchanged)).replace("%4", str(preview.refused)))
        if preview.uncertain_encodings:
            guessed = ", ".join(guess.label for guess in preview.uncertain_encodings.values())
            summary += "\n" + self.tr("The text encoding was guessed (%1) and may be wrong: if the titles look "
                                       "garbled, choose the encoding.").replace("%1", guessed)
        self.summary.setText(summary)
        self.import_button.setEnabled(preview.created + preview.updated - preview.unchanged > 0)

    def run_import(self) -> None:
        if not self.path:
            return
        self.import_button.setEnabled(False)
        self._busy(True)
        author, path, encoding = self.desk.settings.user_name, self.path, self.encoding.currentData()
        desk = self.desk
        self.context.runner.write(lambda progress: desk.import_path(path, author, progress, encoding=encoding),
                                  self._imported, self._failed, owner=self, on_progress=self._progress)

    def _imported(self, report: ImportReport) -> None:
        self._busy(False)
        self.report = report
        summary = (self.tr("Imported: %1 created, %2 updated, %3 refused. The refused rows are listed above with "
                           "the reason for each.") if report.refused
                   else self.tr("Imported: %1 created, %2 updated, %3 refused."))
        self.summary.setText(summary.replace("%1", str(report.created)).replace("%2", str(report.updated))
                             .replace("%3", str(len(report.refused))))
        self.context.nav.sig_data_changed.emit()
        self.context.nav.sig_status.emit(report.summary())

    def _failed(self, error: BaseException, _details: str) -> None:
        self._busy(False)
        self.summary.setText(str(error))

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        self.file_button.setEnabled(not busy)
        self.encoding.setEnabled(not busy)
        self.folder_button.setEnabled(not busy)

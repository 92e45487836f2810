"""An article's versions (who, when, note), a character-level diff, and "restore this version" as a new version."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.curation.diff import diff_snapshots, snapshots_html
from app.model import Version, version_note_zh
from app.ui.context import AppContext

CURRENT = -1
PREVIOUS = -2


class HistoryDialog(QDialog):
    sig_restored = Signal(str, int)  # article id, restored version number

    def __init__(self, context: AppContext, article_id: str, parent=None):
        super().__init__(parent)
        self.context, self.desk = context, context.desk
        self.article = self.desk.get_article(article_id)
        self.versions: list[Version] = []
        self.setWindowTitle(self.tr("History — %1").replace("%1", self.article.title))
        self.resize(1100, 720)

        self.version_list = QListWidget(objectName="versionList")
        self.version_list.currentRowChanged.connect(self.refresh_diff)
        self.compare_combo = QComboBox(objectName="compareWith")
        self.compare_combo.addItem(self.tr("the current text"), CURRENT)
        self.compare_combo.addItem(self.tr("the version before it"), PREVIOUS)
        self.compare_combo.currentIndexChanged.connect(self.refresh_diff)
        self.inline_radio = QRadioButton(self.tr("Inline"), checked=True)
        self.side_radio = QRadioButton(self.tr("Side by side"))
        group = QButtonGroup(self)
        group.addButton(self.inline_radio)
        group.addButton(self.side_radio)
        self.inline_radio.toggled.connect(self.refresh_diff)
        self.diff_view = QTextBrowser(objectName="diffView")
        self.diff_view.setOpenLinks(False)
        self.summary = QLabel(objectName="hint", wordWrap=True)
        self.restore_button = QPushButton(self.tr("Restore this version"), objectName="restoreVersion")
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)

        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Compare the selected version with")))
        controls.addWidget(self.compare_combo)
        controls.addSpacing(16)
        controls.addWidget(self.inline_radio)
        controls.addWidget(self.side_radio)
        controls.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(controls)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.diff_view, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.version_list)
        split.addWidget(right)
        split.setSizes([300, 800])
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Restoring keeps the history: the old text comes back as a new version."),
                                 objectName="hint"))
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self, select_number: int | None = None) -> None:
        self.article = self.desk.get_article(self.article.id)
        self.versions = self.desk.versions(self.article.id)
        self.version_list.blockSignals(True)
        self.version_list.clear()
        for v in self.versions:
            when = v.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            text = f"v{v.number}  ·  {when}\n{v.author or '—'}  ·  {version_note_zh(v.note or '')}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, v.number)
            self.version_list.addItem(item)
        self.version_list.blockSignals(False)
        row = 0
        if select_number is not None:
            row = next((i for i, v in enumerate(self.versions) if v.number == select_number), 0)
        elif len(self.versions) > 1:
            row = 1  # the version before the latest: "what changed last time" is the usual question
        self.version_list.setCurrentRow(row if self.versions else -1)
        self.refresh_diff()

    def selected(self) -> Version | None:
        row = self.version_list.currentRow()
        return self.versions[row] if 0 <= row < len(self.versions) else None

    def refresh_diff(self, *_args) -> None:
        version = self.selected()
        self.restore_button.setEnabled(version is not None)
        if version is None:
            empty = self.tr("No versions yet: versions are kept once an article is published.")
            self.diff_view.setHtml(f"<p>{empty}</p>")
            self.summary.clear()
            return
        mode = self.compare_combo.currentData()
        if mode == PREVIOUS:
            older = next((v for v in self.versions if v.number < version.number), None)
            old_snap, new_snap = (older.snapshot if older else {}), version.snapshot
            old_label = f"v{older.number}" if older else self.tr("(nothing)")
            new_label = f"v{version.number}"
        else:
            old_snap, new_snap = version.snapshot, self.context.desk.curation.snapshot(self.article)
            old_label, new_label = f"v{version.number}", self.tr("current")
        diffs = diff_snapshots(old_snap, new_snap)
        self.summary.setText(
            self.tr("%1 → %2: %3 field(s) changed. Red struck-through text was removed, green text was added.")
            .replace("%1", old_label).replace("%2", new_label).replace("%3", str(len(diffs)))
        )
        self.diff_view.setHtml(snapshots_html(diffs, side_by_side=self.side_radio.isChecked(),
                                              old_label=old_label, new_label=new_label))

    def restore_selected(self) -> None:
        version = self.selected()
        if version is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Restore version"),
            self.tr("Bring back the text of version %1? It is saved as a new version; nothing is deleted.")
            .replace("%1", str(version.number)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        desk, article_id, number = self.desk, self.article.id, version.number
        author = desk.settings.user_name
        self.context.runner.write(lambda: desk.restore_version(article_id, number, author),
                                  lambda article: self._restored(article, number), busy=(self.restore_button,),
                                  owner=self)

    def _restored(self, article, number: int) -> None:
        self.sig_restored.emit(article.id, number)
        self.context.nav.sig_data_changed.emit()
        self.context.nav.sig_status.emit(
            self.tr("Version %1 restored as version %2.").replace("%1", str(number))
            .replace("%2", str(article.version))
        )
        self.reload(select_number=article.version)

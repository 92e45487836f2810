"""The review queue's second tab: 相似问 learnt from use, for the KB owner to accept or dismiss.

Agents searched with these words and then opened or copied the article, in several search sessions lately.
Accepting appends the words to the article's 相似问 (indexed at once, exported and published with the article);
dismissing hides the pair for good. Reading and deciding run in the background.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.context import AppContext
from app.ui.model_index import ROOT

PairIdRole = Qt.ItemDataRole.UserRole + 1


class SuggestionModel(QAbstractTableModel):
    COLUMNS = (
        QT_TRANSLATE_NOOP("SuggestionModel", "What agents searched"),
        QT_TRANSLATE_NOOP("SuggestionModel", "Article they used"),
        QT_TRANSLATE_NOOP("SuggestionModel", "Sessions"),
        QT_TRANSLATE_NOOP("SuggestionModel", "Last used"),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pairs: list = []  # LearntPair rows from desk.learning.suggestions()

    def set_pairs(self, pairs: list) -> None:
        self.beginResetModel()
        self.pairs = list(pairs)
        self.endResetModel()

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.pairs)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.pairs):
            return None
        pair = self.pairs[index.row()]
        if role == PairIdRole:
            return pair.id
        if role == Qt.ItemDataRole.DisplayRole:
            return (pair.query, pair.article_title, str(pair.sessions),
                    pair.last_seen.astimezone().strftime("%Y-%m-%d"))[index.column()]
        return None


class SuggestionsPanel(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context, self.desk = context, context.desk
        self.hint = QLabel(objectName="hint", wordWrap=True)
        self.hint.setText(self.tr("Agents searched with these words and then opened or copied the article, in "
                                  "several search sessions lately. Accept to add the words to the article's "
                                  "similar questions (相似问), or dismiss them for good."))
        self.model = SuggestionModel(self)
        self.table = QTableView(objectName="suggestionTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.empty = QLabel(self.tr("No suggestions yet: they appear once agents have used an article after the "
                                    "same search in several sessions."), objectName="hint", wordWrap=True)
        self.boost = QCheckBox(self.tr("Let unreviewed suggestions lift their article a little on this desk"))
        self.boost.setChecked(self.desk.settings.learnt_boost)
        self.boost.toggled.connect(self._boost_toggled)
        self.accept_button = QPushButton(self.tr("Accept as similar question"), objectName="acceptSuggestion")
        self.accept_button.clicked.connect(lambda: self._decide(accept=True))
        self.dismiss_button = QPushButton(self.tr("Dismiss"), objectName="dismissSuggestion")
        self.dismiss_button.clicked.connect(lambda: self._decide(accept=False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.boost)
        buttons.addStretch(1)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        context.nav.sig_data_changed.connect(self.reload)
        self.reload()

    def reload(self, *_args) -> None:
        self.context.runner.run(self.desk.learning.suggestions, self._show, lambda _e, _d: None)

    def _show(self, pairs: list) -> None:
        self.model.set_pairs(pairs)
        self.empty.setVisible(not pairs)
        self._selection_changed()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.pairs[r].id for r in rows]

    def _selection_changed(self, *_args) -> None:
        owner = self.desk.curation.role.value in ("owner", "trainer")
        chosen = bool(self.selected_ids())
        self.accept_button.setEnabled(owner and chosen)
        self.dismiss_button.setEnabled(owner and chosen)
        self.accept_button.setToolTip("" if owner else self.tr("Accepting is a KB owner's decision."))

    def _decide(self, accept: bool) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        learning, by = self.desk.learning, self.desk.settings.user_name
        decide = learning.accept if accept else learning.dismiss

        def run() -> int:
            return sum(1 for pair_id in ids if decide(pair_id, by))

        self.context.runner.write(run, self._decided, lambda error, _d: self.context.nav.sig_status.emit(str(error)),
                                  busy=(self.accept_button, self.dismiss_button))

    def _decided(self, count: int) -> None:
        self.context.nav.sig_status.emit(self.tr("%1 suggestion(s) decided.").replace("%1", str(count)))
        self.context.nav.sig_data_changed.emit()  # accepted phrasings change articles: every page refreshes

    def _boost_toggled(self, on: bool) -> None:
        self.desk.settings.learnt_boost = on
        self.context.runner.write(self.desk.save_settings, None, lambda _e, _d: None)

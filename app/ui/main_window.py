"""The main window (minimal for now: a search field and a result list)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QListWidget, QMainWindow, QVBoxLayout, QWidget

from app.services import Deskbook


class MainWindow(QMainWindow):
    def __init__(self, desk: Deskbook):
        super().__init__()
        self.desk = desk
        self.setWindowTitle(self.tr("Deskbook"))
        self.search_field = QLineEdit(placeholderText=self.tr("Search cases, scripts and the handbook (Ctrl+K)"))
        self.results = QListWidget()
        layout = QVBoxLayout()
        layout.addWidget(self.search_field)
        layout.addWidget(self.results)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.search_field.textChanged.connect(self._search)
        self.resize(1000, 700)

    def _search(self, text: str) -> None:
        self.results.clear()
        for result in self.desk.search(text, prefix_last=True, log_query=False).results:
            self.results.addItem(f"[{result.summary.kind.label_zh}] {result.summary.title}")

"""The list side of the owner's decision queues (agents' edit suggestions, team proposals): one row per item."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHeaderView, QTableWidget


def decision_table(object_name: str, headers: list[str], on_selected: Callable[[], None]) -> QTableWidget:
    """A read-only table, one row selected at a time, its first column taking the room left."""
    table = QTableWidget(0, len(headers), objectName=object_name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.itemSelectionChanged.connect(on_selected)
    return table

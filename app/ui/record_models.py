"""Item models over service records: the requests list, plan steps and progress entries."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from app.model.records import PlanStep, ProgressEntry, ProgressState, Request, RequestStatus
from app.ui.model_index import ROOT

RecordRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

PRIORITY_COLOURS = {"紧急": "#b91c1c", "重要": "#b45309", "一般": "#52606d"}
STATUS_COLOURS = {"open": "#1d4ed8", "in_progress": "#047857", "resolved": "#6d28d9", "closed": "#66788a"}
STATE_COLOURS = {"已完成": "#047857", "进行中": "#1d4ed8", "延迟": "#b91c1c"}
DELAY_BACKGROUND = "#fde2e1"

STATUS_NAMES = {
    RequestStatus.OPEN: QT_TRANSLATE_NOOP("RequestStatus", "Open"),
    RequestStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("RequestStatus", "In progress"),
    RequestStatus.RESOLVED: QT_TRANSLATE_NOOP("RequestStatus", "Resolved"),
    RequestStatus.CLOSED: QT_TRANSLATE_NOOP("RequestStatus", "Closed"),
}


def status_name(status: RequestStatus) -> str:
    return QCoreApplication.translate("RequestStatus", STATUS_NAMES[status])


def local_time(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%m-%d %H:%M") if moment else "—"


class _ListModel(QAbstractTableModel):
    """A read-only table over a list of records; subclasses say what each column shows."""

    headers: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.headers):
            return QCoreApplication.translate("RecordColumns", self.headers[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list:
        return list(self._rows)

    def row_of(self, record_id: str) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == record_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        if role == RecordRole:
            return record
        return self.cell(record, index.column(), role)

    def cell(self, record, column: int, role: int):
        raise NotImplementedError


class RequestTableModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("RecordColumns", "No."), QT_TRANSLATE_NOOP("RecordColumns", "Customer"),
        QT_TRANSLATE_NOOP("RecordColumns", "Problem"), QT_TRANSLATE_NOOP("RecordColumns", "Priority"),
        QT_TRANSLATE_NOOP("RecordColumns", "Status"), QT_TRANSLATE_NOOP("RecordColumns", "First response due"),
        QT_TRANSLATE_NOOP("RecordColumns", "Assignee"),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.now: datetime | None = None

    def overdue(self, r: Request) -> bool:
        return (self.now is not None and r.deadline is not None and r.status is RequestStatus.OPEN
                and r.responded_at is None and r.deadline <= self.now)

    def cell(self, r: Request, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.code, f"{r.customer}（{r.company}）" if r.company else r.customer, " ".join(r.what.split()),
                    r.priority.value, status_name(r.status), local_time(r.deadline), r.assignee)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            return r.what
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 3:
                return QColor(PRIORITY_COLOURS[r.priority.value])
            if column == 4:
                return QColor(STATUS_COLOURS[r.status.value])
            if column == 5 and self.overdue(r):
                return QColor("#b91c1c")
        return None


class PlanStepModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("RecordColumns", "#"), QT_TRANSLATE_NOOP("RecordColumns", "Step"),
        QT_TRANSLATE_NOOP("RecordColumns", "Owner"), QT_TRANSLATE_NOOP("RecordColumns", "Due"),
        QT_TRANSLATE_NOOP("RecordColumns", "Done"),
    )

    def cell(self, s: PlanStep, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(s.position), s.action, s.owner, local_time(s.due_at), "✓" if s.done_at else "")[column]
        if role == Qt.ItemDataRole.ForegroundRole and s.done_at:
            return QColor("#66788a")
        return None


class ProgressModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("RecordColumns", "Time"), QT_TRANSLATE_NOOP("RecordColumns", "State"),
        QT_TRANSLATE_NOOP("RecordColumns", "Note"), QT_TRANSLATE_NOOP("RecordColumns", "Delay reason"),
        QT_TRANSLATE_NOOP("RecordColumns", "New deadline"),
    )

    def cell(self, e: ProgressEntry, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (local_time(e.at), e.state.value, e.note, e.delay_reason,
                    local_time(e.new_deadline) if e.new_deadline else "")[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QColor(STATE_COLOURS[e.state.value])
        if role == Qt.ItemDataRole.BackgroundRole and e.state is ProgressState.DELAYED:
            return QColor(DELAY_BACKGROUND)
        return None

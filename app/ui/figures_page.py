"""服务数据: the service figures of a period at a glance (tiles and charts), for KB owners and team leads, with the
weekly review pack (XLSX with charts, PDF) and the charts as PNG.

The figures are computed on the background runner; what each one counts is written once in app/model/figures.py.
pyqtgraph is imported when the page is first shown, not when the window starts.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QIODevice, QPoint, QSaveFile, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.model.figures import FigureFilter, Period, ServiceFigures
from app.ui.context import AppContext
from app.ui.page_registry import PageSpec, register_page

if TYPE_CHECKING:
    from app.ui.figure_charts import ChartPanel
    from app.ui.figures_view import FiguresView

PAGE_KEY = "figures"
PERIODS = ("this_week", "last_week", "this_month", "custom")


class Tile(QFrame):
    """One figure: its name, its value large, and a line of context."""

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent, objectName="figureTile")
        self.label = QLabel(label, objectName="figureLabel", wordWrap=True)
        self.value = QLabel("—", objectName="figureValue")
        self.note = QLabel("", objectName="hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(1)
        for widget in (self.label, self.value, self.note):
            layout.addWidget(widget)

    def set(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)


class FiguresPage(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.desk = context, context.desk
        self.figures: ServiceFigures | None = None
        self._generation = 0  # a slower, older computation must not overwrite a newer one
        self._view: FiguresView | None = None
        self._build_controls()
        self.tiles = {key: Tile(label) for key, label in self._tile_labels()}
        self._build_charts()
        self._layout()
        self._stale = False
        context.nav.sig_data_changed.connect(self._data_changed)
        self.load_filter_choices()
        self.reload()

    # --- building -------------------------------------------------------------------------------------------
    def _build_controls(self) -> None:
        self.heading = QLabel(self.tr("Service figures"), objectName="pageTitle")
        self.period = QComboBox(objectName="periodChoice")
        for key, text in zip(PERIODS, (self.tr("This week"), self.tr("Last week"), self.tr("This month"),
                                       self.tr("Custom"))):
            self.period.addItem(text, key)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-6), calendarPopup=True)
        self.date_to = QDateEdit(today, calendarPopup=True)
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self._custom_changed())
        self.group, self.assignee = QComboBox(objectName="groupChoice"), QComboBox(objectName="assigneeChoice")
        for combo in (self.group, self.assignee):  # the choices arrive from the runner: grow with them
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period.currentIndexChanged.connect(lambda _i: self._period_changed())
        self.group.currentIndexChanged.connect(lambda _i: self.reload())
        self.assignee.currentIndexChanged.connect(lambda _i: self.reload())
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.png_button = QToolButton(objectName="exportPng", text=self.tr("Save charts as PNG"),
                                      popupMode=QToolButton.ToolButtonPopupMode.InstantPopup)
        self.png_menu = QMenu(self.png_button)
        self.png_button.setMenu(self.png_menu)
        self.xlsx_button = QPushButton(self.tr("Review pack (XLSX)…"), objectName="primary")
        self.pdf_button = QPushButton(self.tr("Review pack (PDF)…"))
        self.xlsx_button.clicked.connect(lambda: self.export_pack("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.export_pack("pdf"))
        self.status = QLabel("", objectName="hint", wordWrap=True)
        self._period_changed(reload=False)

    def _tile_labels(self) -> list[tuple[str, str]]:
        return [
            ("received", self.tr("Requests received")), ("met", self.tr("First response within SLA")),
            ("response", self.tr("First response, median")), ("kept", self.tr("Resolved as promised")),
            ("resolution", self.tr("Time to resolution, median")), ("delays", self.tr("Delays")),
            ("reopened", self.tr("Reopened")), ("satisfied", self.tr("Satisfied customers")),
        ]

    def _build_charts(self) -> None:
        from app.ui.figure_charts import ChartPanel  # pyqtgraph loads with the page, not with the window

        self.charts: dict[str, ChartPanel] = {
            "sla": ChartPanel(self.tr("First response within SLA, by priority")),
            "response_time": ChartPanel(self.tr("First response time")),
            "per_day": ChartPanel(self.tr("Requests per day")),
            "delays": ChartPanel(self.tr("Delay reasons")),
            "satisfaction": ChartPanel(self.tr("Customer satisfaction")),
        }
        for key, chart in self.charts.items():
            chart.setProperty("chartKey", key)
            action = self.png_menu.addAction(chart.title.text())
            action.triggered.connect(lambda _checked=False, k=key: self.export_png(k))
        self.png_menu.insertAction(self.png_menu.actions()[0], self.png_menu.addAction(self.tr("All charts")))
        self.png_menu.actions()[0].triggered.connect(lambda _checked=False: self.export_png(None))
        self.kb = QLabel(objectName="kbFigures", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.kb.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(12)
        for widget in (self.period, self.date_from, self.date_to, self.group, self.assignee, self.refresh_button):
            top.addWidget(widget)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for widget in (self.png_button, self.pdf_button, self.xlsx_button):
            bottom.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)
        tiles = QGridLayout()
        for index, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, 0, index)
            tiles.setColumnStretch(index, 1)
        self.chart_area = QWidget(objectName="chartArea")
        grid = QGridLayout(self.chart_area)
        grid.setContentsMargins(0, 0, 0, 0)
        kb_box = QFrame(objectName="figureTile")
        kb_layout = QVBoxLayout(kb_box)
        kb_layout.addWidget(QLabel(self.tr("Knowledge base"), objectName="chartTitle"))
        kb_layout.addWidget(self.kb, 1)
        for index, widget in enumerate([*self.charts.values(), kb_box]):
            grid.addWidget(widget, index // 3, index % 3)
            widget.setMinimumHeight(210)
        for number in range(3):
            grid.setColumnStretch(number, 1)
        for row in range(2):
            grid.setRowStretch(row, 1)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addLayout(top)
        column.addLayout(tiles)
        column.addWidget(self.chart_area, 1)
        column.addLayout(bottom)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _data_changed(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True  # recomputed when the page is shown again

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.load_filter_choices()
            self.reload()

    # --- choosing ---------------------------------------------------------------------------------------------
    def current_period(self) -> Period:
        key, now = self.period.currentData(), self.desk.clock()
        if key == "this_week":
            return Period.this_week(now)
        if key == "last_week":
            return Period.last_week(now)
        if key == "this_month":
            return Period.this_month(now)
        first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        return Period(min(first, last), max(first, last))

    def current_filter(self) -> FigureFilter:
        return FigureFilter(group=self.group.currentData(), assignee=self.assignee.currentData())

    def _period_changed(self, reload: bool = True) -> None:
        custom = self.period.currentData() == "custom"
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        if reload:
            self.reload()

    def _custom_changed(self) -> None:
        if self.period.currentData() == "custom":
            self.reload()

    def load_filter_choices(self) -> None:
        self.context.runner.run(self.desk.figures.filter_choices, self._set_filter_choices, self._failed)

    def _set_filter_choices(self, choices: tuple[list[str], list[str]]) -> None:
        groups, assignees = choices
        for combo, everyone, values in ((self.group, self.tr("All skill groups"), groups),
                                        (self.assignee, self.tr("All assignees"), assignees)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    # --- computing and showing -------------------------------------------------------------------------------
    def reload(self) -> None:
        period, flt = self.current_period(), self.current_filter()
        self._generation += 1
        generation = self._generation
        self.status.setText(self.tr("Computing…"))
        self.context.runner.run(lambda: self.desk.figures.compute(period, flt),
                                lambda figures: self._computed(generation, figures), self._failed)

    def _computed(self, generation: int, figures: ServiceFigures) -> None:
        if generation != self._generation:
            return
        from app.ui.figures_view import FiguresView

        self.figures = figures
        self._view = self._view or FiguresView(self, self)
        self._view.show(figures)

    def _failed(self, error: BaseException, _details: str) -> None:
        self.status.setText(self.tr("The figures could not be computed: %1").replace("%1", str(error)))

    # --- exporting --------------------------------------------------------------------------------------------
    def chart_image(self, key: str | None) -> QImage:
        """The charts (or one chart) as an image at twice their size, drawn here on the GUI thread."""
        widget = self.chart_area if key is None else self.charts[key]
        image = QImage(widget.size() * 2, QImage.Format.Format_ARGB32)
        image.setDevicePixelRatio(2)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        widget.render(painter, QPoint(0, 0))
        painter.end()
        return image

    def export_png(self, key: str | None) -> bool:
        from app.ui.export_dialogs import default_folder, run_export

        image = self.chart_image(key)
        period = self.current_period()
        name = "服务数据" if key is None else self.charts[key].title.text()
        suggested = default_folder() / f"{name}_{period.first}_{period.last}.png"

        def write(path: Path, _force: bool) -> Path:  # run_export asked before replacing a file
            return _save_png(image, path)

        return run_export(self.context, self, self.tr("Save charts as PNG"), suggested, "png", write)

    def export_pack(self, fmt: str) -> bool:
        from app.ui.export_dialogs import default_folder, run_export

        period, flt = self.current_period(), self.current_filter()
        suggested = default_folder() / f"服务数据复盘_{period.first}_{period.last}.{fmt}"
        return run_export(self.context, self, self.tr("Save the review pack"), suggested, fmt,
                          lambda path, force: self.desk.documents.export_review_pack(
                              self.desk.figures.review_pack(period, flt), path, fmt=fmt, force=force))


def _save_png(image: QImage, path: Path) -> Path:
    """Written whole or not at all: QSaveFile writes beside the target and renames it into place on commit."""
    target = QSaveFile(str(path))
    if not target.open(QIODevice.OpenModeFlag.WriteOnly) or not image.save(target, "PNG") or not target.commit():
        target.cancelWriting()
        raise OSError(f"could not write {path}: {target.errorString()}")
    return path


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


register_page(PageSpec(PAGE_KEY, "Service figures", 75, FiguresPage, roles=("owner", "trainer")))

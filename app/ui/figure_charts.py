"""The 服务数据 page's charts, on pyqtgraph: bars up, bars across, grouped bars, with labels in the app's font.

pyqtgraph draws with Qt's own painter and fonts, so Chinese labels use the same font as the rest of the window.
Charts are read, not explored: panning, zooming and pyqtgraph's English context menu are switched off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

BLUE, ORANGE, GREEN, AMBER, RED = "#4472C4", "#ED7D31", "#2E7D32", "#F2A93B", "#C62828"
AXIS_PEN = "#8A96A3"
TEXT_COLOR = "#33414E"


@dataclass(frozen=True)
class BarSeries:
    name: str
    values: Sequence[float | None]  # None: not known, no bar and "—"
    color: str = BLUE
    colors: Sequence[str] = ()  # one colour per bar (satisfaction levels), instead of ``color``


def _font(points: float) -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(points)
    return font


class ChartPanel(QFrame):
    """A titled chart card: a heading above a pyqtgraph plot that only displays."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent, objectName="chartCard")
        self.title = QLabel(title, objectName="chartTitle")
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMinimumHeight(190)
        item = self.plot.getPlotItem()
        item.setMouseEnabled(x=False, y=False)
        item.setMenuEnabled(False)
        item.hideButtons()
        self.plot.getViewBox().setMouseEnabled(False, False)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(AXIS_PEN))
            axis.setTextPen(pg.mkPen(TEXT_COLOR))
            axis.setStyle(tickFont=_font(8.5))
        self.plot.setAntialiasing(True)
        self.labels: list[pg.TextItem] = []  # value labels of the bars now shown (tests read them)
        self.categories: list[str] = []  # the categories now shown
        self.legend = QLabel("", objectName="hint", textFormat=Qt.TextFormat.RichText)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addStretch(1)
        heading.addWidget(self.legend)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(heading)
        layout.addWidget(self.plot, 1)

    def sizeHint(self) -> QSize:
        # pyqtgraph's own hint is a 640x480 canvas; a card on the page starts smaller and grows with the window.
        return QSize(340, 250)

    def clear(self) -> None:
        self.plot.getPlotItem().clear()
        self.legend.setText("")
        self.labels = []

    def _fit_axis(self, name: str, texts: Sequence[str]) -> None:
        """Make the axis wide (or tall) enough for its longest label: pyqtgraph hides labels that do not fit."""
        axis = self.plot.getPlotItem().getAxis(name)
        metrics = QFontMetrics(_font(8.5))
        if name == "left":
            axis.setWidth(max((metrics.horizontalAdvance(t) for t in texts), default=20) + 14)
        else:
            axis.setHeight(metrics.height() + 12)

    def _label(self, text: str, x: float, y: float, anchor: tuple[float, float]) -> None:
        label = pg.TextItem(text, color=TEXT_COLOR, anchor=anchor)
        label.setFont(_font(8))
        label.setPos(x, y)
        self.plot.addItem(label)
        self.labels.append(label)

    def show_columns(self, categories: Sequence[str], series: Sequence[BarSeries], *, percent: bool = False,
                     target: float | None = None, label_every: int = 1) -> None:
        """Bars up, one group per category; values above the bars; an optional dashed target line."""
        self.clear()
        self.categories = list(categories)
        item = self.plot.getPlotItem()
        width = 0.8 / max(len(series), 1)
        largest = 0.0
        for index, s in enumerate(series):
            xs = [i - 0.4 + width * (index + 0.5) for i in range(len(categories))]
            heights = [0.0 if v is None else float(v) * (100 if percent else 1) for v in s.values]
            largest = max([largest, *heights])
            brushes = [QColor(c) for c in s.colors] if s.colors else [QColor(s.color)] * len(xs)
            item.addItem(pg.BarGraphItem(x=xs, height=heights, width=width * 0.9, brushes=brushes, pen=None))
            if len(categories) * len(series) <= 20:
                for x, value, height in zip(xs, s.values, heights):
                    text = "—" if value is None else (f"{value:.0%}" if percent else f"{value:.0f}")
                    self._label(text, x, height, (0.5, 1.0))
        if len(series) > 1:
            self.legend.setText("　".join(f"<span style='color:{s.color}'>■</span> {escape(s.name)}" for s in series))
        if target is not None:
            dashed = pg.mkPen(RED, width=1, style=Qt.PenStyle.DashLine)
            item.addItem(pg.InfiniteLine(pos=target * 100, angle=0, pen=dashed))
        ticks = [(i, text) for i, text in enumerate(categories) if i % label_every == 0]
        item.getAxis("bottom").setTicks([ticks, []])
        top = 100.0 if percent else max(largest, 1.0)
        item.setYRange(0, top * 1.15, padding=0)
        item.setXRange(-0.6, len(categories) - 0.4, padding=0)
        item.getAxis("left").setTicks(None)
        _whole_number_ticks(item.getAxis("left"), largest)
        if percent:
            item.getAxis("left").setTicks([[(v, f"{v}%") for v in (0, 25, 50, 75, 100)], []])
        self._fit_axis("left", ["100%" if percent else f"{top:.0f}"])

    def show_bars_across(self, categories: Sequence[str], values: Sequence[float], color: str = ORANGE) -> None:
        """Bars across, the first category on top, for long labels (delay reasons)."""
        self.clear()
        self.categories = list(categories)
        item = self.plot.getPlotItem()
        ys = [len(categories) - 1 - i for i in range(len(categories))]
        item.addItem(pg.BarGraphItem(x0=[0] * len(values), y=ys, width=list(values), height=0.6, brush=QColor(color),
                                     pen=None))
        for y, value in zip(ys, values):
            self._label(f"{value:.0f}", value, y, (0.0, 0.5))
        item.getAxis("left").setTicks([[(y, text) for y, text in zip(ys, categories)], []])
        self._fit_axis("left", categories)
        item.getAxis("bottom").setTicks(None)
        _whole_number_ticks(item.getAxis("bottom"), max([*values, 1]))
        item.setXRange(0, max([*values, 1]) * 1.2, padding=0)
        item.setYRange(-0.6, max(len(categories), 1) - 0.4, padding=0)


def _whole_number_ticks(axis: pg.AxisItem, largest: float) -> None:
    """Counts are whole: ticks at 1, 2, 5, 10 … apart, never at 0.5."""
    step = 1
    while largest / step > 6:
        step = step * 5 // 2 if str(step).startswith("2") else step * 2
    axis.setTickSpacing(step, step)

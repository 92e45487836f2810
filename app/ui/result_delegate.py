"""The result list's delegate: draws a row from an image rendered off the GUI thread when it has one that fits, and
paints the row itself otherwise (after a resize, a scroll past the rendered rows, a selection change)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.services import SearchResult
from app.ui.result_model import ResultRole
from app.ui.result_row import RowStyle, paint_row, render_row

SPARE_ROWS = 1  # rendered beyond the visible ones, for a small scroll


def images_fit(device_pixel_ratio: float) -> bool:
    """Whether a row's image lands on whole device pixels. At 150 % a row 83 pixels high starts at half pixels; an
    image drawn there would sit up to a pixel off the rows painted beside it, so those screens paint every row."""
    return float(device_pixel_ratio).is_integer()


@dataclass(frozen=True)
class RenderedRow:
    row: SearchResult
    selected: bool
    width: int
    device_pixel_ratio: float
    font_key: str
    image: QImage


@dataclass(frozen=True)
class RowPrerender:
    """What a worker needs to render the rows about to be shown, as the list looks now (taken on the GUI thread)."""

    font_key: str
    width: int  # without a vertical scroll bar
    scroll_bar_width: int
    viewport_height: int
    device_pixel_ratio: float
    select_first: bool

    def __call__(self, rows: list[SearchResult]) -> list[RenderedRow]:
        row_height = RowStyle.for_font(self.font_key).height
        # the rows' width depends on whether this list will need a scroll bar
        width = self.width - (self.scroll_bar_width if len(rows) * row_height > self.viewport_height else 0)
        count = -(-self.viewport_height // row_height) + SPARE_ROWS  # the last visible row may show in part
        return [
            RenderedRow(row, selected, width, self.device_pixel_ratio, self.font_key,
                        render_row(row, selected, width, self.device_pixel_ratio, self.font_key))
            for number, row in enumerate(rows[:count])
            for selected in [self.select_first and number == 0]
        ]


class ResultDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rendered: dict[int, RenderedRow] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(320, RowStyle.for_font(option.font.toString()).height)

    def prerender(self, view: QListView, select_first: bool) -> RowPrerender | None:
        """How to render the rows a new result list will show first, or None while the list cannot be seen."""
        viewport, bar = view.viewport(), view.verticalScrollBar()
        if not view.isVisible() or not images_fit(viewport.devicePixelRatioF()):
            return None
        bar_width = bar.sizeHint().width()
        width = viewport.width() + (bar_width if bar.isVisible() else 0)
        return RowPrerender(view.font().toString(), width, bar_width, viewport.height(), viewport.devicePixelRatioF(),
                            select_first)

    def adopt(self, rendered: list[RenderedRow] | None) -> None:
        """Use these images for the rows of the list now being shown (and drop the previous list's)."""
        self._rendered = {id(item.row): item for item in rendered or ()}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        row: SearchResult | None = index.data(ResultRole)
        if row is None:
            return super().paint(painter, option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        font_key = option.font.toString()
        rendered = self._rendered.get(id(row))
        if (rendered is not None and rendered.row is row and rendered.selected == selected
                and rendered.width == option.rect.width() and rendered.font_key == font_key
                and rendered.device_pixel_ratio == painter.device().devicePixelRatioF()):
            painter.drawImage(option.rect.topLeft(), rendered.image)
            return None
        paint_row(painter, option.rect, row, selected, RowStyle.for_font(font_key))
        return None

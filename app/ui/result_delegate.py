"""Painting one result: kind badge, title with the matched words highlighted, a highlighted fragment, tags.

Painted by hand (no QTextDocument per row) so a full list paints in a millisecond or two while the agent types.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.search.highlight import Span
from app.services import SearchResult
from app.ui.result_model import ResultRole
from app.ui.style import KIND_COLOURS, STALE_COLOURS, colour

KIND_LABELS = {
    "case": QT_TRANSLATE_NOOP("Kinds", "Case"),
    "script": QT_TRANSLATE_NOOP("Kinds", "Script"),
    "handbook": QT_TRANSLATE_NOOP("Kinds", "Handbook"),
}
STALE_LABEL = QT_TRANSLATE_NOOP("Kinds", "Needs review")

PAD_X, PAD_Y, LINE_GAP = 14, 9, 5


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("Kinds", KIND_LABELS.get(kind, kind))


_PLACEHOLDER = re.compile(r"\{\{\s*([^{}|]+?)\s*(?:\|[^{}]*)?\}\}")


def readable(text: str, spans: list[Span]) -> tuple[str, list[Span]]:
    """Show ``{{ 客户姓名 | default(…) }}`` in a fragment as 【客户姓名】, keeping the highlighted matches in place."""
    if "{{" not in text:
        return text, spans
    hit = [False] * len(text)
    for span in spans:
        for i in range(span.start, min(span.end, len(text))):
            hit[i] = True
    out: list[str] = []
    mask: list[bool] = []
    last = 0
    for match in _PLACEHOLDER.finditer(text):
        out.append(text[last : match.start()])
        mask += hit[last : match.start()]
        out.append("【" + match.group(1) + "】")
        mask += [False] + hit[match.start(1) : match.end(1)] + [False]
        last = match.end()
    out.append(text[last:])
    mask += hit[last:]
    new_text = "".join(out)
    new_spans, start = [], None
    for i, flag in enumerate(mask + [False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            new_spans.append(Span(start, i))
            start = None
    return new_text, new_spans


def _segments(text: str, spans: list[Span]) -> list[tuple[str, bool]]:
    out, last = [], 0
    for span in spans:
        if span.start > last:
            out.append((text[last : span.start], False))
        out.append((text[span.start : span.end], True))
        last = span.end
    if last < len(text):
        out.append((text[last:], False))
    return out


class ResultDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._title_font: QFont | None = None

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        title = QFont(base)
        title.setPointSizeF(base.pointSizeF() + 1.5)
        title.setWeight(QFont.Weight.DemiBold)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() - 1.5))
        return title, base, small

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        title, body, small = self._fonts(option)
        height = (
            PAD_Y * 2 + QFontMetrics(title).height() + QFontMetrics(body).height() + QFontMetrics(small).height()
            + LINE_GAP * 2
        )
        return QSize(320, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        row: SearchResult | None = index.data(ResultRole)
        if row is None:
            return super().paint(painter, option, index)
        painter.save()
        rect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillRect(rect, colour("selected") if selected else QColor("#ffffff"))
        if selected:
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), colour("accent"))
        painter.setPen(QPen(colour("line")))
        painter.drawLine(rect.left() + PAD_X, rect.bottom(), rect.right() - PAD_X, rect.bottom())

        title_font, body_font, small_font = self._fonts(option)
        left, right = rect.left() + PAD_X, rect.right() - PAD_X
        y = rect.top() + PAD_Y

        # line 1: kind badge, title, stale badge on the right
        title_metrics = QFontMetrics(title_font)
        fg, bg = KIND_COLOURS.get(row.summary.kind.value, ("#334155", "#e2e8f0"))
        x = self._badge(painter, small_font, kind_label(row.summary.kind.value), left, y, title_metrics.height(), fg, bg)
        limit = right
        if row.stale:
            stale_text = QCoreApplication.translate("Kinds", STALE_LABEL)
            width = QFontMetrics(small_font).horizontalAdvance(stale_text) + 12
            self._badge(painter, small_font, stale_text, right - width, y, title_metrics.height(), *STALE_COLOURS)
            limit = right - width - 8
        self._draw_highlighted(painter, title_font, row.summary.title, row.title_spans, x + 8, y, limit,
                               title_metrics.height(), QColor("#111827"))
        y += title_metrics.height() + LINE_GAP

        # line 2: the fragment (or the group when browsing)
        body_metrics = QFontMetrics(body_font)
        text, spans = readable(row.fragment, row.fragment_spans) if row.fragment else (row.summary.group, [])
        self._draw_highlighted(painter, body_font, text, spans, left, y, right, body_metrics.height(),
                               colour("muted"))
        y += body_metrics.height() + LINE_GAP

        # line 3: tags as quiet chips, then the skill group
        small_metrics = QFontMetrics(small_font)
        x = left
        painter.setFont(small_font)
        for tag in row.summary.tags[:6]:
            width = small_metrics.horizontalAdvance(tag) + 12
            if x + width > right:
                break
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#f1f3f6"))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.drawRoundedRect(QRect(x, y, width, small_metrics.height() + 2), 4, 4)
            painter.setPen(QColor("#52606d"))
            painter.drawText(QRect(x, y, width, small_metrics.height() + 2), Qt.AlignmentFlag.AlignCenter, tag)
            x += width + 6
        if row.fragment and row.summary.group and x < right - 40:
            painter.setPen(QColor("#9aa5b1"))
            group = small_metrics.elidedText(row.summary.group, Qt.TextElideMode.ElideRight, right - x)
            painter.drawText(QRect(x + 4, y, right - x, small_metrics.height() + 2),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, group)
        painter.restore()

    @staticmethod
    def _badge(painter: QPainter, font: QFont, text: str, x: int, y: int, line_height: int, fg: str, bg: str) -> int:
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(text) + 12
        height = metrics.height() + 2
        top = y + (line_height - height) // 2
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(bg))
        painter.drawRoundedRect(QRect(x, top, width, height), 4, 4)
        painter.setFont(font)
        painter.setPen(QColor(fg))
        painter.drawText(QRect(x, top, width, height), Qt.AlignmentFlag.AlignCenter, text)
        return x + width

    @staticmethod
    def _draw_highlighted(painter: QPainter, font: QFont, text: str, spans: list[Span], x: int, y: int, right: int,
                          height: int, pen: QColor) -> None:
        """Text left to right, matches on a soft yellow; the last visible piece is elided with …"""
        bold = QFont(font)
        bold.setWeight(QFont.Weight.Bold)
        for piece, hit in _segments(text, spans):
            use = bold if hit else font
            metrics = QFontMetrics(use)
            width = metrics.horizontalAdvance(piece)
            clipped = x + width > right
            if clipped:
                piece = metrics.elidedText(piece, Qt.TextElideMode.ElideRight, max(0, right - x))
                width = metrics.horizontalAdvance(piece)
            if hit and piece:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour("highlight_bg"))
                painter.drawRoundedRect(QRect(x - 1, y + 1, width + 2, height - 2), 3, 3)
            painter.setFont(use)
            painter.setPen(QColor("#111827") if hit else pen)
            painter.drawText(QRect(x, y, width + 2, height), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             piece)
            x += width
            if clipped or x >= right:
                break

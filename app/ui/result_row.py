"""Painting one search result: kind badge, title with the matched words highlighted, a highlighted fragment, tags.

Painted by hand (no QTextDocument per row). The same painting serves two places: the list's delegate, and a worker
thread that renders the rows about to be shown into images while the agent types. The worker's images are why this
module keeps no state shared between threads: PySide6 lets other Python threads run around every Qt call, so a paint
of a thousand small calls on the GUI thread waits for a busy worker again and again (28 ms instead of 9 for a list),
while drawing a finished image is a handful of calls.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter

from app.services import SearchResult, Span
from app.ui.style import KIND_COLOURS, PALETTE, STALE_COLOURS

KIND_LABELS = {
    "case": QT_TRANSLATE_NOOP("Kinds", "Case"),
    "script": QT_TRANSLATE_NOOP("Kinds", "Script"),
    "handbook": QT_TRANSLATE_NOOP("Kinds", "Handbook"),
}
STALE_LABEL = QT_TRANSLATE_NOOP("Kinds", "Needs review")

PAD_X, PAD_Y, LINE_GAP = 14, 9, 5
MAX_TAGS = 6


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


class _Colours:
    """The row's colours, made once (a QColor from a name parses it every time)."""

    def __init__(self):
        self.row = QColor("#ffffff")
        self.selected = QColor(PALETTE["selected"])
        self.accent = QColor(PALETTE["accent"])
        self.line = QColor(PALETTE["line"])
        self.title = QColor("#111827")
        self.muted = QColor(PALETTE["muted"])
        self.highlight = QColor(PALETTE["highlight_bg"])
        self.chip = QColor("#f1f3f6")
        self.chip_text = QColor("#52606d")
        self.group = QColor("#9aa5b1")
        self.kinds = {kind: (QColor(fg), QColor(bg)) for kind, (fg, bg) in KIND_COLOURS.items()}
        self.other_kind = (QColor("#334155"), QColor("#e2e8f0"))
        self.stale = (QColor(STALE_COLOURS[0]), QColor(STALE_COLOURS[1]))


@dataclass(frozen=True)
class _Face:
    font: QFont
    metrics: QFontMetrics
    height: int
    ascent: int

    @classmethod
    def of(cls, font: QFont) -> _Face:
        metrics = QFontMetrics(font)
        return cls(font, metrics, metrics.height(), metrics.ascent())


class RowStyle:
    """Fonts, metrics and colours of a result row, derived from the list's font.

    Qt's font objects cache per-thread state inside data they share between copies, so each thread gets its own
    objects, made from the font's description (:meth:`for_font`).
    """

    _local = threading.local()

    def __init__(self, font_key: str):
        base = QFont()
        base.fromString(font_key)
        title = QFont(base)
        title.setPointSizeF(base.pointSizeF() + 1.5)
        title.setWeight(QFont.Weight.DemiBold)
        small = QFont(base)
        small.setPointSizeF(max(7.0, base.pointSizeF() - 1.5))
        self.title, self.body, self.small = _Face.of(title), _Face.of(base), _Face.of(small)
        self.title_hit, self.body_hit = _Face.of(_bold(title)), _Face.of(_bold(base))
        self.colours = _Colours()
        self.height = (PAD_Y * 2 + self.title.metrics.height() + self.body.metrics.height()
                       + self.small.metrics.height() + LINE_GAP * 2)

    @classmethod
    def for_font(cls, font_key: str) -> RowStyle:
        styles = cls._local.__dict__.setdefault("styles", {})
        style = styles.get(font_key)
        if style is None:
            style = styles[font_key] = cls(font_key)
        return style


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setWeight(QFont.Weight.Bold)
    return bold


def paint_row(painter: QPainter, rect: QRect, row: SearchResult, selected: bool, style: RowStyle) -> None:
    colours = style.colours
    painter.save()
    painter.fillRect(rect, colours.selected if selected else colours.row)
    if selected:
        painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), colours.accent)
    painter.setPen(colours.line)
    painter.drawLine(rect.left() + PAD_X, rect.bottom(), rect.right() - PAD_X, rect.bottom())
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)  # after the rule: a 1 px line stays crisp

    left, right = rect.left() + PAD_X, rect.right() - PAD_X
    y = rect.top() + PAD_Y

    # line 1: kind badge, title, stale badge on the right
    title_height = style.title.metrics.height()
    fg, bg = colours.kinds.get(row.summary.kind.value, colours.other_kind)
    x = _badge(painter, style.small, kind_label(row.summary.kind.value), left, y, title_height, fg, bg)
    limit = right
    if row.stale:
        stale_text = QCoreApplication.translate("Kinds", STALE_LABEL)
        width = style.small.metrics.horizontalAdvance(stale_text) + 12
        _badge(painter, style.small, stale_text, right - width, y, title_height, *colours.stale)
        limit = right - width - 8
    _draw_highlighted(painter, style.title, style.title_hit, row.summary.title, row.title_spans, x + 8, y, limit,
                      title_height, colours.title, colours)
    y += title_height + LINE_GAP

    # line 2: the fragment (or the group when browsing)
    body_height = style.body.metrics.height()
    text, spans = readable(row.fragment, row.fragment_spans) if row.fragment else (row.summary.group, [])
    _draw_highlighted(painter, style.body, style.body_hit, text, spans, left, y, right, body_height, colours.muted,
                      colours)
    y += body_height + LINE_GAP

    # line 3: tags as quiet chips, then the skill group
    small = style.small
    chip_height = small.metrics.height() + 2
    x = left
    painter.setFont(small.font)
    for tag in row.summary.tags[:MAX_TAGS]:
        width = small.metrics.horizontalAdvance(tag) + 12
        if x + width > right:
            break
        chip = QRect(x, y, width, chip_height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colours.chip)
        painter.drawRoundedRect(chip, 4, 4)
        painter.setPen(colours.chip_text)
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, tag)
        x += width + 6
    if row.fragment and row.summary.group and x < right - 40:
        painter.setPen(colours.group)
        group = small.metrics.elidedText(row.summary.group, Qt.TextElideMode.ElideRight, right - x)
        painter.drawText(QRect(x + 4, y, right - x, chip_height),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, group)
    painter.restore()


def render_row(row: SearchResult, selected: bool, width: int, device_pixel_ratio: float, font_key: str) -> QImage:
    """The row as ``paint_row`` paints it, into an image; safe on any thread."""
    style = RowStyle.for_font(font_key)
    image = QImage(round(width * device_pixel_ratio), round(style.height * device_pixel_ratio),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(device_pixel_ratio)
    painter = QPainter(image)
    try:
        paint_row(painter, QRect(0, 0, width, style.height), row, selected, style)
    finally:
        painter.end()
    return image


def _badge(painter: QPainter, face: _Face, text: str, x: int, y: int, line_height: int, fg: QColor,
           bg: QColor) -> int:
    width = face.metrics.horizontalAdvance(text) + 12
    height = face.metrics.height() + 2
    box = QRect(x, y + (line_height - height) // 2, width, height)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(bg)
    painter.drawRoundedRect(box, 4, 4)
    painter.setFont(face.font)
    painter.setPen(fg)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    return x + width


def _draw_highlighted(painter: QPainter, face: _Face, hit_face: _Face, text: str, spans: list[Span], x: int, y: int,
                      right: int, height: int, pen: QColor, colours: _Colours) -> None:
    """Text left to right, matches on a soft yellow; the last visible piece is elided with …"""
    baseline = y + (height - face.height) // 2 + face.ascent
    for piece, hit in _segments(text, spans):
        use = hit_face if hit else face
        width = use.metrics.horizontalAdvance(piece)
        clipped = x + width > right
        if clipped:
            piece = use.metrics.elidedText(piece, Qt.TextElideMode.ElideRight, max(0, right - x))
            width = use.metrics.horizontalAdvance(piece)
        if hit and piece:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours.highlight)
            painter.drawRoundedRect(QRect(x - 1, y + 1, width + 2, height - 2), 3, 3)
        painter.setFont(use.font)
        painter.setPen(colours.title if hit else pen)
        # at a baseline point, not in a rectangle: Qt lays out text drawn in a rectangle again on every call
        painter.drawText(x, baseline, piece)
        x += width
        if clipped or x >= right:
            break

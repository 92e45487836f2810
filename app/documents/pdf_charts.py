"""Small charts drawn with fpdf2's own lines, rectangles and text (vector, no Qt, no image library).

Bars up (categories along the bottom), bars across (long labels on the left) and one bar split into shares. Every
chart draws inside its box: title on top, the plot below it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import Align

FONT = "cjk"
GRID = (215, 222, 230)
AXIS_TEXT = (90, 90, 90)
TITLE_COLOR = (31, 58, 95)
BLUE, ORANGE = (68, 114, 196), (237, 125, 49)


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]  # None: not known (a share of nothing), drawn as "—" with no bar
    color: tuple[int, int, int] = BLUE


def nice_top(largest: float, percent: bool) -> tuple[float, float]:
    """The axis maximum and step: 100 % for shares, else a round number above the largest value."""
    if percent:
        return 1.0, 0.25
    if largest <= 0:
        return 4.0, 1.0
    step = max(1, math.ceil(largest / 4))
    magnitude = 10 ** max(0, len(str(step)) - 1)
    step = math.ceil(step / magnitude) * magnitude
    return step * math.ceil(largest / step), float(step)


def value_text(value: float, percent: bool) -> str:
    if percent:
        return f"{value * 100:.0f}%"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _title(pdf: FPDF, box: Box, title: str) -> float:
    pdf.set_font(FONT, "B", 9)
    pdf.set_text_color(*TITLE_COLOR)
    pdf.set_xy(box.x, box.y)
    pdf.cell(box.w, 5, title)
    pdf.set_text_color(0, 0, 0)
    return box.y + 6.5


def _legend(pdf: FPDF, box: Box, series: list[Series]) -> None:
    pdf.set_font(FONT, size=6.5)
    x = box.x + box.w
    for s in reversed(series):
        width = pdf.get_string_width(s.name) + 5
        x -= width
        pdf.set_fill_color(*s.color)
        pdf.rect(x, box.y + 1.3, 2.5, 2.5, style="F")
        pdf.set_xy(x + 3, box.y)
        pdf.cell(width - 3, 5, s.name)


def column_chart(pdf: FPDF, box: Box, title: str, labels: list[str], series: list[Series], *,
                 percent: bool = False) -> None:
    """Bars up, one group per label; values written above the bars."""
    top = _title(pdf, box, title)
    if len(series) > 1:
        _legend(pdf, box, series)
    label_h, axis_w, headroom = 7.0, 8.0, 4.0  # headroom: a full bar's value label stays below the title
    plot = Box(box.x + axis_w, top + headroom, box.w - axis_w, box.y + box.h - top - headroom - label_h)
    largest = max((v for s in series for v in s.values if v is not None), default=0)
    axis_max, step = nice_top(largest, percent)
    pdf.set_font(FONT, size=6)
    pdf.set_line_width(0.15)
    pdf.set_draw_color(*GRID)
    pdf.set_text_color(*AXIS_TEXT)
    for k in range(round(axis_max / step) + 1):
        y = plot.y + plot.h - plot.h * k * step / axis_max
        pdf.line(plot.x, y, plot.x + plot.w, y)
        pdf.set_xy(box.x, y - 2)
        pdf.cell(axis_w - 1, 4, value_text(k * step, percent), align=Align.R)
    slot = plot.w / max(len(labels), 1)
    bar = slot * 0.7 / max(len(series), 1)
    every = math.ceil(len(labels) / 12)  # a month of days: every third label
    for i, label in enumerate(labels):
        for j, s in enumerate(series):
            value = s.values[i] if i < len(s.values) else None
            height = 0.0 if value is None else plot.h * min(value, axis_max) / axis_max
            x = plot.x + slot * i + slot * 0.15 + bar * j
            pdf.set_fill_color(*s.color)
            if height > 0:
                pdf.rect(x, plot.y + plot.h - height, bar, height, style="F")
            if len(labels) * len(series) <= 16:
                pdf.set_xy(x - 2, plot.y + plot.h - height - 3.6)
                pdf.cell(bar + 4, 3.5, "—" if value is None else value_text(value, percent), align=Align.C)
        if i % every == 0:
            _category_label(pdf, label, plot.x + slot * i, plot.y + plot.h + 0.8, slot * every if every > 1 else slot)
    pdf.set_text_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)


def _category_label(pdf: FPDF, label: str, x: float, y: float, width: float) -> None:
    """A label under its bars: one line if it fits, else broken after its dash (30分钟– / 1小时), shrunk to fit."""
    lines = [label]
    pdf.set_font(FONT, size=6)
    if pdf.get_string_width(label) > width - 0.6 and "–" in label:
        head, tail = label.split("–", 1)
        lines = [head + "–", tail]
    size = 6.0
    while size > 4.2 and max(pdf.get_string_width(line) for line in lines) > width - 0.6:
        size -= 0.3
        pdf.set_font(FONT, size=size)
    for number, line in enumerate(lines):
        pdf.set_xy(x, y + number * 2.6)
        pdf.cell(width, 2.6, line, align=Align.C)
    pdf.set_font(FONT, size=6)


def bar_chart(pdf: FPDF, box: Box, title: str, labels: list[str], values: list[float], *,
              color: tuple[int, int, int] = BLUE, empty_text: str = "") -> None:
    """Bars across, for long labels (delay reasons); the value at the end of each bar."""
    top = _title(pdf, box, title)
    pdf.set_font(FONT, size=6.5)
    if not labels:
        _empty_note(pdf, box, top, empty_text)
        return
    label_w = box.w * 0.42
    row_h = min(6.0, (box.y + box.h - top) / len(labels))
    largest = max(values) or 1
    pdf.set_fill_color(*color)
    for i, (label, value) in enumerate(zip(labels, values)):
        y = top + row_h * i
        pdf.set_xy(box.x, y)
        text = label if pdf.get_string_width(label) <= label_w - 1 else _clip(pdf, label, label_w - 1)
        pdf.cell(label_w - 1, row_h, text, align=Align.R)
        width = (box.w - label_w - 8) * value / largest
        pdf.rect(box.x + label_w, y + row_h * 0.18, max(width, 0.3), row_h * 0.64, style="F")
        pdf.set_xy(box.x + label_w + width + 0.8, y)
        pdf.cell(7, row_h, value_text(value, False))
    pdf.set_fill_color(255, 255, 255)


def _empty_note(pdf: FPDF, box: Box, top: float, text: str) -> None:
    """The grey line a chart shows in place of its marks when the period has nothing to draw."""
    pdf.set_text_color(*AXIS_TEXT)
    pdf.set_xy(box.x, top + 4)
    pdf.cell(box.w, 5, text)
    pdf.set_text_color(0, 0, 0)


def _clip(pdf: FPDF, text: str, width: float) -> str:
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def share_bar(pdf: FPDF, box: Box, title: str, parts: list[tuple[str, int, tuple[int, int, int]]], *,
              empty_text: str = "") -> None:
    """One bar split into the parts' shares, with each part's label, count and share under it."""
    top = _title(pdf, box, title)
    total = sum(n for _label, n, _color in parts)
    pdf.set_font(FONT, size=7)
    if not total:
        _empty_note(pdf, box, top, empty_text)
        return
    x, bar_h = box.x, 9.0
    for _label, n, color in parts:
        width = box.w * n / total
        pdf.set_fill_color(*color)
        if width > 0:
            pdf.rect(x, top + 2, width, bar_h, style="F")
        x += width
    legend_y = top + bar_h + 5
    column = box.w / len(parts)
    for i, (label, n, color) in enumerate(parts):
        pdf.set_fill_color(*color)
        pdf.rect(box.x + column * i, legend_y + 1, 3, 3, style="F")
        pdf.set_xy(box.x + column * i + 4, legend_y)
        pdf.cell(column - 4, 5, f"{label} {n}（{n / total * 100:.0f}%）")
    pdf.set_fill_color(255, 255, 255)

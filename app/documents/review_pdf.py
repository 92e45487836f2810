"""The weekly review pack as PDF for the 复盘会: the figures at a glance (tiles and charts) on the first page, the
tables, the notes and the delays after it. fpdf2 draws everything (vector charts, embedded Chinese font); no Qt.
"""

from __future__ import annotations

from pathlib import Path

from app.documents.atomic import atomic_write_bytes
from app.documents.font_cache import FontCache
from app.documents.fonts import CjkFonts, find_cjk_fonts
from app.documents.pdf_base import ACCENT, BORDER, FONT, LABEL_FILL, MUTED, DeskbookPDF
from app.documents.pdf_charts import BLUE, ORANGE, Box, Series, bar_chart, column_chart, share_bar
from app.documents.review_content import Kpi, ReviewContent, Table, review_content
from app.model.figures import ReviewPack

TILES_PER_ROW = 5
CHART_H = 52.0
SATISFACTION_RGB = ((46, 125, 50), (242, 169, 59), (198, 40, 40))
MAX_DELAY_ROWS = 40


def _tiles(pdf: DeskbookPDF, kpis: list[Kpi]) -> None:
    gap = 2.5
    width = (pdf.epw - gap * (TILES_PER_ROW - 1)) / TILES_PER_ROW
    height = 17.0
    top = pdf.get_y()
    for index, kpi in enumerate(kpis):
        x = pdf.l_margin + (index % TILES_PER_ROW) * (width + gap)
        y = top + (index // TILES_PER_ROW) * (height + gap)
        pdf.set_fill_color(*LABEL_FILL)
        pdf.set_draw_color(*BORDER)
        pdf.rect(x, y, width, height, style="DF")
        pdf.set_xy(x, y + 1.2)
        pdf.set_font(FONT, size=7.5)
        pdf.set_text_color(*MUTED)
        pdf.cell(width, 4, kpi.label, align="C")
        pdf.set_xy(x, y + 5.2)
        pdf.set_font(FONT, "B", 13)
        pdf.set_text_color(*ACCENT)
        pdf.cell(width, 6.5, kpi.value, align="C")
        pdf.set_xy(x, y + 12)
        pdf.set_font(FONT, size=6.5)
        pdf.set_text_color(*MUTED)
        pdf.cell(width, 4, kpi.note, align="C")
    rows = -(-len(kpis) // TILES_PER_ROW)
    pdf.set_text_color(0, 0, 0)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_y(top + rows * (height + gap) + 2)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _count(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _charts(pdf: DeskbookPDF, content: ReviewContent) -> None:
    gap = 8.0
    width = (pdf.epw - gap) / 2
    top = pdf.get_y()
    boxes = [Box(pdf.l_margin + (i % 2) * (width + gap), top + (i // 2) * (CHART_H + 6), width, CHART_H)
             for i in range(6)]
    sla = content.table("sla")
    column_chart(pdf, boxes[0], sla.title, [str(r[0]) for r in sla.rows],
                 [Series("达标率", [_number(r[1]) for r in sla.rows])], percent=True)
    buckets = content.table("response_time")
    column_chart(pdf, boxes[1], buckets.title, [str(r[0]) for r in buckets.rows],
                 [Series("需求数", [_number(r[1]) for r in buckets.rows])])
    days = content.table("per_day")
    column_chart(pdf, boxes[2], days.title, [str(r[0]) for r in days.rows],
                 [Series("收到", [_number(r[1]) for r in days.rows]),
                  Series("解决", [_number(r[2]) for r in days.rows], ORANGE)])
    delays = content.table("delays")
    bar_chart(pdf, boxes[3], delays.title, [str(r[0]) for r in delays.rows], [_count(r[1]) for r in delays.rows],
              color=ORANGE, empty_text="本期没有延迟。")
    satisfaction = content.table("satisfaction")
    share_bar(pdf, Box(boxes[4].x, boxes[4].y, boxes[4].w, 24), satisfaction.title,
              [(str(r[0]), int(_count(r[1])), color) for r, color in zip(satisfaction.rows, SATISFACTION_RGB)],
              empty_text="本期没有满意度评价。")
    pdf.set_xy(boxes[4].x, boxes[4].y + 26)
    pdf.set_font(FONT, size=7)
    pdf.multi_cell(boxes[4].w, 3.6, satisfaction.note)
    resolution = content.table("resolution")
    column_chart(pdf, boxes[5], resolution.title, [str(r[0]) for r in resolution.rows],
                 [Series("按承诺解决率", [_number(r[1]) for r in resolution.rows], BLUE)], percent=True)
    pdf.set_y(top + 3 * (CHART_H + 6))


def _cell_text(value: object, percent: bool) -> str:
    if value is None:
        return "—"
    if percent and isinstance(value, float):
        return f"{value * 100:.0f}%"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _table(pdf: DeskbookPDF, table: Table, *, empty: str = "（无）") -> None:
    pdf.heading(table.title, size=11, space_before=3)
    if not table.rows:
        pdf.paragraph(empty, size=9, indent=False, color=MUTED)
        return
    first = 0.34 if len(table.header) <= 3 else 0.16
    rest = (1 - first) / (len(table.header) - 1)
    widths = tuple(pdf.epw * (first if i == 0 else rest) for i in range(len(table.header)))
    rows = [table.header] + [tuple(_cell_text(v, i in table.percent_columns) for i, v in enumerate(r))
                             for r in table.rows]
    align = tuple("LEFT" if i == 0 else "RIGHT" for i in range(len(table.header)))
    pdf.grid(rows, widths, header=True, align=align, size=8)
    if table.note:
        pdf.paragraph(table.note, size=8.5, indent=False, color=MUTED)


def _delays(pdf: DeskbookPDF, pack: ReviewPack) -> None:
    rows = pack.rows.delays
    pdf.heading("延迟明细", size=11, space_before=3)
    if not rows:
        pdf.paragraph("本期没有延迟。", size=9, indent=False, color=MUTED)
        return
    header = ("需求编号", "客户", "负责人", "时间", "延迟原因", "新的完成时间")
    body = [(d.code, d.customer, d.assignee, d.at.astimezone().strftime("%m-%d %H:%M"), d.reason,
             d.new_deadline.astimezone().strftime("%m-%d %H:%M") if d.new_deadline else "—")
            for d in rows[:MAX_DELAY_ROWS]]
    widths = tuple(pdf.epw * w for w in (0.2, 0.15, 0.1, 0.13, 0.29, 0.13))
    pdf.grid([header, *body], widths, header=True, size=7.5)
    if len(rows) > MAX_DELAY_ROWS:
        pdf.paragraph(f"另有 {len(rows) - MAX_DELAY_ROWS} 条，见 XLSX 的“延迟明细”。", size=8.5, indent=False, color=MUTED)


def build_review_pdf(pack: ReviewPack, fonts: CjkFonts | None = None) -> DeskbookPDF:
    content = review_content(pack)
    period = content.subtitle.split("　")[0]
    pdf = DeskbookPDF(f"{content.title} {period}", header_text=f"{content.title}　{period}",
                      footer_text="Deskbook 服务数据", fonts=fonts)
    pdf.set_margins(15, 18, 15)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    pdf.set_y(16)
    pdf.title_block(content.title, content.subtitle)
    _tiles(pdf, content.kpis)
    _charts(pdf, content)
    pdf.add_page()
    for key in ("sla", "resolution", "channels", "zero_results", "scripts"):
        _table(pdf, content.table(key))
    pdf.heading("说明", size=11, space_before=3)
    for note in content.notes:
        pdf.paragraph(note, size=8.5, indent=False)
    _delays(pdf, pack)
    return pdf


def write_review_pdf(pack: ReviewPack, out: Path | str, *, force: bool = False,
                     font_cache: FontCache | None = None) -> Path:
    # laid out first: a font or layout error leaves no file behind
    if font_cache is None:
        pdf = build_review_pdf(pack)
    else:  # the small copy of the font when it has every character used (customer names may need the full one)
        pdf = font_cache.build(find_cjk_fonts(), lambda fonts: build_review_pdf(pack, fonts))
    return atomic_write_bytes(out, bytes(pdf.output()), force=force)

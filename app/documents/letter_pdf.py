"""The confirmation letter as PDF, from the same data (and in the same layout) as the DOCX.

A typical letter fits on one page: the customer signs one sheet. A letter a little too long for it is set a little
tighter (smaller type, less space) rather than sending the confirmation box alone to an almost empty second page;
one that needs two pages anyway keeps the confirmation (section 六, the box and the signature lines) whole, with
the section before it, on the second page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.documents.atomic import atomic_write
from app.documents.font_cache import FontCache
from app.documents.fonts import CjkFonts, find_cjk_fonts
from app.documents.letter import MISSING, PENDING_STEPS, LetterData
from app.documents.pdf_base import MUTED, DeskbookPDF

BOX_HEIGHT = 22


@dataclass(frozen=True)
class Layout:
    body: float = 10.5  # pt
    heading: float = 12
    heading_space: float = 2.2  # mm before a section heading
    line_factor: float = 0.58
    top: float = 19  # mm
    padding: float = 1.2  # mm inside the table cells

    @property
    def closing_height(self) -> float:
        """Section 六: heading, two lines, the box and the signature block (mm)."""
        return 40 + self.body * 1.45


# Tried in order until the letter fits one page.
LAYOUTS = (Layout(), Layout(body=10, heading=11.5, heading_space=1.6, line_factor=0.55, top=17, padding=1.0),
           Layout(body=9.5, heading=11, heading_space=1.2, line_factor=0.52, top=15, padding=0.8))


def build_letter_pdf(data: LetterData, fonts: CjkFonts | None = None) -> DeskbookPDF:
    """The letter on one page in the first layout that fits it there; otherwise on two, in the first layout."""
    fonts = fonts or find_cjk_fonts()
    first: DeskbookPDF | None = None
    for layout in LAYOUTS:
        pdf = _letter(data, fonts, layout)
        if pdf.page == 1:
            return pdf
        first = first or pdf
    assert first is not None
    return first


def _letter(data: LetterData, fonts: CjkFonts, layout: Layout) -> DeskbookPDF:
    c = data.context()
    pdf = DeskbookPDF(f"客户确认函 {c['编号']}", header_text=f"{c['服务方']} · 客户确认函", footer_text=f"编号 {c['编号']}",
                      fonts=fonts)
    pdf.line_factor = layout.line_factor
    pdf.set_margins(22, layout.top, 22)
    pdf.set_auto_page_break(True, margin=17)
    pdf.add_page()
    pdf.title_block("客户确认函", f"编号：{c['编号']}　　　日期：{c['日期']}", height=10, after=2.5)
    pdf.grid(
        [
            ("客户", c["客户姓名"], "公司", c["公司"] or "个人客户"),
            ("联系方式", c["联系方式"], "沟通渠道", c["渠道"]),
            ("紧急程度", c["紧急程度"], "提出时间", c["提出时间"]),
        ],
        widths=(24, 59, 24, 59), label_columns=(0, 2), padding=layout.padding, size=min(10, layout.body),
    )
    pdf.ln(1)
    pdf.paragraph(f"尊敬的{c['称呼']}：", indent=False, size=layout.body)
    pdf.paragraph(c["开头说明"], size=layout.body)
    _sections(pdf, c, data, layout)
    if pdf.will_page_break(layout.closing_height + _contact_height(layout)):
        pdf.add_page()  # sections 五 and 六 go over together: a second page never holds the confirmation alone
    _contact(pdf, c, layout)
    _closing(pdf, c, layout)
    return pdf


def _contact_height(layout: Layout) -> float:
    return layout.heading_space + layout.heading * 0.55 + 2 * layout.body * layout.line_factor + 4


def _sections(pdf: DeskbookPDF, c: dict[str, Any], data: LetterData, layout: Layout) -> None:
    size = layout.body
    pdf.heading("一、问题描述", size=layout.heading, space_before=layout.heading_space)
    pdf.paragraph(c["问题描述"], size=size)
    pdf.paragraph(f"您的原话：“{c['客户原话']}”；期望效果：{c['期望效果']}", size=size - 1, color=MUTED)
    pdf.heading("二、原因分析", size=layout.heading, space_before=layout.heading_space)
    pdf.paragraph(c["原因"], size=size)
    pdf.heading("三、解决步骤", size=layout.heading, space_before=layout.heading_space)
    if data.plan.steps:
        steps = [(s["序号"], s["内容"], s["负责人"], s["完成时间"]) for s in c["解决步骤"]]
        pdf.grid([("序号", "步骤", "负责人", "完成时间"), *steps], widths=(14, 82, 36, 34), header=True,
                 align=("CENTER", "LEFT", "LEFT", "CENTER"), padding=layout.padding, size=min(10, size))
    else:
        pdf.paragraph(PENDING_STEPS if not data.has_plan else MISSING, size=size)
    pdf.heading("四、替代方案", size=layout.heading, space_before=layout.heading_space)
    pdf.paragraph(c["替代方案"], size=size)


def _contact(pdf: DeskbookPDF, c: dict[str, Any], layout: Layout) -> None:
    pdf.heading("五、联系方式", size=layout.heading, space_before=layout.heading_space)
    pdf.paragraph(c["联系说明"], size=layout.body)


def _closing(pdf: DeskbookPDF, c: dict[str, Any], layout: Layout) -> None:
    if pdf.will_page_break(layout.closing_height):  # never the box alone, nor the box without its heading
        pdf.add_page()
    pdf.heading("六、请您确认", size=layout.heading, space_before=layout.heading_space)
    pdf.paragraph(c["确认说明"], size=layout.body)
    _confirmation_box(pdf, c)
    pdf.ln(2)
    pdf.paragraph(f"{c['服务方']}　　{c['日期']}", indent=False, align="R", size=layout.body)


def _confirmation_box(pdf: DeskbookPDF, c: dict[str, Any]) -> None:
    pdf.ln(1.5)
    x, y, w = pdf.l_margin, pdf.get_y(), pdf.epw
    pdf.set_draw_color(31, 58, 95)
    pdf.set_line_width(0.4)
    pdf.rect(x, y, w, BOX_HEIGHT)
    pdf.set_xy(x + 3, y + 3)
    pdf.set_font("cjk", "B", 10.5)
    pdf.cell(0, 6, f"客户确认：　□ {c['确认选项']}　　□ 有补充意见（请写明）：")
    pdf.set_xy(x + 3, y + BOX_HEIGHT - 9)
    pdf.set_font("cjk", size=10)
    pdf.cell(0, 6, "客户签字（或回复邮件“确认”）：________________　　日期：_____年___月___日")
    pdf.set_xy(x, y + BOX_HEIGHT)
    pdf.set_line_width(0.2)


def render_letter_pdf(data: LetterData, out: Path, *, force: bool = False, font_cache: FontCache | None = None) -> Path:
    # layout first: a font or layout error leaves no file behind
    if font_cache is None:
        pdf = build_letter_pdf(data)
    else:
        pdf = font_cache.build(find_cjk_fonts(), lambda fonts: build_letter_pdf(data, fonts))
    return atomic_write(out, lambda temp: pdf.output(str(temp)), force=force)

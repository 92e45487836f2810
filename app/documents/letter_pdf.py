"""The confirmation letter as PDF, from the same data (and in the same layout) as the DOCX.

A typical letter fits on one page: the customer signs one sheet. When the steps make it longer, the confirmation
(section 六, the box and the signature lines) moves to the next page as a whole, never the box alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.documents.atomic import atomic_write
from app.documents.font_cache import FontCache
from app.documents.fonts import CjkFonts, find_cjk_fonts
from app.documents.letter import LetterData
from app.documents.pdf_base import MUTED, DeskbookPDF

BODY = 10.5
HEADING = 12
HEADING_SPACE = 2.2
BOX_HEIGHT = 22
CLOSING_HEIGHT = 55  # section 六: heading, two lines, the box, the signature block (mm)


def build_letter_pdf(data: LetterData, fonts: CjkFonts | None = None) -> DeskbookPDF:
    c = data.context()
    pdf = DeskbookPDF(f"客户确认函 {c['编号']}", header_text=f"{c['服务方']} · 客户确认函", footer_text=f"编号 {c['编号']}",
                      fonts=fonts)
    # One sheet for the customer to sign: slightly tighter than a pack's pages.
    pdf.line_factor = 0.58
    pdf.set_margins(22, 19, 22)
    pdf.set_auto_page_break(True, margin=17)
    pdf.add_page()
    pdf.title_block("客户确认函", f"编号：{c['编号']}　　　日期：{c['日期']}", height=10, after=2.5)
    pdf.grid(
        [
            ("客户", c["客户姓名"], "公司", c["公司"] or "个人客户"),
            ("联系方式", c["联系方式"], "沟通渠道", c["渠道"]),
            ("紧急程度", c["紧急程度"], "提出时间", c["提出时间"]),
        ],
        widths=(24, 59, 24, 59), label_columns=(0, 2), padding=1.2,
    )
    pdf.ln(1)
    pdf.paragraph(f"尊敬的{c['称呼']}：", indent=False, size=BODY)
    pdf.paragraph(c["开头说明"], size=BODY)
    _sections(pdf, c)
    _closing(pdf, c)
    return pdf


def _sections(pdf: DeskbookPDF, c: dict[str, Any]) -> None:
    pdf.heading("一、问题描述", size=HEADING, space_before=HEADING_SPACE)
    pdf.paragraph(c["问题描述"], size=BODY)
    pdf.paragraph(f"您的原话：“{c['客户原话']}”；期望效果：{c['期望效果']}", size=9.5, color=MUTED)
    pdf.heading("二、原因分析", size=HEADING, space_before=HEADING_SPACE)
    pdf.paragraph(c["原因"], size=BODY)
    pdf.heading("三、解决步骤", size=HEADING, space_before=HEADING_SPACE)
    steps = [(s["序号"], s["内容"], s["负责人"], s["完成时间"]) for s in c["解决步骤"]]
    if steps:
        pdf.grid([("序号", "步骤", "负责人", "完成时间"), *steps], widths=(14, 82, 36, 34), header=True,
                 align=("CENTER", "LEFT", "LEFT", "CENTER"), padding=1.2)
    else:
        pdf.paragraph("解决步骤将随解决方案一并告知。", size=BODY)
    pdf.heading("四、替代方案", size=HEADING, space_before=HEADING_SPACE)
    pdf.paragraph(c["替代方案"], size=BODY)
    pdf.heading("五、联系方式", size=HEADING, space_before=HEADING_SPACE)
    pdf.paragraph(f"方案执行期间，您的专属支持专员为{c['负责人']}（{c['技能组']}），我们会在每个时间节点主动向您同步进度；"
                  "如有任何疑问，请直接回复本函或通过原沟通渠道联系我们。", size=BODY)


def _closing(pdf: DeskbookPDF, c: dict[str, Any]) -> None:
    if pdf.will_page_break(CLOSING_HEIGHT):
        pdf.add_page()
    pdf.heading("六、请您确认", size=HEADING, space_before=HEADING_SPACE)
    pdf.paragraph(c["确认说明"], size=BODY)
    _confirmation_box(pdf)
    pdf.ln(2)
    pdf.paragraph(f"{c['服务方']}　　{c['日期']}", indent=False, align="R", size=BODY)


def _confirmation_box(pdf: DeskbookPDF) -> None:
    pdf.ln(1.5)
    x, y, w = pdf.l_margin, pdf.get_y(), pdf.epw
    pdf.set_draw_color(31, 58, 95)
    pdf.set_line_width(0.4)
    pdf.rect(x, y, w, BOX_HEIGHT)
    pdf.set_xy(x + 3, y + 3)
    pdf.set_font("cjk", "B", 10.5)
    pdf.cell(0, 6, "客户确认：　□ 同意以上方案　　□ 有补充意见（请写明）：")
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

"""Builds the shipped confirmation-letter template (resources/templates/confirmation_letter.docx).

The .docx in resources is what a KB owner edits in Word or WPS; this module only recreates it from scratch
(``python -m app.documents.letter_template``) so the shipped file's layout is reviewable as code. Each
placeholder sits in a single run, which docxtpl needs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from app.documents.docx_style import (
    ACCENT,
    BODY_EAST_ASIA,
    BODY_LATIN,
    HEADING_EAST_ASIA,
    HEADING_LATIN,
    MUTED,
    page_number_footer,
    paragraph_bottom_border,
    run_fonts,
    set_document_language,
    shade_cell,
    style_fonts,
    table_borders,
)
from app.paths import RESOURCES_DIR

TEMPLATE_PATH = RESOURCES_DIR / "templates" / "confirmation_letter.docx"
LABEL_FILL = "E8EEF5"


def _column_widths(table, widths) -> None:
    # Word reads the cell widths, LibreOffice the grid; set both and turn autofit off so neither is overridden.
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _section_heading(document, text: str) -> None:
    paragraph = document.add_paragraph(text, style="Heading 2")
    paragraph.paragraph_format.space_before = Pt(10)
    paragraph.paragraph_format.space_after = Pt(4)


def _body(document, text: str, indent: bool = True):
    paragraph = document.add_paragraph(text)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(24)  # two Chinese characters
    return paragraph


def build_letter_template(path: Path = TEMPLATE_PATH) -> Path:
    """Write the shipped Word template (the owner's copy in the data directory starts as this file)."""
    document = Document()
    set_document_language(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.left_margin = section.right_margin = Cm(2.6)
    _styles(document)
    _header_and_footer(section)
    _title_and_customer(document)
    _letter_body(document)
    _steps_table(document)
    _closing(document)
    document.core_properties.title = "客户确认函"
    document.core_properties.author = "Deskbook"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _styles(document: Any) -> None:
    styles = document.styles
    style_fonts(styles["Normal"], BODY_LATIN, BODY_EAST_ASIA, size=11)
    styles["Normal"].paragraph_format.line_spacing = 1.4
    styles["Normal"].paragraph_format.space_after = Pt(3)
    style_fonts(styles["Title"], HEADING_LATIN, HEADING_EAST_ASIA, size=22, bold=True, color=ACCENT)
    style_fonts(styles["Heading 2"], HEADING_LATIN, HEADING_EAST_ASIA, size=13, bold=True, color=ACCENT)


def _header_and_footer(section: Any) -> None:
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run("{{ 服务方 }} · 客户确认函")
    run.font.size, run.font.color.rgb = Pt(9), MUTED
    run_fonts(run, HEADING_LATIN, HEADING_EAST_ASIA)
    paragraph_bottom_border(header, color="8EA9C1", size=4)

    page_number_footer(section, prefix="编号 {{ 编号 }}　　")


def _title_and_customer(document: Any) -> None:
    title = document.add_paragraph("客户确认函", style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(2)
    meta = document.add_paragraph("编号：{{ 编号 }}　　　日期：{{ 日期 }}")
    meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    meta.runs[0].font.size, meta.runs[0].font.color.rgb = Pt(10), MUTED
    meta.paragraph_format.space_after = Pt(10)

    info = document.add_table(rows=3, cols=4)
    info.alignment = WD_TABLE_ALIGNMENT.CENTER
    table_borders(info)
    cells = [
        ("客户", "{{ 客户姓名 }}", "公司", "{{ 公司 or '个人客户' }}"),
        ("联系方式", "{{ 联系方式 }}", "沟通渠道", "{{ 渠道 }}"),
        ("紧急程度", "{{ 紧急程度 }}", "提出时间", "{{ 提出时间 }}"),
    ]
    widths = (Cm(2.4), Cm(5.5), Cm(2.4), Cm(5.5))
    _column_widths(info, widths)
    for row, values in zip(info.rows, cells):
        for column, (cell, text) in enumerate(zip(row.cells, values)):
            cell.width = widths[column]
            cell.text = text
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            if column % 2 == 0:
                shade_cell(cell, LABEL_FILL)
                paragraph.runs[0].font.bold = True
                run_fonts(paragraph.runs[0], HEADING_LATIN, HEADING_EAST_ASIA)


def _letter_body(document: Any) -> None:
    salutation = document.add_paragraph("尊敬的{{ 称呼 }}：")
    salutation.paragraph_format.space_before = Pt(12)
    _body(document, "{{ 开头说明 }}")

    _section_heading(document, "一、问题描述")
    _body(document, "{{ 问题描述 }}")
    quote = _body(document, "您的原话：“{{ 客户原话 }}”；期望效果：{{ 期望效果 }}")
    quote.runs[0].font.color.rgb = MUTED
    quote.runs[0].font.size = Pt(10)

    _section_heading(document, "二、原因分析")
    _body(document, "{{ 原因 }}")
    _section_heading(document, "三、解决步骤")


def _steps_table(document: Any) -> None:
    steps = document.add_table(rows=4, cols=4)
    steps.alignment = WD_TABLE_ALIGNMENT.CENTER
    table_borders(steps)
    step_widths = (Cm(1.4), Cm(8.0), Cm(3.0), Cm(3.4))
    _column_widths(steps, step_widths)
    rows = [
        ("序号", "步骤", "负责人", "完成时间"),
        ("{%tr for 步骤 in 解决步骤 %}", "", "", ""),
        ("{{ 步骤.序号 }}", "{{ 步骤.内容 }}", "{{ 步骤.负责人 }}", "{{ 步骤.完成时间 }}"),
        ("{%tr endfor %}", "", "", ""),
    ]
    for index, (row, values) in enumerate(zip(steps.rows, rows)):
        for column, (cell, text) in enumerate(zip(row.cells, values)):
            cell.width = step_widths[column]
            cell.text = text
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            if column in (0, 3):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if index == 0:
                shade_cell(cell, LABEL_FILL)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.runs[0].font.bold = True
                run_fonts(paragraph.runs[0], HEADING_LATIN, HEADING_EAST_ASIA)
            elif paragraph.runs:
                paragraph.runs[0].font.size = Pt(10)


def _closing(document: Any) -> None:
    _section_heading(document, "四、替代方案")
    _body(document, "{{ 替代方案 }}")

    _section_heading(document, "五、联系方式")
    _body(document, "{{ 联系说明 }}")  # who supports the customer: worded for a letter with or without a plan

    _section_heading(document, "六、请您确认")
    _body(document, "{{ 确认说明 }}")

    box = document.add_table(rows=1, cols=1)
    table_borders(box, color="1F3A5F", size=8)
    cell = box.rows[0].cells[0]
    cell.text = "客户确认：　□ {{ 确认选项 }}　　□ 有补充意见（请写明）："
    cell.paragraphs[0].runs[0].font.bold = True
    run_fonts(cell.paragraphs[0].runs[0], HEADING_LATIN, HEADING_EAST_ASIA)
    cell.add_paragraph("")
    cell.add_paragraph("")
    cell.add_paragraph("客户签字（或回复邮件“确认”）：________________　　日期：_____年___月___日")

    for text in ("", "{{ 服务方 }}", "{{ 日期 }}"):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


if __name__ == "__main__":
    print(build_letter_template(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE_PATH))

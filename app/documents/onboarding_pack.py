"""The onboarding pack (入职培训包) for trainers: a booklet with a cover, a table of contents and page numbers,
as PDF (fpdf2) and DOCX (python-docx), from the same :mod:`app.documents.pack_content`.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Cm, Pt, RGBColor
from fpdf.enums import XPos, YPos

from app.documents.atomic import atomic_write
from app.documents.docx_style import (
    ACCENT,
    BODY_EAST_ASIA,
    BODY_LATIN,
    HEADING_EAST_ASIA,
    HEADING_LATIN,
    MUTED,
    add_bookmark,
    add_field,
    page_break,
    paragraph_bottom_border,
    run_fonts,
    set_document_language,
    shade_cell,
    style_fonts,
    table_borders,
)
from app.documents.errors import EmptyPack
from app.documents.md_blocks import Block, markdown_blocks
from app.documents.pack_content import PackArticle, PackInput, meta_line, pack_article, parts
from app.documents.pdf_base import ACCENT as PDF_ACCENT
from app.documents.pdf_base import FONT, DeskbookPDF
from app.documents.pdf_base import MUTED as PDF_MUTED

TOC_LINES_PER_PAGE = 30


def _prepare(pack: PackInput) -> tuple[list[tuple[str, list[PackArticle]]], int]:
    if not pack.articles:
        raise EmptyPack(f"no articles match ({pack.selection.describe()}); nothing to export")
    grouped = parts(pack.articles, keep_order=bool(pack.selection.ids))
    numbered: list[tuple[str, list[PackArticle]]] = []
    counter = 0
    for part_title, items in grouped:
        entries = []
        for article in items:
            counter += 1
            entries.append(pack_article(article, counter))
        numbered.append((part_title, entries))
    return numbered, counter


# --- PDF ---------------------------------------------------------------------------------------------------
def _render_pdf_toc(pdf: Any, sections: Any) -> None:  # fpdf2 calls it with itself
    pdf.set_font(FONT, "B", 18)
    pdf.set_text_color(*PDF_ACCENT)
    pdf.cell(0, 12, "目　录", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    for section in sections:
        bold = section.level == 0
        pdf.set_font(FONT, "B" if bold else "", 11 if bold else 10.5)
        pdf.set_text_color(*(PDF_ACCENT if bold else (0, 0, 0)))
        indent = 0 if bold else 6
        page = str(section.page_number)
        link = pdf.add_link(page=section.page_number)
        title = section.name
        room = pdf.epw - indent - pdf.get_string_width(page) - 4
        while pdf.get_string_width(title) > room and len(title) > 2:
            title = title[:-2] + "…"
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(pdf.get_string_width(title) + 1, 7, title, link=link)
        dots_width = pdf.epw - indent - pdf.get_string_width(title) - 1 - pdf.get_string_width(page) - 2
        pdf.set_text_color(*PDF_MUTED)
        dot = pdf.get_string_width(".")
        pdf.cell(dots_width, 7, "." * max(int(dots_width / dot) - 1, 0), align="R")
        pdf.set_text_color(0, 0, 0)
        pdf.cell(0, 7, page, align="R", link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _pdf_cover(pdf: DeskbookPDF, title: str, subtitle: str, organization: str, day: str, count: int) -> None:
    pdf.add_page()
    pdf.set_fill_color(*PDF_ACCENT)
    pdf.rect(0, 0, pdf.w, 95, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_y(38)
    pdf.set_font(FONT, "B", 28)
    pdf.multi_cell(0, 13, title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=13)
    pdf.cell(0, 10, "入职培训包", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*PDF_MUTED)
    pdf.set_y(120)
    pdf.set_font(FONT, size=12)
    for line in (subtitle, f"共 {count} 篇"):
        pdf.cell(0, 9, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(-60)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "B", 13)
    pdf.cell(0, 8, organization, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=11)
    pdf.cell(0, 8, day, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def build_pack_pdf(pack: PackInput) -> DeskbookPDF:
    grouped, count = _prepare(pack)
    selection, organization, day = pack.selection, pack.organization, pack.day
    pdf = DeskbookPDF(selection.title, header_text=f"{organization} · {selection.title}", numbered_from=2)
    _pdf_cover(pdf, selection.title, selection.describe(), organization, day, count)
    toc_lines = count + len(grouped) + 3
    pdf.add_page()
    pdf.insert_toc_placeholder(_render_pdf_toc, pages=max(1, math.ceil(toc_lines / TOC_LINES_PER_PAGE)),
                               allow_extra_pages=True)
    fresh_page = True  # the placeholder leaves us at the top of a new page
    for part_title, entries in grouped:
        if part_title:
            if not fresh_page:
                pdf.add_page()
            pdf.start_section(part_title, level=0)
            pdf.set_font(FONT, "B", 18)
            pdf.set_text_color(*PDF_ACCENT)
            pdf.cell(0, 12, part_title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_text_color(0, 0, 0)
        fresh_page = False
        for entry in entries:
            if pdf.will_page_break(40):
                pdf.add_page()
            pdf.start_section(entry.title, level=1 if part_title else 0)
            pdf.heading(entry.title, size=14, space_before=2)
            pdf.paragraph(meta_line(entry.article), size=9, indent=False, color=PDF_MUTED)
            for label, text in entry.sections:
                if label:
                    pdf.heading(label, size=11, space_before=1.5)
                pdf.markdown(text, size=10.5)
            pdf.set_draw_color(200, 210, 222)
            pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
            pdf.ln(2)
    return pdf


def export_pack_pdf(pack: PackInput, out: Path, *, force: bool = False) -> tuple[Path, int]:
    pdf = build_pack_pdf(pack)
    path = atomic_write(out, lambda temp: pdf.output(str(temp)), force=force)
    return path, len(pack.articles)


# --- DOCX --------------------------------------------------------------------------------------------------
def _docx_styles(document) -> None:
    set_document_language(document)
    styles = document.styles
    style_fonts(styles["Normal"], BODY_LATIN, BODY_EAST_ASIA, size=10.5)
    styles["Normal"].paragraph_format.line_spacing = 1.35
    styles["Normal"].paragraph_format.space_after = Pt(3)
    style_fonts(styles["Title"], HEADING_LATIN, HEADING_EAST_ASIA, size=30, bold=True, color=ACCENT)
    style_fonts(styles["Heading 1"], HEADING_LATIN, HEADING_EAST_ASIA, size=18, bold=True, color=ACCENT)
    style_fonts(styles["Heading 2"], HEADING_LATIN, HEADING_EAST_ASIA, size=14, bold=True, color=ACCENT)
    style_fonts(styles["Heading 3"], HEADING_LATIN, HEADING_EAST_ASIA, size=11.5, bold=True, color=ACCENT)
    styles["Heading 2"].paragraph_format.space_before = Pt(14)
    styles["Heading 3"].paragraph_format.space_before = Pt(6)
    styles["Heading 3"].paragraph_format.space_after = Pt(2)


def _add_runs(paragraph, block: Block, color: RGBColor | None = None) -> None:
    for run_data in block.runs:
        run = paragraph.add_run(run_data.text)
        run.bold = run_data.bold or None
        if run_data.code:
            run_fonts(run, "Consolas", BODY_EAST_ASIA)
        if color is not None:
            run.font.color.rgb = color


def add_markdown(document, text: str) -> None:
    """Markdown blocks as Word paragraphs; lists get their marker and a hanging indent (Word's numbered lists
    would continue one numbering across articles)."""
    for block in markdown_blocks(text):
        if block.kind.startswith("h") and block.kind[1:].isdigit():
            paragraph = document.add_paragraph(style="Heading 3")
            _add_runs(paragraph, block)
        elif block.kind in ("li", "li-cont"):
            paragraph = document.add_paragraph()
            left = Cm(0.75 * (max(block.depth, 0) + 1))
            paragraph.paragraph_format.left_indent = left
            paragraph.paragraph_format.space_after = Pt(1)
            if block.kind == "li":
                paragraph.paragraph_format.first_line_indent = -Cm(0.6)
                marker = paragraph.add_run(block.marker + "\t")
                marker.font.color.rgb = ACCENT
                paragraph.paragraph_format.tab_stops.add_tab_stop(left)
            _add_runs(paragraph, block)
        elif block.kind == "quote":
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(0.8)
            _add_runs(paragraph, block, MUTED)
        elif block.kind == "pre":
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(0.5)
            run = paragraph.add_run(block.text.rstrip("\n"))
            run_fonts(run, "Consolas", BODY_EAST_ASIA)
            run.font.size = Pt(9.5)
        elif block.kind == "table" and block.rows:
            columns = max(len(r) for r in block.rows)
            table = document.add_table(rows=len(block.rows), cols=columns)
            table_borders(table)
            for r, row in enumerate(block.rows):
                for c in range(columns):
                    cell = table.cell(r, c)
                    cell.text = row[c] if c < len(row) else ""
                    if r == 0:
                        shade_cell(cell, "E8EEF5")
                        if cell.paragraphs[0].runs:
                            cell.paragraphs[0].runs[0].bold = True
        elif block.kind == "hr":
            paragraph_bottom_border(document.add_paragraph(), color="C8D2DE", size=4)
        else:
            _add_runs(document.add_paragraph(), block)


def build_pack_docx(pack: PackInput):
    grouped, count = _prepare(pack)
    selection, organization, day = pack.selection, pack.organization, pack.day
    document = Document()
    _docx_styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
    section.left_margin = section.right_margin = Cm(2.4)
    section.different_first_page_header_footer = True  # the cover has no header or page number

    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run(f"{organization} · {selection.title}")
    run.font.size, run.font.color.rgb = Pt(8.5), MUTED
    paragraph_bottom_border(header, color="8EA9C1", size=4)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("第 ").font.size = Pt(9)
    add_field(footer, "PAGE").font.size = Pt(9)
    footer.add_run(" 页 / 共 ").font.size = Pt(9)
    add_field(footer, "NUMPAGES").font.size = Pt(9)
    footer.add_run(" 页").font.size = Pt(9)

    # Cover
    for _ in range(6):
        document.add_paragraph()
    title = document.add_paragraph(selection.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle = document.add_paragraph()
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = subtitle.add_run("入职培训包")
    run.font.size, run.font.color.rgb = Pt(16), ACCENT
    run_fonts(run, HEADING_LATIN, HEADING_EAST_ASIA)
    paragraph_bottom_border(subtitle, color="1F3A5F", size=12)
    for line in ("", selection.describe(), f"共 {count} 篇"):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(line)
        r.font.size, r.font.color.rgb = Pt(12), MUTED
    for _ in range(10):
        document.add_paragraph()
    for line, size in ((organization, 14), (day, 12)):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(line)
        r.font.size = Pt(size)
        r.bold = size == 14
    page_break(document.add_paragraph())

    # Table of contents: entries with PAGEREF fields, which Word and LibreOffice both compute from the bookmarks.
    toc_title = document.add_paragraph()
    toc_title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = toc_title.add_run("目　录")
    r.bold, r.font.size, r.font.color.rgb = True, Pt(18), ACCENT
    run_fonts(r, HEADING_LATIN, HEADING_EAST_ASIA)
    width = section.page_width - section.left_margin - section.right_margin
    bookmarks: dict[str, str] = {}
    number = 0
    for part_title, entries in grouped:
        rows = ([(part_title, 0)] if part_title else []) + [(e.title, 1 if part_title else 0) for e in entries]
        for text, level in rows:
            number += 1
            bookmarks[text] = f"_Toc_deskbook_{number}"
            p = document.add_paragraph()
            p.paragraph_format.left_indent = Cm(0.8 * level)
            p.paragraph_format.space_after = Pt(2)
            p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            r = p.add_run(text)
            if level == 0:
                r.bold = True
                r.font.color.rgb = ACCENT
            p.add_run("\t")
            add_field(p, f"PAGEREF {bookmarks[text]} \\h", "")
    page_break(document.add_paragraph())

    bookmark_id = 0
    for index, (part_title, entries) in enumerate(grouped):
        if part_title:
            if index:
                page_break(document.add_paragraph())
            heading = document.add_paragraph(part_title, style="Heading 1")
            bookmark_id += 1
            add_bookmark(heading, bookmarks[part_title], bookmark_id)
        for entry in entries:
            heading = document.add_paragraph(entry.title, style="Heading 2" if part_title else "Heading 1")
            bookmark_id += 1
            add_bookmark(heading, bookmarks[entry.title], bookmark_id)
            meta = document.add_paragraph()
            r = meta.add_run(meta_line(entry.article))
            r.font.size, r.font.color.rgb = Pt(9), MUTED
            for label, text in entry.sections:
                if label:
                    document.add_paragraph(label, style="Heading 3")
                add_markdown(document, text)
    document.core_properties.title = selection.title
    document.core_properties.author = organization
    return document


def export_pack_docx(pack: PackInput, out: Path, *, force: bool = False) -> tuple[Path, int]:
    document = build_pack_docx(pack)
    path = atomic_write(out, lambda temp: document.save(str(temp)), force=force)
    return path, len(pack.articles)


def export_pack(pack: PackInput, out: Path, *, fmt: str | None = None, force: bool = False) -> tuple[Path, int]:
    """Write the pack; the format defaults to the file's extension (.pdf or .docx)."""
    fmt = fmt or Path(out).suffix.lower().lstrip(".")
    if fmt == "pdf":
        return export_pack_pdf(pack, Path(out), force=force)
    if fmt == "docx":
        return export_pack_docx(pack, Path(out), force=force)
    raise ValueError(f"unknown format {fmt!r}; use pdf or docx")

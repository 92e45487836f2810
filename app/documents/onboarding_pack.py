"""The onboarding pack (入职培训包) for trainers: a booklet with a cover, a table of contents and page numbers.

The PDF (fpdf2) is written here, the DOCX in :mod:`app.documents.pack_docx`; both from the same
:mod:`app.documents.pack_content`.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from fpdf.enums import XPos, YPos

from app.documents.atomic import atomic_write
from app.documents.font_cache import FontCache
from app.documents.fonts import CjkFonts, find_cjk_fonts
from app.documents.pack_content import PackInput, Progress, meta_line, no_progress, prepare
from app.documents.pdf_base import ACCENT as PDF_ACCENT
from app.documents.pdf_base import FONT, DeskbookPDF
from app.documents.pdf_base import MUTED as PDF_MUTED

TOC_LINES_PER_PAGE = 30


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


def build_pack_pdf(pack: PackInput, fonts: CjkFonts | None = None, progress: Progress = no_progress) -> DeskbookPDF:
    grouped, count = prepare(pack)
    laid_out = 0
    selection, organization, day = pack.selection, pack.organization, pack.day
    pdf = DeskbookPDF(selection.title, header_text=f"{organization} · {selection.title}", numbered_from=2,
                      fonts=fonts)
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
            laid_out += 1
            progress(laid_out, count + 1)
    return pdf


def export_pack_pdf(pack: PackInput, out: Path, *, force: bool = False, font_cache: FontCache | None = None,
                    progress: Progress = no_progress) -> tuple[Path, int]:
    if font_cache is None:
        pdf = build_pack_pdf(pack, progress=progress)
    else:
        pdf = font_cache.build(find_cjk_fonts(), lambda fonts: build_pack_pdf(pack, fonts, progress))
    path = atomic_write(out, lambda temp: pdf.output(str(temp)), force=force)
    progress(len(pack.articles) + 1, len(pack.articles) + 1)
    return path, len(pack.articles)


def export_pack(pack: PackInput, out: Path, *, fmt: str | None = None, force: bool = False,
                font_cache: FontCache | None = None, progress: Progress = no_progress) -> tuple[Path, int]:
    """Write the pack; the format defaults to the file's extension (.pdf or .docx). ``progress`` hears of each
    article laid out, then of the file written."""
    fmt = fmt or Path(out).suffix.lower().lstrip(".")
    if fmt == "pdf":
        return export_pack_pdf(pack, Path(out), force=force, font_cache=font_cache, progress=progress)
    if fmt == "docx":
        from app.documents.pack_docx import export_pack_docx

        return export_pack_docx(pack, Path(out), force=force, progress=progress)
    raise ValueError(f"不支持的格式“{fmt}”，请用 pdf 或 docx")

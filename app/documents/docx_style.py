"""Small python-docx helpers: Chinese fonts in the East Asian slot, shading, borders, fields, bookmarks.

Word picks the font for Chinese characters from ``w:rFonts/@w:eastAsia``; setting only ``font.name`` leaves
Chinese text in whatever the reader's default is, which is why every style here sets both slots.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

BODY_LATIN, BODY_EAST_ASIA = "Times New Roman", "宋体"
HEADING_LATIN, HEADING_EAST_ASIA = "Arial", "黑体"
ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
MUTED = RGBColor(0x59, 0x59, 0x59)


def set_fonts(element, latin: str, east_asia: str) -> None:
    """``element`` is a style or run element (anything with ``get_or_add_rPr``)."""
    _set_font_names(element.get_or_add_rPr(), latin, east_asia)


def _set_font_names(r_pr, latin: str, east_asia: str) -> None:
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    for theme_slot in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme_slot), None)  # a theme font would win over the names above


def style_fonts(style, latin: str, east_asia: str, size: float | None = None, bold: bool | None = None,
                color: RGBColor | None = None) -> None:
    set_fonts(style.element, latin, east_asia)
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if color is not None:
        style.font.color.rgb = color


def run_fonts(run, latin: str, east_asia: str) -> None:
    set_fonts(run._element, latin, east_asia)


def set_document_language(document, east_asia: str = "zh-CN") -> None:
    """Default language and fonts of the document (docDefaults), so new text typed in Word is Chinese too."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    r_pr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if r_pr is None:
        return
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), east_asia)
    _set_font_names(r_pr, BODY_LATIN, BODY_EAST_ASIA)


def shade_cell(cell, fill_hex: str) -> None:
    tc_pr = cell._element.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill_hex)
    tc_pr.append(shading)


def table_borders(table, color: str = "8EA9C1", size: int = 4) -> None:
    tbl_pr = table._element.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_single_line(edge, color, size, space=0))
    tbl_pr.append(borders)


def paragraph_bottom_border(paragraph, color: str = "1F3A5F", size: int = 8) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    borders.append(_single_line("bottom", color, size, space=1))
    p_pr.append(borders)


def _single_line(edge: str, color: str, size: int, *, space: int):
    """One border edge (w:top, w:insideH …): a single line of ``size`` eighths of a point."""
    element = OxmlElement(f"w:{edge}")
    element.set(qn("w:val"), "single")
    element.set(qn("w:sz"), str(size))
    element.set(qn("w:space"), str(space))
    element.set(qn("w:color"), color)
    return element


def add_field(paragraph, instruction: str, placeholder: str = "1"):
    """A complex field (PAGE, NUMPAGES, PAGEREF x \\h, TOC …) with a cached result shown until it is updated."""
    def fld_char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._element.append(element)
        return run

    fld_char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._element.append(instr)
    fld_char("separate")
    result = paragraph.add_run(placeholder)
    fld_char("end")
    return result


def page_number_footer(section, prefix: str = "") -> None:
    """A centred footer "<prefix>第 N 页 / 共 M 页" with live page fields."""
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{prefix}第 ").font.size = Pt(9)
    add_field(footer, "PAGE").font.size = Pt(9)
    footer.add_run(" 页 / 共 ").font.size = Pt(9)
    add_field(footer, "NUMPAGES").font.size = Pt(9)
    footer.add_run(" 页").font.size = Pt(9)


def add_bookmark(paragraph, name: str, bookmark_id: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def page_break(paragraph) -> None:
    paragraph.add_run().add_break(WD_BREAK.PAGE)


def update_fields_on_open(document) -> None:
    """Ask Word to refresh fields (the table of contents' page numbers) when the file is opened."""
    settings = document.settings.element
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    settings.append(element)

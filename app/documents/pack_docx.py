"""The onboarding pack as DOCX (python-docx): cover, a table of contents with page references, the articles."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Cm, Pt, RGBColor

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
    page_number_footer,
    paragraph_bottom_border,
    run_fonts,
    set_document_language,
    shade_cell,
    style_fonts,
    table_borders,
)
from app.documents.md_blocks import Block, markdown_blocks
from app.documents.pack_content import Grouped, PackInput, Progress, meta_line, no_progress, prepare
from app.plain_text import xml_safe


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


def build_pack_docx(pack: PackInput, progress: Progress = no_progress) -> Any:
    pack = replace(pack, selection=replace(pack.selection, title=xml_safe(pack.selection.title)))
    grouped, count = prepare(pack)
    document = Document()
    _docx_styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
    section.left_margin = section.right_margin = Cm(2.4)
    section.different_first_page_header_footer = True  # the cover has no header or page number
    _header_and_footer(section, f"{pack.organization} · {pack.selection.title}")
    _cover(document, pack, count)
    bookmarks = _table_of_contents(document, grouped, section.page_width - section.left_margin - section.right_margin)
    _articles(document, grouped, bookmarks, lambda done: progress(done, count + 1))
    document.core_properties.title = pack.selection.title
    document.core_properties.author = pack.organization
    return document


def _header_and_footer(section: Any, header_text: str) -> None:
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = header.add_run(header_text)
    run.font.size, run.font.color.rgb = Pt(8.5), MUTED
    paragraph_bottom_border(header, color="8EA9C1", size=4)
    page_number_footer(section)


def _cover(document: Any, pack: PackInput, count: int) -> None:
    for _ in range(6):
        document.add_paragraph()
    title = document.add_paragraph(pack.selection.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle = document.add_paragraph()
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = subtitle.add_run("入职培训包")
    run.font.size, run.font.color.rgb = Pt(16), ACCENT
    run_fonts(run, HEADING_LATIN, HEADING_EAST_ASIA)
    paragraph_bottom_border(subtitle, color="1F3A5F", size=12)
    for line in ("", pack.selection.describe(), f"共 {count} 篇"):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(line)
        r.font.size, r.font.color.rgb = Pt(12), MUTED
    for _ in range(10):
        document.add_paragraph()
    for line, size in ((pack.organization, 14), (pack.day, 12)):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(line)
        r.font.size = Pt(size)
        r.bold = size == 14
    page_break(document.add_paragraph())


def _table_of_contents(document: Any, grouped: Grouped, width: Any) -> dict[str, str]:
    """Entries with PAGEREF fields, which Word and LibreOffice both compute from the bookmarks; returns the
    bookmark name of every heading."""
    toc_title = document.add_paragraph()
    toc_title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = toc_title.add_run("目　录")
    r.bold, r.font.size, r.font.color.rgb = True, Pt(18), ACCENT
    run_fonts(r, HEADING_LATIN, HEADING_EAST_ASIA)
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
    return bookmarks


def _articles(document: Any, grouped: Grouped, bookmarks: dict[str, str], laid_out: Callable[[int], None]) -> None:
    bookmark_id, done = 0, 0
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
            done += 1
            laid_out(done)


def export_pack_docx(pack: PackInput, out: Path, *, force: bool = False,
                     progress: Progress = no_progress) -> tuple[Path, int]:
    document = build_pack_docx(pack, progress)
    path = atomic_write(out, lambda temp: document.save(str(temp)), force=force)
    progress(len(pack.articles) + 1, len(pack.articles) + 1)
    return path, len(pack.articles)



"""Reading a PDF's text back in tests (pypdf, pure Python), without whitespace: extractors differ in how they
space CJK glyphs, and what matters is that the characters are there in order.

pypdf reads fpdf2's two-byte Identity encoding as one byte plus NUL (poppler's pdftotext does not), so the NULs
are dropped too; the characters themselves come from the PDF's ToUnicode map either way."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader


def _clean(text: str) -> str:
    return "".join(text.replace("\x00", "").split())


def pdf_text(path: Path) -> str:
    return "".join(pdf_pages(path))


def pdf_pages(path: Path) -> list[str]:
    return [_clean(page.extract_text()) for page in PdfReader(str(path)).pages]

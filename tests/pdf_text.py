"""Reading a PDF's text back in tests, without whitespace: extractors differ in how they space CJK glyphs, and what
matters is that the characters are there in order.

pypdf (pure Python) reads fpdf2's two-byte Identity encoding as one byte plus NUL, so the NULs are dropped; that
only works while a document uses fewer than 256 glyphs (a later glyph's two bytes are read as two characters):
enough for a letter or a small pack. A booklet with the whole demo KB is read with poppler's ``pdftotext``
(``poppler=True``; ``./dev.sh test`` installs poppler-utils), and the test is skipped without it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader


def _clean(text: str) -> str:
    return "".join(text.replace("\x00", "").split())


def pdf_text(path: Path, *, poppler: bool = False) -> str:
    return "".join(pdf_pages(path, poppler=poppler))


def pdf_pages(path: Path, *, poppler: bool = False) -> list[str]:
    if poppler:
        program = shutil.which("pdftotext")
        if program is None:
            pytest.skip("reading a PDF with more than 255 glyphs needs poppler's pdftotext (poppler-utils)")
        text = subprocess.run([program, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True,
                              timeout=60).stdout.decode("utf-8")
        return [_clean(page) for page in text.split("\f")[:-1]]
    return [_clean(page.extract_text()) for page in PdfReader(str(path)).pages]

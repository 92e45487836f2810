"""PDF exports use a small copy of the Chinese font once it is made, and the full font for anything it lacks."""

from __future__ import annotations

import threading

import pytest

from app.documents.font_cache import FontCache
from app.documents.fonts import find_cjk_fonts
from app.documents.letter_pdf import build_letter_pdf
from tests.pdf_text import pdf_text
from tests.records_helpers import add_full_request

LETTER_CHARACTERS: set[int] = set()  # filled from the letter itself: a tiny copy, quick to make


def _characters() -> frozenset[int]:
    return frozenset({*range(0x20, 0x7F), 0x3000, *LETTER_CHARACTERS})  # 　 (U+3000): read back as a space


def _learn_characters(data, tmp_path) -> None:
    """The characters the letter prints, read back from a PDF made with the full font."""
    path = tmp_path / "full.pdf"
    build_letter_pdf(data).output(str(path))
    LETTER_CHARACTERS.update(map(ord, pdf_text(path)))


@pytest.fixture
def cache(tmp_path):
    return FontCache(tmp_path / "cache", characters=_characters)


def test_the_first_export_uses_the_full_font_and_starts_the_copy_then_the_copy_is_used(desk, cache, tmp_path):
    data = desk.documents.letter_data(add_full_request(desk).id)
    _learn_characters(data, tmp_path)
    fonts = find_cjk_fonts()
    started = threading.Event()
    original = cache._prepare_quietly
    cache._prepare_quietly = lambda f: (original(f), started.set())  # type: ignore[method-assign]
    first = cache.build(fonts, lambda chosen: build_letter_pdf(data, chosen))
    assert str(fonts.regular.path) in {str(f.ttffile) for f in first.fonts.values()}
    assert started.wait(60)
    small = cache.faces(fonts)
    assert small is not None and small.regular.path.stat().st_size < fonts.regular.path.stat().st_size / 20
    second = cache.build(fonts, lambda chosen: build_letter_pdf(data, chosen))
    assert {str(f.ttffile) for f in second.fonts.values()} <= {str(small.regular.path), str(small.bold.path)}
    assert not second.missing_characters()


def test_a_character_the_copy_lacks_makes_the_export_use_the_full_font(desk, cache, tmp_path):
    request = add_full_request(desk)
    _learn_characters(desk.documents.letter_data(request.id), tmp_path)
    fonts = find_cjk_fonts()
    cache.prepare(fonts)
    desk.records.update(desk.records.get(request.id).__class__(**{
        **desk.records.get(request.id).__dict__, "customer": "龘先生"}))  # not in the small copy
    data = desk.documents.letter_data(request.id)
    pdf = cache.build(fonts, lambda chosen: build_letter_pdf(data, chosen))
    assert str(fonts.regular.path) in {str(f.ttffile) for f in pdf.fonts.values()}
    pdf.output(str(tmp_path / "l.pdf"))
    assert "龘先生" in pdf_text(tmp_path / "l.pdf")


def test_the_copy_is_made_again_for_another_font_file(cache, tmp_path):
    fonts = find_cjk_fonts()
    assert cache.copy_of(fonts.regular) != cache.copy_of(fonts.bold) or fonts.regular == fonts.bold
    assert cache.faces(fonts) is None  # nothing made yet


def test_the_cache_is_off_for_an_in_memory_desk_and_when_asked(monkeypatch, tmp_path):
    assert FontCache.enabled(None) is None
    monkeypatch.setenv("DESKBOOK_FONT_CACHE", "0")
    assert FontCache.enabled(tmp_path) is None
    monkeypatch.setenv("DESKBOOK_FONT_CACHE", "1")
    assert FontCache.enabled(tmp_path) is not None

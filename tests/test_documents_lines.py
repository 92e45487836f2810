"""Chinese line breaking for the PDF writer, and finding the Chinese font."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.documents import fonts
from app.documents.cjk_lines import NO_LINE_END, NO_LINE_START, _units, break_lines


def measure(text: str, _style) -> float:
    return sum(2.0 if ord(c) > 0x2E80 else 1.0 for c in text)


def _text(line) -> str:
    return "".join(t for t, _ in line)


def test_breaks_between_ideographs_and_keeps_latin_words_whole():
    lines = [_text(l) for l in break_lines([("针对您于2026年11月21日反馈的问题（App 3.8.0），我们已完成分析。", None)], 20, measure)]
    assert lines[0] == "针对您于2026年11月21"  # full, not broken at the line's one space (fpdf2's own wrapping would)
    assert all("App" in l or "Ap" not in l for l in lines)  # never "Ap|p"
    assert not any(l[0] in NO_LINE_START for l in lines[1:])
    assert "".join(lines).replace(" ", "") == "针对您于2026年11月21日反馈的问题（App3.8.0），我们已完成分析。"


def test_newlines_force_breaks_and_styles_are_kept():
    lines = break_lines([("第一行\n第二", ""), ("加粗", "B")], 100, measure)
    assert [[t for t in l] for l in lines] == [[("第一行", "")], [("第二", ""), ("加粗", "B")]]


def test_an_email_address_wider_than_the_line_breaks_after_its_at_sign_or_before_a_dot():
    def lines(text: str, width: float) -> list[str]:
        return [_text(l) for l in break_lines([(text, None)], width, measure)]

    assert lines("联系 li.xiaoming.support@huachen-trading.example.com", 24) == [
        "联系", "li.xiaoming.support@", "huachen-trading.example", ".com"]
    assert lines("a.very.long.mailbox.name.for.support@service.example.com", 30) == [
        "a.very.long.mailbox.name.for", ".support@service.example.com"]  # not an almost empty ".support@"
    assert lines("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]  # nowhere to break: by characters


def test_over_long_word_is_split():
    lines = [_text(l) for l in break_lines([("https://example.com/" + "a" * 30, None)], 12, measure)]
    assert all(measure(l, None) <= 12 for l in lines) and "".join(lines).endswith("a" * 30)


chars = st.sampled_from(list("客户确认函问题原因步骤，。；：“”（）《》App 3.8 ok"))


@settings(max_examples=200, deadline=None)
@given(st.text(chars, max_size=80), st.integers(min_value=6, max_value=40))
def test_lines_fit_keep_every_character_and_respect_the_rules(text, width):
    # The rules hold when every word (and every unit glued by the rules, 《 《函) fits on a line; a longer word is
    # split where it may break, by characters at worst (tested above).
    assume(max((len(w) for w in re.findall(r"[A-Za-z0-9.]+", text)), default=0) + 4 <= width)
    assume(max((sum(measure(t, s) for t, s in unit) for unit in _units([(text, None)])), default=0) + 4 <= width)
    punctuation = NO_LINE_START | NO_LINE_END
    assume(not any(a in punctuation and b in punctuation for a, b in zip(text, text[1:])))
    lines = [_text(l) for l in break_lines([(text, None)], width, measure)]
    for line in lines:
        # A line may only overflow when one unbreakable unit (a glued word) alone is wider than the width.
        assert measure(line, None) <= width or " " not in line.strip()
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for before, after in zip(lines, lines[1:]):
        if after and before:
            assert after[0] not in NO_LINE_START, (before, after)
            assert before[-1] not in NO_LINE_END, (before, after)


def test_missing_font_names_the_debian_package(monkeypatch):
    fonts.find_cjk_fonts.cache_clear()
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    monkeypatch.setattr(fonts, "_CANDIDATES", (("/nonexistent/font.ttc", None),))
    try:
        with pytest.raises(fonts.FontMissing, match="找不到中文字体.*fonts-noto-cjk"):
            fonts.find_cjk_fonts()
    finally:
        fonts.find_cjk_fonts.cache_clear()


def test_font_override_by_environment(monkeypatch, tmp_path):
    fonts.find_cjk_fonts.cache_clear()
    monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "missing.ttf"))
    try:
        with pytest.raises(fonts.FontMissing, match="找不到字体文件"):
            fonts.find_cjk_fonts()
        real = fonts._CANDIDATES[0][0]
        monkeypatch.setenv(fonts.ENV_VAR, f"{real}#3")
        fonts.find_cjk_fonts.cache_clear()
        found = fonts.find_cjk_fonts()
        assert (str(found.regular.path), found.regular.index) == (real, 3)
    finally:
        fonts.find_cjk_fonts.cache_clear()


def test_the_simplified_chinese_face_of_the_collection_is_chosen():
    found = fonts.find_cjk_fonts()
    if found.regular.path.suffix == ".ttc":
        from fontTools.ttLib import TTCollection

        with TTCollection(str(found.regular.path), lazy=True) as collection:
            assert collection.fonts[found.regular.index]["name"].getDebugName(4).endswith("SC")


def test_closing_punctuation_carried_down_never_starts_the_next_line():
    # Found by Hypothesis: the word carried down to sit before a 。 was itself a 。
    lines = [_text(l) for l in break_lines([("3 。 。", None)], 6, measure)]
    assert "".join(lines).replace(" ", "") == "3。。"
    assert all(line[0] not in NO_LINE_START for line in lines if line)


def test_an_opening_bracket_followed_by_a_space_does_not_end_a_line():
    # found by Hypothesis: "（" was left at a line's end because the space after it looked like a break
    assert [_text(l) for l in break_lines([("3函（ 3", None)], 6, measure)] == ["3函", "（ 3"]

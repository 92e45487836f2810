"""Text that every later step can store and write: no control characters, no lone surrogates.

Imported text (CSV from old systems, JSON written by other tools) can hold C0 control characters (``\\x01``,
``\\x0b``) that XML 1.0, and so DOCX and XLSX, cannot carry, and lone UTF-16 surrogates (``\\ud800``) that SQLite
cannot store. :func:`clean_text` is applied on the way in (imports, need records); :func:`xml_safe` on the way out
(exports), so data saved by an older version cannot break a document either.
"""

from __future__ import annotations

import re

# Vertical tab and form feed are line breaks in the programs that write them (Excel for Mac, old terminals);
# the file, group and record separators U+001C–U+001E too. Other C0 controls (but tab, newline, return) carry nothing.
_LINE_BREAKS = re.compile(r"[\x0b\x0c\x1c-\x1e]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class InvalidText(ValueError):
    """Text holding a lone surrogate: not a character, cannot be stored (the message says where)."""


def clean_text(text: str) -> str:
    """``text`` with line-break controls as newlines and other control characters removed.

    Raises :class:`InvalidText` for a lone surrogate (a broken character that no program can show).
    """
    found = _SURROGATE.search(text)
    if found:
        raise InvalidText(f"第 {found.start() + 1} 个字符是坏字符（孤立代理项 U+{ord(found.group()):04X}），无法保存")
    if _LINE_BREAKS.search(text):
        text = _LINE_BREAKS.sub("\n", text)
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 (DOCX, XLSX) cannot hold; line-break controls become newlines."""
    if not _NOT_XML.search(text):
        return text
    return _NOT_XML.sub("", _LINE_BREAKS.sub("\n", text))


def xml_safe_value(value: object) -> object:
    """:func:`xml_safe` applied to every string inside lists and dicts (article fields, letter contexts)."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list):
        return [xml_safe_value(item) for item in value]
    if isinstance(value, dict):
        return {xml_safe_value(key): xml_safe_value(item) for key, item in value.items()}
    return value

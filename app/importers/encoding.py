"""Which encoding an import file's text is in: UTF-8/UTF-16 (with or without BOM), GB18030/GBK or Big5.

Chinese CSV files come from Excel on mainland Windows (GBK), from Taiwan and Hong Kong (Big5) and from everything
else (UTF-8). GB18030 decodes almost any bytes, so "try it and see" reads Big5 as nonsense (退款問題 → 癶蹿拜肈).
Legacy encodings are therefore judged on the whole text: charset-normalizer measures how garbled each candidate
reading is, and when it cannot tell them apart the reading with more common characters wins (Big5 read as GBK lands
on rare characters outside GB2312). A guess that is not clear-cut is reported as uncertain, so the user is told
and can choose the encoding (``deskbook import --encoding``, the import dialog).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

LEGACY_CANDIDATES = ("gb18030", "big5")
CLEAR_CHAOS_MARGIN = 0.02  # charset-normalizer's "mess" ratios closer than this are a tie
_HAN = re.compile(r"[\u3400-\u9fff]")
_TWO_BYTE_OTHER_SCRIPT = re.compile(r"[\u0300-\u07ff]")
_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "gb18030": "GB18030/GBK", "big5": "Big5"}


class UnknownEncoding(ValueError):
    pass


@dataclass(frozen=True)
class EncodingGuess:
    encoding: str  # a Python codec name
    certain: bool = True
    chosen: bool = False  # given by the user, not guessed

    @property
    def label(self) -> str:
        return _NAMES.get(self.encoding, self.encoding)


def check_encoding(name: str) -> str:
    """The codec name for ``name`` (gbk, big5, utf8 …); raises :class:`UnknownEncoding`."""
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        raise UnknownEncoding(f"不认识的编码 {name!r}（例如 utf-8、gb18030、gbk、big5）") from None


def guess_encoding(raw: bytes) -> EncodingGuess | None:
    """The encoding of ``raw``, or None when no candidate decodes it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return EncodingGuess("utf-16")
    try:
        text = raw.decode("utf-8-sig")
        if not _gbk_read_as_utf8(raw, text):
            name = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
            return EncodingGuess(name, certain=not _symbols_or_gbk(raw, text))
    except UnicodeDecodeError:
        pass
    readings = {}
    for encoding in LEGACY_CANDIDATES:
        try:
            readings[encoding] = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    if len(readings) <= 1:
        return EncodingGuess(next(iter(readings))) if readings else None
    return _judge(raw, readings)


def _judge(raw: bytes, readings: dict[str, str]) -> EncodingGuess:
    from charset_normalizer import from_bytes

    chaos = {match.encoding: match.chaos for match in from_bytes(raw, cp_isolation=list(readings))}
    ranked = sorted(readings, key=lambda e: chaos.get(e, 1.0))
    best, second = ranked[0], ranked[1]
    if chaos.get(second, 1.0) - chaos.get(best, 1.0) >= CLEAR_CHAOS_MARGIN:
        return EncodingGuess(best, certain=True)
    # A tie: the reading whose Chinese characters are the common ones (GB2312 for simplified, Big5's first level
    # for traditional) is the right one; anything short of a clear majority is reported as uncertain.
    gb_share = _common_share(readings["gb18030"], _in_gb2312)
    big5_share = _common_share(readings["big5"], _in_big5_level_one)
    if gb_share >= big5_share:
        return EncodingGuess("gb18030", certain=gb_share >= 0.95 and big5_share < 0.8)
    return EncodingGuess("big5", certain=big5_share >= 0.95 and gb_share < 0.8)


def _common_share(text: str, common) -> float:
    """The share of the non-ASCII characters that are common Chinese characters or punctuation (a misread lands
    on rare characters, kana or symbols)."""
    wide = [c for c in text if ord(c) > 127]
    if not wide:
        return 1.0
    return sum(1 for c in wide if c in _PUNCTUATION or common(c)) / len(wide)


_PUNCTUATION = set("，。、；：？！“”‘’（）《》【】…—·　")


def _in_gb2312(char: str) -> bool:
    if not _HAN.match(char):
        return False
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _in_big5_level_one(char: str) -> bool:
    if not _HAN.match(char):
        return False
    try:
        code = char.encode("big5")
    except UnicodeEncodeError:
        return False
    return 0xA440 <= int.from_bytes(code, "big") <= 0xC67E  # the 5,401 frequently used characters


def _reads_as_common_chinese_gbk(raw: bytes) -> bool:
    """The bytes decode as GBK into characters that are all in GB2312 (the common simplified set)."""
    try:
        raw.decode("gb18030").encode("gb2312")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return False
    return True


def _symbols_or_gbk(raw: bytes, text: str) -> bool:
    """True when the text cannot tell: as UTF-8 it holds no Chinese, only Latin-1 symbols (¥ £ ¼ …, bytes C2 xx),
    and as GBK it is common Chinese (录 is C2 BC, which UTF-8 reads as ¼). ¥100 is as likely as 录: keep UTF-8,
    and say the guess is uncertain so the import report asks the person to check."""
    wide = [c for c in text if ord(c) > 127]
    if not wide or _HAN.search(text) or not all(0xA0 <= ord(c) <= 0xBF for c in wide):
        return False
    return _reads_as_common_chinese_gbk(raw)


def _gbk_read_as_utf8(raw: bytes, text: str) -> bool:
    """True when GBK bytes happen to be valid UTF-8 too (通 is CD A8 in GBK, which is U+0368 in UTF-8).

    Then the UTF-8 reading holds no Chinese at all but two-byte letters of other scripts (U+0300–U+07FF), while
    the GBK reading is common simplified Chinese (GB2312). Accented Latin (é = C3 A9) stays UTF-8.
    """
    if raw.startswith(b"\xef\xbb\xbf") or _HAN.search(text) or not _TWO_BYTE_OTHER_SCRIPT.search(text):
        return False
    return _reads_as_common_chinese_gbk(raw)

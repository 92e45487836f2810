"""A small copy of the Chinese font, so a PDF export does not parse and subset a 16 MB font every time.

fpdf2 reads a face's whole character map and widths when a document adds the font (0.4–0.8 s for Noto CJK) and
subsets the font file when the document is written (0.5–1 s). A copy holding only the characters of GB2312
(6,763 hanzi, punctuation, Latin: ~1.8 MB) takes 0.05 s and 0.2 s. The copy is made once per font, in the
background after the first export, into the user's cache folder; until it exists, and for any document with a
character it lacks (a rare name), the full font is used, so nothing is ever printed as a blank box.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TypeVar

from app.documents.fonts import CjkFonts, FontFace

log = logging.getLogger(__name__)

COPY_VERSION = 2  # bump when the character set or the subsetting options change
ENV_OFF = "DESKBOOK_FONT_CACHE"  # "0" turns the copy off (the test suite does, to keep its CPU for tests)


class BuiltPdf(Protocol):
    def missing_characters(self) -> bool: ...


Pdf = TypeVar("Pdf", bound=BuiltPdf)


# Punctuation and symbols lists and layouts use beside the hanzi: · • – − → ① ■ □ ✓ and the full-width forms.
SYMBOL_RANGES = (
    (0x20, 0x7F), (0xA0, 0x100), (0x2000, 0x2070), (0x2190, 0x2300), (0x2460, 0x2800), (0x3000, 0x3040),
    (0xFF00, 0xFFF0),
)


def common_characters() -> frozenset[int]:
    """What business Chinese is written with: GB2312 (6,763 hanzi and its punctuation), Latin and symbols."""
    found = {code for start, end in SYMBOL_RANGES for code in range(start, end)}
    for code in range(0x4E00, 0xA000):
        try:
            chr(code).encode("gb2312")
        except UnicodeEncodeError:
            continue
        found.add(code)
    return frozenset(found)


class FontCache:
    def __init__(self, folder: Path, characters: Callable[[], frozenset[int]] = common_characters):
        self.folder = folder
        self._characters = characters
        self._started: set[Path] = set()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    @classmethod
    def enabled(cls, folder: Path | None) -> FontCache | None:
        if folder is None or os.environ.get(ENV_OFF) == "0":
            return None
        return cls(folder)

    def copy_of(self, face: FontFace) -> Path:
        stat = face.path.stat()
        key = f"{face.path}|{face.index}|{stat.st_size}|{stat.st_mtime_ns}|{COPY_VERSION}"
        return self.folder / f"cjk-{hashlib.sha256(key.encode()).hexdigest()[:16]}.otf"

    def faces(self, fonts: CjkFonts) -> CjkFonts | None:
        """The small copies when both are made; None otherwise."""
        try:
            regular, bold = self.copy_of(fonts.regular), self.copy_of(fonts.bold)
        except OSError:
            return None
        if regular.is_file() and bold.is_file():
            return CjkFonts(FontFace(regular), FontFace(bold))
        return None

    def prepare(self, fonts: CjkFonts) -> None:
        """Make the missing copies (blocking; seconds per face)."""
        for face in {fonts.regular, fonts.bold}:
            target = self.copy_of(face)
            if not target.is_file():
                _write_copy(face, target, self._characters())

    def prepare_in_background(self, fonts: CjkFonts) -> None:
        with self._lock:
            if fonts.regular.path in self._started:
                return
            self._started.add(fonts.regular.path)
        thread = threading.Thread(target=self._prepare_quietly, args=(fonts,), name="font-cache", daemon=True)
        self._threads.append(thread)
        thread.start()

    @property
    def preparing(self) -> bool:
        return any(thread.is_alive() for thread in self._threads)

    def wait(self, timeout: float | None = None) -> None:
        """Let a copy being made finish (a command that exits would otherwise end it, and make it again next time)."""
        for thread in list(self._threads):
            thread.join(timeout)

    def _prepare_quietly(self, fonts: CjkFonts) -> None:
        try:
            self.prepare(fonts)
        except Exception as error:  # a cache: exports keep using the full font
            log.warning("the small copy of the Chinese font was not made: %s", error)

    def build(self, fonts: CjkFonts, build: Callable[[CjkFonts], Pdf]) -> Pdf:
        """``build`` with the small copy when it has every character the document uses, else the full font."""
        small = self.faces(fonts)
        if small is None:
            self.prepare_in_background(fonts)
        else:
            pdf = build(small)
            if not pdf.missing_characters():
                return pdf
        return build(fonts)


def _write_copy(face: FontFace, target: Path, characters: frozenset[int]) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    target.parent.mkdir(parents=True, exist_ok=True)
    font = TTFont(str(face.path), fontNumber=face.index, lazy=True, recalcTimestamp=False)
    options = subset.Options(notdef_outline=True, recommended_glyphs=True, name_IDs=["*"], name_languages=["*"])
    options.drop_tables += ["GPOS", "GSUB", "GDEF"]  # fpdf2 drops them when it embeds the font anyway
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters)
    subsetter.subset(font)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".cjk-", suffix=".tmp")
    os.close(handle)
    try:
        font.save(temp)
        os.replace(temp, target)  # another process making the same copy wins or loses whole
    finally:
        Path(temp).unlink(missing_ok=True)

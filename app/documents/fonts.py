"""Finding a Chinese font for PDF export (fpdf2 embeds a subset of it).

fpdf2 reads TrueType and CFF-flavoured OpenType, including one face of a .ttc collection, so the Noto CJK
collections Debian ships in ``fonts-noto-cjk`` work as they are. ``DESKBOOK_CJK_FONT`` (a path, optionally
``path#index``) overrides the search.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.documents.errors import FontMissing

DEBIAN_PACKAGE = "fonts-noto-cjk"
ENV_VAR = "DESKBOOK_CJK_FONT"

_WINDOWS_FONTS = os.environ.get("WINDIR", "C:/Windows").replace("\\", "/") + "/Fonts"
# (regular, bold) candidates in order of preference; bold may be missing (then regular is used for both).
_CANDIDATES: tuple[tuple[str, str | None], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc"),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc"),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", None),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", None),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", None),
    ("/System/Library/Fonts/PingFang.ttc", None),
    (f"{_WINDOWS_FONTS}/msyh.ttc", f"{_WINDOWS_FONTS}/msyhbd.ttc"),
    (f"{_WINDOWS_FONTS}/simsun.ttc", None),
)


@dataclass(frozen=True)
class FontFace:
    path: Path
    index: int = 0  # the face inside a .ttc collection


@dataclass(frozen=True)
class CjkFonts:
    regular: FontFace
    bold: FontFace


def _face(path: Path, index: int | None = None) -> FontFace:
    """The Simplified Chinese face of a collection (Noto's .ttc holds JP, KR, SC, TC, HK)."""
    if index is not None or path.suffix.lower() != ".ttc":
        return FontFace(path, index or 0)
    from fontTools.ttLib import TTCollection

    with TTCollection(str(path), lazy=True) as collection:
        for number, font in enumerate(collection.fonts):
            name = font["name"].getDebugName(4) or ""
            if name.endswith(" SC") or "SC " in name or "Simplified" in name:
                return FontFace(path, number)
    return FontFace(path, 0)


@lru_cache(maxsize=1)
def find_cjk_fonts() -> CjkFonts:
    """The first Chinese font found; raises FontMissing naming the Debian package to install."""
    override = os.environ.get(ENV_VAR)
    if override:
        text, _, index = override.partition("#")
        path = Path(text)
        if not path.is_file():
            raise FontMissing(f"找不到字体文件 {ENV_VAR}={override}")
        face = _face(path, int(index) if index else None)
        return CjkFonts(face, face)
    for regular, bold in _CANDIDATES:
        if Path(regular).is_file():
            regular_face = _face(Path(regular))
            bold_face = _face(Path(bold)) if bold and Path(bold).is_file() else regular_face
            return CjkFonts(regular_face, bold_face)
    raise FontMissing(_missing_font_advice())


def _missing_font_advice() -> str:
    """In Chinese, as the user reads it; what to install depends on the system."""
    if sys.platform == "win32":
        remedy = "请确认 Windows 的字体文件夹中有微软雅黑（msyh.ttc）或宋体（simsun.ttc）"
    elif sys.platform == "darwin":
        remedy = "请确认系统中有苹方字体（PingFang.ttc）"
    else:
        remedy = f"请安装 Debian 软件包 {DEBIAN_PACKAGE}（sudo apt-get install {DEBIAN_PACKAGE}）"
    return f"找不到中文字体，无法导出 PDF：{remedy}，或把环境变量 {ENV_VAR} 设为一个 .ttf/.otf/.ttc 字体文件。"

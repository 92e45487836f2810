"""The character folding table of the analyser: full-width to half-width, lower case, traditional to simplified.

Building it takes zhconv's dictionary and a scan of Unicode (0.4 s); the app loads the same table from
``fold_table.json`` beside this module in milliseconds. ``python -m app.search.fold_table`` rebuilds the file, and a
test checks the shipped file against a fresh build, so it cannot drift from the rules below.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

TABLE_FILE = Path(__file__).with_name("fold_table.json")

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Code point ranges where NFKC or lower-casing changes a character one-to-one (Latin, Greek, Cyrillic, enclosed
# numbers, CJK symbols, compatibility ideographs, full-width forms).
_FOLD_RANGES = ((0x41, 0x5B), (0xA0, 0x530), (0x1E00, 0x2000), (0x2100, 0x2500), (0x3000, 0x3100),
                (0x3200, 0x3400), (0xF900, 0xFB00), (0xFE30, 0xFFF0))


def build_fold_table() -> dict[int, str]:
    """One-to-one foldings, as a table for ``str.translate`` (same length in and out, so highlight offsets map
    back exactly). Only single characters are converted: phrase-level conversion would change lengths."""
    from zhconv.zhconv import getdict

    table: dict[int, str] = {}
    for low, high in _FOLD_RANGES:
        for cp in range(low, high):
            ch = chr(cp)
            folded = unicodedata.normalize("NFKC", ch)
            if len(folded) != 1:
                continue
            if len(folded.lower()) == 1:
                folded = folded.lower()
            if folded != ch:
                table[cp] = folded
    simplified = {k: v for k, v in getdict("zh-cn").items() if len(k) == 1 and len(v) == 1 and _CJK_RE.match(k)}
    for trad, simp in simplified.items():
        table[ord(trad)] = simp
    # A compatibility ideograph folds (NFKC) to a traditional character: take it all the way to simplified.
    for cp, folded in list(table.items()):
        if folded in simplified:
            table[cp] = simplified[folded]
    # zhconv lists some characters as their own simplified form: keeping those would make normalize() rewrite
    # every such character (common ones like 请, 发, 单) with itself.
    return {cp: folded for cp, folded in table.items() if folded != chr(cp)}


def load_fold_table() -> dict[int, str]:
    data = json.loads(TABLE_FILE.read_text("utf-8"))
    return dict(zip(map(ord, data["from"]), data["to"]))


def write_fold_table(table: dict[int, str]) -> None:
    keys = sorted(table)
    data = {"from": "".join(map(chr, keys)), "to": "".join(table[k] for k in keys)}
    TABLE_FILE.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


if __name__ == "__main__":
    write_fold_table(build_fold_table())
    print(f"wrote {TABLE_FILE}")

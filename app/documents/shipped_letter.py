"""Which letter templates are Deskbook's own: the shipped one, and those earlier versions shipped.

A data directory keeps its own copy of the template for a KB owner to edit, so an upgrade never overwrites their
edits. A copy still byte-equal to a template an earlier version shipped was never edited: it is replaced by the
current one (which words a letter without a solution plan for it), and the team library does not take it for an
owner's edit to share.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from app.paths import RESOURCES_DIR

SHIPPED_LETTER = RESOURCES_DIR / "templates" / "confirmation_letter.docx"
# sha256 of resources/templates/confirmation_letter.docx as earlier versions shipped it (git log of that file).
EARLIER_SHIPPED = frozenset({
    "6211cfaf81e3eead7ffe84c6030c0687aa211299092c8d95ec8ba034bbe426f4",
    "2607c3de9d0a27bfac39d918393878378f65c998d4c71e7f55ac01166622d742",
})


def is_shipped(data: bytes) -> bool:
    """Whether ``data`` is a template Deskbook shipped, this version's or an earlier one's (never edited)."""
    try:
        if data == SHIPPED_LETTER.read_bytes():
            return True
    except OSError:
        pass
    return hashlib.sha256(data).hexdigest() in EARLIER_SHIPPED


def upgrade_unedited(copy: Path) -> None:
    """Replace a data directory's copy that is an earlier shipped template, untouched, by the current one."""
    try:
        data = copy.read_bytes()
    except OSError:
        return
    if hashlib.sha256(data).hexdigest() in EARLIER_SHIPPED and SHIPPED_LETTER.is_file():
        temp = copy.with_name(copy.name + ".upgrade-tmp")
        shutil.copyfile(SHIPPED_LETTER, temp)
        os.replace(temp, copy)

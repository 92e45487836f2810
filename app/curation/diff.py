"""Character-level diffs for Chinese text, as structured operations and as HTML for the GUI.

Chinese has no spaces, so a word diff marks whole sentences; a character diff marks exactly what changed
("7天" → "3天" marks only 7 and 3). Texts are first matched line by line (fast, and keeps unrelated paragraphs
apart); only replaced line blocks are compared character by character.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from app.model import FIELD_LABELS_ZH, KIND_FIELDS, Kind

EQUAL, INSERT, DELETE, REPLACE = "equal", "insert", "delete", "replace"

# Above this many characters per replaced block, character matching (quadratic) falls back to the whole block.
_CHAR_DIFF_LIMIT = 20_000


@dataclass(frozen=True)
class DiffOp:
    """One run of the diff: ``old`` is the text on the left, ``new`` on the right ("" where absent)."""

    tag: str  # equal | insert | delete | replace
    old: str
    new: str


def diff_text(old: str, new: str) -> list[DiffOp]:
    """Operations turning ``old`` into ``new``; joining the ``old`` parts gives ``old``, the ``new`` parts ``new``."""
    old, new = old or "", new or ""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    ops: list[DiffOp] = []
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = "".join(old_lines[i1:i2]), "".join(new_lines[j1:j2])
        if tag == REPLACE:
            ops.extend(_char_ops(a, b))
        else:
            ops.append(DiffOp(tag, a, b))
    return _merge(ops)


def _char_ops(old: str, new: str) -> list[DiffOp]:
    if len(old) + len(new) > _CHAR_DIFF_LIMIT:
        return [DiffOp(REPLACE, old, new)]
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return [DiffOp(tag, old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]


def _merge(ops: list[DiffOp]) -> list[DiffOp]:
    """Join neighbours with the same tag, drop empty runs."""
    merged: list[DiffOp] = []
    for op in ops:
        if not op.old and not op.new:
            continue
        if merged and merged[-1].tag == op.tag:
            last = merged.pop()
            op = DiffOp(op.tag, last.old + op.old, last.new + op.new)
        merged.append(op)
    return merged


def changed(ops: list[DiffOp]) -> bool:
    return any(op.tag != EQUAL for op in ops)


def changed_positions(ops: list[DiffOp]) -> tuple[set[int], set[int]]:
    """Indices of the characters removed from ``old`` and added in ``new``."""
    removed: set[int] = set()
    added: set[int] = set()
    i = j = 0
    for op in ops:
        if op.tag != EQUAL:
            removed.update(range(i, i + len(op.old)))
            added.update(range(j, j + len(op.new)))
        i += len(op.old)
        j += len(op.new)
    return removed, added


# --- whole articles -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FieldDiff:
    name: str
    label: str
    ops: list[DiffOp]


_COMMON_LABELS = {
    "title": "标题", "body": "正文", "tags": "标签", "group": "技能组", "status": "状态", "owner": "负责人",
    "phrasings": "相似问", "kind": "类型",
}


def snapshot_text(name: str, value: Any) -> str:
    """A field of a snapshot as plain text lines, so lists and mappings diff line by line."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if name == "variants" and isinstance(value, dict):
        return "\n".join(f"{k}：{v}" for k, v in value.items())
    if name == "questions" and isinstance(value, list):
        return "\n".join(
            (f"[{q.get('group')}] " if isinstance(q, dict) and q.get("group") else "")
            + (q.get("text", "") if isinstance(q, dict) else str(q))
            for q in value
        )
    if name == "restatements" and isinstance(value, list):
        return "\n".join(f"{r.get('said', '')} → {r.get('standard', '')}" for r in value if isinstance(r, dict))
    if isinstance(value, (list, tuple)):
        return "\n".join(str(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(f"{k}：{v}" for k, v in value.items())
    return str(value)


def diff_snapshots(old: dict[str, Any], new: dict[str, Any], *, only_changed: bool = True) -> list[FieldDiff]:
    """Field by field, in the order a reader expects: title, kind fields, body, then the metadata."""
    kind_names: list[str] = []
    for snap in (old, new):
        try:
            for name in KIND_FIELDS[Kind(snap.get("kind", "case"))]:
                if name not in kind_names:
                    kind_names.append(name)
        except ValueError:
            pass
    order = ["title", *kind_names, "body", "phrasings", "tags", "group", "owner", "status", "kind"]
    result = []
    for name in order:
        if name in kind_names:
            a, b = (old.get("fields") or {}).get(name), (new.get("fields") or {}).get(name)
        else:
            a, b = old.get(name), new.get(name)
        ops = diff_text(snapshot_text(name, a), snapshot_text(name, b))
        if ops and (changed(ops) or not only_changed):
            label = _COMMON_LABELS.get(name) or FIELD_LABELS_ZH.get(name, name)
            result.append(FieldDiff(name, label, ops))
    return result


# --- HTML for the GUI (Qt rich text: inline styles, no scripts) ----------------------------------------------
INS_STYLE = "background-color:#c8f0c8;color:#0a4a0a;"
DEL_STYLE = "background-color:#f8c8c8;color:#6a0a0a;text-decoration:line-through;"


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br/>")


def _marked(op: DiffOp) -> tuple[str, str]:
    """(old, new) of one operation as HTML: removals struck through in red, additions in green."""
    if op.tag == EQUAL:
        return _esc(op.old), _esc(op.new)
    old = f'<span style="{DEL_STYLE}"><s>{_esc(op.old)}</s></span>' if op.old else ""
    new = f'<span style="{INS_STYLE}">{_esc(op.new)}</span>' if op.new else ""
    return old, new


def inline_html(ops: list[DiffOp]) -> str:
    """One column: removed characters struck through in red, added ones in green."""
    parts = []
    for op in ops:
        old, new = _marked(op)
        parts.append(old if op.tag == EQUAL else old + new)
    return "".join(parts)


def side_by_side_html(ops: list[DiffOp]) -> tuple[str, str]:
    """(left, right): the old text with its removals marked, the new text with its additions marked."""
    marked = [_marked(op) for op in ops]
    return "".join(old for old, _new in marked), "".join(new for _old, new in marked)


def snapshots_html(diffs: list[FieldDiff], *, side_by_side: bool = False, old_label: str = "", new_label: str = "") -> str:
    """A whole article's changes as one HTML document, a section per changed field."""
    if not diffs:
        return "<p>没有差异。</p>"
    out = []
    if side_by_side:
        out.append('<table width="100%" cellspacing="0" cellpadding="6" border="1" style="border-collapse:collapse;">')
        out.append(f"<tr><th></th><th>{html.escape(old_label)}</th><th>{html.escape(new_label)}</th></tr>")
        for d in diffs:
            left, right = side_by_side_html(d.ops)
            out.append(
                f'<tr><td valign="top"><b>{html.escape(d.label)}</b></td>'
                f'<td valign="top" width="45%">{left}</td><td valign="top" width="45%">{right}</td></tr>'
            )
        out.append("</table>")
    else:
        for d in diffs:
            out.append(f"<h4>{html.escape(d.label)}</h4><p>{inline_html(d.ops)}</p>")
    return "".join(out)

"""Three-way merge of an article's (or the settings') fields: pure functions, no storage, no Git.

A field changed on one side only takes that side's value; a field changed the same way on both sides is fine; a
field changed differently on both sides is a conflict, reported with all three values so a KB owner can choose.
Fields are compared whole: the body is one field, so two desks rewriting the same body conflict instead of being
spliced line by line into a text nobody wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.store.team_queue import ConflictField

Values = dict[str, Any]


@dataclass
class MergeResult:
    merged: Values  # conflicting fields hold "ours" here: nothing on this desk is replaced until someone decides
    conflicts: list[ConflictField] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _same(a: Any, b: Any) -> bool:
    return _normal(a) == _normal(b)


def _normal(value: Any) -> Any:
    # A missing field, an empty text and an empty list mean the same thing in an article's front matter.
    return None if value in (None, "", [], {}) else value


def merge_values(base: Values | None, ours: Values, theirs: Values) -> MergeResult:
    """Merge ``ours`` and ``theirs`` against ``base`` (None when the two sides share no history: every field that
    differs is then a conflict)."""
    base = base or {}
    merged: Values = {}
    conflicts: list[ConflictField] = []
    no_base = not base
    for key in _ordered_keys(base, ours, theirs):
        b, o, t = base.get(key), ours.get(key), theirs.get(key)
        if _same(o, t):
            merged[key] = o if key in ours else t
        elif not no_base and _same(o, b):
            merged[key] = t
        elif not no_base and _same(t, b):
            merged[key] = o
        else:
            merged[key] = o
            conflicts.append(ConflictField(key, b, o, t))
    return MergeResult({k: v for k, v in merged.items() if v is not None or k in ours or k in theirs}, conflicts)


def _ordered_keys(*sides: Values) -> list[str]:
    keys: list[str] = []
    for side in sides:
        keys.extend(k for k in side if k not in keys)
    return keys


def apply_choices(merged: Values, conflicts: list[ConflictField], choices: dict[str, Any]) -> Values:
    """``merged`` with each conflicting field set to the owner's choice: "ours", "theirs", or ``{"text": ...}``."""
    result = dict(merged)
    for item in conflicts:
        choice = choices.get(item.name, "ours")
        if choice == "theirs":
            result[item.name] = item.theirs
        elif choice == "ours":
            result[item.name] = item.ours
        elif isinstance(choice, dict) and "text" in choice:
            result[item.name] = choice["text"]
        else:
            raise ValueError(f"字段 {item.name} 的选择“{choice}”无效：请用 ours（本机）、theirs（团队库）或自己的文字")
    return result

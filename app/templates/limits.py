"""Size arithmetic for the bounded template sandbox: how big a value is, how big an operation's result would be.

The sandbox (``sandbox.py``) asks these *before* an operation runs, because one C-level operation (``'a' * 10**9``,
``s.replace(' ', r)``, ``'{0}{0}…'.format(r)``) allocates everything at once and no time limit can interrupt it.
Sizes are counted in "weight": characters of strings and bytes, items of containers (recursively), about one per
decimal digit of an integer. A value's weight bounds the length of its text (``str(value)``) by a small factor.

Every refusal raises :class:`TemplateLimitError` (a ``SecurityError``) with a Chinese message for the user.
"""

from __future__ import annotations

import re
import string
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from jinja2.exceptions import SecurityError


@dataclass(frozen=True)
class TemplateLimits:
    max_size: int = 200_000  # weight any one value may reach; a reply script is a few hundred characters
    max_output: int = 200_000  # characters the whole rendering may produce
    budget: int = 5_000_000  # weight all operations of one rendering may create together
    max_int_bits: int = 4096  # about 1,200 decimal digits
    max_source: int = 100_000  # characters of template text accepted at all
    time_limit: float = 2.0  # seconds of template code (Python level; C-level work is bounded by the checks)


SCRIPT_LIMITS = TemplateLimits()
# A DOCX letter renders its whole document.xml (tens to hundreds of kilobytes of markup) as one template.
DOCUMENT_LIMITS = TemplateLimits(max_size=2_000_000, max_output=20_000_000, budget=60_000_000,
                                 max_source=20_000_000, time_limit=5.0)
MAX_TOJSON_INDENT = 16
_BIG_FORMAT_WIDTH = re.compile(r"\d{7,}")  # a padding or precision of a million or more in a format string


class TemplateLimitError(SecurityError):
    """The template would exhaust the machine; the message (Chinese) says which limit."""


def refuse(message: str) -> TemplateLimitError:
    return TemplateLimitError(message)


def weight(value: Any, stop_at: int) -> int:
    """Characters + items + digits in ``value``; counting stops once it passes ``stop_at`` (cycles end there too)."""
    total = 0
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, (str, bytes, bytearray)):
            total += len(item)
        elif isinstance(item, bool) or item is None:
            total += 1
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        elif isinstance(item, dict):
            total += len(item)
            if total <= stop_at:
                pending.extend(item.keys())
                pending.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += len(item)
            if total <= stop_at:
                pending.extend(item)
        else:
            total += 1
        if total > stop_at:
            return total
    return total


def text_length(value: Any, stop_at: int) -> int:
    """The length ``str(value)`` has (without building it for strings; others are bounded by their weight)."""
    if isinstance(value, (str, bytes)):
        return len(value)
    if weight(value, stop_at) > stop_at:
        return stop_at + 1
    return len(str(value))


# --- the active rendering: its limits and how much it has created so far ---------------------------------------
class RenderBudget:
    def __init__(self, limits: TemplateLimits):
        self.limits = limits
        self.spent = 0

    def spend(self, amount: int) -> None:
        self.spent += amount
        if self.spent > self.limits.budget:
            raise refuse(f"模板在渲染中产生的内容超过 {self.limits.budget} 个字符的总量上限")


_active = threading.local()


def active_budget() -> RenderBudget | None:
    return getattr(_active, "budget", None)


def set_active_budget(budget: RenderBudget | None) -> RenderBudget | None:
    previous = active_budget()
    _active.budget = budget
    return previous


# --- checks before an operation runs --------------------------------------------------------------------------
def check_size(estimate: int, limits: TemplateLimits, what: str) -> None:
    if estimate > limits.max_size:
        raise refuse(f"{what}会得到超过 {limits.max_size} 个字符的值")


def check_numbers(values: Iterable[Any], limits: TemplateLimits) -> None:
    """Sizes, widths and counts given to a call: a number beyond the size limit asks for too much."""
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > limits.max_size:
            raise refuse(f"数字 {_short_number(value)} 对模板来说太大（上限 {limits.max_size}）")


def _short_number(value: int) -> str:
    if value.bit_length() > 64:
        return f"约 2 的 {value.bit_length()} 次方"
    return str(value)


def check_format_string(text: Any) -> None:
    if isinstance(text, str) and _BIG_FORMAT_WIDTH.search(text):
        raise refuse("格式字符串中的宽度或精度太大")


def check_multiply(left: Any, right: Any, limits: TemplateLimits) -> None:
    for sized, times in ((left, right), (right, left)):
        if isinstance(times, int) and not isinstance(times, bool) and isinstance(sized, (str, bytes, list, tuple)):
            check_size(weight(sized, limits.max_size) * max(times, 0), limits, "乘法（重复）")
    if _is_int(left) and _is_int(right) and left.bit_length() + right.bit_length() > limits.max_int_bits:
        raise refuse(f"乘积超过 {limits.max_int_bits} 位的整数上限")


def check_power(base: Any, exponent: Any, limits: TemplateLimits) -> None:
    if not (_is_int(base) and _is_int(exponent)) or exponent <= 1 or abs(base) <= 1:
        return
    if base.bit_length() * exponent > limits.max_int_bits:
        raise refuse(f"乘方的结果超过 {limits.max_int_bits} 位的整数上限")


def check_add(left: Any, right: Any, limits: TemplateLimits) -> None:
    if isinstance(left, (str, bytes, list, tuple)) and isinstance(right, (str, bytes, list, tuple)):
        check_size(weight(left, limits.max_size) + weight(right, limits.max_size), limits, "拼接")


def check_percent_format(template: Any, arguments: Any, limits: TemplateLimits) -> None:
    """``'%s%s' % (a, b)`` or ``'%(x)s%(x)s' % {'x': a}``: each conversion may insert the largest argument."""
    if not isinstance(template, str):
        return
    check_format_string(template)
    values = list(arguments.values()) if isinstance(arguments, dict) else (
        list(arguments) if isinstance(arguments, tuple) else [arguments])
    check_numbers(values, limits)
    largest = max((text_length(v, limits.max_size) for v in values), default=0)
    check_size(len(template) + template.count("%") * largest, limits, "格式化")


def check_brace_format(template: str, args: tuple, kwargs: dict, limits: TemplateLimits) -> None:
    """``'{0}{0}{0}'.format(r)``: each replacement field may insert the largest argument."""
    check_format_string(template)
    check_numbers((*args, *kwargs.values()), limits)
    try:
        fields = sum(1 for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None)
    except ValueError:
        return  # Python's own error follows when the call runs
    values = (*args, *kwargs.values())
    largest = max((text_length(v, limits.max_size) for v in values), default=0)
    check_size(len(template) + fields * largest, limits, "格式化")


def check_replace(text: Any, old: Any, new: Any, count: Any, limits: TemplateLimits) -> None:
    parts = (text, old, new)
    if not (all(isinstance(p, str) for p in parts) or all(isinstance(p, bytes) for p in parts)):
        return
    found = text.count(old)
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    check_size(len(text) + found * max(0, len(new) - len(old)), limits, "替换")


def materialize(items: Any, limits: TemplateLimits) -> Any:
    """A list of what an iterator yields, refused as soon as it grows past the size limit (sized values pass)."""
    if isinstance(items, (str, bytes, list, tuple, dict, set, frozenset)) or not hasattr(items, "__iter__"):
        return items
    collected: list[Any] = []
    total = 0
    for item in items:
        collected.append(item)
        total += 1 + weight(item, limits.max_size)
        if total > limits.max_size:
            raise refuse(f"序列超过 {limits.max_size} 个字符的上限")
    return collected


def check_join(separator: Any, items: Any, limits: TemplateLimits) -> None:
    if not isinstance(items, (list, tuple, set, frozenset, dict, str)):
        return
    joined = sum(text_length(item, limits.max_size) for item in items)
    check_size(joined + text_length(separator, limits.max_size) * max(len(items) - 1, 0), limits, "连接（join）")


def check_lines_prefix(text: Any, prefix_length: int, limits: TemplateLimits, what: str) -> None:
    if isinstance(text, str):
        check_size(len(text) + (text.count("\n") + 1) * prefix_length, limits, what)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)

"""Writing cell values safely: text that looks like a formula stays text, times become local wall-clock times.

A customer named ``=HYPERLINK(…)`` or ``+86 138…`` must show as typed, never run as a formula in Excel, WPS or
LibreOffice ("CSV/formula injection"). openpyxl turns any string starting with ``=`` into a formula; such strings,
and those starting with the other characters spreadsheets treat as a formula start, are stored as text with Excel's
quote prefix, so editing the cell later does not turn them into a formula either.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from openpyxl.cell.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def local_naive(moment: datetime | None) -> datetime | None:
    """Excel has no time zones: the user's local wall time, naive, to the minute."""
    if moment is None:
        return None
    return moment.astimezone().replace(tzinfo=None, second=0, microsecond=0)


def set_value(cell: Cell, value: Any) -> Cell:
    """Put ``value`` in ``cell``; text starting like a formula is kept as text."""
    if isinstance(value, datetime):
        value = local_naive(value)
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)

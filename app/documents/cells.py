"""Spreadsheet cells that stay text: no formula injection from customer names, notes or search queries.

A customer who gives their name as ``=HYPERLINK("http://evil.example","点我")`` must not become a live formula in
the sheet a colleague opens. In CSV there is no "text" type, so, as OWASP advises for CSV injection, a cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with an apostrophe (Excel and WPS
show the rest as text). In XLSX the cell is written as a string cell, which no spreadsheet evaluates, and
characters XML cannot hold are dropped.
"""

from __future__ import annotations

from typing import Any

from app.plain_text import xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """``value`` as a CSV cell: text that a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_values(values: list[Any]) -> list[Any]:
    """``values`` with the characters XML cannot hold dropped from the strings (openpyxl refuses them)."""
    return [xml_safe(v) if isinstance(v, str) else v for v in values]


def set_text_cells(row) -> None:
    """Make the string cells of an openpyxl row plain text, never formulas."""
    for cell in row:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl reads a leading "=" as a formula; a string cell is never evaluated

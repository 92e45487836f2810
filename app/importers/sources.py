"""Reading import files into raw rows: JSONL, CSV, XLSX, and folders of Markdown with YAML front matter.

A row that cannot even be read (a broken JSON line) comes back with an error instead of data, so the import
refuses that row and goes on. A file that cannot be read at all raises :class:`ImportSourceError`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MARKDOWN_SUFFIXES = (".md", ".markdown")


class ImportSourceError(ValueError):
    """The file as a whole cannot be imported (wrong format, unreadable, no usable header)."""


@dataclass(frozen=True)
class RawRow:
    where: str
    data: dict[str, Any] | None = None
    error: str | None = None


def read_source(path: Path) -> Iterator[RawRow]:
    path = Path(path)
    if not path.exists():
        raise ImportSourceError(f"{path}: no such file or folder")
    if path.is_dir():
        return read_markdown_folder(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return read_jsonl(path)
    if suffix == ".csv":
        return read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix in MARKDOWN_SUFFIXES:
        return iter([read_markdown_file(path, path.name)])
    raise ImportSourceError(f"{path.name}: unknown format (use .jsonl, .csv, .xlsx, .md or a folder of .md files)")


# --- JSONL ----------------------------------------------------------------------------------------------------
def read_jsonl(path: Path) -> Iterator[RawRow]:
    text = decode_text(path.read_bytes(), path.name)
    # Split on "\n" only: str.splitlines() also breaks at U+2028, U+0085 … which JSON keeps inside strings
    # (text pasted from web pages), and would cut such a record in two.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield RawRow(where, error=f"not valid JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(data, dict):
            yield RawRow(where, error="expected a JSON object")
            continue
        yield RawRow(where, data)


# --- CSV and XLSX ---------------------------------------------------------------------------------------------
def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (a superset of GBK, what Chinese Excel writes)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        text = raw.decode("utf-8-sig")
        if not _gbk_read_as_utf8(raw, text):
            return text
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError as error:
        raise ImportSourceError(f"{name}: text is neither UTF-8 nor GBK/GB18030 (byte {error.start})") from None


def _gbk_read_as_utf8(raw: bytes, text: str) -> bool:
    """True when GBK bytes happen to be valid UTF-8 too (通 is CD A8 in GBK, which is U+0368 in UTF-8).

    Then the UTF-8 reading holds no Chinese at all but two-byte letters of other scripts (U+0300–U+07FF), while
    the GBK reading is common simplified Chinese (GB2312). Accented Latin (é = C3 A9) stays UTF-8.
    """
    if raw.startswith(b"\xef\xbb\xbf") or _HAN.search(text) or not _TWO_BYTE_OTHER_SCRIPT.search(text):
        return False
    try:
        raw.decode("gb18030").encode("gb2312")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return False
    return True


_HAN = re.compile(r"[\u3400-\u9fff]")
_TWO_BYTE_OTHER_SCRIPT = re.compile(r"[\u0300-\u07ff]")


def read_csv(path: Path) -> Iterator[RawRow]:
    text = decode_text(path.read_bytes(), path.name)
    reader = csv.reader(io.StringIO(text), _csv_dialect(text))
    rows = list(reader)
    if not rows:
        raise ImportSourceError(f"{path.name}: the file is empty")
    return _rows_from_table(path.name, rows[0], ((i, r) for i, r in enumerate(rows[1:], start=2)))


def _csv_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """The delimiter that makes the header row name a title column; the sniffer only when none does.

    The sniffer alone guesses from the data and was fooled by cells full of commas or semicolons in a
    tab-separated file, refusing the whole file for "no title column".
    """
    from app.importers.records import canonical_column

    header_line = text.split("\n", 1)[0]
    for delimiter in sorted(",;\t", key=header_line.count, reverse=True):
        header = next(csv.reader([header_line], delimiter=delimiter), [])
        if any(canonical_column(cell) == "title" for cell in header):
            return _dialect_with(delimiter)
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _dialect_with(delimiter: str) -> type[csv.Dialect]:
    class Chosen(csv.excel):
        pass

    Chosen.delimiter = delimiter
    return Chosen


def read_xlsx(path: Path) -> Iterator[RawRow]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise ImportSourceError(f"{path.name}: not an Excel workbook ({error.__class__.__name__})") from None
    try:
        sheet = workbook.worksheets[0]
        rows = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    if not rows:
        raise ImportSourceError(f"{path.name}: the first sheet is empty")
    return _rows_from_table(path.name, rows[0], ((i, r) for i, r in enumerate(rows[1:], start=2)))


def _rows_from_table(name: str, header: list[str], body) -> Iterator[RawRow]:
    from app.importers.records import canonical_column

    columns = [canonical_column(h) for h in header]
    if "title" not in columns:
        raise ImportSourceError(
            f"{name}: no title column in the header row (expected 'title' or 标题); found: "
            + ", ".join(h for h in header if h) or "nothing"
        )
    for number, cells in body:
        if not any(str(c).strip() for c in cells):
            continue
        data = {col: cells[i] for i, col in enumerate(columns) if col and i < len(cells) and cells[i] != ""}
        yield RawRow(f"row {number}", data)


# --- Markdown with YAML front matter --------------------------------------------------------------------------
def read_markdown_folder(folder: Path) -> Iterator[RawRow]:
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in MARKDOWN_SUFFIXES and p.is_file())
    if not files:
        raise ImportSourceError(f"{folder}: no Markdown files (.md) in this folder")
    for file in files:
        yield read_markdown_file(file, str(file.relative_to(folder)))


def read_markdown_file(file: Path, where: str) -> RawRow:
    try:
        text = decode_text(file.read_bytes(), where)
    except ImportSourceError as error:
        return RawRow(where, error=str(error))
    meta, body = split_front_matter(text)
    if isinstance(meta, str):
        return RawRow(where, error=meta)
    data = dict(meta)
    data.setdefault("body", body)
    if not data.get("title"):
        heading = next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), "")
        data["title"] = heading or file.stem
    return RawRow(where, data)


def split_front_matter(text: str) -> tuple[dict[str, Any] | str, str]:
    """(metadata, body); metadata is an error message when the front matter is not valid YAML."""
    if not text.startswith("---"):
        return {}, text
    lines = text.splitlines(keepends=True)
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            head, body = "".join(lines[1:i]), "".join(lines[i + 1 :])
            import yaml  # only Markdown front matter needs it; not imported while the app starts

            try:
                meta = yaml.safe_load(head) or {}
            except yaml.YAMLError as error:
                mark = getattr(error, "problem_mark", None)
                place = f" (line {mark.line + 2})" if mark else ""
                return f"front matter is not valid YAML{place}", body
            if not isinstance(meta, dict):
                return "front matter must be a YAML mapping (key: value)", body
            return meta, body.lstrip("\n")
    return "front matter starts with --- but never ends", text

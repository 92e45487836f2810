"""Reading import files into raw rows: JSONL, CSV, XLSX, and folders of Markdown with YAML front matter.

A row that cannot even be read (a broken JSON line, a CSV field over the limit) comes back with an error instead of
data, so the import refuses that row and goes on. A file that cannot be read at all raises
:class:`ImportSourceError`. Files come from anywhere, so what they may cost is bounded: a CSV field holds at most
:data:`MAX_CSV_FIELD` characters, a workbook may unpack to at most :data:`MAX_XLSX_UNPACKED` bytes (a 4 MB zip
bomb would otherwise grow to gigabytes), JSON may nest :data:`MAX_JSON_DEPTH` levels, and YAML front matter may
not use aliases (``*name``, the "billion laughs").
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.importers.encoding import EncodingGuess, UnknownEncoding, check_encoding, guess_encoding

MARKDOWN_SUFFIXES = (".md", ".markdown")
MAX_CSV_FIELD = 10_000_000  # characters in one CSV cell (Python's default, 131,072, refused a 200 KB article body)
MAX_XLSX_UNPACKED = 200 * 1024 * 1024  # bytes a workbook's parts may unpack to, together
MAX_JSON_DEPTH = 50  # levels of nesting in one JSON record (an article needs three)


class ImportSourceError(ValueError):
    """The file as a whole cannot be imported (wrong format, unreadable, no usable header)."""


@dataclass(frozen=True)
class RawRow:
    where: str
    data: dict[str, Any] | None = None
    error: str | None = None


@dataclass
class SourceNotes:
    """What reading a source learnt besides its rows: the text encoding of each file read."""

    encodings: dict[str, EncodingGuess] = field(default_factory=dict)

    def uncertain(self) -> dict[str, EncodingGuess]:
        return {name: guess for name, guess in self.encodings.items() if not guess.certain}


def read_source(path: Path, *, encoding: str | None = None, notes: SourceNotes | None = None) -> Iterator[RawRow]:
    """The rows of ``path``; text files are read in ``encoding`` when given, else in the detected one."""
    path = Path(path)
    notes = SourceNotes() if notes is None else notes
    if encoding:
        try:
            encoding = check_encoding(encoding)
        except UnknownEncoding as error:
            raise ImportSourceError(str(error)) from None
    if not path.exists():
        raise ImportSourceError(f"{path}：没有这个文件或文件夹")
    if path.is_dir():
        return read_markdown_folder(path, encoding, notes)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return read_jsonl(path, encoding, notes)
    if suffix == ".csv":
        return read_csv(path, encoding, notes)
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix in MARKDOWN_SUFFIXES:
        return iter([read_markdown_file(path, path.name, encoding, notes)])
    raise ImportSourceError(f"{path.name}：不认识的格式（可导入 .jsonl、.csv、.xlsx、.md，或一个放 .md 文件的文件夹）")


# --- JSONL ----------------------------------------------------------------------------------------------------
def read_jsonl(path: Path, encoding: str | None = None, notes: SourceNotes | None = None) -> Iterator[RawRow]:
    text = decode_text(path.read_bytes(), path.name, encoding, notes)
    # Split on "\n" only: str.splitlines() also breaks at U+2028, U+0085 … which JSON keeps inside strings
    # (text pasted from web pages), and would cut such a record in two.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if line.strip():
            yield _json_row(f"第 {number} 行", line)


# Python's JSON messages, said in Chinese for the import report (the row is shown to people, not programmers).
_JSON_PROBLEMS_ZH = (
    ("Expecting value", "这里应是一个值"),
    ("Expecting property name enclosed in double quotes", "字段名要用英文双引号括起来"),
    ("Expecting ',' delimiter", "缺少英文逗号"),
    ("Expecting ':' delimiter", "缺少英文冒号"),
    ("Unterminated string", "引号没有成对"),
    ("Extra data", "一行只能有一个 {…}，后面有多余的内容"),
    ("Invalid control character", "含有不允许的控制字符"),
    ("Invalid \\escape", "有无效的反斜杠转义"),
    ("Invalid \\uXXXX escape", "有无效的 \\u 转义"),
)


def json_problem_zh(message: str) -> str:
    return next((zh for en, zh in _JSON_PROBLEMS_ZH if message.startswith(en)), "格式不对")


def _json_row(where: str, line: str) -> RawRow:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return RawRow(where, error=f"不是有效的 JSON（第 {error.colno} 列：{json_problem_zh(error.msg)}）")
    except RecursionError:
        return RawRow(where, error=f"JSON 嵌套超过 {MAX_JSON_DEPTH} 层")
    except ValueError as error:  # e.g. an integer of more than 4300 digits
        return RawRow(where, error=f"不是有效的 JSON（{error}）")
    if not isinstance(data, dict):
        return RawRow(where, error="每行应是一个 JSON 对象 {…}")
    if nesting_depth(data, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        return RawRow(where, error=f"JSON 嵌套超过 {MAX_JSON_DEPTH} 层")
    return RawRow(where, data)


def nesting_depth(value: Any, stop_at: int) -> int:
    """How deeply lists and dicts nest in ``value`` (walked without recursion; stops past ``stop_at``)."""
    deepest = 0
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if not isinstance(item, list):
            continue
        deepest = max(deepest, depth)
        if deepest > stop_at:
            return deepest
        pending.extend((child, depth + 1) for child in item)
    return deepest


# --- CSV and XLSX ---------------------------------------------------------------------------------------------
def decode_text(raw: bytes, name: str, encoding: str | None = None, notes: SourceNotes | None = None) -> str:
    """``raw`` in ``encoding`` when given; else UTF-8 or UTF-16 (BOM or not), GB18030/GBK or Big5, as detected.

    The encoding used is recorded in ``notes`` (with whether the guess was certain).
    """
    if encoding:
        codec = "utf-8-sig" if encoding.replace("_", "-").lower() in ("utf-8", "utf8") else encoding
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as error:
            raise ImportSourceError(f"{name}：文字不是 {encoding} 编码（第 {error.start} 个字节）") from None
        guess = EncodingGuess(encoding, chosen=True)
    else:
        found = guess_encoding(raw)
        if found is None:
            raise ImportSourceError(f"{name}：文字既不是 UTF-8，也不是 GBK/GB18030 或 Big5 编码") from None
        guess, text = found, raw.decode(found.encoding)
    if notes is not None:
        notes.encodings[name] = guess
    return text


def read_csv(path: Path, encoding: str | None = None, notes: SourceNotes | None = None) -> Iterator[RawRow]:
    text = decode_text(path.read_bytes(), path.name, encoding, notes)
    if csv.field_size_limit() < MAX_CSV_FIELD:  # process-wide; only ever raised
        csv.field_size_limit(MAX_CSV_FIELD)
    records = _csv_records(csv.reader(io.StringIO(text), _csv_dialect(text)))
    header = next(records, None)
    if header is None:
        raise ImportSourceError(f"{path.name}：文件是空的")
    if isinstance(header[1], str):
        raise ImportSourceError(f"{path.name}：表头行读不出来（{header[1]}）")
    return _rows_from_table(path.name, header[1], records)


def _csv_records(reader) -> Iterator[tuple[int, list[str] | str]]:
    """(record number, cells), or (number, reason) for a record the CSV reader refuses (it goes on after it)."""
    number = 0
    while True:
        number += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            reason = f"读不出来（{error}）"
            if "field larger than field limit" in str(error):
                reason = f"有一格超过 {MAX_CSV_FIELD} 个字"
            yield number, reason
            continue
        yield number, cells


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
    _check_unpacked_size(path)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # a foreign file: zip, XML (a DTD is refused by defusedxml) or openpyxl errors
        raise ImportSourceError(f"{path.name}：不是能读取的 Excel 工作簿（{_reason(error)}）") from None
    try:
        sheet = workbook.worksheets[0]
        rows = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    except Exception as error:  # the sheet itself is parsed only here (read-only mode streams it)
        raise ImportSourceError(f"{path.name}：第一张工作表读不出来（{_reason(error)}）") from None
    finally:
        workbook.close()
    if not rows:
        raise ImportSourceError(f"{path.name}：第一张工作表是空的")
    return _rows_from_table(path.name, rows[0], enumerate(rows[1:], start=2))


def _check_unpacked_size(path: Path) -> None:
    """Refuse a workbook whose parts unpack to more than :data:`MAX_XLSX_UNPACKED` (the sizes the zip declares
    bound what can be read: Python's zipfile stops at the declared size)."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportSourceError(f"{path.name}：不是 Excel 工作簿（{_reason(error)}）") from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise ImportSourceError(
            f"{path.name}：工作簿解压后有 {unpacked // (1024 * 1024)} MB，超过导入能读的 "
            f"{MAX_XLSX_UNPACKED // (1024 * 1024)} MB（请另存为 CSV，或拆成几个文件）"
        )


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{error.__class__.__name__}: {text[:120]}" if text else error.__class__.__name__


def _rows_from_table(name: str, header: list[str], body: Iterable[tuple[int, list[str] | str]]) -> Iterator[RawRow]:
    from app.importers.records import canonical_column

    columns = [canonical_column(h) for h in header]
    if "title" not in columns:
        raise ImportSourceError(
            f"{name}：表头里没有标题列（应有“标题”或 title）；现有的列："
            + ("、".join(h for h in header if h) or "无")
        )
    for number, cells in body:
        if isinstance(cells, str):  # the reader refused this record
            yield RawRow(f"第 {number} 行", error=cells)
            continue
        if not any(str(c).strip() for c in cells):
            continue
        data = {col: cells[i] for i, col in enumerate(columns) if col and i < len(cells) and cells[i] != ""}
        yield RawRow(f"第 {number} 行", data)


# --- Markdown with YAML front matter --------------------------------------------------------------------------
def read_markdown_folder(folder: Path, encoding: str | None = None,
                         notes: SourceNotes | None = None) -> Iterator[RawRow]:
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in MARKDOWN_SUFFIXES and p.is_file())
    if not files:
        raise ImportSourceError(f"{folder}：这个文件夹里没有 Markdown 文件（.md）")
    for file in files:
        yield read_markdown_file(file, str(file.relative_to(folder)), encoding, notes)


def read_markdown_file(file: Path, where: str, encoding: str | None = None,
                       notes: SourceNotes | None = None) -> RawRow:
    try:
        text = decode_text(file.read_bytes(), where, encoding, notes)
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
                meta = yaml.load(head, Loader=_no_alias_loader()) or {}
            except yaml.YAMLError as error:
                mark = getattr(error, "problem_mark", None)
                place = f"（第 {mark.line + 2} 行）" if mark else ""
                problem = str(getattr(error, "problem", "") or "")
                detail = "：不能用锚点和别名（&名称、*名称）" if problem.startswith("aliases") else ""
                return f"开头的 YAML 信息格式不对{place}{detail}", body
            except RecursionError:
                return "开头的 YAML 信息嵌套太深", body
            except ValueError as error:  # e.g. an integer of more than 4300 digits
                return f"开头的 YAML 信息里有读不出来的值（{str(error)[:120]}）", body
            if not isinstance(meta, dict):
                return "开头的 YAML 信息应是“键: 值”的形式", body
            return meta, body.lstrip("\n")
    return "开头的 YAML 信息以 --- 开始，却没有结束的 ---", text


_LOADER: type | None = None


def _no_alias_loader() -> type:
    """PyYAML's SafeLoader refusing anchors and aliases: ``&a [*a, *a …]`` nested a few times expands to
    billions of items (the "billion laughs"), and front matter has no use for them."""
    global _LOADER
    if _LOADER is None:
        import yaml

        class NoAliasSafeLoader(yaml.SafeLoader):
            def compose_node(self, parent, index):
                event = self.peek_event()
                if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                    raise yaml.composer.ComposerError(
                        None, None, "不允许使用 YAML 的别名和锚点（*名称、&名称）", event.start_mark
                    )
                return super().compose_node(parent, index)

        _LOADER = NoAliasSafeLoader
    return _LOADER

"""Random and broken import files: no crash, a refusal that names the place, nothing written for a refused row.

Files are written the way other programs write them (Excel's GBK CSV, UTF-8 with BOM, openpyxl workbooks,
Markdown with hand-written front matter). Each example imports into a fresh in-memory knowledge base.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.importers import ImportSourceError
from app.services import Deskbook

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Common Chinese characters (all inside GBK), punctuation that CSV and YAML care about, Latin letters.
CJK = "退款客服物流账号密码发票订单售后技术故障登录支付成功未发货问题原因解决方案沟通要点王李张女士先生您好请稍等已记录小时内联系"
PUNCT = ",，;；:：\"'|、\t-#*[]{}()!?？！。 "
text_chars = st.sampled_from(list(CJK + PUNCT + "abcXYZ0123456789"))
# Separators that str.splitlines() treats as line ends although JSON and CSV keep them inside a value
# (U+2028 comes with text copied from web pages, U+0085 from old Windows tools).
odd_separators = st.sampled_from(["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"])
value_text = st.text(alphabet=st.one_of(text_chars, odd_separators), max_size=20)
cell_text = st.text(alphabet=text_chars, max_size=20)
title_text = st.text(alphabet=st.sampled_from(list(CJK + "abcXYZ0123456789 ")), min_size=0, max_size=20)


def fresh_desk() -> Deskbook:
    desk = Deskbook(None)
    desk.prepare_index()
    desk.reindex()
    return desk


def check_report_against_database(desk: Deskbook, report, ids_by_place: dict[str, str]) -> None:
    """Every place either imported or refused (by name); refused places left nothing behind."""
    refused = {r.where for r in report.refused}
    assert all(r.reason for r in report.refused)
    assert refused <= set(ids_by_place), f"refusals name places that do not exist: {refused - set(ids_by_place)}"
    for where, external_id in ids_by_place.items():
        stored = desk.articles.get_by_external_id(external_id)
        if where in refused:
            assert stored is None, f"{where} was refused but {external_id} was written"
        else:
            assert stored is not None, f"{where} was neither imported nor refused"
    assert desk.articles.count() == len(ids_by_place) - len(refused)
    assert report.created == len(ids_by_place) - len(refused)


# --- JSONL ---------------------------------------------------------------------------------------------------
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), value_text),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(cell_text, inner, max_size=3)),
    max_leaves=6,
)
record = st.fixed_dictionaries(
    {"title": st.one_of(title_text, json_values)},
    optional={
        "body": st.one_of(value_text, json_values), "kind": st.sampled_from(["case", "script", "handbook", "话术", "x", ""]),
        "status": st.sampled_from(["draft", "published", "已发布", "bogus", ""]), "tags": json_values,
        "group": json_values, "phrasings": json_values, "variants": json_values, "questions": json_values,
        "restatements": json_values, "review_interval_days": st.one_of(st.integers(-5, 5000), cell_text),
        "reply": json_values, "solution": json_values,
    },
)
jsonl_line = st.one_of(record, st.text(alphabet=text_chars, min_size=1, max_size=30), json_values)


@FUZZ
@given(st.lists(jsonl_line, min_size=1, max_size=12))
def test_fuzzed_jsonl(lines):
    out: list[str] = []
    for line in lines:
        if isinstance(line, dict):
            out.append(json.dumps({**line, "id": f"row-{len(out) + 1}"}, ensure_ascii=False))
            continue
        text = line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
        text = " ".join(text.split("\n")).replace("\r", " ")
        try:
            is_object = isinstance(json.loads(text), dict)
        except ValueError:
            is_object = False
        if text.strip() and not is_object:  # garbage or a JSON value that is not an object
            out.append(text)
    assume(out)
    ids_by_place = {
        f"第 {n} 行": (json.loads(t)["id"] if t.startswith("{") and "row-" in t else f"never-{n}")
        for n, t in enumerate(out, start=1)
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kb.jsonl"
        path.write_text("\n".join(out) + "\n", "utf-8")
        desk = fresh_desk()
        try:
            report = desk.import_path(path)
            refused = {r.where for r in report.refused}
            for where, external_id in ids_by_place.items():
                if external_id.startswith("never-"):
                    assert where in refused, f"{where} (not an object) was not refused"
            check_report_against_database(desk, report, ids_by_place)
        finally:
            desk.close()


# --- CSV in the encodings Chinese Excel and friends write --------------------------------------------------------
ENCODINGS = ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"]


@FUZZ
@given(
    # Tags without "[": a cell starting with it is read as a JSON list (and refused when it is not one).
    st.lists(st.tuples(title_text, cell_text, st.text(alphabet=st.sampled_from(list(CJK + ",，、; ")), max_size=12)),
             min_size=1, max_size=10),
    st.sampled_from(ENCODINGS),
    st.sampled_from([",", ";", "\t"]),
    st.booleans(),
)
def test_fuzzed_csv_in_odd_encodings_imports_the_same_text(rows, encoding, delimiter, chinese_header):
    header = ["编号", "标题", "内容", "标签"] if chinese_header else ["id", "title", "body", "tags"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for number, (title, body, tags) in enumerate(rows, start=2):
        writer.writerow([f"c{number}", title, body, tags])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kb.csv"
        path.write_bytes(buffer.getvalue().encode(encoding))
        desk = fresh_desk()
        try:
            report = desk.import_path(path)
            ids_by_place = {f"第 {n} 行": f"c{n}" for n in range(2, len(rows) + 2)}
            check_report_against_database(desk, report, ids_by_place)
            for number, (title, body, _tags) in enumerate(rows, start=2):
                stored = desk.articles.get_by_external_id(f"c{number}")
                if title.strip():
                    assert stored is not None, report.refused
                    if (stored.title, stored.body) != (title.strip(), body):
                        # Only text that reads as Latin-1 symbols in UTF-8 and as Chinese in GBK (¼ or 录) may be
                        # read the wrong way round, and then the report says the guess is uncertain.
                        assert report.encoding_warning(), (stored.title, title)
                        continue
                    assert stored.title == title.strip()  # decoded right: not mojibake
                    assert stored.body == body
                else:
                    assert f"第 {number} 行" in {r.where for r in report.refused}
        finally:
            desk.close()


def test_gbk_csv_from_chinese_excel_is_detected_and_imported_correctly(desk, tmp_path):
    text = "编号,标题,内容,标签\r\nk1,退款多久到账,一般3个工作日原路退回,退款、售后\r\nk2,如何重置密码,在登录页点击“忘记密码”,账号\r\n"
    path = tmp_path / "gbk.csv"
    path.write_bytes(text.encode("gbk"))
    report = desk.import_path(path)
    assert (report.created, report.refused) == (2, [])
    first = desk.get_article("k1")
    assert (first.title, first.body, first.tags) == ("退款多久到账", "一般3个工作日原路退回", ["退款", "售后"])
    assert desk.get_article("k2").body == "在登录页点击“忘记密码”"


@pytest.mark.parametrize("raw", [b"", b"\xff\xfe", b"\xef\xbb\xbf", b"\x00\x01\x02", bytes(range(256)), b"title\n"])
def test_degenerate_csv_files_are_refused_or_empty_never_crash(desk, tmp_path, raw):
    path = tmp_path / "odd.csv"
    path.write_bytes(raw)
    try:
        report = desk.import_path(path)
    except ImportSourceError as error:
        assert "odd.csv" in str(error)
        return
    assert report.created == 0


# --- XLSX ------------------------------------------------------------------------------------------------------
xlsx_cell = st.one_of(
    st.none(), title_text, st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(), st.dates(),
)


@FUZZ
@given(st.lists(st.tuples(xlsx_cell, xlsx_cell, xlsx_cell), min_size=1, max_size=8))
def test_fuzzed_xlsx(rows):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["编号", "标题", "内容", "状态"])
    ids_by_place = {}
    for number, (title, body, status) in enumerate(rows, start=2):
        sheet.append([f"x{number}", title, body, status])
        ids_by_place[f"第 {number} 行"] = f"x{number}"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kb.xlsx"
        workbook.save(path)
        desk = fresh_desk()
        try:
            report = desk.import_path(path)
            check_report_against_database(desk, report, ids_by_place)
            for number, (title, _body, _status) in enumerate(rows, start=2):
                if title is None or (isinstance(title, str) and not title.strip()):
                    assert f"第 {number} 行" in {r.where for r in report.refused}
        finally:
            desk.close()


def test_a_file_that_is_not_a_workbook_is_refused_by_name(desk, tmp_path):
    path = tmp_path / "坏的.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportSourceError) as caught:
        desk.import_path(path)
    assert "坏的.xlsx" in str(caught.value)
    assert desk.articles.count() == 0


# --- Markdown folders with front matter ---------------------------------------------------------------------------
yaml_noise = st.text(alphabet=st.sampled_from(list(CJK + ":-[]{}&*!|>'\"%@`#,? \n\t" + "abc123")), max_size=60)
front_matter = st.one_of(
    st.dictionaries(st.sampled_from(["title", "tags", "kind", "status", "group", "body", "标题"]),
                    st.one_of(title_text, st.lists(title_text, max_size=3), st.integers(), st.none()), max_size=5)
    .map(lambda d: ("dict", d)),
    yaml_noise.map(lambda t: ("raw", t)),
)
md_file = st.tuples(front_matter, st.text(alphabet=text_chars, max_size=40), st.sampled_from(["utf-8", "utf-8-sig", "gbk", "bad-bytes", "unterminated"]))


@FUZZ
@given(st.lists(md_file, min_size=1, max_size=6))
def test_fuzzed_markdown_folder(files):
    import yaml

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "kb"
        root.mkdir()
        ids_by_place = {}
        for number, ((shape, meta), body, encoding) in enumerate(files, start=1):
            name = f"文章{number:02d}.md"
            external_id = f"md-{number}"
            if shape == "dict":
                head = yaml.safe_dump({**meta, "id": external_id}, allow_unicode=True)
            else:
                head = f"id: {external_id}\n{meta}"
            text = f"---\n{head}\n---\n{body}"
            if encoding == "unterminated":
                text = f"---\n{head}\n{body}"
                encoding = "utf-8"
            if encoding == "bad-bytes":
                raw = text.encode("utf-8") + b"\xff\xfe\x00\x81"
            else:
                raw = text.encode(encoding)
            (root / name).write_bytes(raw)
            ids_by_place[name] = external_id
        desk = fresh_desk()
        try:
            report = desk.import_path(root)
            refused = {r.where for r in report.refused}
            for name, external_id in ids_by_place.items():
                stored = desk.articles.get_by_external_id(external_id)
                if name in refused:
                    assert stored is None
                elif stored is None:
                    # Front matter noise may hide the id line (e.g. a YAML mapping that redefines it);
                    # then the file was imported without this id, which is fine, but it was imported.
                    assert any(a.title for a in desk.list_articles(include_archived=True))
            assert refused <= set(ids_by_place)
            assert all(re.search(r"\.md$", r.where) for r in report.refused)
        finally:
            desk.close()


# --- the bugs the fuzzing found, pinned ---------------------------------------------------------------------------
def test_jsonl_value_with_a_unicode_line_separator_stays_one_record(desk, tmp_path):
    """U+2028 / U+0085 inside a JSON string (pasted from a web page) used to split the record in two."""
    path = tmp_path / "kb.jsonl"
    rows = [{"id": "u1", "title": "退款\u2028说明", "body": "第一段\u0085第二段"}, {"id": "u2", "title": "物流"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\r\n", "utf-8")
    report = desk.import_path(path)
    assert (report.created, report.refused) == (2, [])
    assert desk.get_article("u1").body == "第一段\u0085第二段"


def test_tab_separated_csv_with_a_quoted_tab_in_a_cell(desk, tmp_path):
    """The delimiter sniffer gave up on this ("Could not determine delimiter"), fell back to commas and the
    whole file was refused for having no title column."""
    text = "id\ttitle\tbody\r\nt1\t退款多久到账\t\"先退款\t再发货\"\r\nt2\t物流查询\t单号, 快递; 客服\r\n"
    path = tmp_path / "kb.csv"
    path.write_bytes(text.encode("gbk"))
    report = desk.import_path(path)
    assert (report.created, report.refused) == (2, [])
    assert desk.get_article("t1").body == "先退款\t再发货"
    assert desk.get_article("t2").body == "单号, 快递; 客服"


def test_short_gbk_that_is_also_valid_utf8_is_read_as_gbk_and_accented_latin_stays_utf8():
    from app.importers.sources import decode_text

    assert decode_text("通".encode("gbk"), "a.csv") == "通"  # CD A8: also U+0368 in UTF-8 (found by Hypothesis)
    assert decode_text("标题\n通知".encode("gbk"), "a.csv") == "标题\n通知"
    assert decode_text("café,Ελλάδα".encode("utf-8"), "a.csv") == "café,Ελλάδα"
    assert decode_text("通知".encode("utf-8"), "a.csv") == "通知"

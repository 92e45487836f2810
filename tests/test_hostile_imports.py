"""Issue 18, items 8–12: hostile import files and what they would do to the exports.

Before: one bad value aborted a whole import with a traceback (RecursionError, ValueError, UnicodeEncodeError,
csv.Error, a DTD in a workbook); a 4 MB XLSX bomb grew past 5.9 GB and YAML aliases took minutes and printed a
multi-GB error; a Big5 CSV was read as GBK; control characters broke the DOCX pack and the tracking XLSX; a
customer named ``=HYPERLINK(...)`` became a live formula.
"""

from __future__ import annotations

import csv
import io
import json
import time
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from app.documents.pack_content import PackSelection
from app.importers import ImportSourceError, sources
from app.importers.report import MAX_REASON
from app.model.records import ProgressState, Request
from tests.helpers import make_article
from tests.records_helpers import add_full_request
from tests.safety_helpers import run_cli


def _refusals(report) -> dict[str, str]:
    return {r.where: r.reason for r in report.refused}


# --- item 8: one bad value refuses its row, not the import ---------------------------------------------------------
def test_bad_json_values_refuse_their_own_line_only(desk, tmp_path):
    lines = [
        json.dumps({"id": "ok1", "title": "退款多久到账"}, ensure_ascii=False),
        '{"id": "deep", "title": "x", "body": ' + "[" * 100_000 + "]" * 100_000 + "}",
        '{"id": "digits", "title": "x", "body": ' + "9" * 5000 + "}",
        '{"id": "surrogate", "title": "\\ud800坏字"}',
        '{"id": "nested", "title": "x", "tags": ' + "[" * 60 + '"a"' + "]" * 60 + "}",
        json.dumps({"id": "ok2", "title": "发票怎么开"}, ensure_ascii=False),
    ]
    path = tmp_path / "kb.jsonl"
    path.write_text("\n".join(lines), "utf-8")
    report = desk.import_path(path)
    refused = _refusals(report)
    assert report.created == 2 and set(refused) == {"第 2 行", "第 3 行", "第 4 行", "第 5 行"}
    assert "嵌套" in refused["第 2 行"] and "嵌套" in refused["第 5 行"]
    assert "坏字符" in refused["第 4 行"]
    assert all(len(reason) <= MAX_REASON for reason in refused.values())
    assert {a.external_id for a in desk.list_articles()} == {"ok1", "ok2"}


@pytest.fixture
def default_csv_field_limit():
    """Python's default CSV field limit for the test (it is process-wide), restored afterwards."""
    previous = csv.field_size_limit(131_072)
    yield
    csv.field_size_limit(previous)


def test_a_long_csv_body_imports_and_an_oversized_field_refuses_its_row(desk, tmp_path, monkeypatch,
                                                                      default_csv_field_limit):
    monkeypatch.setattr(sources, "MAX_CSV_FIELD", 300_000)
    body = "退款说明" * 50_000  # 200,000 characters: over Python's default field limit of 131,072
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "title", "body"])
    writer.writerow(["c1", "长文章", body])
    writer.writerow(["c2", "太长的文章", "x" * 400_000])
    writer.writerow(["c3", "短文章", "正文"])
    path = tmp_path / "kb.csv"
    path.write_text(buffer.getvalue(), "utf-8")
    report = desk.import_path(path)
    assert desk.get_article("c1").body == body and desk.get_article("c3").body == "正文"
    assert list(_refusals(report)) == ["第 3 行"] and "300000 个字" in report.refused[0].reason


def test_the_documented_csv_field_limit_holds_a_legitimate_long_body(desk, tmp_path):
    assert sources.MAX_CSV_FIELD >= 1_000_000
    body = "客" * 200_000
    path = tmp_path / "kb.csv"
    path.write_text(f"id,title,body\r\nb1,长,{body}\r\n", "utf-8")
    report = desk.import_path(path)
    assert report.refused == [] and desk.get_article("b1").body == body


def test_an_xlsx_with_a_dtd_is_refused_with_a_message_not_a_traceback(desk, tmp_path):
    path = tmp_path / "dtd.xlsx"
    workbook = Workbook()
    workbook.active.append(["title"])
    workbook.active.append(["退款"])
    workbook.save(path)
    _rewrite_member(path, "xl/worksheets/sheet1.xml",
                    lambda xml: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + xml.replace(b"\xe9\x80\x80", b"&a;"))
    with pytest.raises(ImportSourceError) as refused:
        desk.import_path(path)
    assert "dtd.xlsx" in str(refused.value)
    assert desk.count_articles() == 0
    result = run_cli("import", str(path), data_dir=tmp_path / "data")
    assert result.returncode != 0 and "Traceback" not in result.stderr and "dtd.xlsx" in result.stderr


def _rewrite_member(path, name, change) -> None:
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members[name] = change(members[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)


# --- item 9: bombs ----------------------------------------------------------------------------------------------
def test_an_xlsx_zip_bomb_is_refused_before_it_is_unpacked(desk, tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_XLSX_UNPACKED", 8 * 1024 * 1024)
    path = tmp_path / "bomb.xlsx"
    workbook = Workbook()
    workbook.active.append(["title"])
    workbook.save(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, archive.open("xl/padding.xml", "w") as member:
        for _ in range(20):
            member.write(b"\0" * (1024 * 1024))
    assert path.stat().st_size < 200_000  # 20 MB unpacked from a small file
    with pytest.raises(ImportSourceError, match="解压后有 20 MB"):
        desk.import_path(path)


@pytest.mark.timeout(30)
@pytest.mark.parametrize("front_matter", [
    "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
    "kind: *i\ntitle: 炸弹",
    "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
    "kind: handbook\nquestions: [{group: *i, text: 问}]\ntitle: 炸弹",
    "title: " + "[" * 5000 + "]" * 5000,
    "title: 大数\nbody: " + "9" * 5000,
])
def test_yaml_bombs_in_front_matter_refuse_their_file_quickly_with_a_short_message(desk, tmp_path, front_matter):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "炸弹.md").write_text(f"---\n{front_matter}\n---\n正文", "utf-8")
    (folder / "正常.md").write_text("---\ntitle: 正常文章\n---\n正文", "utf-8")
    started = time.monotonic()
    report = desk.import_path(folder)
    assert time.monotonic() - started < 10
    assert report.created == 1 and list(_refusals(report)) == ["炸弹.md"]
    assert len(report.refused[0].reason) <= MAX_REASON


# --- item 10: encodings ------------------------------------------------------------------------------------------
def test_a_big5_csv_with_an_english_header_is_read_as_big5(desk, tmp_path):
    path = tmp_path / "big5.csv"
    path.write_bytes("id,title,body\r\nb1,退款問題,請稍候，我們會在三個工作日內處理退款\r\nb2,帳號密碼,重設密碼請到登入頁\r\n"
                     .encode("big5"))
    report = desk.import_path(path)
    assert report.refused == []
    assert desk.get_article("b1").title == "退款問題" and desk.get_article("b2").body == "重設密碼請到登入頁"


AMBIGUOUS = "id,title\r\nk1,爱安\r\n".encode("gbk")  # the same bytes are 乾假 in Big5: both readings are common


def test_short_samples_are_told_apart_where_one_reading_is_rare_characters():
    from app.importers.encoding import guess_encoding

    assert guess_encoding("id,title\r\nk1,退款問題\r\n".encode("big5")).encoding == "big5"  # GBK: 癶蹿拜肈
    assert guess_encoding("id,title\r\nk1,中文\r\n".encode("big5")).encoding == "big5"  # GBK: いゅ
    assert guess_encoding("title\r\n通知\r\n".encode("gbk")).encoding == "gb18030"  # Big5: 籵眭


def test_an_ambiguous_encoding_is_reported_and_can_be_chosen(desk, tmp_path):
    path = tmp_path / "short.csv"
    path.write_bytes(AMBIGUOUS)
    first = desk.import_path(path)
    assert first.encoding_warning() and "short.csv" in first.encoding_warning()
    assert desk.get_article("k1").title == "爱安"  # mainland GBK is the default
    chosen = desk.import_path(path, encoding="big5")
    assert chosen.uncertain_encodings == {} and desk.get_article("k1").title == "乾假"


def test_cli_import_takes_an_encoding_and_warns_when_it_guessed(tmp_path):
    path = tmp_path / "short.csv"
    path.write_bytes(AMBIGUOUS)
    data = tmp_path / "data"
    guessed = run_cli("import", str(path), data_dir=data)
    assert guessed.returncode == 0 and "--encoding" in guessed.stderr
    chosen = run_cli("import", str(path), "--encoding", "big5", data_dir=data)
    assert chosen.returncode == 0 and "--encoding" not in chosen.stderr
    shown = run_cli("show", "k1", "--json", data_dir=data)
    assert json.loads(shown.stdout)["title"] == "乾假"
    wrong = run_cli("import", str(path), "--encoding", "klingon", data_dir=data)
    assert wrong.returncode == 1 and "不认识的编码" in wrong.stderr and "Traceback" not in wrong.stderr


# --- item 11: control characters -----------------------------------------------------------------------------------
def test_control_characters_are_cleaned_at_import(desk, tmp_path):
    path = tmp_path / "kb.jsonl"
    path.write_text(json.dumps({"id": "c1", "title": "退\x01款", "body": "第一行\x0b第二行\x07",
                                "tags": ["售\x02后"]}, ensure_ascii=False), "utf-8")
    report = desk.import_path(path)
    article = desk.get_article("c1")
    assert report.refused == [] and (article.title, article.body, article.tags) == ("退款", "第一行\n第二行", ["售后"])


def test_exports_survive_control_characters_saved_by_older_versions(desk, tmp_path):
    article = desk.create_article(make_article("旧数据\x01标题", "正文\x0b第二行\x1f"))
    assert desk.get_article(article.id).title == "旧数据\x01标题"  # stored as an older version would have
    request = desk.records.create(Request(customer="王\x01女士", what="登录\x0b失败"))
    desk.records.add_progress(request.id, "处理中\x02", ProgressState.IN_PROGRESS)
    for fmt in ("docx", "pdf"):
        out, count = desk.documents.export_pack(PackSelection(ids=(article.id,)), tmp_path / f"pack.{fmt}", fmt=fmt)
        assert out.exists() and count == 1
    out, rows = desk.documents.export_tracking(tmp_path / "track.xlsx", view="requests")
    assert rows == 1 and load_workbook(out).active["B2"].value == "王女士"
    add_full_request(desk)
    assert desk.documents.export_letter(request.id, tmp_path / "letter.docx").exists()


def test_request_intake_cleans_control_characters():
    from app.records.intake import request_from_data

    request, _links = request_from_data({"customer": "陈\x01女士", "what": "无法\x0c登录"})
    assert (request.customer, request.what) == ("陈女士", "无法\n登录")


# --- item 12: formula injection ------------------------------------------------------------------------------------
EVIL = '=HYPERLINK("http://evil.example","点我")'


@pytest.mark.parametrize("view", ["entries", "requests"])
def test_formulas_in_customer_data_stay_text_in_xlsx_and_are_prefixed_in_csv(desk, tmp_path, view):
    request = desk.records.create(Request(customer=EVIL, what="+1 退款未到账"))
    for note in ("=1+1", "+SUM(A1)", "-2+3", "@cmd", "正常进展"):
        desk.records.add_progress(request.id, note, ProgressState.IN_PROGRESS)
    xlsx, _ = desk.documents.export_tracking(tmp_path / f"{view}.xlsx", view=view)
    sheet = load_workbook(xlsx).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)]
    assert cells and all(cell.data_type == "s" for cell in cells), [(c.coordinate, c.data_type) for c in cells]
    assert any(cell.value.startswith("=HYPERLINK") for cell in cells)
    raw = zipfile.ZipFile(xlsx).read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in raw
    csv_path, _ = desk.documents.export_tracking(tmp_path / f"{view}.csv", view=view)
    rows = list(csv.reader(io.StringIO(csv_path.read_text("utf-8-sig"))))
    values = [value for row in rows[1:] for value in row]
    assert all(not value.startswith(("=", "+", "-", "@")) for value in values), values
    assert "'" + EVIL in values[0] + "".join(values)


def test_analytics_csv_prefixes_formula_like_queries(desk, tmp_path):
    from app.curation.analytics import csv_text

    desk.search("=cmd|' /C calc'!A0")
    text = csv_text(desk.curation.analytics())
    rows = list(csv.reader(io.StringIO(text)))
    assert any(row[1] == "'=cmd|' /C calc'!A0" for row in rows)


def test_text_that_reads_as_symbols_in_utf8_and_as_chinese_in_gbk_is_flagged(desk, tmp_path):
    # Found by Hypothesis: 录 in GBK is C2 BC, which UTF-8 reads as ¼ (and ¥100 in UTF-8 reads as 隆100 in GBK).
    source = tmp_path / "kb.csv"
    source.write_bytes("id,title\r\nc2,录\r\n".encode("gbk"))
    report = desk.import_path(source)
    assert report.encoding_warning()  # uncertain, so the person is told to check and can choose
    assert desk.import_path(source, encoding="gbk").updated == 1
    assert desk.get_article("c2").title == "录"

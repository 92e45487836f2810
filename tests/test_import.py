"""Importers: JSONL, CSV (UTF-8, BOM, GBK), XLSX, Markdown folders; refusals; re-import updates."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from app.importers import ImportSourceError
from app.model import Kind, Status
from tests.helpers import write_jsonl


def _count(desk) -> int:
    return desk.articles.count()


def test_jsonl_creates_then_updates_by_external_id(desk, tmp_path):
    path = write_jsonl(tmp_path / "kb.jsonl", [
        {"id": "a1", "title": "退款多久到账", "body": "一般 3 个工作日", "tags": ["退款"], "group": "财务组"},
        {"id": "a2", "title": "如何重置密码", "kind": "script", "reply": "{{ 客户姓名 }}您好"},
    ])
    report = desk.import_path(path)
    assert (report.created, report.updated, report.refused) == (2, 0, [])
    again = desk.import_path(path)
    assert (again.created, again.updated, again.unchanged) == (0, 2, 2)
    assert _count(desk) == 2
    script = desk.get_article("a2")
    assert script.kind is Kind.SCRIPT and script.fields["reply"] == "{{ 客户姓名 }}您好"
    assert script.status is Status.PUBLISHED


def test_reimport_with_changed_content_updates_and_versions(desk, tmp_path):
    path = write_jsonl(tmp_path / "kb.jsonl", [{"id": "a1", "title": "退款多久到账", "body": "三天"}])
    desk.import_path(path)
    write_jsonl(path, [{"id": "a1", "title": "退款多久到账", "body": "五天"}])
    report = desk.import_path(path)
    assert report.updated == 1 and report.unchanged == 0
    article = desk.get_article("a1")
    assert article.body == "五天"
    assert [v.number for v in desk.versions(article.id)] == [2, 1]


def test_broken_jsonl_line_is_refused_rest_imported(desk, tmp_path):
    path = write_jsonl(tmp_path / "kb.jsonl", [
        {"id": "ok1", "title": "发票怎么开"},
        '{"id": "bad", "title": ',
        {"id": "nt", "body": "没有标题"},
        {"id": "ok2", "title": "物流查询"},
    ])
    report = desk.import_path(path)
    assert report.created == 2
    assert [(r.where, "JSON" in r.reason or "title" in r.reason) for r in report.refused] == [
        ("第 2 行", True), ("第 3 行", True)
    ]
    assert _count(desk) == 2
    assert desk.articles.get_by_external_id("nt") is None


def test_duplicate_id_in_one_file_is_refused(desk, tmp_path):
    path = write_jsonl(tmp_path / "kb.jsonl", [{"id": "x", "title": "一"}, {"id": "x", "title": "二"}])
    report = desk.import_path(path)
    assert report.created == 1 and "在第 1 行已经用过" in report.refused[0].reason


def test_csv_with_chinese_headers_in_gbk(desk, tmp_path):
    text = "编号,标题,内容,标签,技能组\nc1,退货运费谁承担,七天无理由退货运费由买家承担,退货|运费,订单售后组\n"
    path = tmp_path / "kb.csv"
    path.write_bytes(text.encode("gbk"))
    report = desk.import_path(path)
    assert report.created == 1, report.refused
    article = desk.get_article("c1")
    assert article.title == "退货运费谁承担"
    assert article.tags == ["退货", "运费"]
    assert article.group == "订单售后组"


def test_csv_utf8_with_bom(desk, tmp_path):
    path = tmp_path / "kb.csv"
    path.write_bytes("\ufefftitle,body\n密码重置,在登录页点击忘记密码\n".encode("utf-8"))
    report = desk.import_path(path)
    assert report.created == 1
    assert desk.list_articles()[0].title == "密码重置"


def test_csv_without_title_column_is_a_clear_error(desk, tmp_path):
    path = tmp_path / "kb.csv"
    path.write_text("id,内容\n1,abc\n", "utf-8")
    with pytest.raises(ImportSourceError, match="没有标题列"):
        desk.import_path(path)
    assert _count(desk) == 0


def test_xlsx_import_and_not_a_spreadsheet(desk, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["标题", "内容", "类型", "话术内容"])
    ws.append(["催单话术", "客户催发货时使用", "话术", "{{ 客户姓名 }}您好，订单{{ 订单号 }}已加急"])
    ws.append([None, None, None, None])
    ws.append(["", "缺标题", "", ""])
    wb.save(tmp_path / "kb.xlsx")
    report = desk.import_path(tmp_path / "kb.xlsx")
    assert report.created == 1
    assert [r.where for r in report.refused] == ["第 4 行"]
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook", "utf-8")
    with pytest.raises(ImportSourceError, match="不是能读取的 Excel 工作簿|不是 Excel 工作簿"):
        desk.import_path(fake)


def test_markdown_folder_with_front_matter(desk, tmp_path):
    folder = tmp_path / "md"
    (folder / "sub").mkdir(parents=True)
    (folder / "退款.md").write_text(
        "---\nid: m1\ntitle: 退款到账时间\ntags: [退款, 财务]\nkind: case\ncause: 银行处理\n---\n正文内容\n", "utf-8")
    (folder / "sub" / "无头.md").write_text("# 标题来自一级标题\n\n内容\n", "utf-8")
    (folder / "坏.md").write_text("---\ntitle: [unclosed\n---\nbody\n", "utf-8")
    report = desk.import_path(folder)
    assert report.created == 2
    assert len(report.refused) == 1 and report.refused[0].where == "坏.md"
    article = desk.get_article("m1")
    assert article.fields["cause"] == "银行处理" and article.body.strip() == "正文内容"
    titles = {s.title for s in desk.list_articles()}
    assert "标题来自一级标题" in titles


def test_folder_without_markdown_is_a_clear_error(desk, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ImportSourceError, match="没有 Markdown"):
        desk.import_path(tmp_path / "empty")


def test_refused_rows_leave_database_unchanged(desk, tmp_path):
    path = write_jsonl(tmp_path / "bad.jsonl", [{"title": "x", "kind": "nonsense"}, {"title": ""}, "[1,2]"])
    before = desk.db.execute("SELECT count(*) FROM index_journal").fetchone()[0]
    report = desk.import_path(path)
    assert report.imported == 0 and len(report.refused) == 3
    assert _count(desk) == 0
    assert desk.db.execute("SELECT count(*) FROM versions").fetchone()[0] == 0
    assert desk.db.execute("SELECT count(*) FROM index_journal").fetchone()[0] == before


def test_handbook_fields_parsed_from_json(desk, tmp_path):
    row = {"id": "h1", "kind": "handbook", "title": "5W1H", "method": "5W1H",
           "questions": [{"group": "What", "text": "具体是什么问题？"}, "什么时候开始的？"],
           "restatements": [{"said": "付款后没收到货", "standard": "客户支付成功但物流未发货"}]}
    desk.import_path(write_jsonl(tmp_path / "h.jsonl", [row]))
    article = desk.get_article("h1")
    assert article.fields["questions"][1] == {"group": "", "text": "什么时候开始的？"}
    assert article.fields["restatements"][0]["standard"] == "客户支付成功但物流未发货"

"""Markdown folder export: lossless round trip through the existing importer, safe Chinese file names."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.documents.markdown_folder import (MANIFEST, ExportError, NameAllocator, article_markdown,
                                           export_markdown_folder, safe_file_stem)
from app.importers.sources import read_markdown_file
from app.model import Article, Kind, Status
from app.services import Deskbook
from app.store.articles import snapshot_of
from tests.helpers import make_article

TRICKY_BODIES = [
    "第一行\n\n- 列表\n- key: value\n\n---\n\n# 标题\n",
    "\n以空行开头的正文",
    "行尾有空格   \n\t制表符缩进\n",
    "Windows 换行\r\n第二行\r\n",
    "yes",
    "",
    "'单引号' \"双引号\" {{ 客户姓名 }} # 不是注释 & * ! % @ `",
]


def _articles() -> list[Article]:
    return [
        make_article("退款/退货：到账时间?", TRICKY_BODIES[0], tags=["退款", "2026", "yes"], group="财务组",
                     owner="王芳", phrasings=["钱什么时候到", "退款 多久"], review_interval_days=30,
                     fields={"problem": "我的钱呢？", "statement": "客户退款未到账", "cause": "银行处理\n需要时间",
                             "solution": "1. 查流水\n2. 告知客户", "key_points": "- 不承诺日期", "resolved_at": "2026-03-18"}),
        make_article("退款/退货：到账时间?", TRICKY_BODIES[1], status=Status.DRAFT),  # same title: second file name
        make_article("确认话术", TRICKY_BODIES[2], kind=Kind.SCRIPT, status=Status.REVIEW,
                     fields={"scenario": "方案确认", "channel": "phone", "reply": "{{ 客户姓名 }}您好：\n请确认。",
                             "variants": {"正式": "尊敬的{{ 客户姓名 }}：", "简短": "true", "多行": "一\n二  \n"}}),
        make_article("SPIN 提问：系统故障", TRICKY_BODIES[3], kind=Kind.HANDBOOK, status=Status.ARCHIVED,
                     fields={"scenario": "企业客户", "method": "SPIN",
                             "questions": [{"group": "S", "text": "您用的是哪个版本？"}, {"group": "", "text": "null"}],
                             "restatements": [{"said": "付款后没收到货", "standard": "客户支付成功但物流未发货"}],
                             "next_steps": "转技术故障组"}),
        make_article("CON", TRICKY_BODIES[4], kind=Kind.SCRIPT, fields={"reply": "- 不是列表"}),
        make_article("...", TRICKY_BODIES[5], kind=Kind.HANDBOOK),
        make_article("很长的标题" * 30, TRICKY_BODIES[6]),
        make_article("Case", "大小写", kind=Kind.CASE),
        make_article("case", "大小写不同的同名文件", kind=Kind.CASE),
    ]


def _content(article: Article) -> dict:
    return snapshot_of(article) | {"review_interval_days": article.review_interval_days}


def test_round_trip_into_a_new_knowledge_base_is_lossless(desk, tmp_path, clock):
    originals = [desk.create_article(a) for a in _articles()]
    result = desk.curation.export_markdown(tmp_path / "导出")
    assert result.files == len(originals)
    names = sorted(str(p.relative_to(result.folder)) for p in result.folder.rglob("*.md"))
    assert "案例/退款_退货：到账时间_.md" in names and "案例/退款_退货：到账时间_ (2).md" in names
    assert "话术/_CON.md" in names
    assert {n.casefold() for n in names if "case" in n.casefold()} == {"案例/case.md", "案例/case (2).md"}
    assert len({n.casefold() for n in names}) == len(names)
    assert all(len(Path(n).name.encode()) < 255 for n in names)

    fresh = Deskbook(None, clock=clock)
    try:
        report = fresh.import_path(result.folder)
        assert report.refused == [] and report.created == len(originals)
        by_external = {a.external_id: a for a in fresh.articles.iter_all()}
        for original in originals:
            copy = by_external[original.id]
            assert _content(copy) == _content(original), original.title
    finally:
        fresh.close()


def test_reimport_into_the_same_knowledge_base_changes_nothing(desk, tmp_path):
    originals = [desk.create_article(a) for a in _articles()]
    folder = desk.curation.export_markdown(tmp_path / "kb").folder
    report = desk.import_path(folder)
    assert (report.created, report.unchanged, report.refused) == (0, len(originals), [])
    assert desk.articles.count() == len(originals)


def test_refuses_a_non_empty_folder_and_force_replaces_only_an_export(desk, tmp_path):
    desk.create_article(make_article("物流查询"))
    other = tmp_path / "mine"
    other.mkdir()
    (other / "note.txt").write_text("私人笔记")
    with pytest.raises(ExportError):
        desk.curation.export_markdown(other)
    with pytest.raises(ExportError):
        desk.curation.export_markdown(other, force=True)
    assert (other / "note.txt").exists()
    out = tmp_path / "export"
    desk.curation.export_markdown(out)
    with pytest.raises(ExportError):
        desk.curation.export_markdown(out)
    desk.create_article(make_article("发票开具"))
    assert desk.curation.export_markdown(out, force=True).files == 2
    assert (out / MANIFEST).exists() and len(list(out.rglob("*.md"))) == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left behind


def test_a_failed_export_leaves_nothing(tmp_path):
    def broken():
        yield make_article("一")
        raise OSError("disk full")

    with pytest.raises(OSError):
        export_markdown_folder(broken(), tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_file_names():
    assert safe_file_stem('a/b\\c:d*e?f"g<h>i|j') == "a_b_c_d_e_f_g_h_i_j"
    assert safe_file_stem("  ") == "未命名" and safe_file_stem("nul") == "_nul"
    assert safe_file_stem("退款\n说明\x00") == "退款 说明_"
    names = NameAllocator()
    assert [names.allocate("退款") for _ in range(3)] == ["退款.md", "退款 (2).md", "退款 (3).md"]


_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=_text, reply=_text, variant=_text)
@example(body="", reply="", variant="\x85")  # YAML folded a bare NEL into a space
@example(body="", reply="", variant="\n")  # libyaml ended a "|+" block with "...", the importer's end marker
@example(body="\u2028第一行", reply="甲\x85乙", variant="\r")
def test_any_text_survives_one_file(tmp_path, body, reply, variant):
    article = make_article("话术", body, kind=Kind.SCRIPT, fields={"reply": reply or "x", "variants": {"v": variant}})
    path = tmp_path / "one.md"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(article_markdown(article))
    row = read_markdown_file(path, "one.md")
    assert row.error is None
    assert row.data["body"] == body
    assert row.data["reply"] == (reply or "x") and row.data["variants"] == {"v": variant}

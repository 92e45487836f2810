"""Onboarding packs: selection, then PDF and DOCX booklets with a cover, a table of contents and page numbers."""

from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn

from app.documents.errors import EmptyPack, PackSelectionError
from app.documents.pack_content import PackSelection
from app.model import Kind, Status
from app.services import ArticleNotFound
from tests.helpers import make_article
from tests.pdf_text import pdf_pages


@pytest.fixture
def kb(desk):
    desk.create_article(make_article("退款申请后超过7天未到账", "先查**出款状态**，再给客户流水号。", tags=["退款"],
                                     group="财务组", fields={"cause": "银行入账需要时间", "solution": "1. 核对流水号\n2. 告知客户"}))
    desk.create_article(make_article("退款进度查询回复", "", kind=Kind.SCRIPT, tags=["退款"], group="财务组",
                                     fields={"reply": "您好，您的退款已于{{ 日期 }}原路退回。", "channel": "phone",
                                             "variants": {"简短": "{{ 客户姓名 }}，退款已退回"}}))
    desk.create_article(make_article("SPIN提问：退款争议", "- 情境\n- 问题\n\n| 问 | 答 |\n|---|---|\n| 金额 | 核对 |",
                                     kind=Kind.HANDBOOK, tags=["退款"], group="财务组",
                                     fields={"questions": [{"group": "情境", "text": "这笔订单是用什么方式付款的？"}],
                                             "restatements": [{"said": "退的钱少了", "standard": "客户认为退款金额低于应退金额"}]}))
    desk.create_article(make_article("App闪退信息收集", "x", kind=Kind.SCRIPT, tags=["技术故障"], group="技术故障组"))
    desk.create_article(make_article("草稿不进培训包", "x", tags=["退款"], status=Status.DRAFT))
    return desk


def test_selection_by_filters_is_published_only_in_training_order(kb):
    titles = [a.title for a in kb.documents.pack_articles(PackSelection(tag="退款"))]
    assert titles == ["SPIN提问：退款争议", "退款进度查询回复", "退款申请后超过7天未到账"]  # handbook, script, case
    assert [a.title for a in kb.documents.pack_articles(PackSelection(kind="script"))] == ["App闪退信息收集", "退款进度查询回复"]
    assert [a.title for a in kb.documents.pack_articles(PackSelection(group="技术故障组"))] == ["App闪退信息收集"]
    with pytest.raises(PackSelectionError):
        kb.documents.pack_articles(PackSelection(kind="faq"))


def test_explicit_ids_keep_their_order(kb):
    ids = {a.title: a.id for a in (kb.get_article(s.id) for s in kb.list_articles())}
    chosen = [ids["退款申请后超过7天未到账"], ids["App闪退信息收集"][:8], ids["草稿不进培训包"]]
    titles = [a.title for a in kb.documents.pack_articles(PackSelection(ids=tuple(chosen)))]
    assert titles == ["退款申请后超过7天未到账", "App闪退信息收集", "草稿不进培训包"]
    with pytest.raises(ArticleNotFound):
        kb.documents.pack_articles(PackSelection(ids=("no-such-article",)))


def test_pdf_pack_has_cover_toc_numbered_pages_and_the_content(kb, tmp_path):
    path, count = kb.documents.export_pack(PackSelection(tag="退款", title="财务组培训包"), tmp_path / "pack.pdf")
    assert count == 3
    pages = pdf_pages(path)
    cover, toc = pages[0], pages[1]
    assert "财务组培训包" in cover and "入职培训包" in cover and "共3篇" in cover and "第1页" not in cover
    assert "目录" in toc and "一、需求识别手册" in toc and "3.退款申请后超过7天未到账" in toc
    assert f"第2页/共{len(pages)}页" in toc
    body = "".join(pages[2:])
    for expected in ("1.SPIN提问：退款争议", "这笔订单是用什么方式付款的？", "“退的钱少了”→客户认为退款金额低于应退金额",
                     "您好，您的退款已于【日期】原路退回。", "简短：【客户姓名】，退款已退回", "渠道电话", "先查出款状态，再给客户流水号。",
                     "原因", "银行入账需要时间", "核对流水号", "金额核对"):
        assert expected in body, expected
    assert f"第{len(pages)}页/共{len(pages)}页" in pages[-1]
    # The table of contents gives the page each article starts on.
    import re

    toc_page = int(re.match(r"\.*(\d+)", toc.split("3.退款申请后超过7天未到账")[1]).group(1))
    assert "3.退款申请后超过7天未到账" in pages[toc_page - 1]


def test_docx_pack_has_cover_toc_with_page_refs_headings_and_page_numbers(kb, tmp_path):
    path, count = kb.documents.export_pack(PackSelection(tag="退款"), tmp_path / "pack.docx")
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert "新员工入职培训包" in texts and "入职培训包" in texts and "共 3 篇" in texts
    assert "目　录" in texts
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["一、需求识别手册", "1. SPIN提问：退款争议", "提问清单"]
    assert "3. 退款申请后超过7天未到账" in headings
    body_xml = document.element.body.xml
    assert body_xml.count("PAGEREF _Toc_deskbook_") == 6  # 3 parts + 3 articles
    assert body_xml.count("<w:bookmarkStart") == 6
    section = document.sections[0]
    assert section.different_first_page_header_footer  # no page number on the cover
    assert "PAGE" in section.footer._element.xml and "NUMPAGES" in section.footer._element.xml
    assert any("这笔订单是用什么方式付款的？" in t for t in texts)
    # placeholders as an agent sees them before filling in, channels in words (not {{ 日期 }} or phone)
    assert "您好，您的退款已于【日期】原路退回。" in texts and "电话" in texts
    assert not [t for t in texts if "{{" in t or t == "phone"]
    assert document.tables and document.tables[0].cell(1, 0).text == "金额"
    fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "宋体"


def test_empty_selection_writes_nothing(kb, tmp_path):
    with pytest.raises(EmptyPack, match="不存在"):
        kb.documents.export_pack(PackSelection(tag="不存在"), tmp_path / "x.pdf")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from app.services import Deskbook

    desk = Deskbook.open(None, seed_demo=True)
    yield desk
    desk.close()


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_demo_scripts_read_as_agents_see_them(demo, tmp_path, fmt):
    """Every script of the demo KB in the booklet: placeholders as 【客户姓名】 (as the script panel shows them before
    filling in), channels in Chinese, nothing of the template syntax or the stored codes left."""
    import re

    scripts = demo.documents.pack_articles(PackSelection(kind="script"))
    channels = {a.field_text("channel") for a in scripts} - {""}
    assert channels and channels <= {"phone", "chat", "email"}  # the codes the store keeps
    path, count = demo.documents.export_pack(PackSelection(kind="script"), tmp_path / f"pack.{fmt}")
    assert count == len(scripts)
    if fmt == "pdf":
        text = "".join(pdf_pages(path, poppler=True))
    else:
        document = Document(str(path))
        text = "\n".join([p.text for p in document.paragraphs]
                         + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert "【客户姓名】" in text
    assert "{{" not in text and "}}" not in text and "{%" not in text
    assert not re.search(r"\b(phone|chat|email)\b", text, re.IGNORECASE)
    for label in ("电话", "在线聊天"):
        assert label in text


def test_a_script_saved_with_a_broken_template_is_printed_as_it_is_and_says_why(desk, tmp_path, monkeypatch):
    # An old data directory may hold one (templates are checked on save since issue 15).
    monkeypatch.setattr("app.articles.service.check_article", lambda _article: None)
    desk.create_article(make_article("旧的地址话术", "", kind=Kind.SCRIPT, tags=["旧"],
                                     fields={"reply": "{{ 客户姓名 您好，地址已更新"}))
    path, _count = desk.documents.export_pack(PackSelection(tag="旧"), tmp_path / "pack.docx")
    texts = [p.text for p in Document(str(path)).paragraphs]
    assert "{{ 客户姓名 您好，地址已更新" in texts
    assert any(t.startswith("（这条话术的模板有误，按原文印出：") and "第 1 行" in t for t in texts)

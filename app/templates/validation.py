"""Is a reply script's text a template that can be filled? Said in Chinese, naming the place.

A script with ``{{ 客户姓名 您好`` used to be imported and saved, and agents met Jinja's English error only when
they tried to copy it. Import refuses such a row and the editor refuses to save it, with these messages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from app.templates.placeholders import TemplateProblem, check

_NAME = re.compile(r"\{\{\s*([^{}|]*?)\s*(?:\|[^{}]*)?\}\}")
_VALID_NAME = re.compile(r"^[^\W\d]\w*$")


def template_problem(text: str) -> str | None:
    """What is wrong with ``text`` as a template, in Chinese with its line; None when it is fine."""
    problem = check(text)
    if problem is None:
        return None
    return _explain(text, problem)


def _explain(text: str, problem: TemplateProblem) -> str:
    where = f"第 {problem.line} 行" if problem.line else "模板中"
    line = text.splitlines()[problem.line - 1] if problem.line and problem.line <= len(text.splitlines()) else text
    if line.count("{{") > line.count("}}"):
        return f"{where}有未闭合的 {{{{（缺少 }}}}）"
    if line.count("}}") > line.count("{{"):
        return f"{where}有多余的 }}}}（缺少 {{{{）"
    if line.count("{%") != line.count("%}"):
        return f"{where}的 {{% %}} 没有成对出现"
    for name in _NAME.findall(line):
        if name and not _VALID_NAME.match(name):
            return f"{where}的占位符“{name}”写法不对：名称里不能有空格、标点或以数字开头"
    return f"{where}的模板写法有误，请检查 {{{{ }}}} 与 {{% %}} 是否成对、占位符名称是否只用文字"


def script_template_problems(fields: Mapping[str, Any]) -> list[str]:
    """Problems of a script's reply and each variant, each naming where it is (话术 / 变体“正式”)."""
    problems = []
    reply = fields.get("reply")
    if isinstance(reply, str) and (found := template_problem(reply)):
        problems.append(f"话术{found}")
    variants = fields.get("variants")
    if isinstance(variants, Mapping):
        for name, text in variants.items():
            if isinstance(text, str) and (found := template_problem(text)):
                problems.append(f"变体“{name}”{found}")
    return problems

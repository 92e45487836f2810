"""What is wrong with a reply-script template, in Chinese: Jinja2 words its errors in English ("unexpected '}'",
"No filter named 'x'."), and the agent who wrote the script reads Chinese. Its message is read only to pick the
sentence; what the agent sees is one of these."""

from __future__ import annotations

import re

_NO_FILTER = re.compile(r"No filter named '([^']*)'")
_NO_TEST = re.compile(r"No test named '([^']*)'")
_UNKNOWN_TAG = re.compile(r"Encountered unknown tag '([^']*)'")
_UNCLOSED_BLOCK = re.compile(r"innermost block that needs to be closed is '([^']*)'")
_NAME = re.compile(r"\{\{\s*([^{}|]*?)\s*(?:\|[^{}]*)?\}\}")
_VALID_NAME = re.compile(r"^[^\W\d]\w*$")
GENERIC = "模板写法有误，请检查 {{ }} 与 {% %} 是否成对、占位符名称是否只用文字"


def syntax_problem(source: str, line: int | None, message: str) -> str:
    """The Chinese sentence for a template Jinja could not read (``message`` is Jinja's, ``line`` 1-based)."""
    if re.search(r"[\u4e00-\u9fff]", message) and not re.search(r"[A-Za-z]{3,}", message):
        return message  # our own sandbox's refusals (too long, nested too deep) are Chinese already
    for pattern, words in ((_NO_FILTER, "没有名为“{}”的过滤器"), (_NO_TEST, "没有名为“{}”的判断（is {}）"),
                           (_UNCLOSED_BLOCK, "{{% {} %}} 没有对应的结束标记 {{% end{} %}}")):
        found = pattern.search(message)
        if found:
            return words.format(found[1], found[1])
    lines = source.splitlines()
    text = lines[line - 1] if line and line <= len(lines) else source
    for where in (text, source):  # Jinja names the line where it noticed, which may be the last one
        if where.count("{{") > where.count("}}"):
            return "有未闭合的 {{（缺少 }}）"
        if where.count("}}") > where.count("{{"):
            return "有多余的 }}（缺少 {{）"
        if where.count("{%") != where.count("%}"):
            return "{% %} 没有成对出现"
    for name in _NAME.findall(text):
        if name and not _VALID_NAME.match(name):
            return f"占位符“{name}”写法不对：名称里不能有空格、标点或以数字开头"
    found = _UNKNOWN_TAG.search(message)
    if found:
        return f"不认识或多余的标记 {{% {found[1]} %}}"
    if "end of raw directive" in message:
        return "{% raw %} 没有对应的 {% endraw %}"
    return GENERIC


def fill_problem(error: BaseException) -> str:
    """Why filling failed, for an expression that could be read but not computed (the values did not fit it)."""
    if isinstance(error, ZeroDivisionError):
        return "计算中除数为零"
    if isinstance(error, (TypeError, ValueError)):
        return "值的类型不适合这个表达式或过滤器（例如把文字当作数字计算）"
    if type(error).__name__ == "UndefinedError":  # a value has no such attribute or method
        return "表达式用到了不存在的属性或方法"
    return "其中的表达式无法计算"

"""Reply-script placeholders: what a template asks for, and the text it gives once filled.

One syntax everywhere, Jinja2's ``{{ 客户姓名 }}``, rendered in a :class:`SandboxedEnvironment` because templates
come from imports and other people's files. The fill-in form is built from the template itself
(:func:`placeholders`): a name used twice is asked once, ``{{ 时限 | default("24小时") }}`` gives a default, a
name without a default is required, and time-like names are flagged so the form can offer a date picker.
A value that is still missing is rendered as a visible marker (【客户姓名】), never as an empty string.
No Qt here: the GUI and the document exports both call this module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from jinja2 import ChainableUndefined, meta, nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from app.templates.limits import TemplateLimitError
from app.templates.messages import fill_problem, syntax_problem
from app.templates.sandbox import BoundedSandbox

# Names containing one of these get a date/time picker next to the text field (the value stays free text,
# because 时限 is often a duration such as "2小时").
DATE_LIKE_WORDS = ("时限", "日期", "时间", "截止", "期限", "deadline", "date", "time")

# Private-use characters delimit missing markers inside the rendered string, so the spans can be recovered
# after Jinja has joined everything together; they are stripped before anyone sees the text.
_MISSING_OPEN = "\ue000"
_MISSING_CLOSE = "\ue001"


def default_marker(name: str) -> str:
    return f"【{name}】"


@dataclass(frozen=True)
class Placeholder:
    """One value the template asks for."""

    name: str
    default: str | None = None  # from ``| default("…")``; None when the template gives none
    date_like: bool = False

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class MissingSpan:
    start: int
    end: int
    name: str


@dataclass(frozen=True)
class Filled:
    """The rendered text, where the missing markers sit in it, and which names are still missing."""

    text: str
    missing_spans: list[MissingSpan] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return list(dict.fromkeys(span.name for span in self.missing_spans))

    @property
    def complete(self) -> bool:
        return not self.missing_spans


class TemplateProblem(ValueError):
    """A template that cannot be read or rendered; ``detail`` says why in Chinese, ``line`` is 1-based when known."""

    def __init__(self, detail: str, line: int | None = None):
        self.detail = detail
        self.line = line
        super().__init__(f"第 {line} 行：{detail}" if line else detail)


class _MarkedUndefined(ChainableUndefined):
    """A missing value renders as a delimited marker instead of an empty string."""

    __slots__ = ()

    def __str__(self) -> str:
        if self._undefined_exception is not UndefinedError:  # the sandbox refused an attribute: say so
            self._fail_with_undefined_error()
        return f"{_MISSING_OPEN}{self._undefined_name or '?'}{_MISSING_CLOSE}"


def _environment() -> SandboxedEnvironment:
    # Bounded: the plain sandbox lets {{ 'a' * 10**9 }} or nested range loops freeze the app (see sandbox.py).
    return BoundedSandbox(
        undefined=_MarkedUndefined, autoescape=False, keep_trailing_newline=True, trim_blocks=True
    )


_ENV = _environment()


def is_date_like(name: str) -> bool:
    folded = name.lower()
    return any(word in folded for word in DATE_LIKE_WORDS)


@lru_cache(maxsize=256)
def _parse(source: str) -> nodes.Template:
    try:
        return _ENV.parse(source)
    except TemplateSyntaxError as error:
        raise TemplateProblem(syntax_problem(source, error.lineno, error.message or ""), error.lineno) from None


@lru_cache(maxsize=256)
def _compile(source: str):
    """The compiled template: the preview re-renders on every keystroke in the form, compiling once is enough."""
    tree = _parse(source)
    try:
        return _ENV.from_string(tree)
    except TemplateSyntaxError as error:  # found only when compiling: a filter or test that does not exist
        raise TemplateProblem(syntax_problem(source, None, error.message or "")) from None


def placeholders(source: str) -> list[Placeholder]:
    """The values ``source`` asks for, in order of first use, each once. Raises :class:`TemplateProblem`."""
    tree = _parse(source)
    undeclared = meta.find_undeclared_variables(tree)
    defaults: dict[str, str] = {}
    for node in tree.find_all(nodes.Filter):
        if node.name == "default" and isinstance(node.node, nodes.Name) and node.args:
            first = node.args[0]
            if isinstance(first, nodes.Const) and node.node.name not in defaults:
                defaults[node.node.name] = str(first.value)
    ordered: dict[str, None] = {}
    for name_node in tree.find_all(nodes.Name):
        if name_node.ctx == "load" and name_node.name in undeclared:
            ordered.setdefault(name_node.name)
    return [Placeholder(name, defaults.get(name), is_date_like(name)) for name in ordered]


def render(
    source: str, values: Mapping[str, object], marker: Callable[[str], str] = default_marker, *, name: str = ""
) -> Filled:
    """Fill ``source`` with ``values``; blank values count as missing (the default applies, else a marker).

    Raises :class:`TemplateProblem` for a syntax error, an unsafe expression, a template that would exceed the
    sandbox's limits or a failing filter; ``name`` (the script's title) is named in a refusal.
    """
    template = _compile(_without_delimiters(source))
    context = {
        k: _clean_value(v) for k, v in values.items() if not (isinstance(v, str) and not v.strip())
    }
    try:
        raw = template.render(context)
    except TemplateLimitError as error:
        raise TemplateProblem(f"{_named(name)}被拒绝：{error}") from None
    except SecurityError:
        raise TemplateProblem(f"{_named(name)}含有不安全的表达式（访问了内部属性或方法），已拒绝") from None
    except TemplateSyntaxError as error:
        raise TemplateProblem(syntax_problem(source, error.lineno, error.message or ""), error.lineno) from None
    except Exception as error:  # a missing attribute, a filter given the wrong type (int|wordwrap), 1/0, …
        raise TemplateProblem(f"{_named(name)}无法填写：{fill_problem(error)}") from None
    return _strip_markers(raw, marker)


def _named(name: str) -> str:
    return f"话术模板“{name}”" if name else "话术模板"


def _strip_markers(raw: str, marker: Callable[[str], str]) -> Filled:
    """Replace each delimited missing name by its visible marker and record where it landed.

    A stray delimiter (a filter such as ``truncate`` cut a marker in two) is dropped, never counted.
    """
    out: list[str] = []
    spans: list[MissingSpan] = []
    length = 0
    position = 0
    while position < len(raw):
        start = raw.find(_MISSING_OPEN, position)
        end = raw.find(_MISSING_CLOSE, start + 1) if start != -1 else -1
        if start == -1 or end == -1:
            rest = _without_delimiters(raw[position:])
            out.append(rest)
            break
        before = _without_delimiters(raw[position:start])
        out.append(before)
        length += len(before)
        name = _without_delimiters(raw[start + 1 : end])
        shown = marker(name)
        out.append(shown)
        spans.append(MissingSpan(length, length + len(shown), name))
        length += len(shown)
        position = end + 1
    return Filled("".join(out), spans)


def _without_delimiters(text: str) -> str:
    return text.replace(_MISSING_OPEN, "").replace(_MISSING_CLOSE, "")


def _clean_value(value: object) -> object:
    """Values cannot smuggle in the private delimiters (they would be read as markers)."""
    if isinstance(value, str):
        return _without_delimiters(value)
    if isinstance(value, (list, tuple)):
        return [_clean_value(v) for v in value]
    return value


def check(source: str) -> TemplateProblem | None:
    """The problem with ``source`` if it cannot be parsed, else None (for editors that validate as you type)."""
    try:
        _parse(source)
    except TemplateProblem as problem:
        return problem
    return None

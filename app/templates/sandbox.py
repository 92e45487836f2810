"""Jinja2's sandbox with limits on size and time: the one sandbox for every template (reply scripts and their
variants in the live preview, DOCX letters in a helper process).

The plain sandbox stops attribute access to Python internals but not resource bombs. One C-level operation
(``'a' * 10**9``, ``(9**999)**999``, ``s.replace(' ', r)``, ``''.join([s] * 20000)``) allocates gigabytes before any
check after it could look, and no time limit can interrupt it. So here:

- what an operation would produce is estimated *before* it runs (``limits.py``): ``*``, ``**``, ``+``, ``%``, ``~``,
  ``str.format``, ``replace``, ``join``, ``indent``, ``wordwrap``, ``expandtabs`` and every number given to a call
  or filter; every result is measured after, and all results of one rendering share a budget;
- the output is streamed and capped; macros, call and filter blocks, block ``set``, recursive loops, imports and
  includes (which would build their output out of sight of the cap) are refused when the template is parsed;
- lists, dicts and sets cannot be modified (Jinja's immutable sandbox), so a loop cannot pile values up;
- a rendering that runs longer than its time limit is stopped (a trace function watches the template's own code);
- the default globals that templates never need (``namespace``, ``lipsum``, ``cycler``, ``joiner``) are removed.

Everything refused raises ``jinja2.exceptions.SecurityError`` (:class:`~app.templates.limits.TemplateLimitError`
for limits, with a Chinese message), which the renderers report as a problem of the named template. A process
that must not be taken down even by what these checks miss renders in a helper process with resource limits
(``isolated.py``).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from jinja2 import Template, nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import _PassArg

from app.templates import limits as lim
from app.templates.limits import TemplateLimits, refuse

# Tags whose output is collected in a buffer of its own (out of reach of the output cap), or that load other files.
_REFUSED_TAGS: dict[type[nodes.Node], str] = {
    nodes.Macro: "macro", nodes.CallBlock: "call", nodes.FilterBlock: "filter", nodes.AssignBlock: "set … endset",
    nodes.Import: "import", nodes.FromImport: "from … import", nodes.Include: "include", nodes.Extends: "extends",
    nodes.Block: "block",
}
MAX_NESTING = 100  # levels of the syntax tree; a reply script or a letter needs a handful


class BoundedCodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` to a call that checks the joined length before joining."""

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        else:
            join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write(f"environment.checked_concat({join}, (")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class BoundedTemplate(Template):
    def render(self, *args: Any, **kwargs: Any) -> str:
        environment: BoundedSandbox = self.environment  # type: ignore[assignment]
        limits = environment.limits
        previous_budget = lim.set_active_budget(lim.RenderBudget(limits))
        previous_trace = sys.gettrace()
        deadline = time.monotonic() + limits.time_limit

        def tracer(frame, event, arg):
            if time.monotonic() > deadline:
                raise refuse(f"模板渲染超过 {limits.time_limit:g} 秒的时间上限")
            return tracer

        sys.settrace(tracer)
        try:
            return _streamed(self.root_render_func(self.new_context(dict(*args, **kwargs))), limits)
        except MemoryError:
            raise refuse("渲染模板时内存不足") from None
        except RecursionError:
            raise refuse("模板嵌套太深") from None
        except SecurityError:
            raise
        except Exception:
            environment.handle_exception()
        finally:
            sys.settrace(previous_trace)
            lim.set_active_budget(previous_budget)


def _streamed(pieces, limits: TemplateLimits) -> str:
    out: list[str] = []
    produced = 0
    for piece in pieces:
        produced += len(piece)
        if produced > limits.max_output:
            raise refuse(f"模板输出超过 {limits.max_output} 个字符的上限")
        out.append(piece)
    return "".join(out)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """:class:`ImmutableSandboxedEnvironment` that also refuses templates that would eat the machine."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    template_class = BoundedTemplate
    code_generator_class = BoundedCodeGenerator

    def __init__(self, *args: Any, limits: TemplateLimits = lim.SCRIPT_LIMITS, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.limits = limits
        for name in ("namespace", "lipsum", "cycler", "joiner"):
            self.globals.pop(name, None)
        self.filters = {name: self._bounded_filter(name, f) for name, f in self.filters.items()}

    # --- parsing: size of the source and the tags allowed ------------------------------------------------------
    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        if len(source) > self.limits.max_source:
            raise TemplateSyntaxError(f"模板太长（超过 {self.limits.max_source} 个字符）", 1, name, filename)
        try:
            tree = super()._parse(source, name, filename)
        except (RecursionError, MemoryError):
            raise TemplateSyntaxError("模板嵌套太深，无法解析", 1, name, filename) from None
        refuse_unbounded_tags(tree, name, filename)
        return tree

    def _compile(self, source: str, filename: str) -> Any:
        try:
            return super()._compile(source, filename)
        except (RecursionError, MemoryError, SyntaxError):
            raise TemplateSyntaxError("模板嵌套太深，无法编译", 1, None, filename) from None

    # --- operators, calls and filters ------------------------------------------------------------------------
    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        limits = self.limits
        if operator == "*":
            lim.check_multiply(left, right, limits)
        elif operator == "**":
            lim.check_power(left, right, limits)
        elif operator == "+":
            lim.check_add(left, right, limits)
        elif operator == "%":
            lim.check_percent_format(left, right, limits)
        return self.measured(super().call_binop(context, operator, left, right))

    def checked_concat(self, join: Callable[[Any], str], parts: tuple) -> str:
        total = 0
        for part in parts:
            total += lim.text_length(part, self.limits.max_size)
            lim.check_size(total, self.limits, "拼接（~）")
        return self.measured(join(parts))

    def wrap_str_format(self, value: Any):
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template, limits = value.__self__, self.limits

        def checked(*args: Any, **kwargs: Any) -> str:
            mapping = args[0] if value.__name__ == "format_map" and args else {}
            lim.check_brace_format(template, args, {**kwargs, **dict(mapping)}, limits)
            return self.measured(wrapped(*args, **kwargs))

        return checked

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:
        lim.check_numbers((*args, *kwargs.values()), __self.limits)
        args = __self.check_method(__obj, args, kwargs)
        return __self.measured(super().call(__context, __obj, *args, **kwargs))

    def check_method(self, method: Any, args: tuple, kwargs: dict) -> tuple:
        """Estimates for the methods of ``str`` (and bytes) that can grow their text without limit."""
        owner = getattr(method, "__self__", None)
        if not isinstance(owner, (str, bytes)):
            return args
        name, limits = getattr(method, "__name__", ""), self.limits
        if name == "translate":
            raise refuse("模板中不能使用 translate")
        if name == "replace" and len(args) >= 2:
            lim.check_replace(owner, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count", -1), limits)
        elif name == "join" and args:
            items = lim.materialize(args[0], limits)
            lim.check_join(owner, items, limits)
            return (items, *args[1:])
        elif name == "expandtabs" and isinstance(owner, str):
            tab = args[0] if args else kwargs.get("tabsize", 8)
            if isinstance(tab, int):
                lim.check_size(len(owner) + owner.count("\t") * max(tab, 0), limits, "展开制表符")
        return args

    def measured(self, value: Any) -> Any:
        """Refuse a result beyond the size limit and count it against the rendering's budget."""
        size = lim.weight(value, self.limits.max_size)
        if size > self.limits.max_size:
            raise refuse(f"模板中的一个值超过 {self.limits.max_size} 个字符的上限")
        budget = lim.active_budget()
        if budget is not None:
            budget.spend(size)
        return value

    def _bounded_filter(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        passes_context = _PassArg.from_obj(function) is not None
        check = _FILTER_CHECKS.get(name)

        def bounded(*args: Any, **kwargs: Any) -> Any:
            arguments = args[1:] if passes_context else args  # without the context Jinja passes first
            lim.check_numbers((*arguments[1:], *kwargs.values()), self.limits)
            if check is not None and arguments:
                value = check(self.limits, *arguments, **kwargs)  # an iterator comes back as a list
                args = (args[0], value, *arguments[1:]) if passes_context else (value, *arguments[1:])
            return self.measured(function(*args, **kwargs))

        bounded.__name__ = getattr(function, "__name__", name)
        if hasattr(function, "jinja_pass_arg"):  # Jinja calls the filter with its context only if marked
            bounded.jinja_pass_arg = function.jinja_pass_arg  # type: ignore[attr-defined]
        return bounded


def refuse_unbounded_tags(tree: nodes.Template, name: str | None = None, filename: str | None = None) -> None:
    """Refuse the tags in :data:`_REFUSED_TAGS` and nesting deeper than :data:`MAX_NESTING` (walked without
    recursion: Jinja's own tree walks and code generation recurse, and a deep tree would overflow them)."""
    pending: list[tuple[nodes.Node, int]] = [(tree, 0)]
    while pending:
        node, depth = pending.pop()
        if depth > MAX_NESTING:
            raise TemplateSyntaxError(f"模板嵌套太深（超过 {MAX_NESTING} 层）", node.lineno or 1, name, filename)
        tag = _REFUSED_TAGS.get(type(node))
        if tag is None and isinstance(node, nodes.For) and node.recursive:
            tag = "for … recursive"
        if tag is not None:
            raise TemplateSyntaxError(
                f"模板中不能使用 {{% {tag} %}}（只支持 if、for、set 和过滤器）", node.lineno, name, filename
            )
        pending.extend((child, depth + 1) for child in node.iter_child_nodes())


# --- estimates for the filters that can grow their input without limit (arguments as Jinja passes them) ---------
def _replace(limits: TemplateLimits, s: Any, old: Any = "", new: Any = "", count: Any = None) -> Any:
    text = s if isinstance(s, str) else str(s) if lim.weight(s, limits.max_size) <= limits.max_size else ""
    lim.check_replace(text, str(old), str(new), -1 if count is None else count, limits)
    return s


def _join(limits: TemplateLimits, value: Any, d: Any = "", attribute: Any = None) -> Any:
    items = lim.materialize(value, limits)
    if attribute is None:
        lim.check_join(d, items, limits)
    else:  # the attributes are parts of the items: their weight bounds the joined text
        count = len(items) if hasattr(items, "__len__") else 0
        lim.check_size(lim.weight(items, limits.max_size) + len(str(d)) * count, limits, "连接（join）")
    return items


def _indent(limits: TemplateLimits, s: Any, width: Any = 4, *_rest: Any, **_kw: Any) -> Any:
    prefix = width if isinstance(width, int) else len(str(width))
    lim.check_lines_prefix(s, max(prefix, 0), limits, "缩进（indent）")
    return s


def _wordwrap(limits: TemplateLimits, s: Any, width: Any = 79, *rest: Any, **kwargs: Any) -> Any:
    wrap = kwargs.get("wrapstring") or (rest[1] if len(rest) > 1 else None) or "\n"
    if isinstance(s, str) and isinstance(width, int):
        breaks = len(s) // max(width, 1) + s.count("\n") + 1
        lim.check_size(len(s) + breaks * len(str(wrap)), limits, "自动换行（wordwrap）")
    return s


def _format(limits: TemplateLimits, value: Any, *args: Any, **kwargs: Any) -> Any:
    lim.check_percent_format(value, kwargs or args, limits)
    return value


def _tojson(limits: TemplateLimits, value: Any, indent: Any = None) -> Any:
    if isinstance(indent, int) and indent > lim.MAX_TOJSON_INDENT:
        raise refuse(f"tojson 的缩进太大（上限 {lim.MAX_TOJSON_INDENT}）")
    return value


def _sum(limits: TemplateLimits, iterable: Any, *rest: Any, **kwargs: Any) -> Any:
    items = lim.materialize(iterable, limits)
    start = kwargs.get("start", rest[1] if len(rest) > 1 else 0)
    adds_sequences = isinstance(start, (str, bytes, list, tuple)) or any(isinstance(i, (list, tuple)) for i in items)
    # adding sequences copies the growing total once per item
    if adds_sequences and len(items) * lim.weight(items, limits.max_size) > 20 * limits.max_size:
        raise refuse("对序列求和（sum）的工作量太大")
    return items


_FILTER_CHECKS: dict[str, Callable[..., Any]] = {
    "replace": _replace, "join": _join, "indent": _indent, "wordwrap": _wordwrap, "format": _format,
    "tojson": _tojson, "sum": _sum,
}

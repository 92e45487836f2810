"""Jinja2's sandbox with limits on size and time, for templates that come from other people's files.

The plain sandbox stops attribute access to Python internals but not resource bombs: ``{{ 'a' * 10**9 }}``,
``{{ x|center(10**9) }}``, ``'{:>999999999}'.format(x)`` or nested loops over ``range(100000)`` freeze or exhaust
the app on the thread that renders. Here:

- ``*``, ``**`` and ``%`` are checked before they run, and every call and filter refuses huge numbers as arguments
  and checks the size of what it returns;
- a rendering that runs longer than :data:`TIME_LIMIT_SECONDS` is stopped (a trace function counts time while
  the template's own code runs);
- the default globals that reply scripts never need (``namespace``, ``lipsum``, ``cycler``, ``joiner``) are removed.

Everything refused raises ``jinja2.exceptions.SecurityError``, which the renderers report as a template problem.
"""

from __future__ import annotations

import re
import sys
import time
from typing import Any

from jinja2 import Template
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

MAX_SIZE = 200_000  # characters (or items) any value may reach while rendering; a reply script is a few hundred
TIME_LIMIT_SECONDS = 2.0
_BIG_FORMAT_WIDTH = re.compile(r"\d{7,}")  # a padding or precision of a million or more in a format string


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple, dict, set)) else 0


def _check_arguments(args: tuple, kwargs: dict) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            raise SecurityError(f"number {value} is too large for a template")


def _check_result(value: Any) -> Any:
    if _size(value) > MAX_SIZE:
        raise SecurityError(f"a value in the template grew beyond {MAX_SIZE} characters")
    return value


def _check_format_string(text: Any) -> None:
    if isinstance(text, str) and _BIG_FORMAT_WIDTH.search(text):
        raise SecurityError("format width too large for a template")


def _bounded_filter(function):
    def bounded(*args, **kwargs):
        _check_arguments(args[1:], kwargs)
        if function.__name__ in ("do_format", "format"):
            _check_format_string(args[0] if args else None)
        return _check_result(function(*args, **kwargs))

    bounded.__name__ = getattr(function, "__name__", "filter")
    # Keep Jinja's pass_context / pass_environment markers so the filter is still called the right way.
    for marker in ("jinja_pass_arg",):
        if hasattr(function, marker):
            setattr(bounded, marker, getattr(function, marker))
    return bounded


class BoundedTemplate(Template):
    def render(self, *args: Any, **kwargs: Any) -> str:
        deadline = time.monotonic() + TIME_LIMIT_SECONDS
        previous = sys.gettrace()

        def tracer(frame, event, arg):
            if time.monotonic() > deadline:
                raise SecurityError(f"the template took longer than {TIME_LIMIT_SECONDS:g} s to render")
            return tracer

        sys.settrace(tracer)
        try:
            return _check_result(super().render(*args, **kwargs))
        finally:
            sys.settrace(previous)


class BoundedSandbox(SandboxedEnvironment):
    """:class:`SandboxedEnvironment` that also refuses templates that would eat the machine."""

    intercepted_binops = frozenset({"*", "**", "%"})
    template_class = BoundedTemplate

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for name in ("namespace", "lipsum", "cycler", "joiner"):
            self.globals.pop(name, None)
        self.filters = {name: _bounded_filter(f) for name, f in self.filters.items()}

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sized, times in ((left, right), (right, left)):
                if _size(sized) and isinstance(times, int) and _size(sized) * times > MAX_SIZE:
                    raise SecurityError(f"'*' would make a value longer than {MAX_SIZE} characters")
        elif operator == "**":
            if isinstance(right, (int, float)) and abs(right) > 1000:
                raise SecurityError("exponent too large for a template")
        elif operator == "%":
            _check_format_string(left)
        return _check_result(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any):
        _check_format_string(getattr(value, "__self__", None))  # '{:>999999999}'.format(x)
        return super().wrap_str_format(value)

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:
        _check_arguments(args, kwargs)
        return _check_result(super().call(__context, __obj, *args, **kwargs))

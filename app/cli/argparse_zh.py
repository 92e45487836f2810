"""argparse in Chinese: its own words ("usage:", "options", "show this help message and exit", "error: the following
arguments are required") through a small catalogue.

argparse words these through gettext: its module binds ``_`` and ``ngettext`` and calls them when a parser is built
(group titles, the -h help), when help is formatted ("usage: ") and when parsing fails. Deskbook has no gettext
catalogues and needs none for two dozen sentences; installing one as the process's default domain would also
translate any other library that uses gettext. So :class:`ChineseArgumentParser` swaps argparse's two functions for a
lookup in the table below only while one of its own methods runs, and puts them back afterwards: contained, and
no copy of argparse's code. A sentence missing from the table (a newer Python's new wording) stays English;
tests/test_cli_chinese.py runs every subcommand's --help and the usual errors, and fails on it.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import unicodedata
from collections.abc import Iterator
from typing import Any, NoReturn

MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "子命令",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "需要以下参数之一：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected at least one argument": "至少需要一个值",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ambiguous option: %(option)s could match %(matches)s": "选项不明确：%(option)s 可能是 %(matches)s",
    "ignored explicit argument %r": "多余的值 %r 被忽略",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有子命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}
PLURALS = {"expected %s argument": "需要 %s 个值"}


def _gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return PLURALS.get(singular, singular if count == 1 else plural)


@contextlib.contextmanager
def chinese() -> Iterator[None]:
    """argparse speaks Chinese inside the block (nested blocks are fine: each puts back what it found)."""
    if not hasattr(argparse, "_"):  # a Python whose argparse translates differently: its words stay English
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose own words are Chinese; its subcommands' parsers are of the same class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with chinese():
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any):
        with chinese():
            return super().add_subparsers(**kwargs)

    def parse_known_args(self, args=None, namespace=None):
        with chinese():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with chinese():
            return aligned_for_wide_characters(super().format_help())

    def error(self, message: str) -> NoReturn:
        with chinese():
            super().error(message)


# An option or argument line of the help: indent, the invocation, two or more spaces, the help text.
_HELP_LINE = re.compile(r"^( +)(\S(?:.*?\S)?)( {2,})(\S.*)$")


def aligned_for_wide_characters(text: str) -> str:
    """The help's columns as a terminal shows them: argparse pads by characters, and a Chinese character (编号)
    takes two columns, so each one in an invocation pushed its help text a column to the right."""
    lines = []
    for line in text.split("\n"):
        match = _HELP_LINE.match(line)
        if match:
            indent, invocation, gap, help_text = match.groups()
            wide = sum(unicodedata.east_asian_width(c) in "WF" for c in invocation)
            if wide and len(gap) - wide >= 2:
                line = f"{indent}{invocation}{' ' * (len(gap) - wide)}{help_text}"
        lines.append(line)
    return "\n".join(lines)

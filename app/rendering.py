"""Markdown to safe HTML for the reading pane and exports.

Articles come from imports and other people's files, so the HTML is cleaned with an allow-list sanitiser (nh3):
no scripts, no event handlers, no styles, and no remote resources (``<img>`` is dropped; links keep only
http/https/mailto and open in the system browser when clicked, never inside the app).

Python-Markdown is quadratic on some inputs (16 KB of ``[a](`` took 7 s, 64 KB over a minute), so the work is
bounded: only the first :data:`MAX_MARKDOWN_CHARS` characters get Markdown treatment (the rest is shown as plain
text after a notice), and a conversion that runs longer than :data:`TIME_LIMIT_SECONDS` is stopped and the text
shown as plain text. The GUI renders long articles off its own thread as well.
"""

from __future__ import annotations

import html as html_text
import sys
import threading
import time

import markdown
import nh3
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.nl2br import Nl2BrExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "del", "code",
    "pre", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "span", "sup", "sub",
    "dl", "dt", "dd",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
MAX_MARKDOWN_CHARS = 100_000
TIME_LIMIT_SECONDS = 1.0
UNTIMED_CHARS = 1000
NOTICE_TOO_LONG = "以下内容过长，按纯文本显示。"
NOTICE_TOO_COMPLEX = "这段内容的格式过于复杂，按纯文本显示。"
_converters = threading.local()


class _TooSlow(Exception):
    pass


def _converter() -> markdown.Markdown:
    """One converter per thread, reused: extensions given by name are looked up through the installed packages'
    entry points (~30 ms), and building the processors costs more than converting an article."""
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown(
            extensions=[TableExtension(), FencedCodeExtension(), SaneListExtension(), Nl2BrExtension()],
            output_format="html",
        )
    return converter


def render_markdown(text: str, *, too_long: str = NOTICE_TOO_LONG, too_complex: str = NOTICE_TOO_COMPLEX) -> str:
    """Sanitised HTML for ``text``; never raises on odd input, and takes at most about a second.

    ``too_long`` and ``too_complex`` are the notices shown before text that is shown as plain text instead.
    """
    text = text or ""
    head, rest = text[:MAX_MARKDOWN_CHARS], text[MAX_MARKDOWN_CHARS:]
    try:
        html = sanitize_html(_convert(head))
    except (_TooSlow, RecursionError):
        return _plain(too_complex, text)
    return html + _plain(too_long, rest) if rest else html


def _convert(text: str) -> str:
    converter = _converter()
    if len(text) <= UNTIMED_CHARS:  # even the worst input this short converts in a few tens of milliseconds
        try:
            return converter.convert(text)
        finally:
            converter.reset()
    deadline = time.monotonic() + TIME_LIMIT_SECONDS
    previous = sys.gettrace()
    ticks = 0

    def tracer(frame, event, arg):  # called on each Python function call: no line tracing, little overhead
        nonlocal ticks
        ticks += 1
        if ticks % 64 == 0 and time.monotonic() > deadline:
            raise _TooSlow
        return None

    sys.settrace(tracer)
    try:
        return converter.convert(text)
    finally:
        sys.settrace(previous)
        converter.reset()  # the next conversion starts clean, also after a failed one


def _plain(notice: str, text: str) -> str:
    """``text`` as escaped plain text (line breaks kept) after a notice."""
    body = html_text.escape(text).replace("\n", "<br>")
    return f"<p><em>{html_text.escape(notice)}</em></p><p>{body}</p>"


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )

"""Markdown to safe HTML for the reading pane and exports.

Articles come from imports and other people's files, so the HTML is cleaned with an allow-list sanitiser (nh3):
no scripts, no event handlers, no styles, and no remote resources (``<img>`` is dropped; links keep only
http/https/mailto and open in the system browser when clicked, never inside the app).
"""

from __future__ import annotations

import threading

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
_converters = threading.local()


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


def render_markdown(text: str) -> str:
    """Sanitised HTML for ``text``; never raises on odd input."""
    converter = _converter()
    try:
        html = converter.convert(text or "")
    finally:
        converter.reset()  # the next conversion starts clean, also after a failed one
    return sanitize_html(html)


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )

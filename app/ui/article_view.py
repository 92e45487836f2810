"""Reading an article: sanitised Markdown in a browser that loads nothing remote and opens links only on click."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser

from app.model import Article, ArticleSummary, Kind
from app.ui.result_row import kind_label
from app.ui.search_session import SerialLane
from app.ui.style import CSS_FONT_STACK, KIND_COLOURS, STALE_COLOURS

INTERNAL_SCHEME = "deskbook"
EXTERNAL_SCHEMES = {"http", "https", "mailto"}

DOCUMENT_CSS = f"""
body {{ font-family: {CSS_FONT_STACK}; font-size: 11pt; color: #1f2933; }}
p, li {{ line-height: 165%; }}
h1 {{ font-size: 17pt; font-weight: 700; color: #111827; margin: 0 0 4px 0; }}
h2 {{ font-size: 13pt; margin: 14px 0 4px 0; }}
h3 {{ font-size: 11pt; font-weight: 700; color: #1d4ed8; margin: 16px 0 4px 0; }}
.meta {{ color: #66788a; font-size: 9.5pt; }}
.review {{ color: #52606d; font-size: 9.5pt; background-color: #f6f7f9; }}
.quote {{ background-color: #f6f7f9; color: #3e4c59; }}
.statement {{ font-weight: 600; color: #111827; }}
table.md {{ border-collapse: collapse; margin: 6px 0; }}
table.md td, table.md th {{ border: 1px solid #cfd5dd; padding: 5px 8px; }}
table.md th {{ background-color: #f1f3f6; }}
a {{ color: #1d4ed8; text-decoration: none; }}
code {{ font-family: 'Noto Sans Mono CJK SC', monospace; background-color: #f1f3f6; }}
"""


class SafeBrowser(QTextBrowser):
    """A QTextBrowser that never fetches anything: links go out only through an explicit click."""

    sig_open_article = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(DOCUMENT_CSS)
        self.document().setDocumentMargin(18)
        self.anchorClicked.connect(self._clicked)

    def loadResource(self, kind: int, url: QUrl | str):
        # Images, style sheets and anything else referenced by a document stay unloaded: a KB article must not
        # phone home or read local files just by being displayed.
        return None

    def _clicked(self, url: QUrl) -> None:
        if url.scheme() == INTERNAL_SCHEME:
            self.sig_open_article.emit(url.path().rsplit("/", 1)[-1])
        elif url.scheme() in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)


def _date(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d") if moment else "—"


def _badge(text: str, fg: str, bg: str) -> str:
    return f'<span style="color:{fg}; background-color:{bg}; font-weight:600;">&nbsp;{escape(text)}&nbsp;</span>'


SYNC_MARKDOWN_CHARS = 1000  # longer articles are laid out off the GUI thread (Markdown can be slow on odd input)


def markdown_html(text: str) -> str:
    from app.rendering import render_markdown  # Markdown loads on first use (or in the start-up warm-up)

    html = render_markdown(text, too_long=QCoreApplication.translate("ArticleHtml", "The rest is long and shown as "
                                                                     "plain text."),
                           too_complex=QCoreApplication.translate("ArticleHtml", "This text is formatted in a way "
                                                                  "too complex to lay out; shown as plain text."))
    return html.replace("<table>", '<table class="md" cellspacing="0" cellpadding="5" border="1">')


def markdown_size(article: Article) -> int:
    """Characters of the article that go through Markdown (body and the case fields)."""
    return len(article.body) + sum(len(article.field_text(n)) for n in ("cause", "solution", "key_points"))


class ArticleHtml:
    """Builds the reading pane's HTML (strings translated in the "ArticleHtml" context)."""

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("ArticleHtml", text)

    def header(self, article: Article, now: datetime) -> str:
        fg, bg = KIND_COLOURS.get(article.kind.value, ("#334155", "#e2e8f0"))
        badges = [_badge(kind_label(article.kind.value), fg, bg)]
        if article.is_stale(now):
            badges.append(_badge(self.tr("Needs review"), *STALE_COLOURS))
        meta = " · ".join(escape(x) for x in [article.group, "、".join(article.tags)] if x)
        return f"<h1>{escape(article.title)}</h1><p class='meta'>{' '.join(badges)}&nbsp; {meta}</p>"

    def review_state(self, article: Article) -> str:
        verified = _date(article.last_verified_at)
        if article.last_verified_by:
            verified += " " + self.tr("by %1").replace("%1", escape(article.last_verified_by))
        parts = [
            self.tr("Status: %1").replace("%1", escape(self._status(article))),
            self.tr("Verified: %1").replace("%1", verified),
            self.tr("Next review: %1").replace("%1", _date(article.next_review_at)),
            self.tr("Owner: %1").replace("%1", escape(article.owner or "—")),
            self.tr("Used %1 times").replace("%1", str(article.copies + article.views)),
        ]
        # a small grid, one item per cell: Chinese text may break between any two characters, so a single
        # line of items would split "已使用 0 / 次" when the pane is narrow
        cells = [f"<td style='white-space:nowrap; padding: 2px 14px 2px 0;'>{part}</td>" for part in parts]
        rows = "".join(f"<tr>{''.join(cells[i:i + 3])}</tr>" for i in range(0, len(cells), 3))
        return f"<table class='review' width='100%' cellpadding='4' cellspacing='0'>{rows}</table>"

    def _status(self, article: Article) -> str:
        labels = {"draft": self.tr("Draft"), "review": self.tr("In review"), "published": self.tr("Published"),
                  "archived": self.tr("Archived")}
        return labels.get(article.status.value, article.status.value)

    def case_fields(self, article: Article) -> str:
        parts = []
        if article.field_text("problem"):
            label = self.tr("Problem (customer's words)")
            parts.append(f"<h3>{label}</h3><table class='quote' width='100%' cellpadding='8'><tr><td>"
                         f"“{escape(article.field_text('problem'))}”</td></tr></table>")
        if article.field_text("statement"):
            label = self.tr("Standard statement")
            parts.append(f"<h3>{label}</h3><p class='statement'>{escape(article.field_text('statement'))}</p>")
        for name, label in (("cause", self.tr("Cause")), ("solution", self.tr("Solution steps")),
                            ("key_points", self.tr("Key points"))):
            if article.field_text(name):
                parts.append(f"<h3>{label}</h3>{markdown_html(article.field_text(name))}")
        return "".join(parts)

    def body(self, article: Article) -> str:
        if not article.body.strip():
            return ""
        heading = self.tr("Notes") if article.kind is Kind.CASE else self.tr("About")
        return f"<h3>{heading}</h3>{markdown_html(article.body)}"

    def similar(self, similar: list[ArticleSummary] | None) -> str:
        if similar is None:
            return ""
        heading = self.tr("Similar articles")
        if not similar:
            none = self.tr("None found.")
            return f"<h3>{heading}</h3><p class='meta'>{none}</p>"
        items = "".join(
            f"<li><a href='{INTERNAL_SCHEME}:article/{escape(s.id)}'>{escape(s.title)}</a>"
            f" <span class='meta'>{escape(kind_label(s.kind.value))}</span></li>" for s in similar
        )
        return f"<h3>{heading}</h3><ul>{items}</ul>"

    def document(self, article: Article, now: datetime, similar: list[ArticleSummary] | None) -> str:
        return self.content(article, now) + self.similar(similar)

    def content(self, article: Article, now: datetime) -> str:
        """Everything but the similar articles (which arrive later and must not lay the Markdown out again)."""
        sections = [self.header(article, now), self.review_state(article)]
        if article.kind is Kind.CASE:
            sections.append(self.case_fields(article))
        sections.append(self.body(article))
        return "".join(sections)

    def placeholder(self, article: Article, now: datetime) -> str:
        """Shown at once while a long article is laid out in the background."""
        waiting = self.tr("Laying out…")
        return f"{self.header(article, now)}{self.review_state(article)}<p class='meta'>{waiting}</p>"


class ArticleView(SafeBrowser):
    """The reading pane for cases (and any article without a richer view)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("articleView")
        self.article: Article | None = None
        self._html = ArticleHtml()
        self._content = ""
        self._similar = ""

    def show_article(self, article: Article, now: datetime, similar: list[ArticleSummary] | None = None,
                     lane: SerialLane | None = None) -> None:
        """Show ``article``; with a ``lane``, a long one is laid out in the background (a placeholder first)."""
        self.article = article
        self._now = now
        self._similar = self._html.similar(similar)
        if lane is None or markdown_size(article) <= SYNC_MARKDOWN_CHARS:
            self._content = self._html.content(article, now)
            self.setHtml(self._content + self._similar)
            return
        self._content = ""
        self.setHtml(self._html.placeholder(article, now))
        html = self._html
        lane.submit("layout", lambda: html.content(article, now),
                    lambda content: self._laid_out(article, content), lambda _e, _d: None)

    def _laid_out(self, article: Article, content: str) -> None:
        if self.article is article:  # still the article shown
            self._content = content
            self.setHtml(content + self._similar)

    def set_similar(self, article_id: str, similar: list[ArticleSummary]) -> None:
        if self.article is not None and self.article.id == article_id:
            self._similar = self._html.similar(similar)
            if not self._content:
                return  # still being laid out: shown with it
            position = self.verticalScrollBar().value()
            self.setHtml(self._content + self._similar)
            self.verticalScrollBar().setValue(position)

"""What goes into an onboarding pack: the selected articles, in order, each as titled Markdown sections.

Shared by the PDF and DOCX writers (and the GUI's preview), so both booklets say exactly the same thing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.documents.errors import EmptyPack
from app.model import FIELD_LABELS_ZH, KIND_FIELDS, Article, Kind, Status, channel_label
from app.plain_text import xml_safe, xml_safe_value
from app.templates.placeholders import TemplateProblem, render

# Training order: first how to understand a customer (handbook), then what to say (scripts), then cases.
KIND_ORDER = (Kind.HANDBOOK, Kind.SCRIPT, Kind.CASE)
PART_TITLES = {Kind.HANDBOOK: "需求识别手册", Kind.SCRIPT: "沟通话术", Kind.CASE: "典型案例"}
CHINESE_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class PackSelection:
    tag: str | None = None
    kind: str | None = None
    group: str | None = None
    ids: tuple[str, ...] = ()
    title: str = "新员工入职培训包"

    def describe(self) -> str:
        parts = []
        if self.ids:
            parts.append(f"手工挑选 {len(self.ids)} 篇")
        if self.kind:
            parts.append(f"类型：{Kind(self.kind).label_zh}")
        if self.tag:
            parts.append(f"标签：{self.tag}")
        if self.group:
            parts.append(f"技能组：{self.group}")
        return "　".join(parts) or "全部已发布文章"


# Called as the booklet is written: (articles laid out, how many steps in all). The last step is writing the file
# (embedding the font's subset), so ``done == total`` means the file is there.
Progress = Callable[[int, int], None]


def no_progress(_done: int, _total: int) -> None:
    pass


@dataclass(frozen=True)
class PackInput:
    """Everything a pack is written from: the selection, its articles in order, and the cover's details."""

    selection: PackSelection
    articles: list[Article]
    organization: str
    day: str


def parts(articles: list[Article], keep_order: bool) -> list[tuple[str, list[Article]]]:
    """Group into parts by kind (一、需求识别手册 …); a hand-picked order is kept as one part."""
    if keep_order:
        return [("", articles)]
    grouped = [(kind, [a for a in articles if a.kind is kind]) for kind in KIND_ORDER]
    grouped = [(kind, items) for kind, items in grouped if items]
    return [(f"{CHINESE_NUMERALS[n] if n < 10 else n + 1}、{PART_TITLES[kind]}", items) for n, (kind, items) in enumerate(grouped)]


def meta_line(article: Article) -> str:
    bits = [f"类型：{article.kind.label_zh}"]
    if article.group:
        bits.append(f"技能组：{article.group}")
    if article.tags:
        bits.append("标签：" + "、".join(article.tags))
    if article.status is not Status.PUBLISHED:
        bits.append(f"状态：{article.status.label_zh}")
    return "　".join(bits)


def _script_text(text: str) -> str:
    """A reply as an agent sees it before filling it in: placeholders as 【客户姓名】, not template syntax."""
    try:
        return render(text, {}).text
    except TemplateProblem as problem:  # still worth reading as it is; the trainer sees why it looks raw
        return f"{text}\n\n（这条话术的模板有误，按原文印出：{problem}）"


def _field_markdown(name: str, value: Any) -> str:
    if name == "reply" and isinstance(value, str):
        return _script_text(value)
    if name == "channel" and isinstance(value, str):
        return channel_label(value)
    if name == "questions" and isinstance(value, list):
        lines = []
        for q in value:
            if isinstance(q, dict):
                group = str(q.get("group", "")).strip()
                lines.append(f"- **{group}**：{q.get('text', '')}" if group else f"- {q.get('text', '')}")
            else:
                lines.append(f"- {q}")
        return "\n".join(lines)
    if name == "restatements" and isinstance(value, list):
        return "\n".join(
            f"- “{r.get('said', '')}” → {r.get('standard', '')}" if isinstance(r, dict) else f"- {r}" for r in value
        )
    if name == "variants" and isinstance(value, dict):
        return "\n".join(f"- **{k}**：{_script_text(str(v))}" for k, v in value.items())
    if isinstance(value, list):
        return "\n".join(f"- {v}" for v in value)
    return str(value)


@dataclass
class PackArticle:
    article: Article
    number: str  # "1", "2" … shown before the title
    sections: list[tuple[str, str]] = field(default_factory=list)  # (label, markdown); label "" = the body

    @property
    def title(self) -> str:
        return f"{self.number}. {self.article.title}"


def pack_article(article: Article, number: int) -> PackArticle:
    sections: list[tuple[str, str]] = []
    if article.body.strip():
        sections.append(("", article.body))
    for name in KIND_FIELDS[article.kind]:
        value = article.fields.get(name)
        if value in (None, "", [], {}):
            continue
        sections.append((FIELD_LABELS_ZH.get(name, name), _field_markdown(name, value)))
    return PackArticle(article, str(number), sections)


Grouped = list[tuple[str, list[PackArticle]]]  # (part title, its articles) in reading order


def prepare(pack: PackInput) -> tuple[Grouped, int]:
    """The articles in their parts, numbered in reading order, and how many there are."""
    if not pack.articles:
        raise EmptyPack(f"没有符合条件的文章（{pack.selection.describe()}），没有可导出的内容")
    grouped = parts(pack.articles, keep_order=bool(pack.selection.ids))
    numbered: list[tuple[str, list[PackArticle]]] = []
    counter = 0
    for part_title, items in grouped:
        entries = []
        for article in items:
            counter += 1
            entries.append(pack_article(xml_safe_article(article), counter))
        numbered.append((part_title, entries))
    return numbered, counter


def xml_safe_article(article: Article) -> Article:
    """Data saved before imports cleaned control characters may still hold them; DOCX (XML) cannot."""
    return article.with_changes(
        title=xml_safe(article.title), body=xml_safe(article.body), group=xml_safe(article.group),
        tags=[xml_safe(t) for t in article.tags], fields=xml_safe_value(article.fields),
    )

"""Markdown bodies as a flat list of blocks with styled runs, for the PDF and DOCX writers.

The bodies go through the same sanitised rendering as the reading pane (app.rendering), then a small HTML walk
turns them into headings, paragraphs, list items, quotes, code and tables; a writer only has to lay these out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from app.rendering import render_markdown


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False


@dataclass
class Block:
    kind: str  # "h1".."h6", "p", "li", "pre", "quote", "hr", "table"
    runs: list[Run] = field(default_factory=list)
    depth: int = 0  # list nesting (0 = top level list)
    marker: str = ""  # "•" or "3."
    rows: list[list[str]] = field(default_factory=list)  # table cells; the first row is the header

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


_HEADINGS = {f"h{n}" for n in range(1, 7)}


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.lists: list[list] = []  # stack of [kind, counter]
        self.bold = self.italic = self.code = 0
        self.quote = 0
        self.pre = False
        self.table: list[list[str]] | None = None
        self.cell: list[str] | None = None

    def _open(self, kind: str, **kw) -> Block:
        self.close_block()
        self.current = Block(kind, **kw)
        return self.current

    def close_block(self) -> None:
        if self.current is not None and (self.current.text.strip() or self.current.kind in ("hr",)):
            if self.current.kind != "pre":
                _strip_runs(self.current)
            self.blocks.append(self.current)
        self.current = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HEADINGS:
            self._open(tag)
        elif tag == "p":
            if not (self.current is not None and self.current.kind == "li" and not self.current.text.strip()):
                self._open("quote" if self.quote else ("li-cont" if self.lists else "p"), depth=len(self.lists) - 1)
        elif tag in ("ul", "ol"):
            self.close_block()
            start = dict(attrs).get("start")
            self.lists.append([tag, int(start) - 1 if start and start.isdigit() else 0])
        elif tag == "li":
            kind, _ = self.lists[-1] if self.lists else ("ul", 0)
            if self.lists:
                self.lists[-1][1] += 1
            marker = "•" if kind == "ul" else f"{self.lists[-1][1]}."
            self._open("li", depth=max(len(self.lists) - 1, 0), marker=marker)
        elif tag == "blockquote":
            self.quote += 1
            self._open("quote")
        elif tag == "pre":
            self.pre = True
            self._open("pre")
        elif tag == "hr":
            self._open("hr")
            self.close_block()
        elif tag == "br":
            self._text("\n")
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "code":
            self.code += 1
        elif tag == "table":
            self.close_block()
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th") and self.table is not None:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _HEADINGS or tag in ("p", "li", "pre"):
            if tag == "pre":
                self.pre = False
            self.close_block()
        elif tag in ("ul", "ol"):
            self.close_block()
            if self.lists:
                self.lists.pop()
        elif tag == "blockquote":
            self.close_block()
            self.quote = max(self.quote - 1, 0)
        elif tag in ("strong", "b"):
            self.bold = max(self.bold - 1, 0)
        elif tag in ("em", "i"):
            self.italic = max(self.italic - 1, 0)
        elif tag == "code":
            self.code = max(self.code - 1, 0)
        elif tag in ("td", "th") and self.table is not None and self.cell is not None:
            self.table[-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "table" and self.table is not None:
            rows = [r for r in self.table if r]
            if rows:
                self.blocks.append(Block("table", rows=rows))
            self.table = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
            return
        if not self.pre:
            data = " ".join(data.split("\n")) if "\n" in data else data
        self._text(data)

    def _text(self, data: str) -> None:
        if not data:
            return
        if self.current is None:
            if not data.strip():
                return
            self._open("quote" if self.quote else "p")
        assert self.current is not None  # _open made one
        self.current.runs.append(Run(data, bool(self.bold), bool(self.italic), bool(self.code)))


def _strip_runs(block: Block) -> None:
    while block.runs and not block.runs[0].text.strip():
        block.runs.pop(0)
    while block.runs and not block.runs[-1].text.strip():
        block.runs.pop()
    if block.runs:
        block.runs[0].text = block.runs[0].text.lstrip(" ")
        block.runs[-1].text = block.runs[-1].text.rstrip()


def markdown_blocks(text: str) -> list[Block]:
    walker = _Walker()
    walker.feed(render_markdown(text or ""))
    walker.close()
    walker.close_block()
    return walker.blocks

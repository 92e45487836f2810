"""A PDF page layout shared by letters and packs, on fpdf2 (pure Python, no Qt).

fpdf2 embeds a subset of the Chinese font (CID-keyed, with a ToUnicode map), so the text stays extractable and
searchable. Pages before ``numbered_from`` (a cover) get no header or footer.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from app.documents.cjk_lines import break_lines
from app.documents.fonts import CjkFonts, find_cjk_fonts
from app.documents.md_blocks import markdown_blocks

FONT = "cjk"
ACCENT = (31, 58, 95)
MUTED = (100, 100, 100)
LABEL_FILL = (232, 238, 245)
BORDER = (142, 169, 193)


class DeskbookPDF(FPDF):
    def __init__(self, title: str, header_text: str = "", footer_text: str = "", numbered_from: int = 1,
                 fonts: CjkFonts | None = None):
        super().__init__(orientation="P", unit="mm", format="A4")
        fonts = fonts or find_cjk_fonts()
        for style, face in (("", fonts.regular), ("B", fonts.bold)):
            self.add_font(FONT, style, str(face.path), collection_font_number=face.index)
        self.set_margins(22, 22, 22)
        self.set_auto_page_break(True, margin=20)
        self.header_text, self.footer_text, self.numbered_from = header_text, footer_text, numbered_from
        self._widths: dict[tuple[str, str, float], float] = {}
        self.line_factor = 0.62  # line height per point of font size (a letter that must fit one page uses less)
        self.set_title(title)
        self.set_creator("Deskbook")
        self.set_lang("zh-CN")
        self.set_font(FONT, size=11)
        self.set_text_color(0, 0, 0)

    def missing_characters(self) -> bool:
        """Whether the text used a character the embedded font lacks (it would print as an empty box)."""
        return any(getattr(font, "missing_glyphs", None) for font in self.fonts.values())

    # --- page furniture ------------------------------------------------------------------------------------
    def header(self) -> None:
        if self.page_no() < self.numbered_from or not self.header_text:
            return
        self.set_font(FONT, size=8.5)
        self.set_text_color(*MUTED)
        self.set_y(10)
        self.cell(0, 5, self.header_text, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*BORDER)
        self.set_line_width(0.2)
        self.line(self.l_margin, 15.5, self.w - self.r_margin, 15.5)
        self.set_y(self.t_margin)
        self.set_text_color(0, 0, 0)
        self.set_font(FONT, size=11)

    def footer(self) -> None:
        if self.page_no() < self.numbered_from:
            return
        self.set_y(-13)
        self.set_font(FONT, size=8.5)
        self.set_text_color(*MUTED)
        prefix = f"{self.footer_text}　　" if self.footer_text else ""
        self.cell(0, 5, f"{prefix}第 {self.page_no()} 页 / 共 {{nb}} 页", align="C")
        self.set_text_color(0, 0, 0)

    # --- blocks --------------------------------------------------------------------------------------------
    def title_block(self, title: str, subtitle: str = "", *, height: float = 12, after: float = 4) -> None:
        self.set_font(FONT, "B", 22)
        self.set_text_color(*ACCENT)
        self.cell(0, height, title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if subtitle:
            self.set_font(FONT, size=10)
            self.set_text_color(*MUTED)
            self.cell(0, 6, subtitle, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.ln(after)

    def heading(self, text: str, size: float = 13, space_before: float = 4) -> None:
        if self.will_page_break(space_before + 18):  # keep a heading with the lines after it
            self.add_page()
        else:
            self.ln(space_before)
        self.set_font(FONT, "B", size)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, size * 0.55, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.ln(1.5)

    def paragraph(self, text: str, *, size: float = 11, indent: bool = True, color=(0, 0, 0),
                  align: str = "L", after: float = 1.2) -> None:
        self.styled_paragraph([(text.strip(), "")], size=size, first_indent=2 * size * 0.3528 if indent else 0,
                              color=color, align=align, after=after)

    def styled_paragraph(self, segments: list[tuple[str, str]], *, size: float = 11, first_indent: float = 0,
                         left: float = 0, color=(0, 0, 0), align: str = "L", line_factor: float | None = None,
                         after: float = 1.2) -> None:
        """Text in styled pieces (style "", "B" …), wrapped by the Chinese line-breaking rules."""
        line_height = size * (line_factor or self.line_factor)

        def measure(text: str, style: object) -> float:
            key = (text, str(style), size)
            width = self._widths.get(key)
            if width is None:  # the same characters recur on every line; measuring is fpdf2's slow part
                self.set_font(FONT, str(style), size)
                width = self._widths[key] = self.get_string_width(text)
            return width

        width = self.epw - left
        lines = break_lines(segments, width, measure, first_indent)
        self.set_text_color(*color)
        for number, line in enumerate(lines):
            if self.get_y() + line_height > self.page_break_trigger:
                self.add_page()
            x = self.l_margin + left + (first_indent if number == 0 else 0)
            if align == "R":
                x = self.l_margin + self.epw - sum(measure(t, st) for t, st in line)
            self.set_x(x)
            for text, style in line:
                self.set_font(FONT, str(style), size)
                self.cell(self.get_string_width(text), line_height, text)
            self.ln(line_height)
        self.set_text_color(0, 0, 0)
        self.set_font(FONT, size=11)
        self.ln(after)

    def grid(self, rows: list[tuple[str, ...]], widths: tuple[float, ...], *, header: bool = False,
             label_columns: tuple[int, ...] = (), align: tuple[str, ...] | None = None, size: float = 10,
             padding: float = 1.6) -> None:
        """A bordered table; ``header`` shades the first row, ``label_columns`` shade those columns."""
        self.set_font(FONT, size=size)
        self.set_draw_color(*BORDER)
        label = FontFace(emphasis="BOLD", fill_color=LABEL_FILL, color=ACCENT)
        with self.table(
            col_widths=widths, width=sum(widths), first_row_as_headings=header, headings_style=label,
            line_height=size * 0.6, padding=padding, text_align=align or "LEFT", borders_layout="ALL",
            # WORD: Latin text breaks at its spaces (an e-mail address stays whole); a Chinese run without spaces
            # is still broken between characters once a line is full.
            wrapmode=WrapMode.WORD,
        ) as table:
            for number, row in enumerate(rows):
                table_row = table.row()
                for column, text in enumerate(row):
                    if column in label_columns or (header and number == 0):
                        table_row.cell(text, style=label)
                        continue
                    style = self._fitting(text, widths[column], size)
                    fitted = style.size_pt if style is not None and style.size_pt else size
                    table_row.cell(self._wrapped(text, widths[column] - 2 * padding - 1, fitted), style=style)
        self.ln(2)

    def _wrapped(self, text: str, width: float, size: float) -> str:
        """A cell's text broken into lines by the Chinese rules (Latin words whole, an e-mail address broken only
        after its @ or before a dot when it is wider than the cell), so fpdf2 only draws the lines."""
        def measure(piece: str, _style: object) -> float:
            self.set_font(FONT, size=size)
            return self.get_string_width(piece)

        lines = break_lines([(text, "")], width, measure)
        self.set_font(FONT, size=size)
        return "\n".join("".join(piece for piece, _ in line) for line in lines)

    def _fitting(self, text: str, width: float, size: float) -> FontFace | None:
        """A smaller font for a cell holding a long unbreakable Latin run (an e-mail address, a URL), which the
        character wrapping that Chinese text needs would otherwise cut in the middle."""
        longest = max((token for token in text.split() if token.isascii()), key=len, default="")
        room = width - 2 * 1.6 - 0.5
        if not longest or self.get_string_width(longest) <= room:
            return None
        for smaller in (size - 1, size - 1.5, size - 2, size - 2.5):
            self.set_font(FONT, size=smaller)
            fits = self.get_string_width(longest) <= room
            self.set_font(FONT, size=size)
            if fits:
                return FontFace(size_pt=smaller)
        return None

    def markdown(self, text: str, size: float = 10.5) -> None:
        """A Markdown body (sanitised like the reading pane) as headings, paragraphs, lists, quotes, tables."""
        for block in markdown_blocks(text):
            segments = [(r.text, "B" if r.bold else "") for r in block.runs]
            if block.kind.startswith("h") and block.kind[1:].isdigit():
                level = int(block.kind[1:])
                self.heading(block.text, size=max(size + 3 - level, size), space_before=2)
            elif block.kind in ("li", "li-cont"):
                left = 6 * (max(block.depth, 0) + 1)
                if block.kind == "li":
                    self.set_font(FONT, "", size)
                    self.set_x(self.l_margin + left - 5)
                    if self.get_y() + size * 0.6 > self.page_break_trigger:
                        self.add_page()
                        self.set_x(self.l_margin + left - 5)
                    y = self.get_y()
                    self.set_text_color(*ACCENT)
                    self.cell(5, size * 0.6, block.marker)
                    self.set_text_color(0, 0, 0)
                    self.set_y(y)
                self.styled_paragraph(segments, size=size, left=left, after=0.6)
            elif block.kind == "quote":
                self.styled_paragraph(segments, size=size, left=6, color=MUTED)
            elif block.kind == "pre":
                self.styled_paragraph([(block.text.rstrip("\n"), "")], size=size - 1, left=4, color=(90, 40, 40))
            elif block.kind == "table" and block.rows:
                columns = max(len(r) for r in block.rows)
                rows = [tuple(r + [""] * (columns - len(r))) for r in block.rows]
                self.grid(rows, widths=tuple([self.epw / columns] * columns), header=True, size=size - 0.5)
            elif block.kind == "hr":
                self.ln(1)
                self.set_draw_color(*BORDER)
                self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
                self.ln(2)
            else:
                self.styled_paragraph(segments, size=size)

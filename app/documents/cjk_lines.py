"""Line breaking for Chinese text: any two ideographs may break, Latin words stay whole, and closing
punctuation never starts a line (nor opening punctuation end one) — the basic 禁则 rules.

fpdf2's own wrapping breaks only at spaces, so in mixed text it breaks at the one space of a line and leaves the
rest of the line empty; this module chooses the breaks and the PDF writer draws each line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

NO_LINE_START = set("，。、；：？！）》」』】〕”’…—·,.;:?!)]}%")
NO_LINE_END = set("（《「『【〔“‘([{")
_TOKEN = re.compile(
    r"\n|[ \t]+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201f\u2026\u2014]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201f\u2026\u2014]+"
)

Segment = tuple[str, Any]  # text and its style (whatever the writer uses: bold flag, font key …)
Measure = Callable[[str, Any], float]


def _units(segments: list[Segment]) -> list[list[Segment]]:
    """Unbreakable units (each a list of styled pieces); spaces are units of their own; "\n" forces a break."""
    units: list[list[Segment]] = []
    glue_next = False
    for text, style in segments:
        for token in _TOKEN.findall(text):
            if token == "\n":
                units.append([("\n", style)])
                glue_next = False
                continue
            is_space = token.isspace()
            if is_space and glue_next and units:  # "（ 3": a space after an opening bracket is no place to break
                units[-1].append((token, style))
                continue
            if (units and not is_space and not glue_next and token[0] in NO_LINE_START and not units[-1][0][0].isspace() \
                    and units[-1][0][0] != "\n") or (glue_next and units and not is_space):
                units[-1].append((token, style))
            else:
                units.append([(token, style)])
            glue_next = not is_space and token[-1] in NO_LINE_END
    return units


def break_lines(segments: list[Segment], width: float, measure: Measure, first_indent: float = 0.0) -> list[list[Segment]]:
    """Greedy line filling; returns lines as lists of styled pieces (adjacent pieces of one style merged)."""
    lines: list[list[list[Segment]]] = [[]]  # lines of units, so a break can move a whole unit down
    used = first_indent

    def width_of(units: list[list[Segment]]) -> float:
        return sum(measure(t, s) for unit in units for t, s in unit)

    for unit in _units(segments):
        if unit[0][0] == "\n":
            lines.append([])
            used = 0.0
            continue
        unit_width = sum(measure(t, s) for t, s in unit)
        is_space = unit[0][0].isspace()
        if is_space and not lines[-1]:
            continue  # no spaces at the start of a line
        if used + unit_width > width and lines[-1]:
            if is_space:
                used = float("inf")  # the line is full: the next word wraps (and may carry its neighbour)
                continue
            carried: list[list[Segment]] = []
            if unit[0][0][0] in NO_LINE_START:
                # Closing punctuation after a space may not start a line: the words before it come down too,
                # up to one that may start a line; when that would empty the line, the punctuation hangs at its end.
                head = unit
                while head[0][0][0] in NO_LINE_START:
                    while lines[-1] and lines[-1][-1][0][0].isspace():
                        carried.insert(0, lines[-1].pop())
                    if sum(1 for u in lines[-1] if not u[0][0].isspace()) <= 1:
                        break
                    head = lines[-1].pop()
                    carried.insert(0, head)
                if head[0][0][0] in NO_LINE_START:
                    # Spaces before closing punctuation only push it further out.
                    lines[-1].extend(u for u in carried if not u[0][0].isspace())
                    lines[-1].append(unit)
                    used = float("inf")
                    continue
            lines.append(carried)
            used = width_of(carried)
        if unit_width > width:  # a single over-long word (an e-mail address, a URL): split where it may break
            used = _split_long_word(unit, lines, used, width, measure)
            continue
        lines[-1].append(unit)
        used += unit_width
    return [_merge(_rstrip([piece for unit in line for piece in unit])) for line in lines]


def _break_rank(chars: list[Segment], index: int) -> int:
    """How good a place after ``chars[index]`` is to break a long Latin word: after its @ best, then before a dot,
    then after / - _ (li.xiaoming@ | huachen.example); 0: not a place to break."""
    char, following = chars[index][0], chars[index + 1][0] if index + 1 < len(chars) else ""
    return 3 if char == "@" else 2 if following == "." else 1 if char in "/-_" else 0


def _split_long_word(unit: list[Segment], lines: list[list[list[Segment]]], used: float, width: float,
                     measure: Measure) -> float:
    """Lay out a word wider than a line character by character, breaking at its last break point that fits (a
    character boundary only when there is none); returns the width used on the last line."""
    chars = [(char, style) for text, style in unit for char in text]
    on_line = 0  # of this word's characters, how many are on the current line
    for index, (char, style) in enumerate(chars):
        w = measure(char, style)
        if used + w > width and lines[-1]:
            start = index - on_line
            # The best kind of break that still fills most of the line, else the last one, else here.
            ranked = [(rank if (i + 1 - start) >= 0.6 * on_line else 1, i + 1)
                      for i in range(start, index) if (rank := _break_rank(chars, i))]
            point = max(ranked, default=(0, index))[1]
            carried = [lines[-1].pop() for _ in range(index - point)][::-1]
            lines.append(carried)
            used, on_line = sum(measure(c, st) for unit_ in carried for c, st in unit_), len(carried)
        lines[-1].append([(char, style)])
        used += w
        on_line += 1
    return used


def _rstrip(line: list[Segment]) -> list[Segment]:
    while line and line[-1][0].isspace():
        line = line[:-1]
    return line


def _merge(line: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for text, style in line:
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + text, style)
        else:
            merged.append((text, style))
    return merged

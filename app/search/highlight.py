"""Highlighted fragments for result lists, computed on the text from SQLite (the index stores only ids).

Matching happens on normalised text, which has the same length as the original, so offsets map back exactly
(a traditional-character or full-width original is highlighted where it stands).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def find_spans(text: str, terms: list[str]) -> list[Span]:
    """Non-overlapping spans of ``text`` where any term occurs (longest term wins at a position)."""
    if not text or not terms:
        return []
    from app.search.analysis import normalize  # not at import: the result list's painter needs only Span

    folded = normalize(text)
    ordered = sorted({t for t in terms if t}, key=len, reverse=True)
    spans: list[Span] = []
    taken = [False] * len(folded)
    for term in ordered:
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            if not any(taken[start:end]):
                spans.append(Span(start, end))
                for i in range(start, end):
                    taken[i] = True
            start = folded.find(term, end)
    return sorted(spans, key=lambda s: s.start)


def fragment(text: str, terms: list[str], width: int = 60) -> tuple[str, list[Span]]:
    """A window of ``text`` around the densest matches, with spans relative to the window."""
    flat = " ".join(text.split())
    spans = find_spans(flat, terms)
    if not spans:
        cut = flat[:width]
        return (cut + "…" if len(flat) > width else cut), []
    best_start, best_count = spans[0].start, 0
    for i, span in enumerate(spans):
        count = sum(1 for other in spans[i:] if other.end <= span.start + width)
        if count > best_count:
            best_start, best_count = span.start, count
    begin = max(0, best_start - width // 4)
    end = min(len(flat), begin + width)
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(flat) else ""
    window = flat[begin:end]
    shift = len(prefix) - begin
    inside = [Span(s.start + shift, s.end + shift) for s in spans if s.start >= begin and s.end <= end]
    return prefix + window + suffix, inside


def to_html(text: str, spans: list[Span], tag: str = "b") -> str:
    from html import escape

    out, last = [], 0
    for span in spans:
        out.append(escape(text[last : span.start]))
        out.append(f"<{tag}>{escape(text[span.start : span.end])}</{tag}>")
        last = span.end
    out.append(escape(text[last:]))
    return "".join(out)

"""Fuzzing the issue 18 defences so new code paths stay covered: display of hostile data (items 1–2), the bounded
template sandbox (3), hostile import rows and bombs (8–9) and formula injection in exports (12).

Examples are bounded (the suite must stay fast on two cores); in CI the profile makes them the same every run.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
import time
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.importers import ImportSourceError
from app.importers.report import MAX_REASON
from app.model import Article, Kind
from app.rendering import render_markdown
from app.services import Deskbook
from app.templates.limits import SCRIPT_LIMITS
from app.templates.placeholders import TemplateProblem, render
from tests.test_fuzz_rendering import assert_safe

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


# --- item 3: any combination of growing operations renders within the limits or is refused -------------------------
numbers = st.one_of(st.integers(-3, 12), st.sampled_from([99, 999, 4096, 10**5, 10**6, 10**9]),
                    st.sampled_from(["9**999", "10**9", "(2**64)", "n"]))
strings = st.sampled_from(["'a'", "'{0}'", "'%s'", "' '", "'\\t'", "s", "r", "客户姓名", "''"])
sequences = st.sampled_from(["[r]", "[s, s]", "range(100)|list", "(r|list)", "[[1]]", "s.split()"])


@st.composite
def expressions(draw, depth: int = 0):
    if depth > 3:
        return draw(st.one_of(strings, numbers.map(str)))
    inner = draw(expressions(depth + 1))
    number = draw(numbers)
    return draw(st.sampled_from([
        f"({inner} * {number})", f"({inner} ** {number})", f"({inner} ~ {inner})", f"({inner} + {inner})",
        f"({inner}|replace(' ', r))", f"({inner}|center({number}))", f"({inner}|indent({number}))",
        f"({inner}|string).replace('a', r)", f"''.join({draw(sequences)} * {number})", f"({inner}|format(r))",
        f"('{{0}}' * {number}).format({inner})", f"({inner}|wordwrap(1, wrapstring=r))", f"({draw(sequences)}|join(r))",
        f"({inner}|list|sum(start=[]))", f"({inner}|tojson(indent={number}))", inner,
    ]))


@FUZZ
@given(st.lists(expressions(), min_size=1, max_size=3), st.booleans())
def test_fuzzed_growing_templates_render_within_the_limits_or_are_refused(parts, in_loop):
    body = "".join("{{ " + part + " }}" for part in parts)
    source = "{% set n = 7 %}" + ("{% for i in range(1000) %}" + body + "{% endfor %}" if in_loop else body)
    started = time.monotonic()
    try:
        filled = render(source, {"s": "a b c", "r": "x" * 1000, "客户姓名": "王女士"}, name="模糊")
    except TemplateProblem as problem:
        assert str(problem)
    else:
        assert len(filled.text) <= SCRIPT_LIMITS.max_output + 1000
    assert time.monotonic() - started < SCRIPT_LIMITS.time_limit + 2


# --- items 1-2: hostile text in the reading pane stays text and Markdown stays quick ----------------------------------
markup = st.sampled_from(['<img src="/dev/zero">', '<font color=red>x</font>', "<script>alert(1)</script>",
                          "[a](", "![", "<a ", "a\n=\n", "**", "`", "|", "\n\n", "退款", "&amp;", "<b>粗</b>"])
hostile_text = st.lists(st.one_of(markup, st.text(max_size=8)), max_size=40).map("".join)


@FUZZ
@given(hostile_text, st.integers(1, 400))
def test_fuzzed_markdown_is_safe_and_bounded(text, repeat):
    started = time.monotonic()
    assert_safe(render_markdown(text * repeat))
    assert time.monotonic() - started < 3


@FEW
@given(hostile_text, hostile_text, hostile_text)
def test_fuzzed_article_html_escapes_every_field(title, body, field):
    from app.ui.article_view import ArticleHtml

    article = Article(kind=Kind.CASE, title=title, body=body, group=field, tags=[field],
                      fields={"problem": field, "statement": field, "cause": field})
    from datetime import datetime, timezone

    document = ArticleHtml().document(article, datetime(2026, 1, 1, tzinfo=timezone.utc), None)
    assert "<img" not in document.lower() and "<font" not in document.lower() and "<script" not in document.lower()


# --- items 8-9: hostile rows refuse themselves; nothing else breaks ------------------------------------------------
def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


json_values = st.one_of(
    st.text(max_size=10), st.integers(), st.sampled_from(["\ud800", "\udfff", "a\x01b", "x\x0by", "\x00"]),
    st.integers(40, 3000).map(lambda d: {"__deep__": d}), st.integers(4300, 6000).map(lambda d: {"__digits__": d}),
)


def _json_line(number: int, title, body) -> str:
    def encode(value):
        if isinstance(value, dict) and "__deep__" in value:
            return _deep(value["__deep__"])
        if isinstance(value, dict):
            return "9" * value["__digits__"]
        return json.dumps(value)

    return f'{{"id": "r{number}", "title": {encode(title)}, "body": {encode(body)}}}'


@FEW
@given(st.lists(st.tuples(json_values, json_values), min_size=1, max_size=8))
def test_fuzzed_hostile_json_rows_refuse_only_themselves(rows):
    lines = [_json_line(n, t, b) for n, (t, b) in enumerate(rows, start=1)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kb.jsonl"
        path.write_text("\n".join(lines), "utf-8", errors="surrogatepass")
        desk = Deskbook(None)
        try:
            report = desk.import_path(path)
            assert report.created + len(report.refused) == len(lines)
            assert all(len(r.reason) <= MAX_REASON for r in report.refused)
            for article in desk.list_articles(include_archived=True):
                stored = desk.get_article(article.id)
                assert not CONTROL.search(stored.title + stored.body)
        finally:
            desk.close()


yaml_lines = st.sampled_from([
    "a: &a [x, x, x]", "b: [*a, *a, *a]", "kind: *a", "questions: [{group: *a, text: 问}]", "title: 标题",
    "title: " + "[" * 300 + "]" * 300, "body: " + "9" * 5000, "tags: [a, b]", "x: !!python/object:os.system ls",
    "<<: *a", "&c y: z",
])


@FEW
@given(st.lists(yaml_lines, min_size=1, max_size=6))
def test_fuzzed_front_matter_never_explodes(lines):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "a.md").write_text("---\n" + "\n".join(lines) + "\n---\n正文", "utf-8")
        desk = Deskbook(None)
        started = time.monotonic()
        try:
            report = desk.import_path(root)
            assert report.created + len(report.refused) == 1
            assert all(len(r.reason) <= MAX_REASON for r in report.refused)
        finally:
            desk.close()
        assert time.monotonic() - started < 5


@FEW
@given(st.lists(st.text(st.characters(codec="utf-8"), max_size=30), min_size=1, max_size=5),
       st.integers(0, 2_000_000))
def test_fuzzed_workbooks_import_or_are_refused_by_name(titles, padding):
    from openpyxl import Workbook

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kb.xlsx"
        workbook = Workbook()
        workbook.active.append(["title"])
        cells = [CONTROL.sub("", title) or "x" for title in titles]
        for cell in cells:
            workbook.active.append([cell])
            workbook.active.cell(workbook.active.max_row, 1).data_type = "s"  # text, as typed: "=0" is no formula
        workbook.save(path)
        if padding:
            with zipfile.ZipFile(path, "a") as archive:
                archive.writestr("xl/pad.bin", b"\0" * padding)
        desk = Deskbook(None)
        try:
            report = desk.import_path(path)
            assert report.created + len(report.refused) == sum(1 for c in cells if c.strip())  # blank rows skipped
        except ImportSourceError as error:
            assert "kb.xlsx" in str(error)
        finally:
            desk.close()


# --- item 12: no formula reaches a spreadsheet -----------------------------------------------------------------------
formula_text = st.one_of(st.sampled_from(["=", "+", "-", "@", "\t", "\r"]), st.text(max_size=3)).flatmap(
    lambda start: st.text(max_size=20).map(lambda rest: start + rest))


@FEW
@given(st.lists(st.tuples(formula_text, formula_text), min_size=1, max_size=4))
def test_fuzzed_customer_data_never_becomes_a_formula(rows):
    from openpyxl import load_workbook

    from app.model.records import Request

    desk = Deskbook(None)
    with tempfile.TemporaryDirectory() as folder:
        try:
            for customer, note in rows:
                customer, note = (CONTROL.sub("", v) for v in (customer, note))
                request = desk.records.create(Request(customer=customer + ("" if customer.strip() else "客户"),
                                                      what=note + ("" if note.strip() else "问题")))
                if note.strip():
                    desk.records.add_progress(request.id, note)
            for view in ("entries", "requests"):
                xlsx, _ = desk.documents.export_tracking(Path(folder) / f"{view}.xlsx", view=view, force=True)
                assert "<f>" not in zipfile.ZipFile(xlsx).read("xl/worksheets/sheet1.xml").decode("utf-8")
                sheet = load_workbook(xlsx).active
                assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
                out, _ = desk.documents.export_tracking(Path(folder) / f"{view}.csv", view=view, force=True)
                for row in list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))[1:]:
                    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row
        finally:
            desk.close()

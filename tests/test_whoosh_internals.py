"""whoosh-reloaded is pinned and its internals are used in one module; a changed internal is an error, not a silent
slow path."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import whoosh
from whoosh.reading import SegmentReader

from app.search import ranking, whoosh_internals
from app.search.whoosh_internals import WhooshLayoutChanged
from tests.helpers import make_article

APP = Path(__file__).resolve().parent.parent / "app"

# Private names of other libraries used on purpose, each with its reason.
ALLOWED_PRIVATE = {
    ("app/documents/docx_style.py", "_element"),  # python-docx's documented escape hatch to the XML of a run/table
    ("app/documents/docx_style.py", "_p"),  # … and of a paragraph (no public API for fields, borders, bookmarks)
    # argparse's gettext hook, swapped while our parser runs so its own words are Chinese; should it ever go, the
    # words fall back to English (tests/test_cli_chinese.py notices), nothing breaks
    ("app/cli/argparse_zh.py", "_"),
}


@pytest.fixture
def kb(desk):
    for n in range(30):
        desk.create_article(make_article(f"退款到账问题{n}", f"退款申请后第{n}天仍未到账，客户询问进度和原因。"))
    desk.reindex()
    return desk


def _segment_leaves(desk):
    ranker = desk.engine.ranker()
    return [leaf for leaf, _ in ranker._leaves if isinstance(leaf, SegmentReader)]


def test_the_ranker_reads_every_posting_list_through_the_fast_path(kb, monkeypatch):
    slow = []
    monkeypatch.setattr(ranking, "_read_postings", lambda matcher: slow.append(matcher))
    results = kb.search("退款 到账 原因", log_query=False)
    assert results.total == 30
    assert slow == []  # no posting list fell back to Whoosh's matcher


def test_a_renamed_internal_is_an_error_not_a_slow_path(kb, monkeypatch):
    leaf = _segment_leaves(kb)[0]
    monkeypatch.delattr(leaf, "_terms")
    with pytest.raises(WhooshLayoutChanged, match="_terms"):
        whoosh_internals.term_postings(leaf, "words", "退款".encode())
    monkeypatch.delattr(leaf, "_perdoc")
    with pytest.raises(WhooshLayoutChanged, match="_perdoc"):
        whoosh_internals.length_bytes(leaf, "words")


def test_another_whoosh_version_is_refused(monkeypatch):
    monkeypatch.setattr(whoosh, "__version__", (3, 0, 0))
    with pytest.raises(WhooshLayoutChanged, match="2.7.5"):
        whoosh_internals.check_version()


def test_the_pin_in_pyproject_is_exact():
    pyproject = (APP.parent / "pyproject.toml").read_text("utf-8")
    assert '"whoosh-reloaded==2.7.5"' in pyproject


def _private_uses(path: Path) -> set[str]:
    """Private attributes reached on anything but self/cls, and getattr() of private names."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue
            if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super":
                continue
            found.add(node.attr)
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "hasattr")
                and len(node.args) > 1 and isinstance(node.args[1], ast.Constant)
                and str(node.args[1].value).startswith("_") and not str(node.args[1].value).startswith("__")):
            found.add(str(node.args[1].value))
    return found


def _imports_whoosh(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "whoosh":
            return True
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "whoosh" for a in node.names):
            return True
    return False


def test_no_module_but_whoosh_internals_reaches_into_whoosh():
    users = [p for p in sorted((APP / "search").glob("*.py")) if _imports_whoosh(p)]
    assert len(users) >= 6  # the check looks at the modules that matter
    offending = {
        str(p.relative_to(APP.parent)): sorted(_private_uses(p))
        for p in users
        if p.name != "whoosh_internals.py" and _private_uses(p)
    }
    assert offending == {}


def test_the_core_reaches_into_no_other_library():
    offending = {}
    for path in sorted(APP.rglob("*.py")):
        relative = str(path.relative_to(APP.parent))
        if relative.startswith("app/ui/") or relative == "app/search/whoosh_internals.py":
            continue
        uses = {name for name in _private_uses(path) if (relative, name) not in ALLOWED_PRIVATE}
        uses.discard("_SubParsersAction")  # argparse's type for add_subparsers' result, used in annotations
        if uses:
            offending[relative] = sorted(uses)
    assert offending == {}

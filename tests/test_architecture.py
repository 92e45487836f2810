"""The structure the code promises (docs/ARCHITECTURE.md), checked so a wrong arrow or a sprawling module fails CI.

import-linter checks the layer contracts in pyproject.toml (run by ``./dev.sh test``); these tests check what it
cannot: no import cycle at all (type-only imports included), every module placed in a layer, size limits, and
the front ends reaching storage only through the facade.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _sources() -> list[Path]:
    return sorted(p for p in APP.rglob("*.py"))


@pytest.fixture(scope="module")
def graph():
    sys.path.insert(0, str(ROOT))
    return grimp.build_graph("app", include_external_packages=False)


def _cycles(graph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_import_graph_has_no_cycle_even_counting_type_only_imports(graph):
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    class Toy:
        modules = {"a", "b", "c"}
        edges = {"a": {"b"}, "b": {"a"}, "c": {"a"}}

        def find_modules_directly_imported_by(self, module):
            return self.edges[module]

    assert _cycles(Toy()) == [["a", "b"]]


def _layered_modules() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    layers = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")["layers"]
    return {name.strip(" ()") for layer in layers for name in re.split(r"[|:]", layer)}


def test_every_part_of_the_app_has_a_place_in_the_layers():
    parts = {f"app.{p.stem}" for p in APP.glob("*.py") if p.stem != "__init__"}
    parts |= {f"app.{p.name}" for p in APP.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert parts - _layered_modules() == set()


def test_no_module_is_longer_than_the_limit():
    long = {str(p.relative_to(ROOT)) for p in _sources() if len(p.read_text("utf-8").splitlines()) > MAX_MODULE_LINES}
    assert long == set()


def test_no_function_is_longer_than_the_limit():
    long = {}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.name}"] = length
    assert long == {}


# The facade's repositories stay public for tests and benchmarks; the front ends use its methods instead.
STORE_ATTRIBUTES = re.compile(r"\bdesk\.(articles|queries|db|journal|search_log|synonym_repo|lifecycle|index|engine)\b")


@pytest.mark.parametrize("front_end", ["ui", "cli"])
def test_the_front_ends_reach_storage_only_through_the_facade(front_end):
    offending = [
        f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
        for p in sorted((APP / front_end).rglob("*.py"))
        for n, line in enumerate(p.read_text("utf-8").splitlines(), start=1)
        if STORE_ATTRIBUTES.search(line)
    ]
    assert offending == []

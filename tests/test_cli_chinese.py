"""The deskbook command speaks Chinese: every subcommand's --help, argparse's own words, and what the usual commands
print on success and on error. Machine-readable output (JSON) is left as it is and not read here.

What may stay in Latin letters is what the user types or reads as a name, never an English sentence:
- the command's own words, taken from the parser: subcommand and option names, the values of ``choices``
  (``deskbook search --kind case``);
- names of formats, products and protocols (JSONL, Excel, Git, HTTPS …) and a few keys the user writes in a JSON or
  settings file (listed below);
- data: file names and paths, URLs, environment variables, the demo knowledge base's own text.
"""

from __future__ import annotations

import argparse
import ast
import json
import pathlib
import re

import pytest

from app.cli import build_parser, main
from app.importers.records import _ALIASES as COLUMN_ALIASES
from app.model.records import RequestStatus
from app.records.intake import KEY_ALIASES
from app.services import Deskbook
from tests.conftest import FakeClock
from tests.helpers import data_words

FORMATS_AND_NAMES = {
    "deskbook", "jsonl", "json", "csv", "xlsx", "docx", "pdf", "markdown", "yaml", "excel", "word", "linux",
    "windows", "git", "https", "http", "ssh", "utf", "bom", "iso", "pin", "spin", "what", "when", "where", "why",
    "how", "who",  # 5W1H: the method's own names, as on the 客户需求记录表
    "ctrl", "yyyy",  # a key as printed on the keyboard; the date pattern YYYY-MM-DD
}
# Keys and codes the user writes in a file or types as a value: the import's columns and their parts, a request's
# JSON (request add), the plan's JSON (request plan), settings.json, the update location's latest.json, a model
# folder's config.json and its tensors' names, a backup's manifest, the request statuses, what a reply script's
# template may not use (tojson, translate); a pip extra and the packages it brings; the backups folder.
FILE_KEYS = ({key for key in KEY_ALIASES if key.isascii()} | set(COLUMN_ALIASES) | {s.value for s in RequestStatus}
             | {"said", "standard", "text", "statement", "cause", "steps", "fallback", "action", "due_at",
                "model_download", "update_source", "pooling", "mean", "max_length", "input_ids", "attention_mask",
                "version", "file", "migrations", "tojson", "translate", "meaning", "onnxruntime", "tokenizers",
                "backups"})
_DATA = re.compile(
    r"(?:https?|file)://\S+"  # URLs
    r"|\S+@\S+\.\w+"  # e-mail addresses
    r"|(?:[A-Za-z]:)?[~.]?[\\/][^\s，。；：（）、“”]*"  # paths
    r"|[\w.-]+\.(?:git|md|jsonl|json|csv|xlsx|docx|pdf|zip|onnx|sqlite3|example)\b"  # file names
    r"|\$?\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b"  # environment variables
    r"|--?[a-z][\w-]*"  # options as typed
)
_WORD = re.compile(r"[A-Za-z]{4,}")


def _walk(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command path, parser) for the parser and every subcommand below it."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _walk(child, (*path, name))


def _split(words: set[str]) -> set[str]:
    return {part.lower() for word in words for part in re.split(r"[-_]", word) if part}


def _typed_words(parser: argparse.ArgumentParser) -> set[str]:
    words: set[str] = set()
    for path, command in _walk(parser):
        words.update(path)
        for action in command._actions:
            words.update(s.lstrip("-") for s in action.option_strings)
            words.update(str(c) for c in action.choices or [] if isinstance(c, str))
    return _split(words)


PARSER = build_parser()
ALLOWED = _typed_words(PARSER) | FORMATS_AND_NAMES | _split(FILE_KEYS)
COMMANDS = [path for path, _ in _walk(PARSER)]


def english(text: str, data: frozenset[str] = frozenset()) -> list[str]:
    text = _DATA.sub(" ", text)
    return [w for w in _WORD.findall(text) if w.lower() not in ALLOWED and w not in data]


def test_the_checker_finds_english():
    assert english("3 found in 2.0 ms (index is being rebuilt: simple matching)") == [
        "found", "index", "being", "rebuilt", "simple", "matching"]
    assert english("用法：deskbook search [--kind {case,script,handbook}] 查询词 /tmp/a.json $DESKBOOK_DATA_DIR") == []
    assert len(COMMANDS) > 50  # every subcommand, nested ones included


@pytest.mark.parametrize("command", COMMANDS, ids=lambda path: " ".join(path) or "deskbook")
def test_every_help_is_chinese(capsys, command):
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0 and out.startswith("用法：")
    assert english(out) == [], out


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    """A data directory with the demo knowledge base and its index, as after the first start."""
    root = tmp_path_factory.mktemp("cli-zh") / "data"
    desk = Deskbook.open(root, seed_demo=True, clock=FakeClock())
    desk.prepare_index()
    desk.reindex()
    desk.close()
    return root


@pytest.fixture(scope="module")
def demo_words(demo_dir) -> frozenset[str]:
    desk = Deskbook.open(demo_dir)
    try:  # the ids too: listings show their first characters (30c9bbee), which may be all letters (aeadacef)
        ids = [s.id for s in desk.list_articles()] + [r.id for r in desk.records.list()]
        return data_words(desk) | frozenset(_WORD.findall(" ".join(ids)))
    finally:
        desk.close()


def run(capsys, root, *argv) -> tuple[int, str]:
    """The exit code and everything printed."""
    try:
        code = main(["--data-dir", str(root), *argv])
    except SystemExit as exit_:  # argparse's errors
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out + err


def typed(argv) -> frozenset[str]:
    """The user's own words (a query, a wrong value), which the command may echo back."""
    return frozenset(_WORD.findall(" ".join(argv)))


def _request_code(capsys, root) -> str:
    _code, out = run(capsys, root, "request", "list")
    return re.search(r"XQ-\d{8}-\d{3}", out)[0]


SUCCESSES = [
    ("search", "退款"), ("search", "退款 到账", "--kind", "case"), ("search", "鑫鑫鑫鑫"), ("search", "tuikuan"),
    ("show", "demo-case-003"), ("show", "demo-script-004"), ("show", "demo-handbook-002"), ("due",),
    ("due", "--at", "2099-01-01T09:00"), ("history", "demo-case-003"), ("history", "demo-case-003", "--diff", "1"),
    ("review-days",), ("analytics",), ("duplicates",), ("synonyms", "list"), ("request", "list"), ("role",),
    ("edits", "list"), ("team", "status"), ("team", "proposals"), ("team", "conflicts"), ("model", "status"),
    ("suggestions", "list"), ("reindex",),
]
ERRORS = [
    ("show", "nope"), ("search",), ("search", "x", "--limit", "0"), ("search", "x", "--limit", "many"),
    ("search", "x", "--kind", "faq"), ("nosuch",), ("export", "letter"), ("request", "show", "XQ-0"),
    ("request", "status", "{code}", "bogus"), ("request", "progress", "{code}", "推迟", "--state", "延迟"),
    ("request", "progress", "{code}", " "), ("request", "feedback", "{code}"), ("request", "case", "{code}"),
    ("request", "add", "{tmp}/missing.json"), ("request", "add", "{tmp}/bad.json"),
    ("request", "add", "{tmp}/empty.json"), ("request", "plan", "{code}", "{tmp}/plan.json"),
    ("export", "tracking", "--format", "csv", "--out", "{tmp}/t.csv", "--from", "2026-13-01"),
    ("export", "tracking", "--format", "csv", "--out", "{tmp}/t.csv", "--status", "bogus"),
    ("export", "pack", "--format", "pdf", "--out", "{tmp}/p.pdf", "--tag", "没有这个标签"),
    ("export", "markdown", "--out", "{tmp}/not-empty"), ("report", "--format", "json", "--from", "2026-02-30"),
    ("report", "--format", "json", "--from", "2026-03-10", "--to", "2026-03-01"),
    ("restore", "{tmp}/garbage.zip"), ("restore", "{tmp}/nothing.zip"), ("import", "{tmp}/missing.csv"),
    ("snooze", "nothing-like-this"), ("review-days", "case"), ("review-days", "case", "0"),
    ("synonyms", "add", "退款"), ("synonyms", "remove", "没有这个词"), ("verify", "nope"),
    ("team", "resolve", "abc"), ("team", "accept", "abc"), ("team", "pull"), ("role", "owner", "--pin", "12"),
    ("edits", "accept", "abc"), ("suggestions", "accept"), ("check-update", "--source", "{tmp}/updates"),
    ("due", "--at", "yesterday"), ("demo",), ("model", "embed"),
]


@pytest.fixture
def files(tmp_path):
    (tmp_path / "bad.json").write_text('{"customer": ', "utf-8")
    (tmp_path / "empty.json").write_text(json.dumps({"priority": "很急"}, ensure_ascii=False), "utf-8")
    (tmp_path / "plan.json").write_text(json.dumps({"steps": [{"owner": "张敏"}], "note": "x"}), "utf-8")
    (tmp_path / "garbage.zip").write_bytes(b"this is not a zip file")
    (tmp_path / "not-empty").mkdir()
    (tmp_path / "not-empty" / "mine.txt").write_text("x", "utf-8")
    (tmp_path / "updates").mkdir()
    return tmp_path


@pytest.mark.parametrize("argv", SUCCESSES, ids=" ".join)
def test_commands_print_chinese(capsys, demo_dir, demo_words, argv):
    code, said = run(capsys, demo_dir, *argv)
    assert code == 0, said
    assert english(said, demo_words | typed(argv)) == [], said


@pytest.mark.parametrize("argv", ERRORS, ids=" ".join)
def test_errors_are_chinese(capsys, demo_dir, demo_words, files, argv):
    request = _request_code(capsys, demo_dir)
    argv = [a.replace("{code}", request).replace("{tmp}", str(files)) for a in argv]
    code, said = run(capsys, demo_dir, *argv)
    assert code != 0 and said.strip(), said
    assert "Traceback" not in said
    assert english(said, demo_words | typed(argv)) == [], said


def test_an_unreadable_data_directory_is_said_in_chinese(capsys, tmp_path):
    root = tmp_path / "data"
    root.mkdir()
    (root / "deskbook.sqlite3").write_bytes(b"not a database at all" * 100)
    code, said = run(capsys, root, "show", "x")
    assert code != 0 and "Traceback" not in said
    assert english(said) == [], said


# Exceptions that say what went wrong inside the program (a library's layout, a task name), never about the
# user's input or files: they reach a user only as the "unexpected error" line, which points to the log.
INTERNAL = {"app/search/whoosh_internals.py", "app/search/bulk.py", "app/search/hybrid.py",
            "app/templates/isolated.py"}


def _literal(node: ast.AST) -> str:
    """The literal text of a message (f-string holes and joined parts left out)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(_literal(value) for value in node.values)
    if isinstance(node, ast.BinOp):
        return _literal(node.left) + " " + _literal(node.right)
    return ""


def test_the_cores_error_messages_are_chinese():
    """Every ``raise SomeError("…")`` outside the UI: what the CLI prints and the GUI shows for a refusal."""
    english_raises = []
    for path in sorted(pathlib.Path("app").rglob("*.py")):
        if path.parts[1] == "ui" or path.as_posix() in INTERNAL:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                text = " ".join(_literal(arg) for arg in node.exc.args)
                if english(text):
                    english_raises.append(f"{path}:{node.lineno}: {text[:80]}")
    assert len(english_raises) == 0, "\n".join(english_raises)


def test_help_columns_line_up_as_a_terminal_shows_chinese(capsys):
    """A Chinese character takes two terminal columns; argparse counts it as one and pushed the help text right."""
    import unicodedata

    def columns(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    for argv in (["export", "letter", "--help"], ["search", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        starts = set()
        for line in capsys.readouterr().out.splitlines():
            found = re.match(r"^( +\S(?:.*?\S)?)( {2,})(\S.*)$", line)
            if found:
                starts.add(columns(found.group(1) + found.group(2)))
        assert len(starts) == 1, (argv, starts)  # one help column, wherever the invocation has 文件 or 编号

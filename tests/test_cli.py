"""The deskbook command against a real data directory (run in-process through app.cli.main)."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from tests.helpers import write_jsonl


@pytest.fixture
def data_dir(tmp_path):
    return str(tmp_path / "data")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_twice_then_search_batch(capsys, data_dir, tmp_path):
    kb = write_jsonl(tmp_path / "kb.jsonl", [
        {"id": f"k{i}", "title": title} for i, title in enumerate(["花呗怎么还款", "借呗额度怎么提升", "余额宝收益"])
    ])
    code, out, _ = run(capsys, "--data-dir", data_dir, "import", str(kb))
    assert code == 0 and "新建 3 篇，更新 0 篇，拒绝 0 条" in out
    code, out, _ = run(capsys, "--data-dir", data_dir, "import", str(kb))
    assert code == 0 and "新建 0 篇，更新 3 篇" in out
    queries = tmp_path / "q.txt"
    queries.write_text("花呗还款\n\n借呗额度\n不存在的东西\n", "utf-8")
    code, out, _ = run(capsys, "--data-dir", data_dir, "search", "--batch", str(queries), "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [line["query"] for line in lines] == ["花呗还款", "借呗额度", "不存在的东西"]
    assert lines[0]["hits"][0]["external_id"] == "k0"
    assert set(lines[0]["hits"][0]) == {"id", "external_id", "kind", "title", "score"}
    assert isinstance(lines[0]["took_ms"], float)
    assert lines[2]["hits"] == []


def test_import_exit_code_only_fails_when_nothing_imported(capsys, data_dir, tmp_path):
    bad = write_jsonl(tmp_path / "bad.jsonl", ['{"title": ', {"body": "no title"}])
    code, out, err = run(capsys, "--data-dir", data_dir, "import", str(bad))
    assert code == 1 and "第 1 行：不是有效的 JSON" in err and "第 2 行：缺少标题" in err
    mixed = write_jsonl(tmp_path / "mixed.jsonl", ['{"title": ', {"title": "好的一行"}])
    code, out, err = run(capsys, "--data-dir", data_dir, "import", str(mixed))
    assert code == 0 and "新建 1 篇" in out and "第 1 行" in err
    code, _, err = run(capsys, "--data-dir", data_dir, "import", str(tmp_path / "missing.csv"))
    assert code == 1 and "没有这个文件" in err


def test_search_filters_show_and_json(capsys, data_dir, tmp_path):
    kb = write_jsonl(tmp_path / "kb.jsonl", [
        {"id": "s1", "kind": "script", "title": "退款进度答复", "reply": "{{ 客户姓名 }}您好", "tags": ["退款"]},
        {"id": "c1", "kind": "case", "title": "退款未到账", "cause": "银行处理中", "group": "财务组"},
    ])
    run(capsys, "--data-dir", data_dir, "import", str(kb))
    code, out, _ = run(capsys, "--data-dir", data_dir, "search", "退款", "--kind", "case", "--json")
    assert [h["external_id"] for h in json.loads(out)["hits"]] == ["c1"]
    code, out, _ = run(capsys, "--data-dir", data_dir, "search", "退款", "--group", "财务组")
    assert "退款未到账" in out and "退款进度答复" not in out
    code, out, _ = run(capsys, "--data-dir", data_dir, "show", "c1")
    assert code == 0 and "退款未到账" in out and "银行处理中" in out
    code, out, _ = run(capsys, "--data-dir", data_dir, "show", "s1", "--json")
    assert json.loads(out)["fields"]["reply"] == "{{ 客户姓名 }}您好"
    code, _, err = run(capsys, "--data-dir", data_dir, "show", "nope")
    assert code == 1 and "找不到文章“nope”" in err


def test_reindex_and_due(capsys, data_dir, tmp_path):
    kb = write_jsonl(tmp_path / "kb.jsonl", [{"id": "c1", "title": "密码重置"}])
    run(capsys, "--data-dir", data_dir, "import", str(kb))
    code, out, _ = run(capsys, "--data-dir", data_dir, "reindex")
    assert code == 0 and "已为 1 篇文章建立索引" in out
    code, out, _ = run(capsys, "--data-dir", data_dir, "due")
    assert out.strip() == "没有到期的事项"
    code, out, _ = run(capsys, "--data-dir", data_dir, "due", "--at", "2099-01-01T00:00", "--json")
    items = [json.loads(line) for line in out.splitlines()]
    assert [(i["kind"], i["title"]) for i in items] == [("review", "密码重置")]
    code, _, err = run(capsys, "--data-dir", data_dir, "due", "--at", "tomorrow")
    assert code == 2 and "不是 ISO 格式" in err


def test_demo_seeds_once(capsys, data_dir):
    code, out, _ = run(capsys, "--data-dir", data_dir, "demo")
    assert code == 0 and "拒绝 0 条" in out
    code, _, err = run(capsys, "--data-dir", data_dir, "demo")
    assert code == 1 and "不是空的" in err


def test_synonyms_cli(capsys, data_dir):
    code, out, _ = run(capsys, "--data-dir", data_dir, "synonyms", "add", "退款", "退钱", "返款")
    assert out.strip() == "退款 = 退钱 = 返款"
    code, out, _ = run(capsys, "--data-dir", data_dir, "synonyms", "list")
    assert out.strip() == "退款 = 退钱 = 返款"
    code, _, err = run(capsys, "--data-dir", data_dir, "synonyms", "remove", "没有")
    assert code == 1


def test_data_dir_from_environment(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DESKBOOK_DATA_DIR", str(tmp_path / "env-data"))
    run(capsys, "demo")
    assert (tmp_path / "env-data" / "deskbook.sqlite3").exists()


def test_search_prints_did_you_mean(capsys, data_dir, tmp_path):
    kb = write_jsonl(tmp_path / "kb.jsonl", [{"id": "r1", "title": "退款多久到账"}, {"id": "r2", "title": "退款被拒绝"}])
    run(capsys, "--data-dir", data_dir, "import", str(kb))
    code, out, _ = run(capsys, "--data-dir", data_dir, "search", "推款")
    assert code == 0 and "您是不是要找：退款" in out
    code, out, _ = run(capsys, "--data-dir", data_dir, "search", "推款", "--json")
    assert json.loads(out)["suggestion"] == "退款"


def test_every_parser_built_in_a_process_has_its_own_export_subcommands():
    from app.cli import build_parser

    # A parser built after an earlier one was collected used to get that one's export table back (same id()).
    for _ in range(200):
        parser = build_parser()
        assert parser.parse_args(["export", "markdown", "--out", "x"]).export_kind == "markdown"

"""``deskbook team …`` in-process against real data directories and a local library."""

from __future__ import annotations

import io
import json

import pytest

from app.cli import main
from app.team.gitrepo import init_bare

pytestmark = pytest.mark.timeout(120)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_demo_makes_two_desks_that_share_a_library(capsys, tmp_path):
    code, out, _ = run(capsys, "team", "demo", str(tmp_path / "demo"))
    assert code == 0 and "deskbook --data-dir" in out
    owner, agent = str(tmp_path / "demo" / "owner"), str(tmp_path / "demo" / "agent")
    code, out, _ = run(capsys, "--data-dir", agent, "team", "status")
    assert code == 0 and out.startswith("团队库：已同步")
    _, owner_hits, _ = run(capsys, "--data-dir", owner, "search", "退款", "--json", "--limit", "50")
    _, agent_hits, _ = run(capsys, "--data-dir", agent, "search", "退款", "--json", "--limit", "50")
    ids = [sorted(hit["id"] for hit in json.loads(out)["hits"]) for out in (owner_hits, agent_hits)]
    assert ids[0] == ids[1] and len(ids[0]) > 5
    code, _, err = run(capsys, "team", "demo", str(tmp_path / "demo"))
    assert code == 1 and "已存在且不为空" in err


def test_propose_accept_and_see_the_outcome_from_the_command_line(capsys, tmp_path):
    library = tmp_path / "share" / "team.git"
    code, out, _ = run(capsys, "team", "init", str(library))
    assert code == 0 and "已创建空的团队库" in out
    assert run(capsys, "team", "init", str(library))[0] == 1
    owner, agent = str(tmp_path / "owner"), str(tmp_path / "agent")
    assert run(capsys, "--data-dir", owner, "team", "connect", str(library))[0] == 0
    assert run(capsys, "--data-dir", agent, "team", "connect", str(library))[0] == 0
    draft = tmp_path / "draft.jsonl"
    draft.write_text(json.dumps({"id": "c1", "title": "会员自动续费如何关闭", "status": "draft",
                                 "body": "我的-设置-自动续费"}, ensure_ascii=False), "utf-8")
    run(capsys, "--data-dir", agent, "import", str(draft))
    code, out, _ = run(capsys, "--data-dir", agent, "team", "propose", "c1", "--note", "客户常问")
    assert code == 0 and "已提交给知识库负责人" in out
    run(capsys, "--data-dir", owner, "team", "pull")
    code, out, _ = run(capsys, "--data-dir", owner, "team", "proposals", "--json")
    [proposal] = json.loads(out)
    assert (proposal["title"], proposal["author"], proposal["note"]) == ("会员自动续费如何关闭", "", "客户常问")
    code, out, _ = run(capsys, "--data-dir", owner, "team", "accept", proposal["id"][:8])
    assert code == 0 and "已发布到团队库" in out
    run(capsys, "--data-dir", agent, "team", "pull")
    code, out, _ = run(capsys, "--data-dir", agent, "team", "proposals", "--mine")
    assert "已采纳" in out
    code, out, _ = run(capsys, "--data-dir", agent, "search", "自动续费")
    assert "会员自动续费如何关闭" in out


def test_a_conflict_is_listed_with_both_texts_and_resolved(capsys, tmp_path):
    library = tmp_path / "team.git"
    init_bare(library)
    a, b = str(tmp_path / "a"), str(tmp_path / "b")
    row = tmp_path / "row.jsonl"
    row.write_text(json.dumps({"id": "r1", "title": "退款时效", "body": "3个工作日"}, ensure_ascii=False), "utf-8")
    run(capsys, "--data-dir", a, "import", str(row))
    run(capsys, "--data-dir", a, "team", "connect", str(library))
    run(capsys, "--data-dir", a, "team", "publish", "--local")
    run(capsys, "--data-dir", b, "team", "connect", str(library))
    for data, body in ((a, "5个工作日"), (b, "7个工作日")):
        row.write_text(json.dumps({"id": "r1", "title": "退款时效", "body": body}, ensure_ascii=False), "utf-8")
        run(capsys, "--data-dir", data, "import", str(row))
    assert run(capsys, "--data-dir", b, "team", "publish")[0] == 0
    code, out, _ = run(capsys, "--data-dir", a, "team", "publish")
    assert "有未解决的冲突" in out
    code, out, _ = run(capsys, "--data-dir", a, "team", "conflicts")
    assert "本机：5个工作日" in out and "团队库：7个工作日" in out
    conflict = out.split()[0]
    code, _, err = run(capsys, "--data-dir", a, "team", "resolve", conflict)
    assert code == 1 and "请为每个冲突字段选择一方" in err
    code, out, _ = run(capsys, "--data-dir", a, "team", "resolve", conflict, "--field", "body=ours")
    assert code == 0 and "两边的版本都保留在历史中" in out
    code, out, _ = run(capsys, "--data-dir", a, "team", "publish")  # an agent's desk publishes when asked
    assert code == 0 and "已发布 1 篇" in out
    run(capsys, "--data-dir", b, "team", "pull")
    code, out, _ = run(capsys, "--data-dir", b, "show", "r1")
    assert "5个工作日" in out


def test_commands_before_connecting_and_with_an_unreachable_library_explain_themselves(capsys, tmp_path, monkeypatch):
    data = str(tmp_path / "data")
    code, _, err = run(capsys, "--data-dir", data, "team", "pull")
    assert code == 4 and "还没有连接团队库" in err and "Traceback" not in err
    code, _, err = run(capsys, "--data-dir", data, "team", "connect", str(tmp_path / "missing.git"))
    assert code == 4 and "无法连接团队库" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("secret-token\n"))
    library = tmp_path / "team.git"
    init_bare(library)
    code, out, _ = run(capsys, "--data-dir", data, "team", "connect", str(library), "--token-stdin")
    assert code == 0 and "访问令牌保存在" in out
    assert "secret-token" not in (tmp_path / "data" / "settings.json").read_text("utf-8")

"""The curation subcommands on a real data directory: the "done when" of the issue from the command line."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

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


def test_demo_articles_are_due_100_days_later(capsys, data_dir):
    assert run(capsys, "--data-dir", data_dir, "demo")[0] == 0
    at = (datetime.now(timezone.utc) + timedelta(days=100)).strftime("%Y-%m-%dT%H:%M")
    code, out, _ = run(capsys, "--data-dir", data_dir, "due", "--at", at, "--json")
    reviews = [json.loads(line) for line in out.splitlines() if json.loads(line)["kind"] == "review"]
    code2, shown, _ = run(capsys, "--data-dir", data_dir, "search", "退款", "--status", "published", "--json")
    assert code == 0 and len(reviews) > 20
    assert {h["id"] for h in json.loads(shown)["hits"]} <= {r["subject_id"] for r in reviews}


def test_export_edit_history_restore_verify_snooze(capsys, data_dir, tmp_path):
    kb = write_jsonl(tmp_path / "kb.jsonl", [
        {"id": "c1", "title": "退款/到账：多久？", "body": "一般7天内到账", "cause": "银行处理"},
        {"id": "s1", "title": "确认话术", "kind": "script", "reply": "您好", "variants": {"正式": "尊敬的客户"}},
    ])
    run(capsys, "--data-dir", data_dir, "import", str(kb))
    out_dir = tmp_path / "导出"
    code, out, _ = run(capsys, "--data-dir", data_dir, "export", "markdown", "--out", str(out_dir))
    assert code == 0 and "已导出 2 篇文章" in out
    assert (out_dir / "案例" / "退款_到账：多久？.md").exists()
    code, _, err = run(capsys, "--data-dir", data_dir, "export", "markdown", "--out", str(out_dir))
    assert code == 1 and "--force" in err
    # edit the exported file, re-import it: an update with a version, then a character-level history diff
    path = out_dir / "案例" / "退款_到账：多久？.md"
    path.write_text(path.read_text("utf-8").replace("一般7天内到账", "一般3天内到账"), "utf-8")
    code, out, _ = run(capsys, "--data-dir", data_dir, "import", str(out_dir))
    assert code == 0 and "新建 0 篇，更新 2 篇" in out
    code, out, _ = run(capsys, "--data-dir", data_dir, "history", "c1")
    assert code == 0 and out.splitlines()[0].startswith("v2") and "重新导入" in out
    code, out, _ = run(capsys, "--data-dir", data_dir, "history", "c1", "--diff", "1")
    assert "一般[-7-]{+3+}天内到账" in out
    code, out, _ = run(capsys, "--data-dir", data_dir, "history", "c1", "--restore", "1")
    assert code == 0 and "恢复为第 3 版" in out
    code, out, _ = run(capsys, "--data-dir", data_dir, "show", "c1", "--json")
    assert json.loads(out)["body"] == "一般7天内到账"
    code, out, _ = run(capsys, "--data-dir", data_dir, "verify", "c1", "--by", "王")
    assert code == 0 and "已确认“退款/到账：多久？”" in out

    at = (datetime.now(timezone.utc) + timedelta(days=91)).strftime("%Y-%m-%dT%H:%M")
    _, out, _ = run(capsys, "--data-dir", data_dir, "due", "--at", at, "--json")
    assert {json.loads(line)["subject_id"][:2] for line in out.splitlines()} != set()
    code, out, _ = run(capsys, "--data-dir", data_dir, "duplicates")
    assert code == 0
    code, out, _ = run(capsys, "--data-dir", data_dir, "analytics", "--csv", str(tmp_path / "a.csv"))
    assert code == 0 and (tmp_path / "a.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_snooze_and_dismiss_from_the_command_line(capsys, data_dir, tmp_path):
    kb = write_jsonl(tmp_path / "kb.jsonl", [{"id": "old", "title": "很久没复核", "review_interval_days": 1}])
    run(capsys, "--data-dir", data_dir, "import", str(kb))
    at = (datetime.now(timezone.utc) + timedelta(days=2)).isoformat()
    code, out, err = run(capsys, "--data-dir", data_dir, "snooze", "old")
    assert code == 1 and "没有与" in err and "到期提醒" in err  # not due yet: nothing to snooze
    from app.services import Deskbook

    desk = Deskbook(tmp_path / "data", clock=lambda: datetime.now(timezone.utc) + timedelta(days=2))
    [item] = desk.due()
    desk.close()
    code, out, _ = run(capsys, "--data-dir", data_dir, "due", "--at", at, "--json")
    assert json.loads(out)["key"] == item.key
    code, out, _ = run(capsys, "--data-dir", data_dir, "snooze", item.key, "--until", at)
    assert code == 0 and "已暂缓" in out
    _, out, _ = run(capsys, "--data-dir", data_dir, "due", "--at", at)
    assert "很久没复核" in out  # the snooze ended exactly at that time
    earlier = (datetime.now(timezone.utc) + timedelta(days=1, hours=23)).isoformat()
    _, out, _ = run(capsys, "--data-dir", data_dir, "due", "--at", earlier)
    assert "很久没复核" not in out


def test_review_days_per_kind(capsys, data_dir, tmp_path):
    kb = write_jsonl(tmp_path / "kb.jsonl", [{"id": "s", "title": "话术一", "kind": "script"}])
    run(capsys, "--data-dir", data_dir, "import", str(kb))
    code, out, _ = run(capsys, "--data-dir", data_dir, "review-days", "script", "30", "--apply")
    assert code == 0 and "1 篇文章改为每 30 天复核" in out and "话术（script）：30 天" in out
    code, out, _ = run(capsys, "--data-dir", data_dir, "review-days")
    assert "话术（script）：30 天" in out and "案例（case）：90 天" in out  # saved in the data directory's settings
    code, out, _ = run(capsys, "--data-dir", data_dir, "show", "s", "--json")
    assert json.loads(out)["review_interval_days"] == 30
    assert run(capsys, "--data-dir", data_dir, "review-days", "script")[0] == 2

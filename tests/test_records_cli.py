"""``deskbook request …`` and ``deskbook export letter|tracking|pack`` end to end on a data directory."""

from __future__ import annotations

import json

import pytest
from docx import Document
from openpyxl import load_workbook

from app.cli import main
from tests.pdf_text import pdf_text


@pytest.fixture
def data_dir(tmp_path):
    return str(tmp_path / "data")


def run(data_dir, *args):
    return main(["--data-dir", data_dir, *args])


def _write(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


REQUEST = {
    "customer": "孙先生", "company": "远航物流", "contact": "186 0000 1111", "channel": "电话",
    "what": "小程序支付页面一直转圈无法付款", "when": "今天上午10点起", "where": "微信小程序",
    "who": "所有门店收银员", "why": "可能是支付通道维护", "how": "1小时内恢复支付", "priority": "紧急",
    "assignee": "张敏", "group": "技术故障组",
}


def test_add_list_show_plan_progress_and_export(data_dir, tmp_path, capsys):
    assert run(data_dir, "request", "add", str(_write(tmp_path / "r.json", REQUEST)), "--json") == 0
    added = json.loads(capsys.readouterr().out)
    assert added["code"].startswith("XQ-") and added["priority"] == "紧急" and added["status"] == "open"
    plan = {"statement": "客户小程序支付页持续加载，无法完成支付", "cause": "支付网关证书过期",
            "steps": [{"action": "更新支付网关证书", "owner": "技术支持 刘洋", "due_at": "2026-11-22T16:00"},
                      {"action": "回访客户确认可以支付", "owner": "客服 张敏"}],
            "fallback": "引导客户暂时使用App支付"}
    assert run(data_dir, "request", "plan", added["code"], str(_write(tmp_path / "p.json", plan))) == 0
    assert run(data_dir, "request", "progress", added["id"][:8], "证书已更新，测试中") == 0
    assert run(data_dir, "request", "progress", added["code"], "上线推迟", "--state", "延迟") == 2
    assert "延迟需要填写原因" in capsys.readouterr().err
    assert run(data_dir, "request", "progress", added["code"], "上线推迟", "--state", "延迟", "--reason", "需要运维审批",
               "--new-deadline", "2026-11-22T18:00") == 0
    capsys.readouterr()
    assert run(data_dir, "request", "show", added["code"], "--json") == 0
    shown = json.loads(capsys.readouterr().out)
    assert [s["action"] for s in shown["plan"]["steps"]] == ["更新支付网关证书", "回访客户确认可以支付"]
    assert [e["state"] for e in shown["progress"]] == ["进行中", "延迟"]
    assert shown["status"] == "in_progress"
    assert run(data_dir, "request", "show", added["code"]) == 0
    text = capsys.readouterr().out
    assert "小程序支付页面一直转圈无法付款" in text and "替代方案：引导客户暂时使用App支付" in text
    assert run(data_dir, "request", "list", "--json") == 0
    assert [json.loads(line)["code"] for line in capsys.readouterr().out.splitlines()] == [added["code"]]

    letter = tmp_path / "letter.docx"
    assert run(data_dir, "export", "letter", added["code"], "--format", "docx", "--out", str(letter)) == 0
    assert any("支付网关证书过期" in p.text for p in Document(str(letter)).paragraphs)
    assert run(data_dir, "export", "letter", added["code"], "--format", "docx", "--out", str(letter)) == 1
    assert "--force" in capsys.readouterr().err
    assert run(data_dir, "export", "letter", added["code"], "--format", "docx", "--out", str(letter), "--force") == 0
    pdf = tmp_path / "letter.pdf"
    assert run(data_dir, "export", "letter", added["code"], "--format", "pdf", "--out", str(pdf)) == 0
    assert "更新支付网关证书" in pdf_text(pdf)

    sheet = tmp_path / "t.xlsx"
    assert run(data_dir, "export", "tracking", "--format", "xlsx", "--out", str(sheet), "--status", "延迟") == 0
    rows = list(load_workbook(sheet).active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and "延迟" in rows[0]
    csv_path = tmp_path / "t.csv"
    assert run(data_dir, "export", "tracking", "--format", "csv", "--view", "requests", "--out", str(csv_path),
               "--from", "2000-01-01", "--to", "2999-12-31") == 0
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert run(data_dir, "export", "tracking", "--format", "csv", "--out", str(tmp_path / "x.csv"), "--from", "昨天") == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_add_refuses_bad_files_naming_every_problem(data_dir, tmp_path, capsys):
    bad = _write(tmp_path / "bad.json", {"customer": "", "what": 3, "priority": "很急", "邮箱": "x"})
    assert run(data_dir, "request", "add", str(bad)) == 2
    err = capsys.readouterr().err
    assert "“客户”（customer）必须填写" in err and "“What 具体问题”（what）必须是文字" in err
    assert "紧急程度只能是 紧急、重要 或 一般" in err and "不认识的字段“邮箱”" in err
    (tmp_path / "broken.json").write_text("{not json", "utf-8")
    assert run(data_dir, "request", "add", str(tmp_path / "broken.json")) == 1
    assert "不是有效的 JSON（第 1 行第 2 列）" in capsys.readouterr().err
    assert run(data_dir, "request", "add", str(tmp_path / "missing.json")) == 1
    chinese_keys = _write(tmp_path / "zh.json", {"客户": "王女士", "具体问题": "发票抬头错误", "紧急程度": "一般"})
    assert run(data_dir, "request", "add", str(chinese_keys)) == 0
    assert run(data_dir, "request", "show", "no-such") == 1


def test_status_case_and_pack_export(data_dir, tmp_path, capsys):
    assert run(data_dir, "demo") == 0
    capsys.readouterr()
    assert run(data_dir, "request", "list", "--json", "--status", "resolved") == 0
    # The demo's request resolved without a case (its finished weeks, resolved yesterday, each have one).
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    resolved = next(r for r in listed if r["case_article_id"] is None)
    assert run(data_dir, "request", "case", resolved["code"]) == 0
    assert "案例草稿" in capsys.readouterr().out
    assert run(data_dir, "request", "status", resolved["code"], "已关闭") == 0
    assert run(data_dir, "request", "status", resolved["code"], "open") == 2
    pack = tmp_path / "pack.docx"
    assert run(data_dir, "export", "pack", "--ids", "demo-case-001", "demo-script-006", "--format", "docx",
               "--out", str(pack), "--title", "退款专题") == 0
    headings = [p.text for p in Document(str(pack)).paragraphs if p.style.name == "Heading 1"]
    assert headings == ["1. 退款申请后超过7天未到账", "2. 退款进度查询回复"]  # the given order
    assert run(data_dir, "export", "pack", "--tag", "不存在", "--format", "pdf", "--out", str(tmp_path / "p.pdf")) == 1
    assert "没有可导出的内容" in capsys.readouterr().err


def test_exporting_a_letter_before_the_plan_warns_in_chinese(tmp_path, capsys):
    data_dir = str(tmp_path / "data")
    request = tmp_path / "r.json"
    request.write_text(json.dumps({"customer": "陈女士", "what": "App登录提示密码错误", "priority": "重要"}), "utf-8")
    assert run(data_dir, "request", "add", str(request), "--json") == 0
    code = json.loads(capsys.readouterr().out)["code"]
    assert run(data_dir, "export", "letter", code, "--format", "pdf", "--out", str(tmp_path / "l.pdf")) == 0
    err = capsys.readouterr().err
    assert "注意" in err and "还没有解决方案" in err
    assert "另行函告" in pdf_text(tmp_path / "l.pdf")


def test_an_export_into_a_missing_folder_names_the_file(tmp_path, capsys):
    data_dir = str(tmp_path / "data")
    request = tmp_path / "r.json"
    request.write_text(json.dumps({"customer": "陈女士", "what": "App登录提示密码错误", "priority": "重要"}), "utf-8")
    assert run(data_dir, "request", "add", str(request), "--json") == 0
    code = json.loads(capsys.readouterr().out)["code"]
    target = tmp_path / "没有的文件夹" / "确认函.pdf"
    assert run(data_dir, "export", "letter", code, "--format", "pdf", "--out", str(target)) == 1
    err = capsys.readouterr().err
    assert f"无法写入 {target}" in err and "不存在" in err


def test_a_closed_pipe_ends_the_command_quietly(tmp_path):
    import subprocess
    import sys

    data_dir = tmp_path / "data"
    assert run(str(data_dir), "demo") == 0
    batch = tmp_path / "q.txt"
    batch.write_text("退款\n" * 3000, "utf-8")
    # `deskbook search --batch … | head -1`: the reader stops after one line
    command = [sys.executable, "-m", "app", "--data-dir", str(data_dir), "search", "--batch", str(batch), "--json"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.readline()
    process.stdout.close()
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0 and b"Traceback" not in err and b"BrokenPipe" not in err

"""What the issue 18 limits cost: a reply script rendered in the bounded sandbox (the live preview, on every
keystroke) against Jinja's plain sandbox, Markdown with and without the time bound, and a DOCX letter rendered in
the helper process against the same rendering in this process.

``python -m bench templates [--rounds N]`` prints a table (median milliseconds per operation).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SCRIPT = (
    "{{ 客户姓名 }}您好，针对您提到的{{ 问题 }}，我们已确认原因是{{ 原因 }}，计划通过"
    "{% for s in 步骤 %}{{ loop.index }}. {{ s }}；{% endfor %}解决，预计{{ 时限|default('24小时') }}完成。"
    "工单号 {{ 工单号|upper }}，如有疑问请回复本消息。{{ '-' * 20 }}"
)
VALUES = {"客户姓名": "王女士", "问题": "登录失败", "原因": "密码过期", "步骤": ["重置密码", "回访确认"], "工单号": "a-1"}
ARTICLE = ("# 退款说明\n\n**退款**一般 3 个工作日原路退回：[帮助中心](https://help.example.com)\n\n"
           "1. 核对订单\n2. 提交退款\n\n| 渠道 | 时效 |\n|---|---|\n| 微信 | 1 天 |\n| 银行卡 | 3 天 |\n") * 8


def _median_ms(fn: Callable[[], object], rounds: int) -> float:
    fn()  # warm: imports, compiled templates, converters
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench templates")
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args(argv)
    from jinja2.sandbox import SandboxedEnvironment

    from app import rendering
    from app.templates.placeholders import render

    plain = SandboxedEnvironment().from_string(SCRIPT)
    rows = [
        ("reply script, bounded sandbox (preview)", _median_ms(lambda: render(SCRIPT, VALUES), args.rounds)),
        ("reply script, Jinja's plain sandbox", _median_ms(lambda: plain.render(VALUES), args.rounds)),
        ("Markdown article (1.9 KB), time-bounded", _median_ms(lambda: rendering.render_markdown(ARTICLE), 50)),
        ("Markdown article (1.9 KB), unbounded", _median_ms(lambda: rendering.sanitize_html(_untimed(ARTICLE)), 50)),
    ]
    rows += _letter_rows(max(3, args.rounds // 40))
    print(f"{'operation':<48} {'median ms':>10}")
    for name, value in rows:
        print(f"{name:<48} {value:>10.2f}")
    return 0


def _untimed(text: str) -> str:
    from app import rendering

    converter = rendering._converter()
    try:
        return converter.convert(text)
    finally:
        converter.reset()


def _letter_rows(rounds: int) -> list[tuple[str, float]]:
    from app.documents.letter import letter_data
    from app.documents.letter_docx import render_letter_docx, render_letter_in_this_process, template_path
    from app.services import Deskbook
    from tests.records_helpers import add_full_request

    desk = Deskbook(None)
    request = add_full_request(desk)
    data, template = letter_data(desk, request.id), template_path(desk)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        isolated = _median_ms(lambda: render_letter_docx(data, template, out / "a.docx", force=True), rounds)
        job = {"template": str(template), "context": data.context(), "out": str(out / "b.docx")}
        in_process = _median_ms(lambda: render_letter_in_this_process(job), rounds)
    desk.close()
    return [("DOCX letter in the helper process (export)", isolated), ("DOCX letter in this process", in_process)]

"""Rendering a document template in a helper process that can be stopped: ``python -m app.templates.isolated``.

The bounded sandbox estimates every operation before it runs, but a DOCX letter is a whole document (a ZIP of
XML files someone edited in Word, parsed by python-docx and lxml before Jinja sees it), and a letter is made once,
not on every keystroke. So letters render in a second process with a memory and CPU limit, that dies with the
app, under a wall-clock timeout: whatever the template does, the app gets a message, never a hang or an
out-of-memory crash. Starting the helper costs ~0.3 s (measured in bench/RESULTS.md), which a letter export
can afford and the reply-script preview (re-rendered on each keystroke, in process) cannot.

The job goes in on stdin and the answer comes back on stdout as JSON: ``{"ok": true}`` or ``{"error": "…"}``.
Only the tasks listed in :data:`TASKS` can be run.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

# task name -> "module:function"; the function takes the job's payload (a dict) and raises ValueError for a
# template problem (its message is passed back to the app as it is).
TASKS = {
    "letter-docx": "app.documents.letter_docx:render_letter_in_this_process",
    "letter-check": "app.documents.letter_docx:check_letter_in_this_process",
}


@dataclass(frozen=True)
class HelperLimits:
    memory_bytes: int = 1536 * 1024 * 1024  # python, lxml and python-docx take ~150 MB of it
    cpu_seconds: int = 60
    wall_seconds: float = 90.0


class IsolatedRenderError(RuntimeError):
    """The helper failed or was stopped; ``str()`` is a Chinese message for the user."""


class HelperUnavailable(RuntimeError):
    """No helper process could be started (no interpreter beside a frozen app)."""


def run_isolated(task: str, payload: dict[str, Any], limits: HelperLimits = HelperLimits()) -> None:
    """Run ``task`` in a helper; raises ValueError with the task's own message, or IsolatedRenderError."""
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}")
    job = json.dumps({"task": task, "payload": payload, "parent": os.getpid(),
                      "memory": limits.memory_bytes, "cpu": limits.cpu_seconds}, ensure_ascii=False)
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "app.templates.isolated"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError as error:
        raise HelperUnavailable(str(error)) from None
    try:
        out, err = process.communicate(job.encode("utf-8"), timeout=limits.wall_seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise IsolatedRenderError(f"渲染超过 {limits.wall_seconds:g} 秒仍未完成，已停止") from None
    except BaseException:
        process.kill()
        process.wait()
        raise
    answer = _answer(out)
    if answer.get("ok"):
        return
    if "error" in answer:
        raise ValueError(str(answer["error"]))
    if process.returncode and process.returncode < 0:
        raise IsolatedRenderError("渲染用尽了允许的内存或 CPU 时间，已停止")
    detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit code {process.returncode}"]
    raise IsolatedRenderError(f"渲染进程意外结束（{detail[0][:300]}）")


def _answer(out: bytes) -> dict[str, Any]:
    try:
        answer = json.loads(out.decode("utf-8"))
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}


def main() -> int:
    from app.child_process import die_with_parent, limit_resources

    job = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    die_with_parent(int(job["parent"]))
    limit_resources(int(job["memory"]), int(job["cpu"]))
    module_name, function_name = TASKS[job["task"]].split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    try:
        function(job["payload"])
    except MemoryError:
        answer: dict[str, Any] = {"error": "渲染模板时内存不足"}
    except ValueError as error:
        answer = {"error": str(error)}
    else:
        answer = {"ok": True}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

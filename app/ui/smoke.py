"""``deskbook --smoke-test``: start the real GUI, wait until the window has shown and opened its search index, check
what packaging can lose (the translation, the style sheet), print one line and quit.

The packaging tests run it from an installed wheel and from the PyInstaller bundle, where a missing resource or Qt
plugin shows up only at run time. The exit code is 0 when everything was there, 1 otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMainWindow

from app import __version__
from app.ui.language import TRANSLATIONS_DIR

TIMEOUT_MS = 120_000  # a cold start of a frozen app on a loaded CI machine


def packaging_problems(app: QApplication) -> list[str]:
    """What a broken package would lack; empty when all is there."""
    problems = []
    if not QTranslator().load("deskbook_zh_CN", str(TRANSLATIONS_DIR)):
        problems.append(f"zh_CN translation not found in {TRANSLATIONS_DIR}")
    if not app.styleSheet():
        problems.append("style sheet not loaded")
    try:  # the 服务数据 page's chart library, with what the bundle leaves out of Qt (packaging/no_opengl_hook.py)
        from app.ui.figure_charts import BarSeries, ChartPanel

        ChartPanel("smoke").show_columns(["紧急"], [BarSeries("", [1.0])], percent=True, target=0.95)
    except Exception as error:  # anything: the verdict must name it
        problems.append(f"charts: {type(error).__name__}: {error}")
    return problems


def quit_when_ready(app: QApplication, window: QMainWindow) -> None:
    """Quit ``app`` once ``window`` reports its index opened (or after a timeout), with the smoke test's verdict."""

    def report(state: str) -> None:
        problems = packaging_problems(app)
        if not window.isVisible():
            problems.append("window not visible")
        if state in ("failed", "timeout"):
            problems.append(f"search index {state}")
        verdict = "ok" if not problems else "FAILED: " + "; ".join(problems)
        print(f"deskbook {__version__} smoke test: window {window.windowTitle()!r}, index {state}, {verdict}",
              flush=True)
        app.exit(0 if not problems else 1)

    window.sig_index_opened.connect(report)
    QTimer.singleShot(TIMEOUT_MS, lambda: report("timeout"))

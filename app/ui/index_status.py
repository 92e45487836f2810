"""The search index as the status bar shows it: opened after the window's first paint, rebuilt in the background with
a progress bar when missing or damaged, and the article count beside it. Everything here runs off the GUI thread.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from app.services import Deskbook
from app.ui.context import AppContext
from app.ui.tasks import CancelToken

log = logging.getLogger(__name__)


class IndexStatus(QObject):
    # The index state found when the index was opened ("ready", "missing", …), or "failed" when opening it raised.
    sig_opened = Signal(str)

    def __init__(self, context: AppContext, status_bar: QStatusBar, parent: QObject | None = None):
        super().__init__(parent)
        self.context, self.desk, self.status_bar = context, context.desk, status_bar
        self.reindex_token: CancelToken | None = None
        self._counting = False
        self._failed = False
        self.painted = False  # the count waits for the window's first paint (it would slow the start)
        self.closed = False
        self.index_label = QLabel()
        self.progress = QProgressBar(maximumWidth=180, textVisible=False)
        self.progress.hide()
        status_bar.addPermanentWidget(self.progress)
        status_bar.addPermanentWidget(self.index_label)
        context.nav.sig_data_changed.connect(self.update_label)  # 共 N 篇 follows an import or a new article at once

    def open_index(self) -> None:
        """Once the window has painted: open the index (and catch up), then count the articles."""
        self.painted = True
        self.update_label()
        self.context.runner.run(self.desk.ensure_index, self._opened, self._open_failed)

    def _opened(self, state) -> None:
        if self.closed:
            return
        if state != "ready":  # IndexState is a StrEnum; comparing its value keeps the search stack unimported here
            log.info("index %s: rebuilding in the background", state)
            self.start_reindex()
        self.sig_opened.emit(str(state))

    def _open_failed(self, error: BaseException, details: str) -> None:
        # Searching still works (the scan answers); say so where the agent looks and keep the details in the log.
        log.error("opening the search index failed: %s\n%s", error, details)
        self._failed = True  # the article count must not cover this message
        if not self.closed:
            self.index_label.setText(self.tr("Index unavailable: searching without it"))
            self.sig_opened.emit("failed")

    def start_reindex(self) -> None:
        if self.reindex_token is not None:
            return
        self.reindex_token = token = CancelToken()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.update_label()
        self.context.runner.run(
            lambda progress: self.desk.reindex(progress, token), self._reindex_done, self._reindex_failed,
            self._reindex_progress,
        )

    def _reindex_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.index_label.setText(self.tr("Indexing… %1 / %2").replace("%1", str(done)).replace("%2", str(total)))

    def _reindex_done(self, _finished: bool) -> None:
        self.reindex_token = None
        self._failed = False
        self.progress.hide()
        self.update_label()
        self.status_bar.showMessage(self.tr("Search index ready."), 5000)
        self.context.nav.sig_data_changed.emit()

    def _reindex_failed(self, error: BaseException, details: str) -> None:
        self.reindex_token = None
        self.progress.hide()
        self.index_label.setText(self.tr("Index unavailable: searching without it"))
        log.error("reindex failed: %s\n%s", error, details)

    def update_label(self) -> None:
        if self.reindex_token is not None:
            self.index_label.setText(self.tr("Indexing…"))
            return
        if not self.painted:
            return  # counted after the first paint
        # count(*) reads the whole table (0.1 s at 50k): not on the GUI thread, and never twice at once
        if not self._counting:
            self._counting = True
            self.context.runner.run(self.desk.count_articles, self._show_count, lambda _e, _d: None)

    def _show_count(self, count: int) -> None:
        self._counting = False
        if self.reindex_token is None and not self.closed and not self._failed:
            self.index_label.setText(self.tr("%1 articles").replace("%1", str(count)))

    def close(self) -> None:
        """The data may be closed next: no more background work."""
        self.closed = True
        if self.reindex_token is not None:
            self.reindex_token.cancel()


def warm_up(desk: Deskbook) -> None:
    """What the first search or article needs beyond the index, loaded in the background after it opened."""
    desk.warm_up_search()
    from app.rendering import render_markdown

    # Markdown's modules and regular expressions load here, not when the first article opens on the GUI thread
    # (a 60–80 ms hitch in the typing benchmark).
    render_markdown("**预热**\n\n- 列表\n\n| 表 | 头 |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```")
    import app.templates.placeholders  # noqa: F401

    # What start-up loaded (Qt wrappers, the index readers, the modules) lives as long as the app: moved out of the
    # collector's sight, a full collection no longer walks it while the agent types (a 36 ms GUI stall before).
    # Once per process: a later window (tests open many) is garbage collected as usual.
    global _START_UP_FROZEN
    if not _START_UP_FROZEN:
        _START_UP_FROZEN = True
        gc.freeze()


_START_UP_FROZEN = False

"""The meaning model's background work in the window: embed what is pending after the index opens and after
changes (resumable, cancelled when the window closes). Nothing happens without an installed model."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from app.ui.context import AppContext
from app.ui.tasks import CancelToken

log = logging.getLogger(__name__)
AFTER_CHANGE_MS = 3000  # a burst of saves is embedded once


class MeaningJobs(QObject):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self._token: CancelToken | None = None
        self._again = False
        self._timer = QTimer(self, singleShot=True, interval=AFTER_CHANGE_MS)
        self._timer.timeout.connect(self.start)
        context.nav.sig_data_changed.connect(self._timer.start)

    def start(self) -> None:
        meaning = self.context.desk.meaning
        if not meaning.installed():
            return
        if self._token is not None:  # running: go again when it ends (it may have read the articles already)
            self._again = True
            return
        self._token = token = CancelToken()
        self.context.runner.run(lambda: meaning.embed_pending(cancelled=token), self._done, self._failed)

    def stop(self) -> None:
        self._timer.stop()
        if self._token is not None:
            self._token.cancel()

    def _done(self, count: int) -> None:
        cancelled = self._token is not None and self._token()
        self._token = None
        if count:
            log.info("meaning model: %d articles embedded", count)
        if self._again and not cancelled:
            self._again = False
            self.start()

    def _failed(self, error: BaseException, details: str) -> None:
        self._token = None
        log.warning("meaning model: embedding failed, search stays lexical for those articles: %s\n%s", error, details)

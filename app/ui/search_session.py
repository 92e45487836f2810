"""Search-as-you-type off the GUI thread: one query in flight, and the newest answer wins.

No debounce by default: a keystroke's query starts at once when the index is idle, and keystrokes that arrive while
a query runs are coalesced into one (only the newest text is searched next), which bounds the work as well as a
debounce would, without adding its delay to every answer.

Whoosh searchers share file handles, so index work goes through one :class:`SerialLane` (at most one job running;
a newer job of the same key replaces a queued one). Every request carries a generation number; an answer for an
older generation is dropped, so a slow early query can never overwrite the results of a later one.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.model import Kind
from app.services import Deskbook, SearchFilters, SearchResults
from app.ui.result_model import browse_row
from app.ui.tasks import TaskRunner

RESULT_LIMIT = 50
BROWSE_LIMIT = 300


def search_filters(kind: str | None = None, tag: str | None = None, group: str | None = None) -> SearchFilters:
    """The engine's filters (no filters at all is ``None``)."""
    return SearchFilters(kind=kind, tag=tag, group=group)


class SerialLane:
    """Runs jobs through ``runner`` one at a time; a queued job with the same key is replaced by a newer one."""

    def __init__(self, runner: TaskRunner):
        self.runner = runner
        self._busy = False
        self._queue: list[tuple[str, Callable[[], Any], Callable[[Any], None], Callable | None]] = []

    @property
    def busy(self) -> bool:
        return self._busy

    def submit(self, key: str, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException, str], None] | None = None) -> None:
        self._queue = [job for job in self._queue if job[0] != key]
        self._queue.append((key, fn, on_done, on_error))
        if not self._busy:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            self._busy = False
            return
        self._busy = True
        # The agent is waiting for search results; similar articles and filter lists can wait a moment.
        first = next((i for i, job in enumerate(self._queue) if job[0] == "search"), 0)
        _key, fn, on_done, on_error = self._queue.pop(first)

        def done(result: Any) -> None:
            try:
                on_done(result)
            finally:
                self._next()

        def failed(error: BaseException, details: str) -> None:
            try:
                if on_error is not None:
                    on_error(error, details)
            finally:
                self._next()

        self.runner.run(fn, done, failed)


@dataclass(frozen=True)
class SearchRequest:
    text: str
    filters: SearchFilters | None  # None: no filters
    generation: int


class SearchSession(QObject):
    """Owns the query text and filters of one result list; emits ``sig_results`` with the newest answer."""

    sig_results = Signal(object, object, object)  # SearchResults, SearchRequest, what prepare_rows made of it
    sig_failed = Signal(str)

    def __init__(self, desk: Deskbook, lane: SerialLane, debounce_ms: int = 0, settle_ms: int = 1500, parent=None,
                 browse: bool = True, count_session: str | None = None):
        super().__init__(parent)
        self.browse = browse  # without a query: list the (filtered) articles, or show nothing
        self.desk, self.lane = desk, lane
        # Pairs learnt from use are written in turn with the window's other writes (lost pairs are no harm).
        self.desk_runner: Callable[[Callable[[], Any]], None] = lambda fn: lane.runner.write(fn, None, lambda _e, _d: None)
        self.text = ""
        # Ties the queries of this result list to the articles opened or copied from it (learning from use).
        self.session_id = uuid.uuid4().hex
        # What a search is counted once in (the analytics): this list's session, or the window's for its pages.
        self.count_session = count_session or self.session_id
        self.filters: SearchFilters | None = None  # no filters
        self.generation = 0
        self.shown_generation = 0
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self.run_now)
        # A query the agent stopped at is logged once (for analytics); the keystrokes on the way are not, nor the
        # same query run again (see _log_settled).
        self._settle = QTimer(self, singleShot=True, interval=settle_ms)
        self._settle.timeout.connect(self._log_settled)
        self._debounce_ms = debounce_ms
        # Called on the GUI thread as a query is sent; what it returns runs on the worker with the rows found, so
        # the list can draw finished images instead of painting rows while the next keystroke's query runs.
        self.prepare_rows: Callable[[SearchRequest], Callable[[list], Any] | None] | None = None

    def stop(self) -> None:
        """No more queries: the window is closing."""
        self._debounce.stop()
        self._settle.stop()
        self.generation += 1  # answers still in flight are dropped

    def set_text(self, text: str) -> None:
        if text == self.text:
            return
        self.text = text
        if not text.strip():
            self._settle.stop()
            self.desk.learning.searched(self.session_id, "")  # an emptied field ends the search session
            self.desk.log_search(self.count_session, "")  # and the next query counts as a new search
        self.schedule()

    def note_use(self, article_id: str) -> None:
        """An article of these results was opened or copied: pair it with this session's queries (in the
        background: it writes)."""
        session, text = self.session_id, self.text
        if text.strip():
            self._log_settled()  # used before typing paused: the search was made all the same
            self.desk_runner(lambda: self.desk.learning.used(session, article_id, text))

    def set_filters(self, filters: SearchFilters | None) -> None:
        if filters != self.filters:
            self.filters = filters
            self.run_now()

    def schedule(self) -> None:
        self.generation += 1  # anything still in flight is now stale
        if self._debounce_ms <= 0:
            self.run_now()
        else:
            self._debounce.start()

    def run_now(self) -> None:
        self._debounce.stop()
        self.generation += 1
        request = SearchRequest(self.text, self.filters, self.generation)
        prepare = self.prepare_rows(request) if self.prepare_rows is not None else None
        self.lane.submit("search", lambda: self._search_and_prepare(request, prepare),
                         lambda answer: self._deliver(request, *answer),
                         lambda error, details: self.sig_failed.emit(str(error)))
        if request.text.strip():
            self._settle.start()

    def _search_and_prepare(self, request: SearchRequest,
                            prepare: Callable[[list], Any] | None) -> tuple[SearchResults, Any]:
        results = self._search(request)
        # A keystroke that came in meanwhile has made this answer stale (it will be dropped): skip the rendering.
        wanted = prepare is not None and request.generation == self.generation
        return results, prepare(results.results) if wanted else None

    def _search(self, request: SearchRequest) -> SearchResults:
        if not request.text.strip():
            if not self.browse:
                return SearchResults("", [], 0, 0.0)
            return self._browse(request.filters)
        return self.desk.search(request.text, request.filters, RESULT_LIMIT, prefix_last=True, log_query=False)

    def _browse(self, filters: SearchFilters | None) -> SearchResults:
        """No query: the filtered articles, so a page is useful before anything is typed."""
        started = time.perf_counter()
        filters = filters or search_filters()
        kind = Kind(filters.kind) if filters.kind else None
        summaries = self.desk.list_articles(kind=kind, tag=filters.tag, group=filters.group, limit=BROWSE_LIMIT)
        now = self.desk.clock()
        rows = [browse_row(summary, now) for summary in summaries]
        return SearchResults("", rows, len(rows), (time.perf_counter() - started) * 1000)

    def _deliver(self, request: SearchRequest, results: SearchResults, prepared: Any = None) -> None:
        if request.generation != self.generation:
            return  # an older answer: a newer request is pending or already shown
        self.shown_generation = request.generation
        self.sig_results.emit(results, request, prepared)

    def _log_settled(self) -> None:
        """Count the query typing paused at (or a result was used from): once per session, however often the list
        runs it again (a refresh, a filter, coming back to the page) — the rule is in app/search/counting.py."""
        self._settle.stop()
        text, filters = self.text, self.filters
        if not text.strip():
            return
        session, counted_in = self.session_id, self.count_session

        def log_and_learn() -> None:
            self.desk.learning.searched(session, text)
            self.desk.log_search(counted_in, text, filters)

        self.lane.submit("log", log_and_learn, lambda _r: None, lambda _e, _d: None)

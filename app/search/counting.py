"""Which queries count as a search a person made, for the analytics (搜索次数, 无结果的搜索).

The rule (issue 15): a search counts **once per search session, per query a person settled on**.

- A result list searches as the agent types; the prefixes on the way (退, 退款, 退款没) are not searches. The front
  end asks to count a query when typing has paused (``SearchSession``'s settle timer, 1.5 s) or when a result is
  opened or a reply copied from it, whichever comes first.
- The same query again in the same session is not counted again: the list re-runs it when the data changes,
  when the agent comes back to the search page or changes a filter, and those are the same search.
- A session ends when the search field is emptied (the next query is a new search, even with the same words), and
  each front end (the search page, the quick-reply palette, the command line) has sessions of its own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

MAX_SESSIONS = 64  # result lists open at once are a handful; old sessions are forgotten first


def normalised(text: str) -> str:
    return " ".join(text.split())


class SearchCounter:
    def __init__(self) -> None:
        self._counted: OrderedDict[str, set[str]] = OrderedDict()
        self._lock = threading.Lock()  # asked from the GUI thread and from workers

    def take(self, session: str, text: str) -> str | None:
        """The query to log for ``text`` in ``session``, or None: empty (which ends the session) or counted already."""
        query = normalised(text)
        with self._lock:
            if not query:
                self._counted.pop(session, None)
                return None
            counted = self._counted.setdefault(session, set())
            self._counted.move_to_end(session)
            while len(self._counted) > MAX_SESSIONS:
                self._counted.popitem(last=False)
            if query in counted:
                return None
            counted.add(query)
            return query

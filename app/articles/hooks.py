"""What the article use-cases need from the rest of the desk, as small protocols (no upward imports)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Protocol

Clock = Callable[[], datetime]
Transaction = Callable[[], AbstractContextManager[Any]]
Progress = Callable[[int, int], None]


class ChangeListener(Protocol):
    """Told after a committed change, so derived data (the search index) can catch up."""

    def articles_changed(self) -> None: ...

    def vocabulary_changed(self) -> None: ...

"""The log of request status changes (``request_status_changes``): what makes a reopened request countable.

Written in the same transaction as the change itself. Changes made before this log existed were not recorded;
``history_gaps`` says until when (see :mod:`app.model.figures`).
"""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from app.model import moment_of, to_iso
from app.model.records import RequestStatus


class StatusLogRepository:
    def __init__(self, db: Database):
        self.db = db

    def record(self, request_id: str, old: RequestStatus, new: RequestStatus, at: datetime) -> None:
        if old is new:
            return
        self.db.execute(
            "INSERT INTO request_status_changes (request_id, at, from_status, to_status) VALUES (?, ?, ?, ?)",
            [request_id, to_iso(at), old.value, new.value],
        )

    def for_request(self, request_id: str) -> list[tuple[datetime, RequestStatus, RequestStatus]]:
        rows = self.db.query(
            "SELECT at, from_status, to_status FROM request_status_changes WHERE request_id = ? ORDER BY at, id",
            [request_id],
        )
        return [(moment_of(r["at"]), RequestStatus(r["from_status"]), RequestStatus(r["to_status"])) for r in rows]

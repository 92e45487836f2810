"""Stored snooze and dismiss decisions, one row per reminder key (see ``app.reminders.DueItem.key``)."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from app.model import from_iso, to_iso
from app.reminders import ReminderState


class ReminderStateRepository:
    def __init__(self, db: Database):
        self.db = db

    def states(self) -> dict[str, ReminderState]:
        rows = self.db.query("SELECT key, snoozed_until, dismissed_at FROM reminder_state")
        return {
            r["key"]: ReminderState(r["key"], from_iso(r["snoozed_until"]), from_iso(r["dismissed_at"]))
            for r in rows
        }

    def snooze(self, key: str, until: datetime, at: datetime) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO reminder_state (key, snoozed_until, dismissed_at, updated_at) VALUES (?, ?, NULL, ?) "
                "ON CONFLICT (key) DO UPDATE SET snoozed_until = excluded.snoozed_until, dismissed_at = NULL, "
                "updated_at = excluded.updated_at",
                [key, to_iso(until), to_iso(at)],
            )

    def dismiss(self, key: str, at: datetime) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO reminder_state (key, snoozed_until, dismissed_at, updated_at) VALUES (?, NULL, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET dismissed_at = excluded.dismissed_at, updated_at = excluded.updated_at",
                [key, to_iso(at), to_iso(at)],
            )

    def clear(self, key: str) -> bool:
        with self.db.atomic():
            return self.db.execute("DELETE FROM reminder_state WHERE key = ?", [key]).rowcount > 0

    def prune(self, before: datetime) -> int:
        """Forget decisions untouched since ``before`` whose snooze has ended (keys of past cycles pile up)."""
        with self.db.atomic():
            return self.db.execute(
                "DELETE FROM reminder_state WHERE updated_at < ? AND (snoozed_until IS NULL OR snoozed_until < ?)",
                [to_iso(before), to_iso(before)],
            ).rowcount

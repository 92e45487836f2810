"""Unsaved editor buffers, written every few seconds while editing so a crash loses nothing.

Keyed by article id ("new:<uuid>" for an article not saved yet); the value is the editor's form as JSON.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from app.model import moment_of, to_iso


class EditorBufferRepository:
    def __init__(self, db: Database):
        self.db = db

    def save(self, key: str, data: dict[str, Any], at: datetime) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO editor_buffers (key, data, saved_at) VALUES (?, ?, ?) "
                "ON CONFLICT (key) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at",
                [key, json.dumps(data, ensure_ascii=False), to_iso(at)],
            )

    def load(self, key: str) -> tuple[dict[str, Any], datetime] | None:
        rows = list(self.db.query("SELECT data, saved_at FROM editor_buffers WHERE key = ?", [key]))
        if not rows:
            return None
        try:
            return json.loads(rows[0]["data"]), moment_of(rows[0]["saved_at"])
        except ValueError:  # a damaged buffer is no buffer
            return None

    def discard(self, key: str) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM editor_buffers WHERE key = ?", [key])

    def keys(self) -> list[str]:
        return [r["key"] for r in self.db.query("SELECT key FROM editor_buffers ORDER BY saved_at DESC")]

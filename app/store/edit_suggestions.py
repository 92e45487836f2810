"""Agents' edits of published articles, waiting for a KB owner (see app/curation/suggestions.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from app.model import from_iso, moment_of, to_iso
from app.store.database import table


@dataclass(frozen=True)
class EditSuggestion:
    id: str
    article_id: str
    base_version: int  # the published version the agent edited
    snapshot: dict[str, Any]  # the edited content, as a version snapshot holds it
    author: str
    note: str
    created_at: datetime
    state: str = "open"  # open | accepted | declined
    decided_by: str = ""
    decided_at: datetime | None = None
    decision_note: str = ""


def _row(row: dict[str, Any]) -> EditSuggestion:
    return EditSuggestion(
        id=row["id"], article_id=row["article_id"], base_version=row["base_version"],
        snapshot=json.loads(row["snapshot"]), author=row["author"], note=row["note"],
        created_at=moment_of(row["created_at"]), state=row["state"], decided_by=row["decided_by"],
        decided_at=from_iso(row["decided_at"]), decision_note=row["decision_note"],
    )


class EditSuggestionRepository:
    def __init__(self, db: Database):
        self.db = db

    def add(self, suggestion: EditSuggestion) -> None:
        table(self.db, "edit_suggestions").insert({
            "id": suggestion.id, "article_id": suggestion.article_id, "base_version": suggestion.base_version,
            "snapshot": json.dumps(suggestion.snapshot, ensure_ascii=False), "author": suggestion.author,
            "note": suggestion.note, "created_at": to_iso(suggestion.created_at), "state": suggestion.state,
        })

    def get(self, suggestion_id: str) -> EditSuggestion | None:
        rows = list(self.db.query("SELECT * FROM edit_suggestions WHERE id = ?", [suggestion_id]))
        return _row(rows[0]) if rows else None

    def in_state(self, state: str, author: str | None = None) -> list[EditSuggestion]:
        sql, params = "SELECT * FROM edit_suggestions WHERE state = ?", [state]
        if author is not None:
            sql += " AND author = ?"
            params.append(author)
        return [_row(r) for r in self.db.query(sql + " ORDER BY created_at, id", params)]

    def open_for(self, article_id: str) -> list[EditSuggestion]:
        sql = "SELECT * FROM edit_suggestions WHERE state = 'open' AND article_id = ? ORDER BY created_at"
        return [_row(r) for r in self.db.query(sql, [article_id])]

    def decide(self, suggestion_id: str, state: str, by: str, at: datetime, note: str) -> bool:
        cursor = self.db.execute(
            "UPDATE edit_suggestions SET state = ?, decided_by = ?, decided_at = ?, decision_note = ? "
            "WHERE id = ? AND state = 'open'",
            [state, by, to_iso(at), note, suggestion_id],
        )
        return cursor.rowcount == 1

"""What the team library puts in a KB owner's queue: conflicts between desks, and proposals from agents.

Plain records and their SQL; the rules (how a conflict arises, what accepting a proposal does) are in ``app.team``.
Callers own the transactions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from app.model import from_iso, to_iso


@dataclass(frozen=True)
class ConflictField:
    """One field edited differently on two desks since their common base."""

    name: str
    base: Any
    ours: Any  # this desk's value (kept in the database until the conflict is resolved)
    theirs: Any  # the team library's value


@dataclass(frozen=True)
class TeamConflict:
    id: str
    subject: str  # "article" | "settings"
    article_id: str | None
    title: str
    fields: list[ConflictField]
    theirs_commit: str
    theirs_author: str
    created_at: datetime
    resolved_at: datetime | None = None
    resolved_by: str = ""
    resolution: dict[str, Any] | None = None


@dataclass(frozen=True)
class TeamProposal:
    """An agent's suggestion: a new article (a case write-up) or an edit of a published one."""

    id: str
    direction: str  # "outgoing" (made on this desk) | "incoming" (from another desk, for an owner)
    article_id: str
    change: str  # "new" | "edit"
    title: str
    author: str
    desk: str
    note: str
    content: str  # the proposed article as a team-library file
    base_blob: str | None  # for an edit: the team version it was made from
    created_at: datetime
    state: str = "queued"  # queued (not sent yet) | sent | accepted | declined
    decided_by: str = ""
    decided_at: datetime | None = None
    decision_note: str = ""
    decision_pushed: bool = True  # False while an owner's decision waits for the next publish


def _conflict(row: Any) -> TeamConflict:
    return TeamConflict(
        id=row["id"], subject=row["subject"], article_id=row["article_id"], title=row["title"],
        fields=[ConflictField(f["name"], f.get("base"), f.get("ours"), f.get("theirs")) for f in json.loads(row["fields"])],
        theirs_commit=row["theirs_commit"], theirs_author=row["theirs_author"],
        created_at=from_iso(row["created_at"]) or datetime.min, resolved_at=from_iso(row["resolved_at"]),
        resolved_by=row["resolved_by"], resolution=json.loads(row["resolution"]) if row["resolution"] else None,
    )


def _fields_json(fields: list[ConflictField]) -> str:
    return json.dumps([{"name": f.name, "base": f.base, "ours": f.ours, "theirs": f.theirs} for f in fields],
                      ensure_ascii=False)


class ConflictRepository:
    def __init__(self, db: Database):
        self.db = db

    def open_conflicts(self) -> list[TeamConflict]:
        rows = self.db.query("SELECT * FROM team_conflicts WHERE resolved_at IS NULL ORDER BY created_at, id")
        return [_conflict(r) for r in rows]

    def open_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM team_conflicts WHERE resolved_at IS NULL").fetchone()[0]

    def get(self, conflict_id: str) -> TeamConflict | None:
        rows = list(self.db.query("SELECT * FROM team_conflicts WHERE id = ?", [conflict_id]))
        return _conflict(rows[0]) if rows else None

    def open_for(self, subject: str, article_id: str | None) -> TeamConflict | None:
        rows = list(self.db.query(
            "SELECT * FROM team_conflicts WHERE resolved_at IS NULL AND subject = ? AND article_id IS ?",
            [subject, article_id]))
        return _conflict(rows[0]) if rows else None

    def blocked_articles(self) -> set[str]:
        sql = "SELECT article_id FROM team_conflicts WHERE resolved_at IS NULL AND subject = 'article'"
        return {row[0] for row in self.db.execute(sql).fetchall()}

    def save(self, conflict: TeamConflict) -> None:
        self.db.execute(
            "INSERT INTO team_conflicts (id, subject, article_id, title, fields, theirs_commit, theirs_author, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
            "fields = excluded.fields, theirs_commit = excluded.theirs_commit, theirs_author = excluded.theirs_author",
            [conflict.id, conflict.subject, conflict.article_id, conflict.title, _fields_json(conflict.fields),
             conflict.theirs_commit, conflict.theirs_author, to_iso(conflict.created_at)],
        )

    def resolve(self, conflict_id: str, by: str, at: datetime, resolution: dict[str, Any]) -> None:
        self.db.execute(
            "UPDATE team_conflicts SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?",
            [to_iso(at), by, json.dumps(resolution, ensure_ascii=False), conflict_id],
        )


def _proposal(row: Any) -> TeamProposal:
    return TeamProposal(
        id=row["id"], direction=row["direction"], article_id=row["article_id"], change=row["change"],
        title=row["title"], author=row["author"], desk=row["desk"], note=row["note"], content=row["content"],
        base_blob=row["base_blob"], created_at=from_iso(row["created_at"]) or datetime.min, state=row["state"],
        decided_by=row["decided_by"], decided_at=from_iso(row["decided_at"]), decision_note=row["decision_note"],
        decision_pushed=bool(row["decision_pushed"]),
    )


class ProposalRepository:
    def __init__(self, db: Database):
        self.db = db

    def get(self, proposal_id: str) -> TeamProposal | None:
        rows = list(self.db.query("SELECT * FROM team_proposals WHERE id = ?", [proposal_id]))
        return _proposal(rows[0]) if rows else None

    def in_states(self, direction: str, states: tuple[str, ...] | None = None) -> list[TeamProposal]:
        sql, params = "SELECT * FROM team_proposals WHERE direction = ?", [direction]
        if states:
            sql += f" AND state IN ({','.join('?' * len(states))})"
            params += list(states)
        return [_proposal(r) for r in self.db.query(sql + " ORDER BY created_at, id", params)]

    def undecided_decisions(self) -> list[TeamProposal]:
        """An owner's accepts and declines not yet published to the library."""
        rows = self.db.query("SELECT * FROM team_proposals WHERE decision_pushed = 0 ORDER BY decided_at, id")
        return [_proposal(r) for r in rows]

    def insert(self, proposal: TeamProposal) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO team_proposals (id, direction, article_id, change, title, author, desk, note, "
            "content, base_blob, created_at, state, decided_by, decided_at, decision_note, decision_pushed) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [proposal.id, proposal.direction, proposal.article_id, proposal.change, proposal.title, proposal.author,
             proposal.desk, proposal.note, proposal.content, proposal.base_blob, to_iso(proposal.created_at),
             proposal.state, proposal.decided_by, to_iso(proposal.decided_at), proposal.decision_note,
             int(proposal.decision_pushed)],
        )

    def set_state(self, proposal_id: str, state: str) -> None:
        self.db.execute("UPDATE team_proposals SET state = ? WHERE id = ?", [state, proposal_id])

    def decide(self, proposal_id: str, state: str, by: str, at: datetime | None, note: str, *, pushed: bool) -> None:
        self.db.execute(
            "UPDATE team_proposals SET state = ?, decided_by = ?, decided_at = ?, decision_note = ?, "
            "decision_pushed = ? WHERE id = ?",
            [state, by, to_iso(at), note, int(pushed), proposal_id],
        )

    def mark_decisions_pushed(self, ids: list[str]) -> None:
        self.db.conn.executemany("UPDATE team_proposals SET decision_pushed = 1 WHERE id = ?", [(i,) for i in ids])

    def count(self, direction: str, states: tuple[str, ...]) -> int:
        sql = f"SELECT count(*) FROM team_proposals WHERE direction = ? AND state IN ({','.join('?' * len(states))})"
        return self.db.execute(sql, [direction, *states]).fetchone()[0]

"""Repositories for service records in SQLite. Callers own the transaction (``db.atomic()``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlite_utils import Database

from app.model import from_iso, moment_of, to_iso
from app.model.records import (
    CustomerFeedback,
    PlanStep,
    Priority,
    ProgressEntry,
    ProgressState,
    Request,
    RequestStatus,
    Satisfaction,
    SolutionPlan,
)
from app.store.database import table


def _request_to_row(r: Request) -> dict[str, Any]:
    return {
        "id": r.id, "code": r.code, "customer": r.customer, "company": r.company, "contact": r.contact,
        "channel": r.channel, "history": r.history, "what": r.what, "when_text": r.when, "where_text": r.where,
        "who": r.who, "why": r.why, "how": r.how, "priority": r.priority.value, "status": r.status.value,
        "assignee": r.assignee, "skill_group": r.group, "created_at": to_iso(r.created_at),
        "updated_at": to_iso(r.updated_at), "deadline": to_iso(r.deadline), "responded_at": to_iso(r.responded_at),
        "resolved_at": to_iso(r.resolved_at), "closed_at": to_iso(r.closed_at),
        "case_article_id": r.case_article_id, "handbook_article_id": r.handbook_article_id,
        "confirmed_at": to_iso(r.confirmed_at), "confirmation_note": r.confirmation_note,
        "resolution_confirmed_at": to_iso(r.feedback.confirmed_at),
        "satisfaction": r.feedback.satisfaction.value if r.feedback.satisfaction else None,
        "satisfaction_score": r.feedback.score, "satisfaction_comment": r.feedback.comment,
        "satisfaction_at": to_iso(r.feedback.rated_at),
    }


def _row_to_request(row: dict[str, Any], links: list[str]) -> Request:
    return Request(
        id=row["id"], code=row["code"], customer=row["customer"], company=row["company"], contact=row["contact"],
        channel=row["channel"], history=row["history"], what=row["what"], when=row["when_text"],
        where=row["where_text"], who=row["who"], why=row["why"], how=row["how"], priority=Priority(row["priority"]),
        status=RequestStatus(row["status"]), assignee=row["assignee"], group=row["skill_group"],
        created_at=moment_of(row["created_at"]), updated_at=moment_of(row["updated_at"]),
        deadline=from_iso(row["deadline"]), responded_at=from_iso(row["responded_at"]),
        resolved_at=from_iso(row["resolved_at"]), closed_at=from_iso(row["closed_at"]),
        case_article_id=row["case_article_id"], handbook_article_id=row["handbook_article_id"],
        linked_article_ids=links, confirmed_at=from_iso(row["confirmed_at"]),
        confirmation_note=row["confirmation_note"],
        feedback=CustomerFeedback(
            confirmed_at=from_iso(row["resolution_confirmed_at"]),
            satisfaction=Satisfaction(row["satisfaction"]) if row["satisfaction"] else None,
            score=row["satisfaction_score"], comment=row["satisfaction_comment"],
            rated_at=from_iso(row["satisfaction_at"]),
        ),
    )


class RequestRepository:
    def __init__(self, db: Database):
        self.db = db

    def next_code(self, created_at: datetime) -> str:
        """XQ-YYYYMMDD-NNN, numbered per day (需求 = XQ), so an agent can read it out on the phone."""
        prefix = f"XQ-{created_at.astimezone().strftime('%Y%m%d')}-"
        rows = list(self.db.query("SELECT code FROM requests WHERE code LIKE ? ORDER BY code DESC LIMIT 1", [prefix + "%"]))
        number = int(rows[0]["code"].rsplit("-", 1)[1]) + 1 if rows else 1
        return f"{prefix}{number:03d}"

    def insert(self, request: Request) -> None:
        table(self.db, "requests").insert(_request_to_row(request))
        self._write_links(request)

    def update(self, request: Request) -> None:
        row = _request_to_row(request)
        table(self.db, "requests").update(request.id, {k: v for k, v in row.items() if k != "id"})
        self._write_links(request)

    def _write_links(self, request: Request) -> None:
        self.db.execute("DELETE FROM request_links WHERE request_id = ?", [request.id])
        for position, article_id in enumerate(dict.fromkeys(request.linked_article_ids)):
            self.db.execute(
                "INSERT INTO request_links (request_id, article_id, position) VALUES (?, ?, ?)",
                [request.id, article_id, position],
            )

    def _links(self, request_ids: list[str]) -> dict[str, list[str]]:
        links: dict[str, list[str]] = {i: [] for i in request_ids}
        if not request_ids:
            return links
        marks = ",".join("?" * len(request_ids))
        sql = f"SELECT request_id, article_id FROM request_links WHERE request_id IN ({marks}) ORDER BY position"
        for row in self.db.query(sql, request_ids):
            links[row["request_id"]].append(row["article_id"])
        return links

    def get(self, request_id: str) -> Request | None:
        rows = list(self.db.query("SELECT * FROM requests WHERE id = ? OR code = ?", [request_id, request_id]))
        if not rows:
            return None
        return _row_to_request(rows[0], self._links([rows[0]["id"]])[rows[0]["id"]])

    def ids_with_prefix(self, prefix: str, limit: int = 2) -> list[str]:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        sql = "SELECT id FROM requests WHERE id LIKE ? ESCAPE '\\' LIMIT ?"
        return [row["id"] for row in self.db.query(sql, [escaped + "%", limit])]

    def list(self, statuses: list[RequestStatus] | None = None) -> list[Request]:
        """Newest first."""
        sql, params = "SELECT * FROM requests", []
        if statuses:
            sql += f" WHERE status IN ({','.join('?' * len(statuses))})"
            params = [s.value for s in statuses]
        rows = list(self.db.query(sql + " ORDER BY created_at DESC, code DESC", params))
        links = self._links([r["id"] for r in rows])
        return [_row_to_request(r, links[r["id"]]) for r in rows]

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM requests").fetchone()[0]


class PlanRepository:
    def __init__(self, db: Database):
        self.db = db

    def get(self, request_id: str) -> SolutionPlan:
        """The plan of a request; an empty plan when none was written yet."""
        rows = list(self.db.query("SELECT * FROM plans WHERE request_id = ?", [request_id]))
        plan = SolutionPlan(request_id)
        if rows:
            row = rows[0]
            plan.statement, plan.cause, plan.fallback = row["statement"], row["cause"], row["fallback"]
            plan.updated_at = from_iso(row["updated_at"])
        plan.steps = [
            PlanStep(
                id=r["id"], position=r["position"], action=r["action"], owner=r["owner"],
                due_at=from_iso(r["due_at"]), done_at=from_iso(r["done_at"]),
            )
            for r in self.db.query("SELECT * FROM plan_steps WHERE request_id = ? ORDER BY position", [request_id])
        ]
        return plan

    def save(self, plan: SolutionPlan) -> None:
        """Replace the plan and its steps; steps are renumbered 1..n in the given order."""
        self.db.execute(
            "INSERT INTO plans (request_id, statement, cause, fallback, updated_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (request_id) DO UPDATE SET statement = excluded.statement, cause = excluded.cause, "
            "fallback = excluded.fallback, updated_at = excluded.updated_at",
            [plan.request_id, plan.statement, plan.cause, plan.fallback, to_iso(plan.updated_at)],
        )
        self.db.execute("DELETE FROM plan_steps WHERE request_id = ?", [plan.request_id])
        for position, step in enumerate(plan.steps, start=1):
            step.position = position
            self.db.execute(
                "INSERT INTO plan_steps (id, request_id, position, action, owner, due_at, done_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [step.id, plan.request_id, position, step.action, step.owner, to_iso(step.due_at), to_iso(step.done_at)],
            )

    def open_steps(self) -> list[tuple[str, PlanStep]]:
        """Steps not done yet, of requests not closed, with their request id."""
        sql = (
            "SELECT s.* FROM plan_steps s JOIN requests r ON r.id = s.request_id "
            "WHERE s.done_at IS NULL AND s.due_at IS NOT NULL AND r.status IN ('open', 'in_progress') ORDER BY s.due_at"
        )
        return [
            (r["request_id"], PlanStep(id=r["id"], position=r["position"], action=r["action"], owner=r["owner"],
                                       due_at=from_iso(r["due_at"]), done_at=None))
            for r in self.db.query(sql)
        ]


def _row_to_entry(row: dict[str, Any]) -> ProgressEntry:
    return ProgressEntry(
        id=row["id"], request_id=row["request_id"], at=moment_of(row["at"]), note=row["note"],
        state=ProgressState(row["state"]), delay_reason=row["delay_reason"], new_deadline=from_iso(row["new_deadline"]),
        author=row["author"],
    )


class ProgressRepository:
    def __init__(self, db: Database):
        self.db = db

    def insert(self, entry: ProgressEntry) -> None:
        table(self.db, "progress_entries").insert({
            "id": entry.id, "request_id": entry.request_id, "at": to_iso(entry.at), "note": entry.note,
            "state": entry.state.value, "delay_reason": entry.delay_reason,
            "new_deadline": to_iso(entry.new_deadline), "author": entry.author,
        })

    def delete(self, entry_id: str) -> None:
        self.db.execute("DELETE FROM progress_entries WHERE id = ?", [entry_id])

    def for_request(self, request_id: str) -> list[ProgressEntry]:
        rows = self.db.query("SELECT * FROM progress_entries WHERE request_id = ? ORDER BY at, rowid", [request_id])
        return [_row_to_entry(r) for r in rows]

    def all(self) -> list[ProgressEntry]:
        return [_row_to_entry(r) for r in self.db.query("SELECT * FROM progress_entries ORDER BY at, rowid")]

"""The rows of the weekly review pack's sheets: the requests of the period and its delays (SQL, plain rows).

A request is in the requests sheet when it was received or resolved in the period; each row carries the same
first-response judgement and promised time as the figures (``app.store.figures.SLA_STATE`` and ``PROMISED``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlite_utils import Database

from app.model import from_iso, moment_of, to_iso
from app.model.figures import DelayRow, FigureFilter, Period, RequestRow, ReviewRows
from app.model.records import Priority, RequestStatus
from app.store.figures import PROMISED, RESOLUTION_SECONDS, RESPONSE_SECONDS, SLA_STATE, filter_clause, scope


def _request_row(r: dict[str, Any]) -> RequestRow:
    promised, resolved = from_iso(r["promised"]), from_iso(r["resolved_at"])
    return RequestRow(
        code=r["code"], created_at=moment_of(r["created_at"]), customer=r["customer"],
        company=r["company"], channel=r["channel"], priority=Priority(r["priority"]), group=r["skill_group"],
        assignee=r["assignee"], status=RequestStatus(r["status"]), deadline=from_iso(r["deadline"]),
        responded_at=from_iso(r["responded_at"]), response_s=r["response_s"], sla_state=r["sla_state"],
        resolved_at=resolved, resolution_s=r["resolution_s"], promised_at=promised,
        kept=None if promised is None or resolved is None else resolved <= promised,
        delays=r["delays"], reopened=r["reopened"], satisfaction=r["satisfaction"] or "",
        score=r["satisfaction_score"], confirmed=r["resolution_confirmed_at"] is not None,
        comment=r["satisfaction_comment"],
    )


class ReviewRowsRepository:
    def __init__(self, db: Database):
        self.db = db

    def rows(self, period: Period, flt: FigureFilter, at: datetime) -> ReviewRows:
        return ReviewRows(self.requests(period, flt, at), self.delays(period, flt))

    def requests(self, period: Period, flt: FigureFilter, at: datetime) -> list[RequestRow]:
        # "+" before a column keeps each correlated count on its per-request index (see app.store.figures.PROMISED).
        narrowed, params = filter_clause(flt)
        sql = f"""
            SELECT r.*, {SLA_STATE} AS sla_state, {PROMISED} AS promised,
                   CASE WHEN r.responded_at IS NULL THEN NULL ELSE {RESPONSE_SECONDS} END AS response_s,
                   CASE WHEN r.resolved_at IS NULL THEN NULL ELSE {RESOLUTION_SECONDS} END AS resolution_s,
                   (SELECT count(*) FROM progress_entries p WHERE p.request_id = r.id AND +p.state = '延迟') AS delays,
                   (SELECT count(*) FROM request_status_changes c WHERE c.request_id = r.id
                        AND c.from_status = 'resolved' AND +c.to_status = 'in_progress') AS reopened
            FROM requests r
            WHERE ((r.created_at >= :start AND r.created_at < :end)
                   OR (r.resolved_at >= :start AND r.resolved_at < :end))
                  {narrowed}
            ORDER BY r.created_at, r.code"""
        params.update(start=to_iso(period.start), end=to_iso(period.end), at=to_iso(at))
        return [_request_row(r) for r in self.db.query(sql, params)]

    def delays(self, period: Period, flt: FigureFilter) -> list[DelayRow]:
        where, params = scope(period, flt, "p.at")
        sql = f"""
            SELECT r.code, r.customer, r.company, r.priority, r.skill_group, r.assignee, p.at, p.note, p.delay_reason,
                   p.new_deadline, p.author
            FROM progress_entries p JOIN requests r ON r.id = p.request_id
            WHERE p.state = '延迟' AND {where} ORDER BY p.at, r.code"""
        return [
            DelayRow(
                code=r["code"], customer=f"{r['customer']}（{r['company']}）" if r["company"] else r["customer"],
                priority=Priority(r["priority"]), group=r["skill_group"], assignee=r["assignee"],
                at=moment_of(r["at"]), note=r["note"], reason=r["delay_reason"],
                new_deadline=from_iso(r["new_deadline"]), author=r["author"],
            )
            for r in self.db.query(sql, params)
        ]

    def groups_and_assignees(self) -> tuple[list[str], list[str]]:
        groups = [r[0] for r in self.db.execute(
            "SELECT DISTINCT skill_group FROM requests WHERE skill_group != '' ORDER BY skill_group").fetchall()]
        assignees = [r[0] for r in self.db.execute(
            "SELECT DISTINCT assignee FROM requests WHERE assignee != '' ORDER BY assignee").fetchall()]
        return groups, assignees

"""The SQL of the service figures over requests, progress, plans and status changes (what each figure means is in
:mod:`app.model.figures`). Every figure is one query over an index range of the period, not a Python loop.

Times are stored as UTC ISO text of one format (``2026-11-22T09:00:00+00:00``), so comparing the text compares the
moments; durations come from ``julianday``, rounded to whole seconds.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from app.model import from_iso, to_iso
from app.model.figures import (
    NO_CHANNEL,
    OTHER_REASONS,
    RESPONSE_BUCKETS,
    TOP_REASONS,
    DayCount,
    Delays,
    DurationStats,
    FigureFilter,
    FirstResponse,
    Period,
    Resolution,
    SatisfactionFigures,
)
from app.model.records import Priority, ProgressState, RequestStatus, Satisfaction

RESPONSE_SECONDS = "CAST(round((julianday(r.responded_at) - julianday(r.created_at)) * 86400) AS INTEGER)"
RESOLUTION_SECONDS = "CAST(round((julianday(r.resolved_at) - julianday(r.created_at)) * 86400) AS INTEGER)"
# The latest time promised to the customer: the plan's last due time or a delay's new time, whichever is later.
# "+p.state" keeps SQLite on the per-request index: with the (state, at) index it would scan every delay of the
# year for each request (a year of 100,000 requests: seconds instead of milliseconds).
PLAN_DUE = "(SELECT max(s.due_at) FROM plan_steps s WHERE s.request_id = r.id)"
DELAY_DUE = "(SELECT max(p.new_deadline) FROM progress_entries p WHERE p.request_id = r.id AND +p.state = '延迟')"
PROMISED = f"NULLIF(max(coalesce({PLAN_DUE}, ''), coalesce({DELAY_DUE}, '')), '')"  # '' sorts before any time


# The first-response judgement of one request (what "met" means is in app.model.figures), shared by the figures
# and the rows of the review pack so both always agree.
SLA_STATE = """CASE
    WHEN r.deadline IS NULL OR (r.responded_at IS NULL AND r.status != 'open') THEN 'unrecorded'
    WHEN r.responded_at IS NOT NULL THEN CASE WHEN r.responded_at <= r.deadline THEN 'met' ELSE 'missed' END
    WHEN r.deadline < :at THEN 'missed' ELSE 'awaiting' END"""
SLA_STATES = ("met", "missed", "awaiting", "unrecorded")


def filter_clause(flt: FigureFilter) -> tuple[str, dict[str, Any]]:
    """`` AND …`` for the skill group and assignee of requests ``r`` ("" when unfiltered)."""
    where, params = "", {}
    if flt.group:
        where += " AND r.skill_group = :group"
        params["group"] = flt.group
    if flt.assignee:
        where += " AND r.assignee = :assignee"
        params["assignee"] = flt.assignee
    return where, params


def scope(period: Period, flt: FigureFilter, column: str = "r.created_at", bounds: tuple[str, str] = (":start", ":end"),
          ) -> tuple[str, dict[str, Any]]:
    """The WHERE clause (over requests ``r``) for a period on ``column`` and the filter, with its named parameters.

    ``bounds`` name the lower and upper bound (a parameter, or a column of a joined table)."""
    narrowed, params = filter_clause(flt)
    params.update(start=to_iso(period.start), end=to_iso(period.end))
    return f"{column} >= {bounds[0]} AND {column} < {bounds[1]}{narrowed}", params


class FiguresRepository:
    def __init__(self, db: Database):
        self.db = db

    def _rows(self, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))

    def durations(self, seconds_sql: str, where: str, params: dict[str, Any]) -> dict[Priority | None, DurationStats]:
        """Median and p90 of a duration per priority and over all (key None), from one sort in SQLite.

        Each row's rank in its own priority is a running count of that priority along the one overall order, so
        the per-priority and the overall percentiles need a single sort, not one per partition."""
        priorities = list(Priority)
        running = ", ".join(f"count(*) FILTER (WHERE grp = '{p.value}') OVER w AS r{i}"
                            for i, p in enumerate(priorities))
        counts = ", ".join(f"sum(grp = '{p.value}') AS n{i}" for i, p in enumerate(priorities))
        picks = [
            f"max(n{i}) AS n{i}, avg(CASE WHEN grp = '{p.value}' AND r{i} IN ((n{i} + 1) / 2, (n{i} + 2) / 2) "
            f"THEN secs END) AS m{i}, "
            f"max(CASE WHEN grp = '{p.value}' AND r{i} = (9 * n{i} + 9) / 10 THEN secs END) AS p{i}"
            for i, p in enumerate(priorities)
        ]
        sql = f"""
            WITH ranked AS MATERIALIZED (
                SELECT grp, secs, row_number() OVER w AS rn, {running}
                FROM (SELECT r.priority AS grp, {seconds_sql} AS secs FROM requests r WHERE {where})
                WINDOW w AS (ORDER BY secs ROWS UNBOUNDED PRECEDING)),
            sizes AS (SELECT {counts}, count(*) AS n FROM ranked)
            SELECT {", ".join(picks)}, max(n) AS n, avg(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN secs END) AS m,
                   max(CASE WHEN rn = (9 * n + 9) / 10 THEN secs END) AS p
            FROM ranked, sizes"""
        row = self._rows(sql, params)[0]
        stats: dict[Priority | None, DurationStats] = {
            p: DurationStats(row[f"n{i}"] or 0, row[f"m{i}"], row[f"p{i}"]) for i, p in enumerate(priorities)
        }
        stats[None] = DurationStats(row["n"] or 0, row["m"], row["p"])
        return stats

    # --- requests received ----------------------------------------------------------------------------------
    def received(self, period: Period, flt: FigureFilter) -> tuple[dict[Priority, int], list[tuple[str, int]]]:
        where, params = scope(period, flt)
        by_priority: dict[Priority, int] = {}
        by_channel: dict[str, int] = {}
        for row in self._rows(  # one pass: the few (priority, channel) pairs are summed both ways here
                f"SELECT r.priority, CASE WHEN trim(r.channel) = '' THEN '{NO_CHANNEL}' ELSE trim(r.channel) END "
                f"AS channel, count(*) AS n FROM requests r WHERE {where} GROUP BY 1, 2", params):
            priority = Priority(row["priority"])
            by_priority[priority] = by_priority.get(priority, 0) + row["n"]
            by_channel[row["channel"]] = by_channel.get(row["channel"], 0) + row["n"]
        return by_priority, sorted(by_channel.items(), key=lambda item: (-item[1], item[0]))

    def per_day(self, period: Period, flt: FigureFilter) -> list[DayCount]:
        """Received and resolved per local day: one index range per day, so a day is a day in any time zone."""
        bounds = period.day_bounds()
        received_where, params = scope(period, flt, bounds=("d.lo", "d.hi"))
        resolved_where, _ = scope(period, flt, "r.resolved_at", bounds=("d.lo", "d.hi"))
        days = json.dumps([[to_iso(lo), to_iso(hi)] for _day, lo, hi in bounds])
        sql = f"""
            WITH d AS (SELECT key AS i, json_extract(value, '$[0]') AS lo, json_extract(value, '$[1]') AS hi
                       FROM json_each(:days))
            SELECT d.i, (SELECT count(*) FROM requests r WHERE {received_where}) AS received,
                        (SELECT count(*) FROM requests r WHERE {resolved_where}) AS resolved
            FROM d ORDER BY d.i"""
        rows = self._rows(sql, {**params, "days": days})
        return [DayCount(bounds[r["i"]][0], r["received"], r["resolved"]) for r in rows]

    # --- first response -------------------------------------------------------------------------------------
    def first_response(self, period: Period, flt: FigureFilter, at: datetime) -> list[FirstResponse]:
        where, params = scope(period, flt)
        # Grouped by the state, not summed per state: a sum per state would evaluate the judgement four times a row.
        sql = f"""
            SELECT r.priority, {SLA_STATE} AS state, count(*) AS n FROM requests r WHERE {where} GROUP BY 1, 2"""
        counts: dict[Priority, dict[str, int]] = {p: dict.fromkeys(SLA_STATES, 0) for p in Priority}
        for row in self._rows(sql, {**params, "at": to_iso(at)}):
            counts[Priority(row["priority"])][row["state"]] = row["n"]
        times = self.durations(RESPONSE_SECONDS, where + " AND r.responded_at IS NOT NULL", params)
        figures = []
        for priority in Priority:
            by_state = counts[priority]
            figures.append(FirstResponse(priority, received=sum(by_state.values()), **by_state,
                                         time=times.get(priority, DurationStats())))
        totals = {k: sum(getattr(f, k) for f in figures) for k in ("received", *SLA_STATES)}
        figures.append(FirstResponse(None, **totals, time=times.get(None, DurationStats())))
        return figures

    def response_buckets(self, period: Period, flt: FigureFilter) -> list[int]:
        where, params = scope(period, flt)
        cases = " ".join(f"WHEN secs <= {bound} THEN {i}" for i, bound in enumerate(RESPONSE_BUCKETS))
        # Materialized: otherwise SQLite would work the duration out again for every WHEN of the CASE.
        sql = f"""
            WITH t AS MATERIALIZED (
                SELECT {RESPONSE_SECONDS} AS secs FROM requests r WHERE {where} AND r.responded_at IS NOT NULL)
            SELECT CASE {cases} ELSE {len(RESPONSE_BUCKETS)} END AS bucket, count(*) AS n FROM t GROUP BY bucket"""
        counts = [0] * (len(RESPONSE_BUCKETS) + 1)
        for row in self._rows(sql, params):
            counts[row["bucket"]] = row["n"]
        return counts

    # --- resolution -----------------------------------------------------------------------------------------
    def resolution(self, period: Period, flt: FigureFilter) -> list[Resolution]:
        where, params = scope(period, flt, "r.resolved_at")
        sql = f"""
            WITH t AS MATERIALIZED (SELECT r.priority, r.resolved_at, {PROMISED} AS promised FROM requests r
                                    WHERE {where})
            SELECT priority, count(*) AS resolved, sum(promised IS NOT NULL AND resolved_at <= promised) AS kept,
                   sum(promised IS NULL) AS without_promise
            FROM t GROUP BY priority"""
        rows = {Priority(r["priority"]): r for r in self._rows(sql, params)}
        times = self.durations(RESOLUTION_SECONDS, where, params)
        figures = []
        for priority in Priority:
            row = rows.get(priority)
            counts = {k: row[k] or 0 for k in ("resolved", "kept", "without_promise")} if row else {}
            figures.append(Resolution(priority, **counts, time=times.get(priority, DurationStats())))
        totals = {k: sum(getattr(f, k) for f in figures) for k in ("resolved", "kept", "without_promise")}
        figures.append(Resolution(None, **totals, time=times.get(None, DurationStats())))
        return figures

    # --- delays, reopened, satisfaction ---------------------------------------------------------------------
    def delays(self, period: Period, flt: FigureFilter, at: datetime) -> Delays:
        where, params = scope(period, flt, "p.at")
        delayed = (f"FROM progress_entries p JOIN requests r ON r.id = p.request_id "
                   f"WHERE p.state = '{ProgressState.DELAYED.value}' AND {where}")
        entries, requests = self.db.execute(
            f"SELECT count(*), count(DISTINCT p.request_id) {delayed}", params).fetchone()
        reasons = [(r["reason"], r["n"]) for r in self._rows(
            f"SELECT trim(p.delay_reason) AS reason, count(*) AS n {delayed} GROUP BY 1 ORDER BY n DESC, reason",
            params)]
        if len(reasons) > TOP_REASONS + 1:
            reasons = reasons[:TOP_REASONS] + [(OTHER_REASONS, sum(n for _r, n in reasons[TOP_REASONS:]))]
        step_where, step_params = scope(period, flt, "s.due_at")
        late = self.db.execute(
            f"SELECT count(*) FROM plan_steps s JOIN requests r ON r.id = s.request_id WHERE {step_where} "
            "AND (s.done_at > s.due_at OR (s.done_at IS NULL AND s.due_at < :at))",
            {**step_params, "at": to_iso(at)},
        ).fetchone()[0]
        return Delays(entries or 0, requests or 0, reasons, late or 0)

    def reopened(self, period: Period, flt: FigureFilter) -> int:
        where, params = scope(period, flt, "c.at")
        return self.db.execute(
            "SELECT count(DISTINCT c.request_id) FROM request_status_changes c JOIN requests r ON r.id = c.request_id "
            f"WHERE c.from_status = '{RequestStatus.RESOLVED.value}' "
            f"AND c.to_status = '{RequestStatus.IN_PROGRESS.value}' "
            f"AND {where}",
            params,
        ).fetchone()[0]

    def satisfaction(self, period: Period, flt: FigureFilter) -> SatisfactionFigures:
        where, params = scope(period, flt, "r.resolved_at")
        levels = ", ".join(f"sum(r.satisfaction = '{s.value}') AS \"{s.value}\"" for s in Satisfaction)
        row = self._rows(
            f"SELECT count(*) AS resolved, sum(r.resolution_confirmed_at IS NOT NULL) AS confirmed, "
            f"sum(r.satisfaction IS NOT NULL) AS rated, avg(r.satisfaction_score) AS mean, {levels} "
            f"FROM requests r WHERE {where}", params)[0]
        scores = {r["score"]: r["n"] for r in self._rows(
            f"SELECT r.satisfaction_score AS score, count(*) AS n FROM requests r WHERE {where} "
            "AND r.satisfaction_score IS NOT NULL GROUP BY 1", params)}
        return SatisfactionFigures(
            resolved=row["resolved"], confirmed=row["confirmed"] or 0, rated=row["rated"] or 0,
            levels={s: row[s.value] or 0 for s in Satisfaction}, scores={n: scores.get(n, 0) for n in range(1, 6)},
            mean_score=row["mean"],
        )

    def history_gap(self, what: str) -> datetime | None:
        """Until when ``what`` (status_changes, usage_events) was not recorded; None when nothing is missing."""
        row = self.db.execute("SELECT until FROM history_gaps WHERE what = ?", [what]).fetchone()
        return from_iso(row[0]) if row else None

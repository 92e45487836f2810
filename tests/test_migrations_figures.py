"""0008_service_figures on a data directory of the schema before it: first responses backfilled, nothing else
changes meaning, and the figures say what the old data cannot tell."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.paths import DataPaths
from app.model.figures import Period
from app.model.records import RequestStatus
from app.store import MIGRATIONS, open_database


def _request(request_id: str, code: str, created: str, status: str, responded: str | None, **more) -> dict:
    row = {
        "id": request_id, "code": code, "customer": "李经理", "company": "华辰商贸", "contact": "138", "channel": "电话",
        "history": "", "what": "订单列表无法加载", "when_text": "", "where_text": "", "who": "", "why": "", "how": "",
        "priority": "紧急", "status": status, "assignee": "张敏", "skill_group": "技术故障组", "created_at": created,
        "updated_at": created, "deadline": created.replace("T08", "T10"), "responded_at": responded,
        "resolved_at": None, "closed_at": None, "case_article_id": None, "handbook_article_id": None,
        "confirmed_at": "2026-11-02T09:00:00+00:00", "confirmation_note": "确认",
    }
    row.update(more)
    return row


def _old_data_directory(tmp_path):
    db = open_database(DataPaths(tmp_path).database)
    MIGRATIONS.apply(db, stop_before="0008_service_figures")
    db["articles"].insert({
        "id": "a1", "kind": "script", "title": "话术", "body": "", "fields": "{}", "tags": "[]", "skill_group": "",
        "status": "published", "owner": "", "phrasings": "[]", "external_id": None,
        "created_at": "2026-10-01T00:00:00+00:00", "updated_at": "2026-10-01T00:00:00+00:00", "version": 1,
        "review_interval_days": 90, "next_review_at": "2027-01-01T00:00:00+00:00", "last_verified_at": None,
        "last_verified_by": "", "views": 7, "copies": 3,
    })
    # Entered by a script, not through Deskbook: in progress with entries but no response time.
    db["requests"].insert(_request("r1", "XQ-1", "2026-11-02T08:00:00+00:00", "in_progress", None))
    # Responded (stamped at the status move) later than its first entry, which was entered afterwards.
    db["requests"].insert(_request("r2", "XQ-2", "2026-11-02T08:00:00+00:00", "resolved", "2026-11-02T09:30:00+00:00",
                                   resolved_at="2026-11-03T08:00:00+00:00"))
    db["requests"].insert(_request("r3", "XQ-3", "2026-11-02T08:00:00+00:00", "open", None))
    for entry_id, request_id, at in (("p1", "r1", "2026-11-02T11:00:00+00:00"),
                                     ("p2", "r1", "2026-11-02T09:15:00+00:00"),
                                     ("p3", "r2", "2026-11-02T09:00:00+00:00")):
        db["progress_entries"].insert({"id": entry_id, "request_id": request_id, "at": at, "note": "进展",
                                       "state": "进行中", "delay_reason": "", "new_deadline": None, "author": "张敏"})
    db.conn.commit()
    db.conn.close()


def test_first_responses_are_backfilled_and_old_meanings_kept(tmp_path, clock):
    _old_data_directory(tmp_path)
    from app.services import Deskbook

    before = datetime.now(UTC).replace(microsecond=0)
    desk = Deskbook(tmp_path, clock=clock)
    try:
        assert "0008_service_figures" in [m.name for m in MIGRATIONS.applied(desk.db)]  # later steps may follow
        first, kept, untouched = (desk.records.get(code) for code in ("XQ-1", "XQ-2", "XQ-3"))
        assert first.responded_at == datetime(2026, 11, 2, 9, 15, tzinfo=UTC)  # the earliest entry
        assert kept.responded_at == datetime(2026, 11, 2, 9, 30, tzinfo=UTC)  # a recorded time stays
        assert untouched.responded_at is None and untouched.status is RequestStatus.OPEN
        assert first.confirmed_at == datetime(2026, 11, 2, 9, tzinfo=UTC) and first.confirmation_note == "确认"
        assert first.feedback.confirmed_at is None and first.feedback.satisfaction is None  # the letter is not it
        assert desk.get_article("a1").views == 7
        gaps = dict(desk.db.execute("SELECT what, until FROM history_gaps").fetchall())
        assert set(gaps) == {"status_changes", "usage_events"}
        assert datetime.fromisoformat(gaps["status_changes"]) >= before
        figures = desk.figures.compute(Period(date(2026, 11, 2), date(2026, 11, 8), UTC),
                                       at=datetime(2026, 11, 9, tzinfo=UTC))
        assert figures.reopened.known_since == datetime.fromisoformat(gaps["status_changes"])
        assert figures.kb.usage_known_since is not None
        total = figures.response_total()
        # r1 responded 1 h 15 min after intake (deadline 2 h): met; r2 at 1 h 30: met; r3 unanswered: missed
        assert (total.met, total.missed, total.received) == (2, 1, 3)
        # From now on the old requests work as any other.
        desk.records.set_status("XQ-2", RequestStatus.IN_PROGRESS)
        assert len(desk.records.status_log.for_request("r2")) == 1
        assert desk.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert desk.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        desk.close()


def test_a_new_data_directory_has_no_history_gaps(clock):
    from app.services import Deskbook

    desk = Deskbook(None, clock=clock)
    try:
        assert desk.db.execute("SELECT count(*) FROM history_gaps").fetchone()[0] == 0
        figures = desk.figures.compute(Period.this_week(clock(), UTC))
        assert figures.reopened.known_since is None and figures.kb.usage_known_since is None
        columns = set(desk.db["requests"].columns_dict)
        assert {"satisfaction", "satisfaction_score", "resolution_confirmed_at"} <= columns
    finally:
        desk.close()

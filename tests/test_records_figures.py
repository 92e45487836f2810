"""Every service figure on hand-built records with answers worked out by hand (see app/model/figures.py)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from app.model import Article, Kind, Status
from app.model.figures import FigureFilter, Period, bucket_bounds, bucket_label, duration_text
from app.records.milestones import FeedbackInput
from app.model.records import (
    PlanStep,
    Priority,
    ProgressEntry,
    ProgressState,
    Request,
    RequestStatus,
    Satisfaction,
    SolutionPlan,
)
from app.services import Deskbook

SHANGHAI = timezone(timedelta(hours=8))
WEEK = Period(date(2026, 11, 16), date(2026, 11, 22), UTC)  # Monday to Sunday, UTC days
MONDAY = datetime(2026, 11, 16, tzinfo=UTC)
SLA = {Priority.URGENT: 2, Priority.IMPORTANT: 24, Priority.NORMAL: 48}
_codes = itertools.count(1)


@pytest.fixture
def desk(clock):
    desk = Deskbook(None, clock=clock)  # no search index: the figures read SQLite only
    yield desk
    desk.close()


def put(desk, created: datetime, priority: Priority = Priority.URGENT, *, responded: datetime | None = None,
        resolved: datetime | None = None, status: RequestStatus | None = None, **fields) -> Request:
    """Store a request exactly as given (no clock): the deadline is the default SLA after intake."""
    if status is None:
        status = RequestStatus.RESOLVED if resolved else RequestStatus.IN_PROGRESS if responded else RequestStatus.OPEN
    fields.setdefault("customer", "客户")
    request = Request(
        what="问题", code=f"XQ-T-{next(_codes):05d}", priority=priority, status=status, created_at=created,
        updated_at=created, deadline=created + timedelta(hours=SLA[priority]), responded_at=responded,
        resolved_at=resolved, **fields,
    )
    with desk.db.atomic():
        desk.records.requests.insert(request)
    return request


def by_priority(items, priority):
    return next(item for item in items if item.priority == priority)


# --- periods ----------------------------------------------------------------------------------------------------
def test_period_choices_are_whole_local_weeks_and_months():
    sunday_night = datetime(2026, 11, 22, 17, 0, tzinfo=UTC)  # Monday 01:00 in Shanghai
    assert Period.this_week(sunday_night, UTC).first == date(2026, 11, 16)
    week = Period.this_week(sunday_night, SHANGHAI)
    assert (week.first, week.last) == (date(2026, 11, 23), date(2026, 11, 29))
    assert week.start == datetime(2026, 11, 22, 16, 0, tzinfo=UTC) and week.end - week.start == timedelta(days=7)
    last = Period.last_week(sunday_night, SHANGHAI)
    assert (last.first, last.last) == (date(2026, 11, 16), date(2026, 11, 22))
    month = Period.this_month(datetime(2026, 12, 31, 23, 0, tzinfo=UTC), SHANGHAI)  # already January there
    assert (month.first, month.last) == (date(2027, 1, 1), date(2027, 1, 31))
    assert Period.this_month(datetime(2028, 2, 10, tzinfo=UTC), UTC).last == date(2028, 2, 29)
    with pytest.raises(ValueError):
        Period(date(2026, 11, 2), date(2026, 11, 1))


def test_labels_for_buckets_and_durations():
    labels = [bucket_label(low, high) for low, high in bucket_bounds()]
    assert labels == ["≤15分钟", "15–30分钟", "30分钟–1小时", "1–2小时", "2–4小时", "4–8小时", "8–24小时",
                      "24–48小时", ">48小时"]
    assert (duration_text(1500), duration_text(3 * 3600), duration_text(5400), duration_text(3 * 86400)) == (
        "25分钟", "3小时", "1.5小时", "3天")
    assert duration_text(None) == "—"


# --- received ---------------------------------------------------------------------------------------------------
def test_received_counts_the_period_from_its_first_instant_to_before_the_next_day(desk):
    put(desk, MONDAY, channel="电话")  # the first instant counts
    put(desk, MONDAY - timedelta(seconds=1), channel="电话")  # Sunday before: not
    put(desk, WEEK.end - timedelta(seconds=1), Priority.NORMAL, channel="邮件")  # the last second counts
    put(desk, WEEK.end, Priority.NORMAL)  # midnight after the last day: not
    put(desk, MONDAY + timedelta(days=2), Priority.IMPORTANT, channel="  ")
    figures = desk.figures.compute(WEEK)
    assert figures.received == 3
    assert figures.by_priority == {Priority.URGENT: 1, Priority.NORMAL: 1, Priority.IMPORTANT: 1}
    assert figures.by_channel == [("未填写", 1), ("电话", 1), ("邮件", 1)]


def test_days_are_local_days(desk):
    late_sunday_utc = datetime(2026, 11, 22, 16, 30, tzinfo=UTC)  # Monday 00:30 in Shanghai
    put(desk, late_sunday_utc)
    put(desk, datetime(2026, 11, 23, 15, 59, tzinfo=UTC), resolved=datetime(2026, 11, 23, 16, 0, tzinfo=UTC))
    utc_days = {d.day: d for d in desk.figures.compute(Period(date(2026, 11, 22), date(2026, 11, 24), UTC)).per_day}
    assert (utc_days[date(2026, 11, 22)].received, utc_days[date(2026, 11, 23)].received) == (1, 1)
    local = desk.figures.compute(Period(date(2026, 11, 22), date(2026, 11, 24), SHANGHAI))
    assert [(d.day.day, d.received, d.resolved) for d in local.per_day] == [(22, 0, 0), (23, 2, 0), (24, 0, 1)]


# --- first response ---------------------------------------------------------------------------------------------
def test_first_response_exactly_at_the_deadline_is_met_and_a_second_later_is_missed(desk, clock):
    start = MONDAY + timedelta(hours=8)
    put(desk, start, responded=start + timedelta(hours=2))  # exactly at the deadline
    put(desk, start, responded=start + timedelta(hours=2, seconds=1))
    put(desk, start, responded=start + timedelta(minutes=10))
    put(desk, clock.now - timedelta(hours=2))  # unanswered, deadline exactly now: not missed yet
    put(desk, clock.now - timedelta(hours=2, seconds=1))  # unanswered, deadline a second ago
    put(desk, start, status=RequestStatus.RESOLVED, resolved=start + timedelta(hours=1))  # no response time kept
    urgent = by_priority(desk.figures.compute(WEEK).first_response, Priority.URGENT)
    assert (urgent.received, urgent.met, urgent.missed, urgent.awaiting, urgent.unrecorded) == (6, 2, 2, 1, 1)
    assert urgent.met_share == 0.5


def test_response_time_median_and_p90_per_priority_and_over_all(desk):
    for minutes in (40, 10, 30, 20):
        put(desk, MONDAY, Priority.IMPORTANT, responded=MONDAY + timedelta(minutes=minutes))
    for minutes in (5, 1, 100):
        put(desk, MONDAY, Priority.URGENT, responded=MONDAY + timedelta(minutes=minutes))
    figures = desk.figures.compute(WEEK)
    important = by_priority(figures.first_response, Priority.IMPORTANT).time
    assert (important.count, important.median_s, important.p90_s) == (4, 25 * 60, 40 * 60)  # mean of 20 and 30
    urgent = by_priority(figures.first_response, Priority.URGENT).time
    assert (urgent.median_s, urgent.p90_s) == (5 * 60, 100 * 60)
    total = figures.response_total()
    # 1 5 10 20 30 40 100: the median is the 4th, p90 the ceil(6.3) = 7th
    assert (total.time.count, total.time.median_s, total.time.p90_s) == (7, 20 * 60, 100 * 60)
    assert by_priority(figures.first_response, Priority.NORMAL).time.median_s is None


def test_response_time_buckets_include_their_upper_bound(desk):
    for seconds in (15 * 60, 15 * 60 + 1, 49 * 3600, 3600):
        put(desk, MONDAY, Priority.NORMAL, responded=MONDAY + timedelta(seconds=seconds))
    put(desk, MONDAY)  # no response: in no bucket
    assert desk.figures.compute(WEEK).response_buckets == [1, 1, 1, 0, 0, 0, 0, 0, 1]


# --- resolution ---------------------------------------------------------------------------------------------
def _plan(desk, request, *dues):
    desk.records.plans.save(SolutionPlan(request.id, steps=[PlanStep(f"步骤{i}", due_at=d) for i, d in enumerate(dues)]))


def _delay(desk, request, at, reason, new_deadline=None):
    with desk.db.atomic():
        desk.records.progress_repo.insert(ProgressEntry(
            request.id, "推迟", ProgressState.DELAYED, at=at, delay_reason=reason,
            new_deadline=new_deadline or at + timedelta(hours=4)))


def test_resolved_by_the_latest_time_promised(desk):
    done = MONDAY + timedelta(hours=10)
    kept = put(desk, MONDAY, Priority.IMPORTANT, responded=MONDAY, resolved=done)
    _plan(desk, kept, MONDAY + timedelta(hours=2), done)  # the last step's due time, exactly
    late = put(desk, MONDAY, Priority.IMPORTANT, responded=MONDAY, resolved=done)
    _plan(desk, late, done - timedelta(seconds=1))
    moved = put(desk, MONDAY, Priority.IMPORTANT, responded=MONDAY, resolved=done)
    _plan(desk, moved, MONDAY + timedelta(hours=3))
    _delay(desk, moved, MONDAY + timedelta(hours=2), "等待供应商", new_deadline=done + timedelta(hours=1))
    put(desk, MONDAY, Priority.NORMAL, responded=MONDAY, resolved=MONDAY + timedelta(hours=30))  # nothing promised
    put(desk, MONDAY - timedelta(days=3), Priority.NORMAL, responded=MONDAY, resolved=MONDAY + timedelta(hours=1))
    put(desk, MONDAY, Priority.NORMAL, responded=MONDAY, resolved=WEEK.end)  # resolved after the period
    figures = desk.figures.compute(WEEK)
    important = by_priority(figures.resolution, Priority.IMPORTANT)
    assert (important.resolved, important.kept, important.without_promise) == (3, 2, 0)
    assert important.time.median_s == 10 * 3600
    total = figures.resolution_total()
    assert (total.resolved, total.kept, total.without_promise, total.kept_share) == (5, 2, 2, 2 / 3)
    # 10 h, 10 h, 10 h, 30 h, 73 h: median the 3rd, p90 the 5th
    assert (total.time.median_s, total.time.p90_s) == (10 * 3600, 73 * 3600)


# --- delays, reopened, satisfaction ---------------------------------------------------------------------------
def test_delays_are_grouped_by_their_trimmed_reason_and_late_steps_counted(desk, clock):
    a = put(desk, MONDAY, responded=MONDAY)
    b = put(desk, MONDAY, responded=MONDAY)
    _delay(desk, a, MONDAY + timedelta(hours=1), "应用商店审核")
    _delay(desk, a, MONDAY + timedelta(hours=5), " 应用商店审核 ")
    _delay(desk, b, MONDAY + timedelta(hours=1), "等待客户提供日志")
    _delay(desk, b, MONDAY - timedelta(hours=1), "上周的延迟")  # before the period
    _plan(desk, a, MONDAY + timedelta(hours=1), clock.now + timedelta(hours=1))  # late (not done), not yet due
    plan = desk.records.plans.get(b.id)
    plan.steps = [PlanStep("按时", due_at=MONDAY + timedelta(hours=2), done_at=MONDAY + timedelta(hours=2)),
                  PlanStep("晚了", due_at=MONDAY + timedelta(hours=2), done_at=MONDAY + timedelta(hours=3))]
    desk.records.plans.save(plan)
    delays = desk.figures.compute(WEEK).delays
    assert (delays.entries, delays.requests, delays.late_steps) == (3, 2, 2)
    assert delays.reasons == [("应用商店审核", 2), ("等待客户提供日志", 1)]


def test_many_reasons_beyond_the_top_are_summed_as_other(desk):
    request = put(desk, MONDAY, responded=MONDAY)
    for number in range(12):
        _delay(desk, request, MONDAY + timedelta(hours=1), f"原因{number:02d}")
    reasons = desk.figures.compute(WEEK).delays.reasons
    assert len(reasons) == 9 and reasons[-1] == ("其他", 4) and reasons[0] == ("原因00", 1)


def test_a_reopened_request_counts_once_and_status_changes_are_logged(desk, clock):
    clock.now = MONDAY + timedelta(hours=1)
    request = desk.records.create(Request(customer="客户", what="问题"))
    for hours, status in ((2, RequestStatus.IN_PROGRESS), (3, RequestStatus.RESOLVED), (4, RequestStatus.IN_PROGRESS),
                          (5, RequestStatus.RESOLVED), (6, RequestStatus.IN_PROGRESS), (7, RequestStatus.RESOLVED)):
        clock.now = MONDAY + timedelta(hours=hours)
        desk.records.set_status(request.id, status)
    other = put(desk, MONDAY, responded=MONDAY, resolved=MONDAY + timedelta(hours=1))
    assert [(c[1].value, c[2].value) for c in desk.records.status_log.for_request(request.id)][:2] == [
        ("open", "in_progress"), ("in_progress", "resolved")]
    reopened = desk.figures.compute(WEEK).reopened
    assert (reopened.requests, reopened.resolved, reopened.share, reopened.known_since) == (1, 2, 0.5, None)
    assert other.id != request.id
    next_week = Period(date(2026, 11, 23), date(2026, 11, 29), UTC)
    assert desk.figures.compute(next_week).reopened.requests == 0


def test_progress_on_an_open_request_logs_its_move_to_in_progress(desk, clock):
    request = desk.records.create(Request(customer="客户", what="问题"))
    desk.records.add_progress(request.id, "已联系客户")
    assert [(c[1], c[2]) for c in desk.records.status_log.for_request(request.id)] == [
        (RequestStatus.OPEN, RequestStatus.IN_PROGRESS)]


def test_satisfaction_of_the_requests_resolved_in_the_period(desk, clock):
    clock.now = MONDAY + timedelta(days=1)
    answers = [FeedbackInput(True, "满意"), FeedbackInput(True, 5), FeedbackInput(False, 4), FeedbackInput(True, "一般"),
               FeedbackInput(False, 2, "等太久"), FeedbackInput(True), FeedbackInput()]
    for answer in answers:
        request = desk.records.create(Request(customer="客户", what="问题"))
        desk.milestones.resolve(request.id, answer)
    clock.now = MONDAY - timedelta(days=1)  # resolved the week before: not in this week's figures
    desk.milestones.resolve(desk.records.create(Request(customer="客户", what="问题")).id, FeedbackInput(True, 1))
    clock.now = MONDAY + timedelta(days=2)
    s = desk.figures.compute(WEEK).satisfaction
    assert (s.resolved, s.confirmed, s.rated) == (7, 4, 5)
    assert s.levels == {Satisfaction.SATISFIED: 3, Satisfaction.NEUTRAL: 1, Satisfaction.DISSATISFIED: 1}
    assert s.scores == {1: 0, 2: 1, 3: 0, 4: 1, 5: 1} and s.mean_score == pytest.approx(11 / 3)
    assert s.satisfied_share == 0.6


# --- filters --------------------------------------------------------------------------------------------------
def test_skill_group_and_assignee_narrow_every_request_figure(desk):
    mine = put(desk, MONDAY, responded=MONDAY + timedelta(hours=3), group="账号问题组", assignee="王磊")
    put(desk, MONDAY, responded=MONDAY + timedelta(minutes=5), group="账号问题组", assignee="张敏")
    put(desk, MONDAY, responded=MONDAY + timedelta(minutes=5), group="财务组", assignee="王磊")
    _delay(desk, mine, MONDAY + timedelta(hours=1), "等待技术组")
    group = desk.figures.compute(WEEK, FigureFilter(group="账号问题组"))
    assert group.received == 2 and group.response_total().met == 1 and group.delays.entries == 1
    person = desk.figures.compute(WEEK, FigureFilter(group="账号问题组", assignee="王磊"))
    assert person.received == 1 and person.response_total().missed == 1 and person.delays.entries == 1
    assert desk.figures.compute(WEEK, FigureFilter(assignee="张敏")).delays.entries == 0
    groups, assignees = desk.figures.filter_choices()
    assert groups == ["财务组", "账号问题组"] and assignees == ["张敏", "王磊"]


# --- knowledge base ------------------------------------------------------------------------------------------
def test_kb_searches_uses_and_review_health_in_the_period(desk, clock):
    log = desk.search_log
    for at, query, hits in ((MONDAY, "退款", 3), (MONDAY, "火星文", 0), (MONDAY + timedelta(days=1), "火星文", 0),
                            (MONDAY, "乱码", 0), (MONDAY - timedelta(days=1), "旧的", 0)):
        log.record(query, hits, 1.0, at)
    script = desk.create_article(Article(Kind.SCRIPT, "退款话术", status=Status.PUBLISHED, group="财务组"))
    case = desk.create_article(Article(Kind.CASE, "登录案例", status=Status.PUBLISHED, group="账号问题组"))
    for at, article, copy in ((MONDAY, script, True), (MONDAY + timedelta(hours=1), script, True),
                              (MONDAY, case, False), (MONDAY - timedelta(days=2), script, True)):
        clock.now = at
        (desk.record_copy if copy else desk.record_view)(article.id)
    clock.now = MONDAY + timedelta(days=200)  # both articles' 90-day reviews are overdue by now
    kb = desk.figures.compute(WEEK, at=MONDAY + timedelta(days=3)).kb
    assert (kb.searches, kb.zero_result, kb.zero_result_share) == (4, 3, 0.75)
    assert kb.top_zero_result == [("火星文", 2), ("乱码", 1)]
    assert (kb.scripts_copied, kb.top_scripts, kb.articles_opened) == (2, [("退款话术", 2)], 1)
    assert (kb.published, kb.verified_in_time, kb.usage_known_since) == (2, 2, None)
    group = desk.figures.compute(WEEK, FigureFilter(group="账号问题组")).kb
    assert (group.scripts_copied, group.articles_opened, group.published, group.verified_in_time) == (0, 1, 1, 0)
    assert group.searches == 4  # the search log has no skill group


def test_figures_of_an_empty_period_are_zero_and_shares_unknown(desk):
    figures = desk.figures.compute(WEEK)
    assert figures.received == 0 and figures.response_total().met_share is None
    assert figures.resolution_total().kept_share is None and figures.satisfaction.satisfied_share is None
    assert figures.kb.zero_result_share is None and len(figures.per_day) == 7


def test_the_docs_page_carries_the_definitions_word_for_word():
    from pathlib import Path

    import app.model.figures as figures

    definitions = figures.__doc__.split("\n", 2)[2].strip()
    page = (Path(__file__).resolve().parents[1] / "docs" / "service-figures.md").read_text("utf-8")
    assert definitions in page

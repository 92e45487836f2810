"""已首次响应, resolution with the customer's confirmation and satisfaction; nothing stored before changes meaning."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.records.milestones import FeedbackInput, Rating, feedback_text, parse_rating
from app.model.records import Request, RequestStatus, Satisfaction
from app.records.service import RecordError
from app.services import Deskbook


@pytest.fixture
def desk(clock):
    desk = Deskbook(None, clock=clock)
    yield desk
    desk.close()


def new(desk) -> Request:
    return desk.records.create(Request(customer="陈女士", what="App登录提示密码错误"))


@pytest.mark.parametrize("text, rating", [
    ("满意", Rating(Satisfaction.SATISFIED)), (" 不满意 ", Rating(Satisfaction.DISSATISFIED)),
    ("neutral", Rating(Satisfaction.NEUTRAL)), ("5", Rating(Satisfaction.SATISFIED, 5)),
    (4, Rating(Satisfaction.SATISFIED, 4)), ("3", Rating(Satisfaction.NEUTRAL, 3)),
    ("1", Rating(Satisfaction.DISSATISFIED, 1)),
])
def test_ratings_are_a_level_or_a_score(text, rating):
    assert parse_rating(text) == rating


@pytest.mark.parametrize("text", ["6", "0", "很好", "", "4.5"])
def test_other_ratings_are_refused_with_the_choices(text):
    with pytest.raises(RecordError, match="满意、一般、不满意 或 1-5 分"):
        parse_rating(text)


def test_first_response_now_or_entered_afterwards(desk, clock):
    request = new(desk)
    clock.now += timedelta(minutes=50)
    responded = desk.milestones.record_first_response(request.code, at=clock.now - timedelta(minutes=20))
    assert responded.responded_at == request.created_at + timedelta(minutes=30)
    assert responded.status is RequestStatus.IN_PROGRESS
    assert desk.records.get(request.id).responded_at == responded.responded_at
    with pytest.raises(RecordError, match="已经记录过了"):
        desk.milestones.record_first_response(request.id)
    other = new(desk)
    with pytest.raises(RecordError, match="不能晚于现在"):
        desk.milestones.record_first_response(other.id, at=clock.now + timedelta(minutes=1))
    with pytest.raises(RecordError, match="不能早于收到需求的时间"):
        desk.milestones.record_first_response(other.id, at=other.created_at - timedelta(seconds=1))
    assert desk.records.get(other.id).status is RequestStatus.OPEN  # a refused response changes nothing
    assert desk.milestones.record_first_response(other.id).responded_at == clock.now


def test_resolve_with_confirmation_and_satisfaction_in_one_step(desk, clock):
    request = new(desk)
    clock.now += timedelta(hours=3)
    resolved = desk.milestones.resolve(request.id, FeedbackInput(confirmed=True, rating="4", comment=" 处理很快 "))
    stored = desk.records.get(request.id)
    assert stored.status is RequestStatus.RESOLVED and stored.resolved_at == clock.now
    assert stored.responded_at == clock.now  # leaving 待处理 is the first response, as before
    fb = stored.feedback
    assert (fb.confirmed_at, fb.satisfaction, fb.score, fb.comment, fb.rated_at) == (
        clock.now, Satisfaction.SATISFIED, 4, "处理很快", clock.now)
    assert resolved.feedback == fb
    assert feedback_text(fb) == "满意（4分） · 客户已确认解决"


def test_satisfaction_asked_later_keeps_the_first_confirmation(desk, clock):
    request = new(desk)
    desk.milestones.resolve(request.id, FeedbackInput(confirmed=True))
    confirmed_at = clock.now
    clock.now += timedelta(days=1)
    desk.records.set_status(request.id, RequestStatus.CLOSED)
    later = desk.milestones.record_feedback(request.id, FeedbackInput(confirmed=True, rating="一般"))
    assert later.feedback.confirmed_at == confirmed_at and later.feedback.satisfaction is Satisfaction.NEUTRAL
    assert later.feedback.score is None and later.feedback.rated_at == clock.now
    assert later.status is RequestStatus.CLOSED


def test_satisfaction_waits_for_resolution_and_a_bad_rating_changes_nothing(desk):
    request = new(desk)
    with pytest.raises(RecordError, match="还没有解决"):
        desk.milestones.record_feedback(request.id, FeedbackInput(rating="满意"))
    with pytest.raises(RecordError):
        desk.milestones.resolve(request.id, FeedbackInput(confirmed=True, rating="十分"))
    stored = desk.records.get(request.id)
    assert stored.status is RequestStatus.OPEN and stored.feedback.confirmed_at is None


def test_a_closed_request_is_not_moved_back_to_resolved(desk):
    request = new(desk)
    desk.records.set_status(request.id, RequestStatus.CLOSED)
    closed = desk.milestones.resolve(request.id, FeedbackInput(rating="5"))
    assert closed.status is RequestStatus.CLOSED and closed.feedback.score == 5


def test_editing_a_request_keeps_the_feedback(desk, clock):
    request = new(desk)
    stale = desk.records.get(request.id)  # an edit form opened before the customer answered
    desk.milestones.resolve(request.id, FeedbackInput(confirmed=True, rating="满意"))
    desk.records.update(stale.with_changes(what="改了描述"))
    stored = desk.records.get(request.id)
    assert stored.what == "改了描述" and stored.feedback.satisfaction is Satisfaction.SATISFIED


def test_copies_and_opens_are_logged_with_their_time(desk, clock):
    from app.model import Article, Kind

    article = desk.create_article(Article(Kind.SCRIPT, "话术"))
    desk.record_copy(article.id)
    desk.record_view(article.id)
    desk.record_view("no-such-article")  # a deleted article: the counter update finds nothing, nor does the log
    rows = desk.db.execute("SELECT at, article_id, kind, action FROM usage_events ORDER BY id").fetchall()
    iso = clock.now.isoformat(timespec="seconds")
    assert rows == [(iso, article.id, "script", "copy"), (iso, article.id, "script", "view")]
    assert desk.get_article(article.id).copies == 1

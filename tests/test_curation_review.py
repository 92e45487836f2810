"""Review queue, bulk verify, health, per-kind intervals; reminders at boundary times, snooze and dismiss."""

from __future__ import annotations

from datetime import timedelta

from app.model import Kind, Status
from app.reminders import DueItem, DueKind, ReminderState, apply_reminder_states
from app.curation.workflow import Action
from tests.helpers import make_article


def _published(desk, title, kind=Kind.CASE, days=90):
    return desk.create_article(make_article(title, "正文", kind=kind, review_interval_days=days))


def test_review_due_exactly_at_the_interval_end(desk, clock):
    article = _published(desk, "物流查询", days=30)
    end = clock.now + timedelta(days=30)
    assert article.next_review_at == end
    assert desk.due(end - timedelta(seconds=1)) == []
    [item] = desk.due(end)
    assert (item.kind, item.subject_id, item.due_at) == (DueKind.REVIEW, article.id, end)
    assert [i.id for i in desk.curation.review_queue(end - timedelta(seconds=1), soon_days=0)] == []
    [queued] = desk.curation.review_queue(end, soon_days=0)
    assert queued.stale and queued.id == article.id


def test_verify_removes_from_queue_and_health_counts_verified_share(desk, clock):
    a, b, c = (_published(desk, t) for t in ("退款", "换货", "发票"))
    desk.create_article(make_article("草稿不算", status=Status.DRAFT))
    assert desk.curation.health().published == 3 and desk.curation.health().share == 1.0
    clock.now += timedelta(days=91)
    assert {i.id for i in desk.curation.review_queue(soon_days=0)} == {a.id, b.id, c.id}
    assert desk.curation.health().share == 0.0
    assert desk.curation.verify([a.id, b.id], "王") == 2
    assert [i.id for i in desk.curation.review_queue(soon_days=0)] == [c.id]
    health = desk.curation.health()
    assert (health.published, health.verified_in_time, health.percent_text()) == (3, 2, "67%")
    verified = desk.get_article(a.id)
    assert verified.last_verified_by == "王" and verified.next_review_at == clock.now + timedelta(days=90)
    # versions are not touched by verification: it is not an edit
    assert len(desk.versions(a.id)) == 1


def test_verify_action_applies_only_to_published(desk):
    draft = desk.create_article(make_article("草稿", status=Status.DRAFT))
    assert desk.curation.verify([draft.id], "王") == 0
    assert desk.get_article(draft.id).last_verified_at is None


def test_queue_shows_due_soon_unflagged(desk, clock):
    article = _published(desk, "七天无理由", days=10)
    [item] = desk.curation.review_queue(soon_days=14)
    assert item.id == article.id and not item.stale


def test_per_kind_default_interval(desk):
    desk.settings.review_days = {"case": 90, "script": 30, "handbook": 180}
    assert desk.curation.default_interval(Kind.SCRIPT) == 30
    assert desk.curation.default_interval("handbook") == 180


def test_snooze_until_exact_end_and_dismiss_until_next_cycle(desk, clock):
    article = _published(desk, "修改收货地址", days=30)
    due_at = clock.now + timedelta(days=30)
    clock.now = due_at
    [item] = desk.due()
    until = due_at + timedelta(hours=4)
    desk.curation.snooze(item.key, until)
    assert desk.due(until - timedelta(seconds=1)) == []
    assert [i.key for i in desk.due(until)] == [item.key]  # the snooze ends exactly at its end time
    assert len(desk.due(due_at, include_hidden=True)) == 1
    desk.curation.dismiss(item.key)
    assert desk.due(until + timedelta(days=5)) == []
    # verifying starts a new cycle: the next reminder has a new key and is not hidden by the old dismissal
    clock.now = due_at + timedelta(days=1)
    desk.curation.apply(article.id, Action.VERIFY, "王")
    later = desk.due(clock.now + timedelta(days=30))
    assert len(later) == 1 and later[0].key != item.key


def test_apply_reminder_states_is_pure(clock):
    t = clock.now
    items = [DueItem(DueKind.REVIEW, "a", "甲", t), DueItem(DueKind.REVIEW, "b", "乙", t)]
    states = {items[0].key: ReminderState(items[0].key, snoozed_until=t + timedelta(hours=1)),
              items[1].key: ReminderState(items[1].key, dismissed_at=t)}
    assert apply_reminder_states(items, states, t) == []
    assert apply_reminder_states(items, states, t + timedelta(hours=1)) == [items[0]]
    assert apply_reminder_states(items, {}, t) == items
    assert items[0].key == "review:a:2026-11-22T09:00:00+00:00"


def test_demo_articles_are_due_100_days_later(clock):
    from app.services import Deskbook

    desk = Deskbook.open(None, seed_demo=True, clock=clock)
    try:
        published = desk.articles.count(status=Status.PUBLISHED)
        reviews = [i for i in desk.due(clock.now + timedelta(days=100)) if i.kind is DueKind.REVIEW]
        assert len(reviews) == published > 20
    finally:
        desk.close()


def test_kind_default_interval_applies_to_articles_on_the_old_default(desk, clock):

    on_default = _published(desk, "默认周期", kind=Kind.SCRIPT, days=90)
    own = _published(desk, "自定周期", kind=Kind.SCRIPT, days=30)
    case = _published(desk, "案例不受影响", kind=Kind.CASE, days=90)
    assert desk.curation.set_kind_default(Kind.SCRIPT, 45, apply_to_existing=True) == 1
    assert desk.settings.review_days_for("script") == 45
    moved = desk.get_article(on_default.id)
    assert moved.review_interval_days == 45 and moved.next_review_at == clock.now + timedelta(days=45)
    assert desk.get_article(own.id).review_interval_days == 30
    assert desk.get_article(case.id).review_interval_days == 90
    assert len(desk.versions(on_default.id)) == 1  # an interval is not a content change

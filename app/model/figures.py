"""Service figures: what each figure counts, once, and the typed results. No SQL here (``app.store.figures``).

All figures cover a **period** of whole local days (``Period``: first day to last day, inclusive) and optionally one
skill group and/or one assignee (``FigureFilter``; the request's 技能组 and 负责人). "Now" is the moment the figures
are computed (``ServiceFigures.at``): a request still waiting is judged against it.

Requests
- **Received** (收到): requests whose intake time (``created_at``) falls in the period, by priority and by channel
  (an empty channel is 未填写). **Per day**: received by intake day and resolved by resolution day, local days.
- **First response within SLA** (首次响应达标), per priority and in total, over the requests received in the period.
  The first response is ``responded_at``: set by 已首次响应 (the request page, ``deskbook request respond``), by the
  first progress entry, or by a status move out of 待处理; the migration ``0008_service_figures`` filled it from the
  first progress entry where it was missing. The deadline is the one stored at intake (the SLA then in force, moved
  when the priority changed), never recomputed from today's settings.
  *Met*: responded at or before the deadline (exactly at the deadline is met). *Missed*: responded after it, or no
  response yet and the deadline is past. *Awaiting*: no response yet and the deadline not reached (not counted in
  the share). *Unrecorded*: no response time but no longer 待处理 (records from outside Deskbook; not counted).
  Share met = met / (met + missed). **Response time**: intake to first response, of the requests responded;
  median and p90 (see "Percentiles"). **Distribution**: the same times in the buckets of ``RESPONSE_BUCKETS``.
- **Resolved within the promised time** (按承诺时间解决), per priority, over the requests resolved in the period
  (``resolved_at`` in the period; closing an unresolved request also sets it). The promised time is the latest
  time the customer was given: the latest due time of the plan's steps or, if later, the new time of a 延迟 entry.
  *Kept*: resolved at or before it. Requests with no promised time are counted as ``without_promise`` and left out
  of the share. **Time to resolution**: intake to resolution, median and p90.
- **Delays** (延迟): progress entries in state 延迟 whose time falls in the period, the number of requests they
  belong to, and their reasons grouped by the reason text (trimmed; the largest groups first, the rest as 其他).
  **Late plan steps**: steps due in the period that were done after their due time or are still not done after it.
- **Reopened** (重新打开): requests moved from 已解决 back to 处理中 in the period (each request once), out of the
  requests resolved in the period. Status changes are recorded since ``0008_service_figures``: for a data directory
  that had requests before it, ``history_gaps`` holds that moment and earlier reopenings cannot be known
  (``Reopened.known_since``).
- **Satisfaction** (满意度), over the requests resolved in the period: how many the customer confirmed as solved,
  how many were rated, the count per level 满意 / 一般 / 不满意 (a 1-5 score counts in its level: 4-5 满意,
  3 一般, 1-2 不满意), the count per score and the mean score (of those rated with a score). Share satisfied =
  满意 / rated.

Knowledge base (this desk only; skill group narrows article uses and review health; assignee does not apply)
- **Searches** logged in the period, the share that found nothing, and the most frequent searches that found
  nothing (the same query text counted together).
- **Scripts copied** and **articles opened** in the period, with the most copied scripts. Uses are logged with their
  time since ``0008_service_figures``; before it only all-time totals exist (``KbFigures.usage_known_since``).
- **Review health**: published articles verified within their review interval, as of now (a past period's health
  is not known: nothing records it).

Percentiles: the median of n values is the middle one (the mean of the two middle ones for even n); p90 is the
nearest-rank value, the ceil(0.9 n)-th smallest. Durations are in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from app.model.records import Priority, RequestStatus, Satisfaction

# Upper bounds (seconds) of the first-response time buckets; the last bucket is "more than 48 h".
RESPONSE_BUCKETS: tuple[int, ...] = (15 * 60, 30 * 60, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 24 * 3600, 48 * 3600)
TOP_REASONS = 8  # delay reason groups shown; the rest are summed as 其他
OTHER_REASONS = "其他"
NO_CHANNEL = "未填写"


def local_midnight(day: date, tz: tzinfo | None = None) -> datetime:
    """The start of a local day: in ``tz``, or in the computer's zone (its daylight-saving rules included)."""
    if tz is not None:
        return datetime(day.year, day.month, day.day, tzinfo=tz)
    return datetime(day.year, day.month, day.day).astimezone()


@dataclass(frozen=True)
class Period:
    """Whole local days, ``first`` to ``last`` inclusive."""

    first: date
    last: date
    tz: tzinfo | None = None  # None: the computer's zone

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"时间段的结束日期（{self.last}）早于开始日期（{self.first}）")

    @property
    def start(self) -> datetime:
        return local_midnight(self.first, self.tz)

    @property
    def end(self) -> datetime:
        """Exclusive: midnight after the last day."""
        return local_midnight(self.last + timedelta(days=1), self.tz)

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    def day_bounds(self) -> list[tuple[date, datetime, datetime]]:
        return [(d, local_midnight(d, self.tz), local_midnight(d + timedelta(days=1), self.tz)) for d in self.days]

    # --- the period picker's choices ---------------------------------------------------------------------------
    @classmethod
    def this_week(cls, now: datetime, tz: tzinfo | None = None) -> Period:
        today = _local_day(now, tz)
        monday = today - timedelta(days=today.weekday())
        return cls(monday, monday + timedelta(days=6), tz)

    @classmethod
    def last_week(cls, now: datetime, tz: tzinfo | None = None) -> Period:
        week = cls.this_week(now, tz)
        return cls(week.first - timedelta(days=7), week.first - timedelta(days=1), tz)

    @classmethod
    def this_month(cls, now: datetime, tz: tzinfo | None = None) -> Period:
        today = _local_day(now, tz)
        first = today.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return cls(first, following - timedelta(days=1), tz)


def _local_day(moment: datetime, tz: tzinfo | None) -> date:
    return (moment.astimezone(tz) if tz is not None else moment.astimezone()).date()


@dataclass(frozen=True)
class FigureFilter:
    group: str | None = None  # 技能组
    assignee: str | None = None  # 负责人


@dataclass(frozen=True)
class DurationStats:
    count: int = 0
    median_s: float | None = None
    p90_s: float | None = None


@dataclass(frozen=True)
class FirstResponse:
    """First response within the SLA for one priority (``priority`` None: all priorities together)."""

    priority: Priority | None
    received: int = 0
    met: int = 0
    missed: int = 0
    awaiting: int = 0
    unrecorded: int = 0
    time: DurationStats = DurationStats()

    @property
    def met_share(self) -> float | None:
        judged = self.met + self.missed
        return self.met / judged if judged else None


@dataclass(frozen=True)
class Resolution:
    """Requests resolved in the period for one priority (``priority`` None: all together)."""

    priority: Priority | None
    resolved: int = 0
    kept: int = 0  # resolved at or before the promised time
    without_promise: int = 0
    time: DurationStats = DurationStats()

    @property
    def kept_share(self) -> float | None:
        promised = self.resolved - self.without_promise
        return self.kept / promised if promised else None


@dataclass(frozen=True)
class DayCount:
    day: date
    received: int
    resolved: int


@dataclass(frozen=True)
class Delays:
    entries: int = 0
    requests: int = 0
    reasons: list[tuple[str, int]] = field(default_factory=list)  # largest first, then 其他
    late_steps: int = 0


@dataclass(frozen=True)
class Reopened:
    requests: int = 0
    resolved: int = 0  # requests resolved in the period, the base of the share
    known_since: datetime | None = None  # status changes before this moment were not recorded

    @property
    def share(self) -> float | None:
        return self.requests / self.resolved if self.resolved else None


@dataclass(frozen=True)
class SatisfactionFigures:
    resolved: int = 0
    confirmed: int = 0
    rated: int = 0
    levels: dict[Satisfaction, int] = field(default_factory=dict)
    scores: dict[int, int] = field(default_factory=dict)  # 1..5 -> count
    mean_score: float | None = None

    @property
    def satisfied_share(self) -> float | None:
        return self.levels.get(Satisfaction.SATISFIED, 0) / self.rated if self.rated else None


@dataclass(frozen=True)
class KbFigures:
    searches: int = 0
    zero_result: int = 0
    top_zero_result: list[tuple[str, int]] = field(default_factory=list)
    scripts_copied: int = 0
    top_scripts: list[tuple[str, int]] = field(default_factory=list)  # title, copies in the period
    articles_opened: int = 0
    published: int = 0
    verified_in_time: int = 0
    usage_known_since: datetime | None = None  # uses before this moment were not logged with their time

    @property
    def zero_result_share(self) -> float | None:
        return self.zero_result / self.searches if self.searches else None

    @property
    def health_share(self) -> float | None:
        return self.verified_in_time / self.published if self.published else None


@dataclass(frozen=True)
class ServiceFigures:
    period: Period
    filter: FigureFilter
    at: datetime
    received: int = 0
    by_priority: dict[Priority, int] = field(default_factory=dict)
    by_channel: list[tuple[str, int]] = field(default_factory=list)
    per_day: list[DayCount] = field(default_factory=list)
    first_response: list[FirstResponse] = field(default_factory=list)  # per priority, then the total (None)
    response_buckets: list[int] = field(default_factory=list)  # counts per RESPONSE_BUCKETS bucket (+ the last)
    resolution: list[Resolution] = field(default_factory=list)  # per priority, then the total (None)
    delays: Delays = Delays()
    reopened: Reopened = Reopened()
    satisfaction: SatisfactionFigures = SatisfactionFigures()
    kb: KbFigures = KbFigures()

    def response_total(self) -> FirstResponse:
        return next(f for f in self.first_response if f.priority is None)

    def resolution_total(self) -> Resolution:
        return next(r for r in self.resolution if r.priority is None)


@dataclass(frozen=True)
class RequestRow:
    code: str
    created_at: datetime
    customer: str
    company: str
    channel: str
    priority: Priority
    group: str
    assignee: str
    status: RequestStatus
    deadline: datetime | None
    responded_at: datetime | None
    response_s: int | None
    sla_state: str  # met | missed | awaiting | unrecorded
    resolved_at: datetime | None
    resolution_s: int | None
    promised_at: datetime | None
    kept: bool | None  # resolved by the promised time; None when not resolved or nothing was promised
    delays: int
    reopened: int
    satisfaction: str
    score: int | None
    confirmed: bool
    comment: str


@dataclass(frozen=True)
class DelayRow:
    code: str
    customer: str
    priority: Priority
    group: str
    assignee: str
    at: datetime
    note: str
    reason: str
    new_deadline: datetime | None
    author: str


@dataclass(frozen=True)
class ReviewRows:
    requests: list[RequestRow]
    delays: list[DelayRow]


@dataclass(frozen=True)
class ReviewPack:
    """Everything the weekly review pack shows: the figures, the SLA in force, and the rows of its sheets."""

    figures: ServiceFigures
    sla_hours: dict[Priority, float]
    rows: ReviewRows


def bucket_bounds() -> list[tuple[int, int | None]]:
    """(lower, upper) seconds of each response-time bucket; the last has no upper bound."""
    lowers = (0, *RESPONSE_BUCKETS)
    return [(low, RESPONSE_BUCKETS[i] if i < len(RESPONSE_BUCKETS) else None) for i, low in enumerate(lowers)]


def duration_text(seconds: float | None) -> str:
    """A duration the way a team lead says it: 25分钟, 3.5小时, 2.1天; — when unknown."""
    if seconds is None:
        return "—"
    if seconds < 3600:
        return f"{seconds / 60:.0f}分钟"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f}小时".replace(".0小时", "小时")
    return f"{seconds / 86400:.1f}天".replace(".0天", "天")


def bucket_label(lower: int, upper: int | None) -> str:
    """Chinese label of a response-time bucket: ≤15分钟, 15–30分钟, 1–2小时, >48小时."""

    def short(seconds: int) -> str:
        return f"{seconds // 60}分钟" if seconds < 3600 else f"{seconds // 3600}小时"

    if upper is None:
        return f">{short(lower)}"
    if lower == 0:
        return f"≤{short(upper)}"
    low, high = short(lower), short(upper)
    if low[-2:] == high[-2:]:  # same unit: 15–30分钟, 1–2小时
        low = low[:-2]
    return f"{low}–{high}"


def share_text(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"

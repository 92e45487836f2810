"""Computing the service figures for a period (see :mod:`app.model.figures` for what each one counts).

Reached from the facade as ``desk.figures``. Receives its repositories, settings and clock, never the facade.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from app.model.figures import FigureFilter, KbFigures, Period, Reopened, ReviewPack, ServiceFigures
from app.model.records import Priority
from app.records.service import DEFAULT_SLA_HOURS
from app.settings import Settings
from app.store.article_queries import ArticleQueries
from app.store.figures import FiguresRepository
from app.store.review_rows import ReviewRowsRepository
from app.store.search_log import SearchLogRepository
from app.store.usage_log import UsageLogRepository

TOP_QUERIES = 10


@dataclass(frozen=True)
class KbSources:
    """Where the knowledge-base figures come from: the search log, the usage log and the articles' review dates."""

    search_log: SearchLogRepository
    usage_log: UsageLogRepository
    articles: ArticleQueries


class FiguresService:
    def __init__(self, figures: FiguresRepository, rows: ReviewRowsRepository, kb: KbSources, settings: Settings,
                 clock: Callable[[], datetime]):
        self.repo, self.rows_repo, self.kb_sources = figures, rows, kb
        self.settings, self.clock = settings, clock

    @classmethod
    def over(cls, db: Database, search_log: SearchLogRepository, articles: ArticleQueries, settings: Settings,
             clock: Callable[[], datetime]) -> FiguresService:
        """The service with its repositories on ``db`` (the facade's one line)."""
        kb = KbSources(search_log, UsageLogRepository(db), articles)
        return cls(FiguresRepository(db), ReviewRowsRepository(db), kb, settings, clock)

    def compute(self, period: Period, flt: FigureFilter | None = None, at: datetime | None = None) -> ServiceFigures:
        """Every figure of ``period`` (for one skill group / assignee) as of ``at`` (default: now)."""
        at, flt = at or self.clock(), flt or FigureFilter()
        by_priority, by_channel = self.repo.received(period, flt)
        resolution = self.repo.resolution(period, flt)
        known_since = self.repo.history_gap("status_changes")
        return ServiceFigures(
            period=period, filter=flt, at=at, received=sum(by_priority.values()), by_priority=by_priority,
            by_channel=by_channel, per_day=self.repo.per_day(period, flt),
            first_response=self.repo.first_response(period, flt, at),
            response_buckets=self.repo.response_buckets(period, flt), resolution=resolution,
            delays=self.repo.delays(period, flt, at),
            reopened=Reopened(self.repo.reopened(period, flt), resolution[-1].resolved,
                              known_since if known_since and period.start < known_since else None),
            satisfaction=self.repo.satisfaction(period, flt),
            kb=self.kb(period, flt, at),
        )

    def kb(self, period: Period, flt: FigureFilter, at: datetime) -> KbFigures:
        sources, start, end = self.kb_sources, period.start, period.end
        searches, zero = sources.search_log.totals(start, end)
        opened, copied = sources.usage_log.counts(start, end, flt.group)
        published, verified = sources.articles.review_health(at, flt.group)
        usage_since = self.repo.history_gap("usage_events")
        return KbFigures(
            searches=searches, zero_result=zero,
            top_zero_result=[(row["query"], row["n"])
                             for row in sources.search_log.zero_result_figures(start, TOP_QUERIES, end)],
            scripts_copied=copied, top_scripts=sources.usage_log.top_copied_scripts(start, end, flt.group, TOP_QUERIES),
            articles_opened=opened, published=published, verified_in_time=verified,
            usage_known_since=usage_since if usage_since and start < usage_since else None,
        )

    def sla_hours(self) -> dict[Priority, float]:
        return {p: float(self.settings.sla_hours.get(p.value) or DEFAULT_SLA_HOURS[p]) for p in Priority}

    def review_pack(self, period: Period, flt: FigureFilter | None = None) -> ReviewPack:
        """The figures and the rows of the weekly review pack (复盘会), ready for the documents."""
        at, flt = self.clock(), flt or FigureFilter()
        return ReviewPack(self.compute(period, flt, at), self.sla_hours(), self.rows_repo.rows(period, flt, at))

    def filter_choices(self) -> tuple[list[str], list[str]]:
        """The skill groups and assignees that occur in the requests, for the page's drop-downs."""
        return self.rows_repo.groups_and_assignees()

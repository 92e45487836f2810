"""The weekly review pack's content as Chinese tables, shared by its XLSX and its PDF (plain data in, no storage).

Each ``Table`` is one block of the summary page: a title, a header and rows. The chart of a block plots the columns
named in ``chart_columns`` against the first column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.model.figures import (
    ReviewPack,
    ServiceFigures,
    bucket_bounds,
    bucket_label,
    duration_text,
    share_text,
)
from app.model.records import Priority, Satisfaction

TITLE = "服务数据复盘"


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    header: tuple[str, ...]
    rows: list[tuple[str | int | float | None, ...]]
    chart_columns: tuple[int, ...] = ()  # columns (1-based, after the label column 0) plotted by the chart
    percent_columns: tuple[int, ...] = ()  # columns holding a share 0..1
    horizontal: bool = False  # bars across (long labels: delay reasons)
    note: str = ""


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str
    note: str = ""


@dataclass
class ReviewContent:
    title: str
    subtitle: str
    kpis: list[Kpi]
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 3600, 1)


def period_text(figures: ServiceFigures) -> str:
    period = figures.period
    text = f"{period.first:%Y-%m-%d} 至 {period.last:%Y-%m-%d}"
    scope = [x for x in (figures.filter.group, figures.filter.assignee) if x]
    return text + (f"（{' / '.join(scope)}）" if scope else "")


def kpis(figures: ServiceFigures) -> list[Kpi]:
    response, resolution = figures.response_total(), figures.resolution_total()
    s, kb = figures.satisfaction, figures.kb
    return [
        Kpi("收到需求", str(figures.received), "按提出时间"),
        Kpi("首次响应达标率", share_text(response.met_share), f"达标 {response.met} / 超时 {response.missed}"),
        Kpi("首次响应中位数", duration_text(response.time.median_s), f"p90 {duration_text(response.time.p90_s)}"),
        Kpi("按承诺时间解决", share_text(resolution.kept_share), f"本期解决 {resolution.resolved}"),
        Kpi("解决时长中位数", duration_text(resolution.time.median_s), f"p90 {duration_text(resolution.time.p90_s)}"),
        Kpi("延迟", str(figures.delays.entries), f"涉及 {figures.delays.requests} 个需求"),
        Kpi("重新打开", str(figures.reopened.requests), f"占本期解决 {share_text(figures.reopened.share)}"),
        Kpi("满意率", share_text(s.satisfied_share), f"已评价 {s.rated} / 已解决 {s.resolved}"),
        Kpi("无结果搜索", share_text(kb.zero_result_share), f"共 {kb.searches} 次搜索"),
        Kpi("话术复制", str(kb.scripts_copied), f"文章打开 {kb.articles_opened} 次"),
    ]


def tables(pack: ReviewPack) -> list[Table]:
    f = pack.figures
    sla = Table(
        "sla", "首次响应达标（按紧急程度）",
        ("紧急程度", "达标率", "收到", "达标", "超时", "等待中", "中位数（分钟）", "p90（分钟）", "时限（小时）"),
        [(r.priority.value if r.priority else "合计", r.met_share, r.received, r.met, r.missed, r.awaiting,
          _minutes(r.time.median_s), _minutes(r.time.p90_s), pack.sla_hours[r.priority] if r.priority else None)
         for r in f.first_response],
        chart_columns=(1,), percent_columns=(1,),
    )
    resolution = Table(
        "resolution", "按承诺时间解决",
        ("紧急程度", "按承诺解决率", "已解决", "按时", "无承诺时间", "解决时长中位数（小时）", "p90（小时）"),
        [(r.priority.value if r.priority else "合计", r.kept_share, r.resolved, r.kept, r.without_promise,
          _hours(r.time.median_s), _hours(r.time.p90_s)) for r in f.resolution],
        percent_columns=(1,),
    )
    per_day = Table("per_day", "每日需求", ("日期", "收到", "解决"),
                    [(f"{d.day:%m-%d}", d.received, d.resolved) for d in f.per_day], chart_columns=(1, 2))
    buckets = Table("response_time", "首次响应用时分布", ("用时", "需求数"),
                    [(bucket_label(lo, hi), n) for (lo, hi), n in zip(bucket_bounds(), f.response_buckets)],
                    chart_columns=(1,))
    delays = Table("delays", "延迟原因", ("原因", "次数"), [(r or "（未填写）", n) for r, n in f.delays.reasons],
                   chart_columns=(1,), horizontal=True,
                   note=f"延迟 {f.delays.entries} 次，涉及 {f.delays.requests} 个需求；计划步骤逾期 {f.delays.late_steps} 个")
    s = f.satisfaction
    satisfaction = Table(
        "satisfaction", "客户满意度", ("评价", "需求数"), [(level.value, s.levels.get(level, 0)) for level in Satisfaction],
        chart_columns=(1,),
        note=(f"已解决 {s.resolved}，客户确认解决 {s.confirmed}，已评价 {s.rated}"
              + (f"，平均评分 {s.mean_score:.1f} / 5" if s.mean_score is not None else "")),
    )
    channels = Table("channels", "渠道与紧急程度", ("渠道", "需求数"), [(c, n) for c, n in f.by_channel],
                     note="；".join(f"{p.value} {f.by_priority.get(p, 0)}" for p in Priority))
    zero = Table("zero_results", "无结果搜索（最多的）", ("搜索词", "次数"), [(q, n) for q, n in f.kb.top_zero_result])
    scripts = Table("scripts", "复制最多的话术", ("话术", "复制次数"), [(t, n) for t, n in f.kb.top_scripts])
    return [sla, resolution, per_day, buckets, delays, satisfaction, channels, zero, scripts]


def notes(figures: ServiceFigures) -> list[str]:
    """What the data cannot tell about this period, and how to read it."""
    found = []
    if figures.reopened.known_since is not None:
        found.append(f"状态变化自 {_local(figures.reopened.known_since)} 起记录，此前的重新打开无法统计。")
    if figures.kb.usage_known_since is not None:
        found.append(f"文章打开和话术复制自 {_local(figures.kb.usage_known_since)} 起按时间记录。")
    health = share_text(figures.kb.health_share)
    found.append(f"知识库复核健康度（当前）：{health}，已发布 {figures.kb.published} 篇，"
                 f"按期复核 {figures.kb.verified_in_time} 篇。")
    found.append("首次响应按提出时间统计；解决、满意度和重新打开按解决时间统计。恰好在时限内响应计为达标。")
    return found


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def review_content(pack: ReviewPack) -> ReviewContent:
    figures = pack.figures
    subtitle = f"{period_text(figures)}　　生成于 {_local(figures.at)}"
    return ReviewContent(TITLE, subtitle, kpis(figures), tables(pack), notes(figures))

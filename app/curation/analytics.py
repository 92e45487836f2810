"""Local usage figures for KB owners: views, copies per reply script, searches with no results, popular but stale.

Nothing leaves the machine; the figures come from the article counters and the local search log.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from app.documents.cells import csv_cell
from app.model import Kind, from_iso
from app.store.article_queries import ArticleQueries
from app.store.search_log import SearchLogRepository


@dataclass(frozen=True)
class ArticleFigure:
    id: str
    kind: Kind
    title: str
    value: int  # views or copies
    next_review_at: datetime | None = None


@dataclass(frozen=True)
class QueryFigure:
    query: str
    count: int
    last_at: datetime | None


@dataclass
class AnalyticsReport:
    at: datetime
    most_viewed: list[ArticleFigure] = field(default_factory=list)
    script_copies: list[ArticleFigure] = field(default_factory=list)
    zero_result_searches: list[QueryFigure] = field(default_factory=list)
    popular_but_stale: list[ArticleFigure] = field(default_factory=list)
    searches: int = 0
    zero_result_share: float | None = None


def _figures(rows: list[dict[str, Any]]) -> list[ArticleFigure]:
    return [ArticleFigure(r["id"], Kind(r["kind"]), r["title"], r["value"], from_iso(r["next_review_at"])) for r in rows]


def collect(queries: ArticleQueries, search_log: SearchLogRepository, at: datetime, *, limit: int = 20,
            since: datetime | None = None) -> AnalyticsReport:
    """The figures as of ``at``; searches are counted from ``since`` (default: the whole log)."""
    report = AnalyticsReport(at)
    report.most_viewed = _figures(queries.most_viewed(limit))
    report.script_copies = _figures(queries.script_copies(limit))
    report.popular_but_stale = _figures(queries.popular_but_stale(at, limit))
    report.zero_result_searches = [
        QueryFigure(r["query"], r["n"], from_iso(r["last_at"])) for r in search_log.zero_result_figures(since, limit)
    ]
    total, zero = search_log.totals(since)
    report.searches = total
    report.zero_result_share = zero / total if total else None
    return report


SECTION_LABELS = {
    "most_viewed": "浏览最多",
    "script_copies": "话术复制次数",
    "zero_result_searches": "无结果搜索",
    "popular_but_stale": "常用但待复核",
}


def csv_text(report: AnalyticsReport) -> str:
    """One sheet with a section column, so Excel users can filter; Chinese labels for the header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["分类", "标题或搜索词", "类型", "次数", "下次复核", "编号"])
    for name in ("most_viewed", "script_copies", "popular_but_stale"):
        for f in getattr(report, name):
            writer.writerow([
                SECTION_LABELS[name], csv_cell(f.title), f.kind.label_zh, f.value,
                f.next_review_at.date().isoformat() if f.next_review_at else "", f.id,
            ])
    for q in report.zero_result_searches:
        writer.writerow([SECTION_LABELS["zero_result_searches"], csv_cell(q.query), "", q.count, "", ""])
    return out.getvalue()


def write_csv(report: AnalyticsReport, path: Path) -> Path:
    """UTF-8 with BOM (Excel on Chinese Windows needs it); written atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".analytics-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
            handle.write(csv_text(report))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path

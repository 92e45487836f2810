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
from typing import TYPE_CHECKING

from app.model import Kind, from_iso, to_iso

if TYPE_CHECKING:
    from app.services import Deskbook


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


def _figures(rows, column: str) -> list[ArticleFigure]:
    return [
        ArticleFigure(r["id"], Kind(r["kind"]), r["title"], r[column], from_iso(r["next_review_at"])) for r in rows
    ]


def collect(desk: "Deskbook", at: datetime | None = None, *, limit: int = 20, since: datetime | None = None) -> AnalyticsReport:
    """The figures as of ``at``; searches are counted from ``since`` (default: the whole log)."""
    at = at or desk.clock()
    cols = "id, kind, title, views, copies, next_review_at"
    report = AnalyticsReport(at)
    report.most_viewed = _figures(desk.db.query(
        f"SELECT {cols} FROM articles WHERE status != 'archived' AND views > 0 ORDER BY views DESC, title LIMIT ?",
        [limit]), "views")
    report.script_copies = _figures(desk.db.query(
        f"SELECT {cols} FROM articles WHERE kind = 'script' AND status != 'archived' ORDER BY copies DESC, title LIMIT ?",
        [limit]), "copies")
    # Stale and used: the articles whose outdated text does the most harm. Copies count as use too.
    report.popular_but_stale = _figures(desk.db.query(
        f"SELECT {cols}, views + copies AS used FROM articles WHERE status = 'published' AND next_review_at <= ? "
        "AND views + copies > 0 ORDER BY used DESC, next_review_at, title LIMIT ?", [to_iso(at), limit]), "used")
    since_iso = to_iso(since) if since else ""
    report.zero_result_searches = [
        QueryFigure(r["query"], r["n"], from_iso(r["last_at"]))
        for r in desk.db.query(
            "SELECT query, count(*) AS n, max(at) AS last_at FROM search_log WHERE hits = 0 AND at >= ? "
            "GROUP BY query ORDER BY n DESC, last_at DESC LIMIT ?",
            [since_iso, limit],
        )
    ]
    total, zero = desk.db.execute(
        "SELECT count(*), sum(CASE WHEN hits = 0 THEN 1 ELSE 0 END) FROM search_log WHERE at >= ?", [since_iso]
    ).fetchone()
    report.searches = total or 0
    report.zero_result_share = (zero or 0) / total if total else None
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
                SECTION_LABELS[name], f.title, f.kind.label_zh, f.value,
                f.next_review_at.date().isoformat() if f.next_review_at else "", f.id,
            ])
    for q in report.zero_result_searches:
        writer.writerow([SECTION_LABELS["zero_result_searches"], q.query, "", q.count, "", ""])
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

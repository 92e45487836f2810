"""Putting computed figures on the 服务数据 page: the tiles, the charts, the knowledge-base panel and the notes.

Labels go through ``tr`` in this class's own context (FiguresView).
"""

from __future__ import annotations

from html import escape
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QWidget

from app.model.figures import ServiceFigures, bucket_bounds
from app.model.records import Priority, Satisfaction
from app.ui.figure_charts import AMBER, BLUE, GREEN, ORANGE, RED, BarSeries, ChartPanel


class FigureTile(Protocol):
    def set(self, value: str, note: str = "") -> None: ...


class FiguresWidgets(Protocol):
    """The widgets of the 服务数据 page (figures_page.FiguresPage) that show the figures."""

    tiles: dict[str, FigureTile]
    charts: dict[str, ChartPanel]
    kb: QLabel
    status: QLabel

MET_TARGET = 0.95  # the teams' target: at most 5 % of first responses late
LEVEL_COLORS = {Satisfaction.SATISFIED: GREEN, Satisfaction.NEUTRAL: AMBER, Satisfaction.DISSATISFIED: RED}


def share(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _short(text: str, limit: int = 14) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class FiguresView(QObject):
    """Writes one computation's figures into the page's widgets (its own translation context: FiguresView)."""

    def __init__(self, page: FiguresWidgets, parent: QWidget | None = None):
        super().__init__(parent)
        self.page = page

    def duration(self, seconds: float | None) -> str:
        if seconds is None:
            return "—"
        if seconds < 3600:
            return self.tr("%1 min").replace("%1", f"{seconds / 60:.0f}")
        if seconds < 48 * 3600:
            return self.tr("%1 h").replace("%1", f"{seconds / 3600:.1f}".removesuffix(".0"))
        return self.tr("%1 d").replace("%1", f"{seconds / 86400:.1f}".removesuffix(".0"))


    def bucket_labels(self) -> list[str]:
        """≤15 min, 15–30 min, 30 min–1 h … >48 h (one unit written once when both ends share it)."""

        def parts(seconds: int) -> tuple[str, str]:
            if seconds < 3600:
                return str(seconds // 60), self.tr("%1 min")
            return str(seconds // 3600), self.tr("%1 h")

        labels = []
        for low, high in bucket_bounds():
            low_number, low_unit = parts(low)
            if high is None:
                labels.append(">" + low_unit.replace("%1", low_number))
                continue
            high_number, high_unit = parts(high)
            if low == 0:
                labels.append("≤" + high_unit.replace("%1", high_number))
            elif low_unit == high_unit:
                labels.append(high_unit.replace("%1", f"{low_number}–{high_number}"))
            else:
                labels.append(f"{low_unit.replace('%1', low_number)}–{high_unit.replace('%1', high_number)}")
        return labels


    def _tiles(self, f: ServiceFigures) -> None:
        response, resolution, s = f.response_total(), f.resolution_total(), f.satisfaction
        t = self.page.tiles
        t["received"].set(str(f.received), " · ".join(f"{p.value} {f.by_priority.get(p, 0)}" for p in Priority))
        t["met"].set(share(response.met_share), self.tr("%1 met, %2 late").replace("%1", str(response.met))
                     .replace("%2", str(response.missed)))
        p90 = self.tr("p90 %1")
        t["response"].set(self.duration(response.time.median_s), p90.replace("%1", self.duration(response.time.p90_s)))
        t["kept"].set(share(resolution.kept_share), self.tr("%1 resolved").replace("%1", str(resolution.resolved)))
        t["resolution"].set(self.duration(resolution.time.median_s),
                            p90.replace("%1", self.duration(resolution.time.p90_s)))
        t["delays"].set(str(f.delays.entries), self.tr("in %1 requests").replace("%1", str(f.delays.requests)))
        t["reopened"].set(str(f.reopened.requests), self.tr("%1 of resolved").replace("%1", share(f.reopened.share)))
        t["satisfied"].set(share(s.satisfied_share), self.tr("%1 rated of %2 resolved").replace("%1", str(s.rated))
                           .replace("%2", str(s.resolved)))


    def _charts(self, f: ServiceFigures) -> None:
        charts = self.page.charts
        categories = [r.priority.value if r.priority else self.tr("All") for r in f.first_response]
        charts["sla"].show_columns(categories, [BarSeries(self.tr("Met"), [r.met_share for r in f.first_response])],
                                   percent=True, target=MET_TARGET)
        charts["response_time"].show_bars_across(self.bucket_labels(), list(f.response_buckets), BLUE)
        days = [f"{d.day:%m-%d}" for d in f.per_day]
        charts["per_day"].show_columns(days, [
            BarSeries(self.tr("Received"), [d.received for d in f.per_day], BLUE),
            BarSeries(self.tr("Resolved"), [d.resolved for d in f.per_day], ORANGE),
        ], label_every=max(1, -(-len(days) // 10)))
        reasons = f.delays.reasons
        charts["delays"].show_bars_across([_short(r) if r else self.tr("(no reason)") for r, _n in reasons],
                                          [n for _r, n in reasons])
        levels = list(Satisfaction)
        charts["satisfaction"].show_columns([level.value for level in levels], [BarSeries(
            self.tr("Requests"), [f.satisfaction.levels.get(level, 0) for level in levels],
            colors=[LEVEL_COLORS[level] for level in levels])])


    def _kb_html(self, f: ServiceFigures) -> str:
        kb = f.kb
        rows = [
            (self.tr("Searches"),
             f"{kb.searches} · " + self.tr("%1 found nothing").replace("%1", share(kb.zero_result_share))),
            (self.tr("Scripts copied"), str(kb.scripts_copied)),
            (self.tr("Articles opened"), str(kb.articles_opened)),
            (self.tr("Review health (now)"), f"{share(kb.health_share)} · {kb.verified_in_time}/{kb.published}"),
        ]
        lists = ((self.tr("Found nothing"), kb.top_zero_result[:3]), (self.tr("Most copied"), kb.top_scripts[:3]))
        for title, items in lists:
            if items:
                rows.append((title, "、".join(f"{_short(text, 10)}×{n}" for text, n in items)))
        return "<table cellspacing='0' cellpadding='2'>" + "".join(
            f"<tr><td style='color:#66788a' valign='top'>{escape(k)}</td><td><b>{escape(v)}</b></td></tr>"
            for k, v in rows
        ) + "</table>"


    def _notes(self, f: ServiceFigures) -> str:
        notes = []
        if f.reopened.known_since is not None:
            notes.append(self.tr("Status changes are recorded since %1; earlier reopenings are not known.")
                         .replace("%1", f"{f.reopened.known_since.astimezone():%Y-%m-%d}"))
        if f.kb.usage_known_since is not None:
            notes.append(self.tr("Opens and copies are recorded with their time since %1.")
                         .replace("%1", f"{f.kb.usage_known_since.astimezone():%Y-%m-%d}"))
        period = f"{f.period.first:%Y-%m-%d} – {f.period.last:%Y-%m-%d}"
        notes.append(self.tr("%1, as of %2. First responses count by intake; resolution, satisfaction and "
                             "reopenings by "
                        "resolution.").replace("%1", period).replace("%2", f"{f.at.astimezone():%Y-%m-%d %H:%M}"))
        return " ".join(notes)


    def show(self, figures: ServiceFigures) -> None:
        self._tiles(figures)
        self._charts(figures)
        self.page.kb.setText(self._kb_html(figures))
        self.page.status.setText(self._notes(figures))

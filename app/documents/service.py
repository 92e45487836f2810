"""Exporting documents for a user: gathers plain data from the records and the knowledge base, then writes.

The writers beside this module (letters, tracking sheets, onboarding packs) take that plain data only; this is
the one place that knows where it comes from. Reached as ``desk.documents``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from app.articles.service import ArticleService
from app.documents.errors import PackSelectionError
from app.documents.font_cache import FontCache
from app.documents.letter import DEFAULT_ORGANIZATION, LetterData, format_moment
from app.documents.pack_content import KIND_ORDER, PackInput, PackSelection, Progress, no_progress
from app.documents.tracking_sheet import TrackingFilter, tracking_rows
from app.model import Article, Kind, Status
from app.model.figures import ReviewPack
from app.records.service import RecordsService
from app.settings import Settings


class DocumentService:
    def __init__(self, records: RecordsService, articles: ArticleService, settings: Settings,
                 clock: Callable[[], datetime], templates_dir: Path | None, font_cache: FontCache | None = None):
        self._font_cache = font_cache
        self._records = records
        self._articles = articles
        self._settings = settings
        self._clock = clock
        self._templates_dir = templates_dir

    @property
    def preparing_fonts(self) -> bool:
        """Whether the small copy of the Chinese font (for fast PDFs) is being made in the background."""
        return self._font_cache is not None and self._font_cache.preparing

    def wait_for_fonts(self, timeout: float | None = None) -> None:
        if self._font_cache is not None:
            self._font_cache.wait(timeout)

    @property
    def organization(self) -> str:
        return str(self._settings.extra.get("organization") or DEFAULT_ORGANIZATION)

    # --- confirmation letter ---------------------------------------------------------------------------------
    def letter_data(self, request_ref: str) -> LetterData:
        request = self._records.get(request_ref)
        return LetterData(request, self._records.plan(request.id), self.organization, self._clock())

    def letter_warnings(self, request_ref: str, fmt: str = "docx", template: Path | None = None) -> list[str]:
        """What to tell the person exporting before the letter goes out (no plan yet …), in Chinese."""
        data = self.letter_data(request_ref)
        warnings = data.warnings()
        if fmt == "docx" and not data.has_plan:
            from app.documents.letter_docx import missing_plan_wording

            missing = missing_plan_wording(template or self.letter_template())
            if missing:
                warnings.append(
                    "您的确认函 Word 模板是改过的旧版，没有 " + "、".join("{{ " + m + " }}" for m in missing)
                    + "：没有方案时它仍会印出固定的“同意以上方案”等字样。请在模板中换成这些占位符，或导出 PDF。")
        return warnings

    def letter_template(self) -> Path:
        from app.documents.letter_docx import template_path

        return template_path(self._templates_dir)

    def export_letter(self, request_ref: str, out: Path, *, fmt: str = "docx", force: bool = False,
                      template: Path | None = None) -> Path:
        data = self.letter_data(request_ref)
        if fmt == "docx":
            from app.documents.letter_docx import render_letter_docx

            return render_letter_docx(data, template or self.letter_template(), Path(out), force=force)
        if fmt == "pdf":
            from app.documents.letter_pdf import render_letter_pdf

            return render_letter_pdf(data, Path(out), force=force, font_cache=self._font_cache)
        raise ValueError(f"不支持的格式“{fmt}”，请用 docx 或 pdf")

    # --- tracking sheet --------------------------------------------------------------------------------------
    def tracking_rows(self, view: str = "entries",
                      flt: TrackingFilter | None = None) -> tuple[tuple[str, ...], list[list[Any]]]:
        return tracking_rows(self._records.list(), self._records.all_progress(), view, flt or TrackingFilter())

    def export_tracking(self, out: Path, *, fmt: str | None = None, view: str = "entries",
                        flt: TrackingFilter | None = None, force: bool = False) -> tuple[Path, int]:
        from app.documents.tracking_sheet import export_tracking

        header, rows = self.tracking_rows(view, flt)
        return export_tracking(header, rows, Path(out), fmt=fmt, view=view, force=force)

    # --- onboarding pack -------------------------------------------------------------------------------------
    def pack_articles(self, selection: PackSelection) -> list[Article]:
        """Explicit ids in the given order; otherwise the published articles matching the filters, in training
        order."""
        if selection.kind and selection.kind not in {k.value for k in Kind}:
            raise PackSelectionError(f"不认识的类型“{selection.kind}”，请用 case（案例）、script（话术）或 handbook（手册）")
        if selection.ids:
            articles, seen = [], set()
            for ref in selection.ids:
                article = self._articles.get(ref)  # ArticleNotFound names the bad reference
                if article.id not in seen:
                    seen.add(article.id)
                    articles.append(article)
            return articles
        summaries = self._articles.list(
            kind=Kind(selection.kind) if selection.kind else None, tag=selection.tag or None,
            group=selection.group or None, status=Status.PUBLISHED,
        )
        found = self._articles.repo.get_many(s.id for s in summaries)
        chosen = [found[s.id] for s in summaries if s.id in found]
        return sorted(chosen, key=lambda a: (KIND_ORDER.index(a.kind), a.title))

    def export_pack(self, selection: PackSelection, out: Path, *, fmt: str | None = None, force: bool = False,
                    progress: Progress = no_progress) -> tuple[Path, int]:
        """``progress(done, total)``: each article laid out, then the file written (a 45-page pack takes seconds)."""
        from app.documents.onboarding_pack import export_pack

        pack = PackInput(selection, self.pack_articles(selection), self.organization,
                         format_moment(self._clock(), with_time=False))
        return export_pack(pack, Path(out), fmt=fmt, force=force, font_cache=self._font_cache, progress=progress)

    # --- weekly review pack ------------------------------------------------------------------------------------
    def export_review_pack(self, pack: ReviewPack, out: Path, *, fmt: str, force: bool = False) -> Path:
        """The figures of a period as XLSX (summary with Excel charts, requests, delays) or PDF (the 复盘会 page)."""
        if fmt == "xlsx":
            from app.documents.review_xlsx import write_review_xlsx

            return write_review_xlsx(pack, out, force=force)
        if fmt == "pdf":
            from app.documents.review_pdf import write_review_pdf

            return write_review_pdf(pack, out, force=force, font_cache=self._font_cache)
        raise ValueError(f"不支持的格式“{fmt}”，请用 xlsx 或 pdf")

"""The feature services behind the facade, each built on first use from the desk's repositories.

Opening a desk (and so the first window) waits for none of them. A feature service receives the repositories,
settings and clock it needs, never the facade; this mixin is where :class:`app.services.Deskbook` hands them over.
Building one twice in a race is harmless: they keep no state of their own beyond what they are given.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.articles.service import ArticleService
    from app.curation.service import Curation
    from app.documents.service import DocumentService
    from app.learning.service import UseLearning
    from app.meaning.service import MeaningService
    from app.paths import DataPaths
    from app.records.figures_service import FiguresService
    from app.records.milestones import RequestMilestones
    from app.records.service import RecordsService
    from app.search.hybrid import SearchExtras
    from app.search.lifecycle import IndexLifecycle
    from app.settings import Settings
    from app.store.article_queries import ArticleQueries
    from app.store.database import Database
    from app.store.search_log import SearchLogRepository
    from app.team.service import TeamService


class FeatureServices:
    """Mixed into the facade, which sets these in its constructor."""

    paths: DataPaths | None
    db: Database
    clock: Callable[[], datetime]
    settings: Settings
    library: ArticleService
    queries: ArticleQueries
    search_log: SearchLogRepository
    lifecycle: IndexLifecycle
    save_settings: Callable[[], None]

    @cached_property
    def meaning(self) -> MeaningService:
        """The optional meaning model: install, download, background embedding (inert without a model)."""
        from app.meaning.service import MeaningService
        from app.store.meaning_texts import MeaningTexts

        return MeaningService(self.paths.model_dir if self.paths else None,
                              self.paths.vectors_dir if self.paths else None, MeaningTexts(self.db))

    @cached_property
    def learning(self) -> UseLearning:
        """Learning from use: searches followed by opens and copies become suggested 相似问."""
        from app.learning.service import UseLearning
        from app.store.learnt_pairs import LearntPairRepository

        return UseLearning(LearntPairRepository(self.db), self.clock, self.library.add_phrasing)

    def _search_extras(self) -> SearchExtras | None:
        """What search adds to the words: the meaning model once it has vectors, the learnt boost when it is on."""
        meaning = self.meaning if self.meaning.ready() else None
        learnt = self.learning.boost_for if self.settings.learnt_boost else None
        if meaning is None and learnt is None:
            return None
        from app.search.hybrid import SearchExtras

        return SearchExtras(meaning=meaning, fusion=self.meaning.fusion, learnt=learnt, allowed=self.meaning.allowed)

    @cached_property
    def curation(self) -> Curation:
        """KB owners: workflow, versions, review, reminders, export, analytics."""
        from app.curation.service import Curation, CurationStores
        from app.store.edit_suggestions import EditSuggestionRepository
        from app.store.editor_buffers import EditorBufferRepository
        from app.store.reminder_state import ReminderStateRepository

        stores = CurationStores(self.queries, self.search_log, ReminderStateRepository(self.db),
                                EditorBufferRepository(self.db), EditSuggestionRepository(self.db))
        return Curation(self.library, stores, self.settings, self.save_settings, self.clock,
                        lambda: self.lifecycle.engine)

    @cached_property
    def records(self) -> RecordsService:
        """Service records: requests, plans, progress."""
        from app.records.service import RecordsService
        from app.store.records import PlanRepository, ProgressRepository, RequestRepository

        return RecordsService(RequestRepository(self.db), PlanRepository(self.db), ProgressRepository(self.db),
                              self.library, self.db.atomic, self.settings, self.clock)

    @cached_property  # like the services above, built on first use (a second one made by a race is harmless)
    def milestones(self) -> RequestMilestones:
        """First response, resolution with the customer's confirmation and satisfaction."""
        from app.records.milestones import RequestMilestones

        return RequestMilestones(self.records.requests, self.records, self.db.atomic, self.clock)

    @cached_property
    def figures(self) -> FiguresService:
        """Service figures over a period (response times, SLA, delays, satisfaction, KB use), the review pack's data."""
        from app.records.figures_service import FiguresService

        return FiguresService.over(self.db, self.search_log, self.queries, self.settings, self.clock)

    @cached_property
    def documents(self) -> DocumentService:
        """Letters, tracking sheets and onboarding packs, written from the records and the knowledge base."""
        from app.documents.font_cache import FontCache
        from app.documents.service import DocumentService
        from app.paths import cache_dir

        templates = self.paths.templates_dir if self.paths else None
        fonts = FontCache.enabled(cache_dir() if self.paths else None)
        return DocumentService(self.records, self.library, self.settings, self.clock, templates, fonts)

    @cached_property
    def team(self) -> TeamService:
        """The team library: connect, pull, publish, proposals, conflicts (needs a data directory)."""
        from app.team.service import TeamService

        return TeamService.open(self.paths, self.settings, self.save_settings, self.clock, self.lifecycle)

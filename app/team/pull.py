"""Bringing the team library's changes into this desk's database, article by article, three-way.

For each article file that changed between the commit this desk last synced (``synced_head``) and the library's
head: an article this desk did not change takes the library's version; one changed on both sides is merged field
by field against its base (the version both started from); a field changed differently on both sides becomes a
conflict for a KB owner, and this desk's text stays until someone decides. A file removed from the library archives
the article here (never deletes it). Every change lands as a version row, so the history has both sides.

Articles are applied in chunks, each chunk one transaction that also moves the articles' bases; ``synced_head`` moves
last. A crash (even ``kill -9``) leaves a consistent database, and the next pull redoes only what is left: an
article already applied is equal on both sides and just keeps its base.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database

from app.model import Article, Status
from app.store.articles import ArticleRepository
from app.store.team import OutboxRepository, SyncBase, SyncBaseRepository, TeamStateRepository, rekey_article
from app.team.conflict_log import ConflictLog
from app.team.format import (
    ARTICLES_DIR,
    SETTINGS_PATH,
    TEAM_STATUSES,
    TeamArticle,
    TeamFormatError,
    Values,
    article_changes,
    article_id_of,
    content_digest,
    parse_article_file,
    values_of,
)
from app.team.gitrepo import TeamRepository
from app.team.merge import MergeResult, merge_values
from app.team.settings_sync import SettingsSync

log = logging.getLogger(__name__)

CHUNK = 500
SYNCED_HEAD = "synced_head"


@dataclass
class PullReport:
    head: str | None = None
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    settings_changed: bool = False
    synonyms_changed: bool = False

    @property
    def articles_changed(self) -> int:
        return len(self.added) + len(self.updated) + len(self.archived) + len(self.merged) + len(self.conflicts)


@dataclass(frozen=True)
class Incoming:
    article_id: str
    blob: str | None  # None: removed from the library
    article: TeamArticle | None


class Puller:
    def __init__(self, db: Database, articles: ArticleRepository, bases: SyncBaseRepository,
                 outbox: OutboxRepository, state: TeamStateRepository, conflicts: ConflictLog,
                 settings: SettingsSync, clock: Callable[[], datetime]):
        self.db, self.articles, self.bases, self.outbox = db, articles, bases, outbox
        self.state, self.conflict_log, self.settings, self.clock = state, conflicts, settings, clock

    def pull(self, repo: TeamRepository, remote: str | None) -> PullReport:
        """Apply the library at commit ``remote`` (None: the library is still empty) to the database."""
        report = PullReport(head=remote)
        synced = self.state.get(SYNCED_HEAD)
        if remote is None or remote == synced:
            return report
        since = synced if repo.has_commit(synced) else None
        changes = repo.changes(since, remote, [ARTICLES_DIR, "settings"])
        authors = repo.last_authors(since, remote)
        incoming = []
        for change in changes:
            article_id = article_id_of(change.path)
            if article_id is None:
                continue
            parsed = None
            if change.new_blob is not None:
                try:
                    parsed = parse_article_file(repo.read(change.new_blob), change.path)
                except TeamFormatError as error:
                    report.unreadable.append(str(error))
                    continue
                if parsed.id != article_id:
                    report.unreadable.append(f"{change.path}：文件开头的 YAML 信息写的是另一个 id（{parsed.id}）")
                    continue
            incoming.append(Incoming(article_id, change.new_blob, parsed))
        for start in range(0, len(incoming), CHUNK):
            with self.db.atomic():
                self._apply_chunk(repo, remote, incoming[start : start + CHUNK], authors, report)
        if any(c.path.startswith("settings/") for c in changes) or since is None:
            changed, synonyms = self.settings.pull(repo, remote, authors.get(SETTINGS_PATH, ""))
            report.settings_changed, report.synonyms_changed = changed, synonyms
        with self.db.atomic():
            self.state.set(SYNCED_HEAD, remote)
        return report

    def _apply_chunk(self, repo: TeamRepository, remote: str, items: list[Incoming], authors: dict[str, str],
                     report: PullReport) -> None:
        ids = [item.article_id for item in items]
        local = self.articles.get_many(ids)
        bases = self.bases.get_many(ids)
        batch = NewArticles()
        for item in items:
            author = authors.get(f"{ARTICLES_DIR}/{item.article_id}.md", "")
            apply = _Apply(self, repo, remote, item, author, report, batch)
            apply.run(local.get(item.article_id), bases.get(item.article_id))
        self.articles.insert_many(batch.articles)
        self.articles.add_versions(batch.versions)
        self.bases.set_many(batch.bases)
        self.outbox.discard([a.id for a in batch.articles])


@dataclass
class NewArticles:
    """Articles new to this desk, written together at the end of a chunk (a first pull brings thousands)."""

    articles: list[Article] = field(default_factory=list)
    versions: list[tuple[Article, str, str, datetime]] = field(default_factory=list)
    bases: list[SyncBase] = field(default_factory=list)
    external_ids: set[str] = field(default_factory=set)


class _Apply:
    """One incoming article: decide and write (inside the chunk's transaction)."""

    def __init__(self, puller: Puller, repo: TeamRepository, remote: str, item: Incoming, author: str,
                 report: PullReport, batch: NewArticles):
        self.p, self.repo, self.remote, self.item, self.author, self.report = puller, repo, remote, item, author, report
        self.batch = batch
        self.now = puller.clock()

    def run(self, local: Article | None, base: SyncBase | None) -> None:
        item = self.item
        theirs = item.article.values if item.article is not None else None
        if local is None and theirs is not None:
            local, theirs = self._match_external_id(theirs)
        if local is None:
            if theirs is None:
                self.p.bases.forget(item.article_id)
            else:
                self._insert(theirs)
            return
        if theirs is None:
            self._removed(local, base)
            return
        local_values = values_of(local)
        if local_values == theirs:
            self._keep_base(theirs, clean=True)
            return
        if base is None and local.status not in TEAM_STATUSES:
            self._update(local, theirs, "团队库版本取代本机草稿", keep_old=True)
            self.report.updated.append(local.id)
            return
        if base is None and local.version <= 1:
            # The same article imported on this desk (the demo, one spreadsheet on two desks) and never edited
            # here: the team's version wins, the imported one stays as version 1 in the history.
            self._update(local, theirs, "团队库版本（本机未修改过的导入内容）")
            self.report.updated.append(local.id)
            return
        if base is not None and base.digest == content_digest(local_values):
            self._update(local, theirs, "团队库更新")
            (self.report.archived if theirs.get("status") == Status.ARCHIVED.value else self.report.updated).append(local.id)
            return
        base_values = self._base_values(base)
        self._merge(local, local_values, merge_values(base_values, local_values, theirs), theirs)

    def _match_external_id(self, theirs: Values) -> tuple[Article | None, Values]:
        external = theirs.get("external_id")
        if not external:
            return None, theirs
        if external in self.batch.external_ids:
            log.warning("two team articles share the external id %s; the second keeps none", external)
            return None, {**theirs, "external_id": None}
        other = self.p.articles.get_by_external_id(external)
        if other is None or other.id == self.item.article_id:
            return other, theirs
        if self.p.bases.get(other.id) is None:  # the same article, known here under another id
            rekey_article(self.p.db, other.id, self.item.article_id)
            return self.p.articles.get(self.item.article_id), theirs
        log.warning("two team articles share the external id %s; the second keeps none", external)
        return None, {**theirs, "external_id": None}

    def _base_values(self, base: SyncBase | None) -> Values | None:
        if base is None or not self.repo.has_blob(base.blob):
            return None  # no shared history (or it was rewritten): every differing field is a conflict
        try:
            return parse_article_file(self.repo.read(base.blob)).values
        except TeamFormatError:
            return None

    def _keep_base(self, theirs: Values, *, clean: bool) -> None:
        blob = self.item.blob or ""
        self.p.bases.set(SyncBase(self.item.article_id, self.remote, blob, content_digest(theirs)))
        if clean:
            self.p.outbox.discard([self.item.article_id])

    def _insert(self, theirs: Values) -> None:
        article = Article(id=self.item.article_id, **article_changes(theirs), created_at=self.now,
                          updated_at=self.now, version=1, last_verified_at=self.now, last_verified_by=self.author)
        if article.status is Status.PUBLISHED:
            article.schedule_next_review(self.now)
        self.batch.articles.append(article)
        self.batch.versions.append((article, self.author, "来自团队库", self.now))
        self.batch.bases.append(SyncBase(article.id, self.remote, self.item.blob or "", content_digest(theirs)))
        if article.external_id:
            self.batch.external_ids.add(article.external_id)
        self.report.added.append(article.id)

    def _update(self, local: Article, values: Values, note: str, *, keep_old: bool = False,
                clean: bool = True, theirs: Values | None = None) -> Article:
        version = local.version
        if keep_old:  # a draft that never reached the library: its text stays in the history
            version += 1
            self.p.articles.add_version(local.with_changes(version=version), local.owner, "本机草稿（已被取代）", self.now)
        updated = local.with_changes(**article_changes(values), updated_at=self.now, version=version + 1)
        if updated.status is Status.PUBLISHED and updated.next_review_at is None:
            updated.schedule_next_review(updated.last_verified_at or self.now)
        self.p.articles.update(updated)
        self.p.articles.add_version(updated, self.author, note, self.now)
        self._keep_base(theirs if theirs is not None else values, clean=clean)
        return updated

    def _removed(self, local: Article, base: SyncBase | None) -> None:
        if base is None:
            return
        self.p.bases.forget(local.id)
        clean = base.digest == content_digest(values_of(local))
        if clean and local.status is not Status.ARCHIVED:
            archived = local.with_changes(status=Status.ARCHIVED, updated_at=self.now, version=local.version + 1)
            self.p.articles.update(archived)
            self.p.articles.add_version(archived, self.author, "已从团队库移除，本机归档", self.now)
            self.p.outbox.discard([local.id])
            self.report.archived.append(local.id)

    def _merge(self, local: Article, local_values: Values, result: MergeResult, theirs: Values) -> None:
        if result.clean:
            if result.merged != local_values:
                self._update(local, result.merged, "已合并团队库的修改", clean=result.merged == theirs, theirs=theirs)
            else:
                self._keep_base(theirs, clean=False)
            self.report.merged.append(local.id)
            return
        # Both sides go into the history: the library's version, then this desk's text (kept until resolved).
        self.p.articles.add_version(local.with_changes(**article_changes(theirs), version=local.version + 1),
                                    self.author, "团队库版本（与本机修改冲突）", self.now)
        kept = local.with_changes(**article_changes(result.merged), updated_at=self.now, version=local.version + 2)
        self.p.articles.update(kept)
        self.p.articles.add_version(kept, local.owner, "本机版本（冲突待解决）", self.now)
        self._keep_base(theirs, clean=False)
        self.p.conflict_log.record_article(local.id, result.merged.get("title") or local.title, result.conflicts,
                                           self.remote, self.author, self.now)
        self.report.conflicts.append(local.id)

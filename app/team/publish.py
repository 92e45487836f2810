"""Publishing: the articles and settings changed on this desk become one commit on top of the library's head.

The caller has just pulled (so every pending article is already merged with the library's version); this module
collects what differs from its base, builds the commit, and after a successful push records the pushed content as
the new base in one transaction. A crash between the push and that transaction is harmless: the next pull finds
the library equal to this desk and just moves the bases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database

from app.model import Status
from app.store.articles import ArticleRepository
from app.store.team import (
    LocalOnlyRepository,
    OutboxRepository,
    SyncBase,
    SyncBaseRepository,
    TeamStateRepository,
    customer_identifiers,
)
from app.store.team_queue import ConflictRepository, ProposalRepository, TeamProposal
from app.team.format import (
    TEAM_STATUSES,
    article_file,
    article_path,
    content_digest,
    decision_path,
    digest,
    values_of,
    yaml_file,
)
from app.team.privacy import describe_zh, personal_data_in
from app.team.pull import SYNCED_HEAD, PullReport
from app.team.settings_sync import SettingsSync

NOTES_FOR_AT_MOST = 20  # a first publish of thousands of articles gets a summary, not thousands of lines


@dataclass(frozen=True)
class PendingArticle:
    article_id: str
    title: str
    data: bytes
    digest: str  # content fingerprint of what is sent (the next base)
    archived: bool


@dataclass
class Outgoing:
    """Everything one publish would send."""

    articles: list[PendingArticle] = field(default_factory=list)
    settings: dict[str, bytes] = field(default_factory=dict)
    decisions: list[TeamProposal] = field(default_factory=list)
    clean: list[str] = field(default_factory=list)  # outbox entries equal to their base: nothing to send
    blocked: list[str] = field(default_factory=list)  # waiting for a conflict to be resolved
    withheld: list[str] = field(default_factory=list)  # messages: articles holding customers' personal data

    @property
    def empty(self) -> bool:
        return not (self.articles or self.settings or self.decisions)

    def files(self) -> dict[str, bytes | None]:
        files: dict[str, bytes | None] = {article_path(a.article_id): a.data for a in self.articles}
        files.update(self.settings)
        for proposal in self.decisions:
            files[decision_path(proposal.id)] = yaml_file({
                "proposal": proposal.id, "article": proposal.article_id, "title": proposal.title,
                "outcome": proposal.state, "by": proposal.decided_by,
                "at": proposal.decided_at.isoformat(timespec="seconds") if proposal.decided_at else None,
                "note": proposal.decision_note, "author": proposal.author, "desk": proposal.desk,
            })
        return files

    def message(self) -> str:
        lines = []
        published = [a for a in self.articles if not a.archived]
        archived = [a for a in self.articles if a.archived]
        if len(self.articles) > NOTES_FOR_AT_MOST:
            summary = f"发布 {len(published)} 篇文章" + (f"，归档 {len(archived)} 篇" if archived else "")
        else:
            parts = [f"发布：{a.title}" for a in published] + [f"归档：{a.title}" for a in archived]
            summary = "；".join(parts)
            lines = [f"- {p}" for p in parts] if len(parts) > 1 else []
        for proposal in self.decisions:
            verb = "采纳建议" if proposal.state == "accepted" else "退回建议"
            lines.append(f"- {verb}：{proposal.title}（{proposal.author}）")
        if self.settings:
            lines.append("- 更新团队设置")
        if not summary:
            summary = lines[0][2:] if lines else "更新团队库"
        return summary + ("\n\n" + "\n".join(lines) if lines else "") + "\n"


@dataclass
class PublishReport:
    commit: str | None = None
    published: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    settings: bool = False
    decisions: int = 0
    blocked: list[str] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)
    pulls: list[PullReport] = field(default_factory=list)


class Publisher:
    def __init__(self, db: Database, articles: ArticleRepository, bases: SyncBaseRepository, outbox: OutboxRepository,
                 local_only: LocalOnlyRepository, conflicts: ConflictRepository, proposals: ProposalRepository,
                 settings: SettingsSync, state: TeamStateRepository, clock: Callable[[], datetime]):
        self.db, self.articles, self.bases, self.outbox, self.local_only = db, articles, bases, outbox, local_only
        self.conflicts, self.proposals, self.settings, self.state, self.clock = (
            conflicts, proposals, settings, state, clock)

    def collect(self, settings_files: dict[str, bytes], *, include_local: bool = False) -> Outgoing:
        outgoing = Outgoing(settings=settings_files, decisions=self.proposals.undecided_decisions())
        local_only = set(self.local_only.ids())
        candidates = set(self.outbox.ids()) | (local_only if include_local else set())
        blocked = self.conflicts.blocked_articles()
        identifiers = customer_identifiers(self.db)
        bases = self.bases.get_many(candidates)
        for article in sorted(self.articles.get_many(candidates).values(), key=lambda a: a.id):
            if article.status not in TEAM_STATUSES or (article.id in local_only and not include_local):
                continue
            if article.id in blocked:
                outgoing.blocked.append(article.id)
                continue
            base = bases.get(article.id)
            if base is None and article.status is Status.ARCHIVED and article.id not in local_only:
                continue  # archived before it ever reached the team: nothing for the team to see
            fingerprint = content_digest(values_of(article))
            if base is not None and base.digest == fingerprint:
                outgoing.clean.append(article.id)
                continue
            data = article_file(article)
            found = personal_data_in(data.decode("utf-8"), identifiers)
            if found:
                outgoing.withheld.append(describe_zh(article.title, found))
                continue
            outgoing.articles.append(PendingArticle(article.id, article.title, data, fingerprint,
                                                    article.status is Status.ARCHIVED))
        return outgoing

    def forget_clean(self, outgoing: Outgoing) -> None:
        if outgoing.clean:
            with self.db.atomic():
                self.outbox.discard(outgoing.clean)

    def record(self, commit: str, outgoing: Outgoing, report: PublishReport) -> None:
        """After the push: the pushed content is every article's new base (one transaction)."""
        ids = [a.article_id for a in outgoing.articles]
        with self.db.atomic():
            current = self.articles.get_many(ids)
            unchanged = []
            for pending in outgoing.articles:
                self.bases.set(SyncBase(pending.article_id, commit, digest(pending.data), pending.digest))
                now = current.get(pending.article_id)
                if now is not None and content_digest(values_of(now)) == pending.digest:
                    unchanged.append(pending.article_id)  # edited again meanwhile: it stays in the outbox
            self.outbox.discard(unchanged + outgoing.clean)
            self.local_only.unmark(ids)
            self.settings.published(outgoing.settings)
            self.proposals.mark_decisions_pushed([p.id for p in outgoing.decisions])
            self.state.set(SYNCED_HEAD, commit)
        report.commit = commit
        report.published += [a.article_id for a in outgoing.articles if not a.archived]
        report.archived += [a.article_id for a in outgoing.articles if a.archived]
        report.settings = report.settings or bool(outgoing.settings)
        report.decisions += len(outgoing.decisions)

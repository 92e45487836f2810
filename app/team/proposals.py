"""Agents' proposals: a case write-up or a suggested edit, sent on the desk's own branch for a KB owner to decide.

Why a branch per desk (``proposals/<desk id>``) and not a ``proposals/`` folder on ``main``: a Git server can
protect ``main`` (only KB owners push there) while every agent may push their own branch, so the server's
permission really is the gate; one writer per branch means an agent's push never races an owner's publish; and the
owner's decision lands on ``main`` (``decisions/<proposal id>.yaml``), where every desk, the proposer's included,
reads it with its next pull.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from sqlite_utils import Database

from app.model import Article, Status, from_iso, to_iso
from app.store.articles import ArticleRepository
from app.store.team import OutboxRepository, SyncBaseRepository, customer_identifiers
from app.store.team_queue import ProposalRepository, TeamProposal
from app.team.format import (
    PROPOSALS_DIR,
    TeamFormatError,
    Values,
    article_changes,
    decision_path,
    parse_article_file,
    parse_proposal_file,
    parse_yaml_file,
    proposal_file,
    proposal_path,
    values_of,
)
from app.team.gitrepo import PROPOSALS_PREFIX, TeamRepository
from app.team.merge import merge_values
from app.team.privacy import describe_zh, personal_data_in

OPEN_STATES = ("queued", "sent")


class ProposalError(ValueError):
    """The proposal cannot be made or decided; the message (Chinese) says why."""


def branch_of(desk_id: str) -> str:
    return f"{PROPOSALS_PREFIX}{desk_id}"


class Proposals:
    def __init__(self, db: Database, articles: ArticleRepository, bases: SyncBaseRepository, outbox: OutboxRepository,
                 proposals: ProposalRepository, clock: Callable[[], datetime]):
        self.db, self.articles, self.bases, self.outbox, self.repo = db, articles, bases, outbox, proposals
        self.clock = clock

    # --- an agent's side --------------------------------------------------------------------------------------
    def propose(self, git: TeamRepository, article_id: str, note: str, author: str, desk_id: str) -> TeamProposal:
        article = self.articles.get(article_id)
        if article is None:
            raise ProposalError("找不到这篇文章")
        base = self.bases.get(article.id)
        base_values = self._values_of_blob(git, base.blob) if base else None
        if base_values is not None and values_of(article.with_changes(status=Status.PUBLISHED)) == {
                **base_values, "status": Status.PUBLISHED.value}:
            raise ProposalError("这篇文章与团队库中的版本相同，没有可以建议的修改")
        found = personal_data_in(proposal_file(article, {}).decode("utf-8"), customer_identifiers(self.db))
        if found:
            raise ProposalError(describe_zh(article.title, found))
        now = self.clock().replace(microsecond=0)
        proposal_id = str(uuid.uuid4())
        change, base_blob = ("edit", base.blob) if base else ("new", None)
        meta = {"id": proposal_id, "change": change, "author": author, "desk": desk_id, "created_at": to_iso(now),
                "note": note, "base": base_blob}
        proposal = TeamProposal(
            id=proposal_id, direction="outgoing", article_id=article.id, change=change, title=article.title,
            author=author, desk=desk_id, note=note, content=proposal_file(article, meta).decode("utf-8"),
            base_blob=base_blob, created_at=now, state="queued",
        )
        with self.db.atomic():
            self.repo.insert(proposal)
            if base is not None and base_values is not None:
                # The suggestion now lives in the proposal; this desk shows the team's version again, as colleagues
                # see it, until an owner decides (the edit stays in this article's history too).
                restored = article.with_changes(**article_changes(base_values), updated_at=now,
                                                version=article.version + 1)
                self.articles.update(restored)
                self.articles.add_version(restored, author, "已作为建议提交；本机恢复为团队库版本", now)
                self.outbox.discard([article.id])
        return proposal

    def branch_changes(self, git: TeamRepository, tip: str | None) -> tuple[dict[str, bytes | None], list[str]]:
        """What this desk's proposals branch needs: queued proposals added, decided ones removed."""
        queued = self.repo.in_states("outgoing", ("queued",))
        changes: dict[str, bytes | None] = {proposal_path(p.id): p.content.encode("utf-8") for p in queued}
        decided = {p.id for p in self.repo.in_states("outgoing", ("accepted", "declined"))}
        for path in git.files(tip, PROPOSALS_DIR):
            if path[len(PROPOSALS_DIR) + 1 : -len(".md")] in decided:
                changes[path] = None
        return changes, [p.id for p in queued]

    def mark_sent(self, ids: list[str]) -> None:
        with self.db.atomic():
            for proposal_id in ids:
                self.repo.set_state(proposal_id, "sent")

    # --- after every fetch --------------------------------------------------------------------------------------
    def refresh(self, git: TeamRepository, heads: dict[str, str], desk_id: str) -> int:
        """Take in other desks' new proposals and the decisions published on main; returns how many are new."""
        main = heads.get("main")
        new = 0
        with self.db.atomic():
            for branch, tip in sorted(heads.items()):
                if not branch.startswith(PROPOSALS_PREFIX) or branch == branch_of(desk_id):
                    continue
                for path, blob in git.files(tip, PROPOSALS_DIR).items():
                    proposal_id = path[len(PROPOSALS_DIR) + 1 : -len(".md")]
                    if self.repo.get(proposal_id) is not None or git.blob_at(main, decision_path(proposal_id)):
                        continue
                    try:
                        self.repo.insert(self._incoming(git.read(blob), path, branch))
                        new += 1
                    except TeamFormatError:
                        continue
            for direction in ("outgoing", "incoming"):
                for proposal in self.repo.in_states(direction, OPEN_STATES):
                    self._take_decision(git, main, proposal)
        return new

    def _incoming(self, data: bytes, path: str, branch: str) -> TeamProposal:
        article, meta = parse_proposal_file(data, path)
        change = "edit" if meta.get("change") == "edit" else "new"
        return TeamProposal(
            id=str(meta["id"]), direction="incoming", article_id=article.id, change=change,
            title=str(article.values.get("title") or ""), author=str(meta.get("author") or ""),
            desk=str(meta.get("desk") or branch[len(PROPOSALS_PREFIX):]), note=str(meta.get("note") or ""),
            content=data.decode("utf-8"), base_blob=meta.get("base") or None,
            created_at=from_iso(str(meta.get("created_at") or "")) or self.clock(), state="sent",
        )

    def _take_decision(self, git: TeamRepository, main: str | None, proposal: TeamProposal) -> None:
        blob = git.blob_at(main, decision_path(proposal.id))
        if blob is None:
            return
        try:
            decision = parse_yaml_file(git.read(blob), decision_path(proposal.id))
        except TeamFormatError:
            return
        outcome = "accepted" if decision.get("outcome") == "accepted" else "declined"
        self.repo.decide(proposal.id, outcome, str(decision.get("by") or ""), from_iso(str(decision.get("at") or "")),
                         str(decision.get("note") or ""), pushed=True)

    # --- an owner's side ----------------------------------------------------------------------------------------
    def incoming(self, proposal_id: str) -> TeamProposal:
        proposal = self.repo.get(proposal_id)
        if proposal is None or proposal.direction != "incoming":
            raise ProposalError("找不到这条建议")
        if proposal.state not in OPEN_STATES:
            raise ProposalError("这条建议已经处理过了")
        return proposal

    def proposed_article(self, git: TeamRepository, proposal: TeamProposal) -> Article:
        """The article as it would be after accepting: the proposal's changes on top of the current version."""
        proposed = parse_article_file(proposal.content.encode("utf-8"), proposal.id).values
        current = self.articles.get(proposal.article_id)
        if current is None:
            now = self.clock()
            return Article(id=proposal.article_id, **article_changes(proposed), created_at=now, updated_at=now)
        values = proposed
        if proposal.change == "edit":
            base = self._values_of_blob(git, proposal.base_blob)
            result = merge_values(base, values_of(current), proposed)
            values = {**result.merged, **{c.name: c.theirs for c in result.conflicts}}  # the agent's text wins
        return current.with_changes(**article_changes({**values, "status": Status.PUBLISHED.value}))

    def accept(self, git: TeamRepository, proposal_id: str, by: str, note: str) -> Article:
        proposal = self.incoming(proposal_id)
        article = self.proposed_article(git, proposal)
        now = self.clock()
        current = self.articles.get(article.id)
        with self.db.atomic():
            if current is None:
                article = article.with_changes(version=1, created_at=now, updated_at=now, last_verified_at=now,
                                               last_verified_by=by)
                article.schedule_next_review(now)
                self.articles.insert(article)
            else:
                article = article.with_changes(version=current.version + 1, updated_at=now)
                self.articles.update(article)
            self.articles.add_version(article, by, f"采纳 {proposal.author} 的建议" + (f"：{note}" if note else ""), now)
            self.repo.decide(proposal.id, "accepted", by, now, note, pushed=False)
        return article

    def decline(self, proposal_id: str, by: str, note: str) -> TeamProposal:
        proposal = self.incoming(proposal_id)
        if not note.strip():
            raise ProposalError("退回建议时请写明原因，提交人会看到它")
        with self.db.atomic():
            self.repo.decide(proposal.id, "declined", by, self.clock(), note.strip(), pushed=False)
        return proposal

    def _values_of_blob(self, git: TeamRepository, blob: str | None) -> Values | None:
        if not blob or not git.has_blob(blob):
            return None
        try:
            return parse_article_file(git.read(blob)).values
        except TeamFormatError:
            return None

"""The team library's use-cases, reached as ``desk.team``: connect, pull, publish, propose, decide, resolve.

Every operation that touches the library holds the sync lock (one per data directory, across processes: the GUI's
background pull and a ``deskbook team pull`` in a terminal take turns). Failures to reach or write the library
are recorded (the status bar reads them) and raised as :class:`TeamSyncError` with a Chinese message; nothing the
desk holds is lost by a failed sync, and the next one picks up where it stopped.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from app.model import Article
from app.paths import DataPaths
from app.settings import Settings
from app.store.team import CONNECTED
from app.store.team_queue import TeamConflict, TeamProposal
from app.team.clone import LocalClone, TeamSyncError, sync_error
from app.team.conflict_log import ConflictLog
from app.team.credentials import TokenStore
from app.team.format import MARKER_PATH, article_path, marker_file
from app.team.gitrepo import MAIN, Credentials, GitFailure, GitProblem, TeamRepository, init_bare
from app.team.proposals import Proposals, branch_of
from app.team.publish import Outgoing, Publisher, PublishReport
from app.team.pull import Puller, PullReport
from app.team.resolve import Resolver
from app.team.settings_sync import SettingsSync
from app.team.shared_settings import SharedSettings
from app.team.status import TeamStatus
from app.team.stores import TeamStores

log = logging.getLogger(__name__)

PUSH_ATTEMPTS = 3
OWNER_ROLES = ("owner", "trainer")


@dataclass
class ConnectReport:
    url: str
    pull: PullReport
    local_only: int
    empty_library: bool
    token_location: str


@dataclass
class DecisionOutcome:
    """An owner's accept or decline: recorded here at once; ``published`` says whether it reached the library."""

    proposal: TeamProposal
    article: Article | None = None
    published: bool = False
    problem: str = ""
    pulls: list[PullReport] = field(default_factory=list)


class SearchIndexListener(Protocol):
    """What the team library asks of the search index after a pull changed articles (the IndexLifecycle)."""

    @property
    def loaded(self) -> bool: ...

    def synonyms_changed(self) -> None: ...

    def vocabulary_changed(self) -> None: ...

    def sync(self) -> int: ...


class TeamService:
    @classmethod
    def open(cls, paths: DataPaths | None, settings: Settings, save_settings: Callable[[], None],
             clock: Callable[[], datetime], index: SearchIndexListener) -> TeamService:
        """The service on a data directory (an in-memory knowledge base cannot join a library)."""
        if paths is None:
            raise RuntimeError("内存中的知识库（没有数据目录）不能连接团队库")

        def changed(synonyms: bool) -> None:  # the index catches up; new synonyms and tags reach the engine
            if index.loaded:
                if synonyms:
                    index.synonyms_changed()
                index.vocabulary_changed()
            index.sync()

        return cls(TeamStores.open(paths.database), settings, save_settings, paths, clock, changed)

    @staticmethod
    def create_library(path: Path) -> None:
        """A new, empty team library (a bare Git repository) at ``path``, e.g. on a file share."""
        init_bare(path)

    def __init__(self, stores: TeamStores, settings: Settings, save_settings: Callable[[], None], paths: DataPaths,
                 clock: Callable[[], datetime], on_changed: Callable[[bool], None]):
        self.stores, self.settings, self.paths, self.clock, self.on_changed = stores, settings, paths, clock, on_changed
        s = stores
        self.folder = paths.root / "team"
        self.tokens = TokenStore(self.folder / "credentials.json")
        self.conflict_log = ConflictLog(s.conflicts)
        shared = SharedSettings(settings, save_settings, s.synonyms, paths)
        self.settings_sync = SettingsSync(s.db, shared, s.state, self.conflict_log, clock)
        self.puller = Puller(s.db, s.articles, s.bases, s.outbox, s.state, self.conflict_log, self.settings_sync, clock)
        self.publisher = Publisher(s.db, s.articles, s.bases, s.outbox, s.local_only, s.conflicts, s.proposals,
                                   self.settings_sync, s.state, clock)
        self.proposals = Proposals(s.db, s.articles, s.bases, s.outbox, s.proposals, clock)
        self.resolver = Resolver(s.db, s.articles, s.outbox, self.conflict_log, self.settings_sync, clock)
        self.save_settings = save_settings
        self.clone = LocalClone(self.folder, lambda: self.settings.team_url, clock)

    def close(self) -> None:
        self.clone.close()
        self.stores.close()

    # --- connection -------------------------------------------------------------------------------------------
    @property
    def connected(self) -> bool:
        return bool(self.settings.team_url) and self.stores.state.get(CONNECTED) is not None

    @property
    def desk_id(self) -> str:
        return self.stores.state.get("desk_id") or ""

    def credentials(self) -> Credentials:
        return Credentials(self.settings.team_user, self.tokens.load(self.settings.team_url))

    def connect(self, url: str, username: str = "", token: str | None = None) -> ConnectReport:
        """Join the library at ``url`` (a share path or an HTTPS/SSH URL): clone it and pull it into this desk.

        Articles published here before are not sent: they are offered for a first publish (``publish(
        include_local=True)``). An unreachable or refused library leaves the desk as it was.
        """
        url, username, token = _split_credentials(url.strip(), username, token)
        if self.connected and self.settings.team_url != url:
            raise TeamSyncError(None, f"已连接到另一个团队库（{self.settings.team_url}）。请先断开连接。")
        location = self.tokens.save(url, token) if token else self.tokens.location()
        with self.clone.locked():
            fresh = not self.clone.path.exists()
            git = self.clone.for_url(url)
            try:
                heads = git.fetch(Credentials(username, token or self.tokens.load(url)))
            except GitFailure as failure:
                if fresh:
                    self.clone.drop()
                raise sync_error(failure) from failure
            self.settings.team_url, self.settings.team_user = url, username
            self.save_settings()
            with self.stores.db.atomic():
                self.stores.state.set_many({CONNECTED: "1", "desk_id": self.desk_id or uuid.uuid4().hex[:12]})
                self.stores.local_only.mark(self.stores.bases.untracked_team_candidates())
                self.stores.outbox.clear()
            report = self._pull_locked(git, heads)
            with self.stores.db.atomic():
                self.stores.local_only.unmark([i for i in self.stores.local_only.ids()
                                               if self.stores.bases.get(i) is not None])
            self.clone.record_success()
        self.on_changed(report.synonyms_changed)
        return ConnectReport(url, report, len(self.stores.local_only.ids()), heads.get(MAIN) is None, location)

    def disconnect(self) -> None:
        """Leave the library: the articles stay on this desk; the clone, the token and the sync state go."""
        with self.clone.locked():
            url = self.settings.team_url
            with self.stores.db.atomic():
                for table in ("team_state", "team_articles", "team_outbox", "team_local_only"):
                    self.stores.db.execute(f"DELETE FROM {table}")
            self.clone.drop()
            self.clone.forget_outcome()
            if url:
                self.tokens.forget(url)
            self.settings.team_url, self.settings.team_user = "", ""
            self.save_settings()

    # --- pull and publish -------------------------------------------------------------------------------------
    def pull(self) -> PullReport:
        self._require_connected()
        with self.clone.locked():
            report = self.clone.repairing(self._pull_and_send)
            self.clone.record_success()
        self.on_changed(report.synonyms_changed)
        return report

    def _pull_and_send(self, git: TeamRepository) -> PullReport:
        heads = self._fetch(git)
        report = self._pull_locked(git, heads)
        self._send_proposals(git, heads)
        return report

    def publish(self, *, include_local: bool = False) -> PublishReport:
        """Pull, then send what changed here as one commit (fetch, merge and push again if the library moved)."""
        self._require_connected()
        report = PublishReport()
        try:
            with self.clone.locked():
                self.clone.repairing(lambda git: self._publish_locked(git, report, include_local))
        finally:
            if report.pulls:
                self.on_changed(any(p.synonyms_changed for p in report.pulls))
        return report

    def sync(self) -> PullReport | PublishReport:
        """What the background timer does: pull, and on a KB owner's desk publish what is waiting."""
        if self.settings.role in OWNER_ROLES and self.pending_count():
            return self.publish()
        return self.pull()

    def _publish_locked(self, git: TeamRepository, report: PublishReport, include_local: bool) -> None:
        heads = self._fetch(git)
        for _attempt in range(PUSH_ATTEMPTS):
            report.pulls.append(self._pull_locked(git, heads))
            head = heads.get(MAIN)
            outgoing = self.publisher.collect(self.settings_sync.pending(git), include_local=include_local)
            self.publisher.forget_clean(outgoing)
            report.blocked, report.withheld = outgoing.blocked, outgoing.withheld
            if outgoing.empty:
                self.clone.record_success()
                return
            commit = self._commit(git, head, outgoing)
            try:
                git.push(commit, MAIN, self.credentials())
            except GitFailure as failure:
                if failure.problem is GitProblem.MOVED:
                    heads = git.remote_heads()
                    continue
                self.clone.record_problem(failure)
                raise sync_error(failure) from failure
            self.publisher.record(commit, outgoing, report)
            git.pack_loose_objects()
            self.clone.record_success()
            return
        raise TeamSyncError(GitProblem.MOVED, "团队库在发布期间一直有新的修改，请稍后再试。")

    def _commit(self, git: TeamRepository, head: str | None, outgoing: Outgoing) -> str:
        files = outgoing.files()
        if head is None:
            files[MARKER_PATH] = marker_file()
        name = self.settings.user_name or "Deskbook"
        email = str(self.settings.extra.get("email") or f"{self.desk_id or 'desk'}@deskbook.invalid")
        return git.commit(head, files, name, email, outgoing.message(), self.clock())

    def pending_count(self) -> int:
        if not self.connected:
            return 0
        outgoing = self.publisher.collect({})
        return len(outgoing.articles) + len(outgoing.decisions)

    # --- proposals --------------------------------------------------------------------------------------------
    def propose(self, article_id: str, note: str = "") -> TeamProposal:
        """Send an article (a case write-up, or an edit of a published one) to the KB owners as a proposal.

        Recorded at once; sent now if the library is reachable, otherwise with the next sync.
        """
        self._require_connected()
        with self.clone.locked():
            git = self.clone.open()
            proposal = self.proposals.propose(git, article_id, note.strip(), self.settings.user_name, self.desk_id)
            try:
                self._send_proposals(git, self._fetch(git))
            except TeamSyncError as error:
                log.info("proposal queued, not sent yet: %s", error)
        self.on_changed(False)
        return self.stores.proposals.get(proposal.id) or proposal

    def proposals_to_decide(self) -> list[TeamProposal]:
        return self.stores.proposals.in_states("incoming", ("sent",))

    def my_proposals(self) -> list[TeamProposal]:
        return self.stores.proposals.in_states("outgoing")

    def proposed_article(self, proposal_id: str) -> tuple[Article | None, Article]:
        """(the article as it is now or None for a new one, the article as the proposal would make it)."""
        proposal = self.proposals.incoming(proposal_id)
        with self.clone.locked():
            proposed = self.proposals.proposed_article(self.clone.open(), proposal)
        return self.stores.articles.get(proposal.article_id), proposed

    def proposal_preview(self, proposal_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """(the article's content now, or {} for a new one; its content after accepting), as version snapshots."""
        from app.store.articles import snapshot_of

        current, proposed = self.proposed_article(proposal_id)
        return (snapshot_of(current) if current is not None else {}), snapshot_of(proposed)

    def accept(self, proposal_id: str, note: str = "") -> DecisionOutcome:
        with self.clone.locked():
            article = self.proposals.accept(self.clone.open(), proposal_id, self.settings.user_name, note.strip())
        self.on_changed(False)
        return self._publish_decision(proposal_id, article)

    def decline(self, proposal_id: str, note: str) -> DecisionOutcome:
        self.proposals.decline(proposal_id, self.settings.user_name, note)
        return self._publish_decision(proposal_id, None)

    def _publish_decision(self, proposal_id: str, article: Article | None) -> DecisionOutcome:
        outcome = DecisionOutcome(self.stores.proposals.get(proposal_id), article)  # type: ignore[arg-type]
        try:
            outcome.pulls = self.publish().pulls
            outcome.published = True
        except TeamSyncError as error:
            outcome.problem = str(error)
        outcome.proposal = self.stores.proposals.get(proposal_id) or outcome.proposal
        return outcome

    def _send_proposals(self, git: TeamRepository, heads: dict[str, str]) -> None:
        branch = branch_of(self.desk_id)
        changes, ids = self.proposals.branch_changes(git, heads.get(branch))
        if not changes:
            return
        name = self.settings.user_name or "Deskbook"
        commit = git.commit(heads.get(branch), changes, name, f"{self.desk_id}@deskbook.invalid",
                            f"建议：{len(ids)} 条" if ids else "清理已处理的建议", self.clock())
        try:
            git.push(commit, branch, self.credentials())
        except GitFailure as failure:
            self.clone.record_problem(failure)
            raise sync_error(failure) from failure
        self.proposals.mark_sent(ids)

    # --- conflicts --------------------------------------------------------------------------------------------
    def conflicts(self) -> list[TeamConflict]:
        return self.conflict_log.open()

    def resolve(self, conflict_id: str, choices: dict[str, Any]) -> Article | None:
        """Settle a conflict with a choice per field ("ours", "theirs" or {"text": ...}); the result is saved as a
        new version and, on a KB owner's desk, published."""
        with self.clone.locked():
            article = self.resolver.resolve(self.clone.open(), conflict_id, choices, self.settings.user_name)
        self.on_changed(False)
        if self.settings.role in OWNER_ROLES:
            try:
                self.publish()
            except TeamSyncError as error:
                log.info("resolution saved, not published yet: %s", error)
        return article

    # --- status and history -----------------------------------------------------------------------------------
    def status(self) -> TeamStatus:
        if not self.connected:
            return TeamStatus(False, token_location=self.tokens.location())
        state = self.clone.outcome()
        problem = state.get("problem")
        return TeamStatus(
            connected=True, url=self.settings.team_url, synced_at=_moment(state.get("synced_at")),
            attempted_at=_moment(state.get("attempted_at")), problem=GitProblem(problem) if problem else None,
            detail=state.get("detail", ""), pending=self.pending_count(), local_only=len(self.stores.local_only.ids()),
            conflicts=self.stores.conflicts.open_count(),
            proposals_to_decide=self.stores.proposals.count("incoming", ("sent",)),
            my_open_proposals=self.stores.proposals.count("outgoing", ("queued", "sent")),
            token_location=self.tokens.location(),
        )

    def history(self, article_id: str) -> list:
        """The library's commits that changed this article, newest first (empty before the first pull)."""
        with self.clone.locked():
            git = self.clone.open()
            return git.history(git.remote_heads().get(MAIN), article_path(article_id))

    # --- plumbing ---------------------------------------------------------------------------------------------
    def _require_connected(self) -> None:
        if not self.connected:
            raise TeamSyncError(None, "本机还没有连接团队库：先运行 deskbook team connect 地址（或在“团队库”页面连接）。")

    def _fetch(self, git: TeamRepository) -> dict[str, str]:
        return self.clone.fetch(git, self.credentials())

    def _pull_locked(self, git: TeamRepository, heads: dict[str, str]) -> PullReport:
        report = self.puller.pull(git, heads.get(MAIN))
        self.proposals.refresh(git, heads, self.desk_id)
        return report


def _moment(text: str | None) -> datetime | None:
    from app.model import from_iso

    return from_iso(text) if text else None


def _split_credentials(url: str, username: str, token: str | None) -> tuple[str, str, str | None]:
    """An address pasted with ``user:token@`` in it: the token goes to the credential store, not the settings."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.password:
        host = parts.hostname or ""
        netloc = host + (f":{parts.port}" if parts.port else "")
        clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
        return clean, username or parts.username or "", token or parts.password
    return url, username, token

"""Every use of Git (pygit2, libgit2 in its wheels: no ``git`` program on the desk) is in this module.

The desk keeps a bare clone of the team library in its data directory (no working tree: SQLite is the source of
truth, so no file on disk can be half-edited, left over or block a pull). Commits are built in memory from the
files the sync hands over, then pushed. Failures come out as :class:`GitFailure` with a :class:`GitProblem` that
is decided from what the transfer did (credentials asked twice, the remote still reachable, the branch moved),
never from the text of libgit2's message.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import pygit2
from pygit2.enums import FetchPrune, FileMode, Option, SortMode

log = logging.getLogger(__name__)

MAIN = "main"
PROPOSALS_PREFIX = "proposals/"
CONNECT_TIMEOUT_MS = 10_000  # an unreachable host (a VPN not up) says so in seconds, not after the OS's minutes
SERVER_TIMEOUT_MS = 60_000
LOOSE_OBJECTS_TO_PACK = 2_000  # a first publish of a big library would leave one file per article otherwise

pygit2.option(Option.SET_SERVER_CONNECT_TIMEOUT, CONNECT_TIMEOUT_MS)
pygit2.option(Option.SET_SERVER_TIMEOUT, SERVER_TIMEOUT_MS)


class GitProblem(StrEnum):
    OFFLINE = "offline"  # the library cannot be reached (network, server down, share not mounted, wrong address)
    AUTH = "auth"  # the server wants credentials, or refused the ones given
    REJECTED = "rejected"  # reachable, but the server refused the push (no permission, protected branch, a hook)
    MOVED = "moved"  # the branch moved while we pushed: fetch, merge and push again
    DAMAGED = "damaged"  # this desk's clone cannot be read
    CERTIFICATE = "certificate"  # reachable over HTTPS, but its certificate cannot be trusted (self-signed, expired)


# How libgit2 words a TLS certificate it does not trust ("user rejected certificate for host", "the SSL
# certificate is invalid", "certificate verify failed").
_CERTIFICATE_WORDS = re.compile(r"certificate|x509", re.IGNORECASE)


class GitFailure(RuntimeError):
    def __init__(self, problem: GitProblem, detail: str = ""):
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem, self.detail = problem, detail


@dataclass(frozen=True)
class Credentials:
    """HTTPS user name and access token; SSH uses the agent or the default key files (not on Windows wheels)."""

    username: str = ""
    token: str | None = None


@dataclass(frozen=True)
class Change:
    path: str
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True)
class CommitInfo:
    id: str
    author: str
    message: str
    time: datetime


class _NoCredentials(Exception):
    """Raised from the credentials callback: libgit2 stops and pygit2 re-raises it from fetch or push."""


class _Callbacks(pygit2.RemoteCallbacks):
    def __init__(self, credentials: Credentials):
        super().__init__()
        self._given = credentials
        self.auth_requests = 0
        self.rejected: dict[str, str] = {}

    def credentials(self, url: str, username_from_url: str | None, allowed_types: Any) -> Any:
        self.auth_requests += 1
        if self.auth_requests > 2:  # the server refused what we have: stop instead of asking forever
            raise _NoCredentials("服务器拒绝了登录信息")
        user = username_from_url or self._given.username or "git"
        if allowed_types & pygit2.enums.CredentialType.SSH_KEY:
            if self.auth_requests == 1:
                return pygit2.KeypairFromAgent(user)
            key = _default_ssh_key()
            if key is not None:
                return pygit2.Keypair(user, f"{key}.pub", str(key), "")
        elif allowed_types & pygit2.enums.CredentialType.USERPASS_PLAINTEXT and self._given.token:
            return pygit2.UserPass(self._given.username or "deskbook", self._given.token)
        raise _NoCredentials("没有这个团队库的登录信息")

    def push_update_reference(self, refname: str, message: str | None) -> None:
        if message:
            self.rejected[refname] = message


def _default_ssh_key() -> Path | None:
    for name in ("id_ed25519", "id_ecdsa", "id_rsa"):
        key = Path.home() / ".ssh" / name
        if key.is_file() and key.with_suffix(".pub").is_file():
            return key
    return None


def _is_local(url: str) -> bool:
    """A path or file:// URL (a share), as opposed to HTTPS or SSH (``ssh://…`` or ``git@host:path``)."""
    if url.startswith("file://"):
        return True
    return not (_SCHEME.match(url) or _SCP_LIKE.match(url))


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")
_SCP_LIKE = re.compile(r"^[^/\\@]+@[^/\\:]+:")


def init_bare(path: Path) -> None:
    """A new, empty shared library (a bare repository) at ``path``: on a share, or for the two-desk demo."""
    repo = pygit2.init_repository(str(path), bare=True, initial_head=MAIN)
    repo.free()


class TeamRepository:
    """This desk's bare clone of the team library."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.repo = pygit2.Repository(str(self.path))
        except (pygit2.GitError, OSError, KeyError) as error:
            raise GitFailure(GitProblem.DAMAGED, str(error)) from error

    @classmethod
    def create(cls, path: Path, url: str) -> TeamRepository:
        path.mkdir(parents=True, exist_ok=True)
        repo = pygit2.init_repository(str(path), bare=True, initial_head=MAIN)
        repo.remotes.create("origin", url, "+refs/heads/*:refs/remotes/origin/*")
        repo.free()
        return cls(path)

    def close(self) -> None:
        self.repo.free()

    @property
    def url(self) -> str:
        return self.repo.remotes["origin"].url or ""

    def set_url(self, url: str) -> None:
        self.repo.remotes.set_url("origin", url)

    # --- talking to the library -------------------------------------------------------------------------------
    def fetch(self, credentials: Credentials) -> dict[str, str]:
        """Fetch ``main`` and every proposals branch; returns {branch: commit id} as the library has them now."""
        callbacks = _Callbacks(credentials)
        try:
            self.repo.remotes["origin"].fetch(
                ["+refs/heads/*:refs/remotes/origin/*"], callbacks=callbacks, prune=FetchPrune.PRUNE,
                proxy=None if _is_local(self.url) else True,
            )
        except (pygit2.GitError, OSError, ValueError, _NoCredentials) as error:
            raise self._transfer_failure(error, callbacks) from error
        return self.remote_heads()

    def remote_heads(self) -> dict[str, str]:
        prefix = "refs/remotes/origin/"
        heads = {}
        for name in self.repo.references:
            if name.startswith(prefix) and name != prefix + "HEAD":
                heads[name[len(prefix):]] = str(self.repo.references[name].resolve().target)
        return heads

    def push(self, commit: str, branch: str, credentials: Credentials) -> None:
        """Push ``commit`` to ``branch``; :class:`GitFailure` (REJECTED, MOVED, OFFLINE, AUTH) when it did not land."""
        ref = f"refs/heads/{branch}"
        self.repo.references.create(ref, commit, force=True)
        callbacks = _Callbacks(credentials)
        try:
            self.repo.remotes["origin"].push([f"{ref}:{ref}"], callbacks=callbacks,
                                             proxy=None if _is_local(self.url) else True)
        except (pygit2.GitError, OSError, ValueError, _NoCredentials) as error:
            raise self._push_failure(error, callbacks, branch, credentials) from error
        if callbacks.rejected:
            raise self._push_failure(None, callbacks, branch, credentials)
        self.repo.references.create(f"refs/remotes/origin/{branch}", commit, force=True)

    def _transfer_failure(self, error: BaseException, callbacks: _Callbacks) -> GitFailure:
        detail = str(error)
        refused = isinstance(error, (_NoCredentials, pygit2.AuthError)) or callbacks.auth_requests >= 2
        if callbacks.auth_requests > 0 and refused:
            return GitFailure(GitProblem.AUTH, detail)
        if _CERTIFICATE_WORDS.search(detail):  # not "offline": waiting will not help, IT has to act
            return GitFailure(GitProblem.CERTIFICATE, detail)
        return GitFailure(GitProblem.OFFLINE, detail)

    def _push_failure(self, error: BaseException | None, callbacks: _Callbacks, branch: str,
                      credentials: Credentials) -> GitFailure:
        """Why a push did not land, from the library's state: moved, refused, or unreachable."""
        detail = "; ".join(callbacks.rejected.values()) or (str(error) if error else "")
        before = self.remote_heads().get(branch)
        try:
            after = self.fetch(credentials).get(branch)
        except GitFailure as failure:
            return failure
        if after != before:
            return GitFailure(GitProblem.MOVED, detail)
        if isinstance(error, _NoCredentials):
            return GitFailure(GitProblem.AUTH, detail)
        return GitFailure(GitProblem.REJECTED, detail)

    # --- reading ----------------------------------------------------------------------------------------------
    def _tree(self, commit: str | None) -> pygit2.Tree | None:
        if not commit:
            return None
        try:
            obj = self.repo.get(commit)
            if obj is None:
                raise KeyError(commit)
            return obj.peel(pygit2.Tree)
        except (pygit2.GitError, AttributeError, ValueError, KeyError) as error:
            raise GitFailure(GitProblem.DAMAGED, f"读不到提交 {commit}") from error

    def has_commit(self, commit: str | None) -> bool:
        return commit is not None and self.repo.get(commit) is not None

    def files(self, commit: str | None, folder: str) -> dict[str, str]:
        """{path: blob id} of the files directly in ``folder`` at ``commit``."""
        tree = self._tree(commit)
        if tree is None or folder not in tree:
            return {}
        sub = tree[folder]
        if not isinstance(sub, pygit2.Tree):
            return {}
        return {f"{folder}/{entry.name}": str(entry.id) for entry in sub if entry.type_str == "blob"}

    def blob_at(self, commit: str | None, path: str) -> str | None:
        tree = self._tree(commit)
        if tree is None:
            return None
        try:
            entry = tree[path]
        except KeyError:
            return None
        return str(entry.id) if entry.type_str == "blob" else None

    def read(self, blob: str) -> bytes:
        obj = self.repo.get(blob)
        if obj is None:
            raise GitFailure(GitProblem.DAMAGED, f"缺少对象 {blob}")
        return obj.read_raw()

    def has_blob(self, blob: str | None) -> bool:
        return blob is not None and self.repo.get(blob) is not None

    def changes(self, old: str | None, new: str, folders: Iterable[str]) -> list[Change]:
        """Files in ``folders`` that differ between commits ``old`` and ``new`` (added, changed or removed)."""
        wanted = tuple(f"{folder}/" for folder in folders)
        old_tree, new_tree = self._tree(old), self._tree(new)
        if old_tree is None or new_tree is None:
            return [Change(p, None, b) for folder in folders for p, b in self.files(new, folder).items()]
        result = []
        for delta in old_tree.diff_to_tree(new_tree).deltas:
            path = delta.new_file.path if delta.new_file.path else delta.old_file.path
            if not path.startswith(wanted):
                continue
            old_blob = None if delta.status_char() == "A" else str(delta.old_file.id)
            new_blob = None if delta.status_char() == "D" else str(delta.new_file.id)
            result.append(Change(path, old_blob, new_blob))
        return result

    def last_authors(self, old: str | None, new: str, limit: int = 300) -> dict[str, str]:
        """{path: author} of the newest commit after ``old`` (up to ``new``) that changed each file."""
        authors: dict[str, str] = {}
        for count, commit in enumerate(self.repo.walk(new, SortMode.TOPOLOGICAL)):
            if (old and str(commit.id) == old) or count >= limit:
                break
            parent = commit.parents[0].tree if commit.parents else None
            diff = commit.tree.diff_to_tree(parent, swap=True) if parent is not None else commit.tree.diff_to_tree(swap=True)
            for delta in diff.deltas:
                authors.setdefault(delta.new_file.path or delta.old_file.path, commit.author.name)
        return authors

    def history(self, head: str | None, path: str | None = None, limit: int = 200) -> list[CommitInfo]:
        """Commits reachable from ``head``, newest first; with ``path``, only those that changed that file."""
        if not head:
            return []
        result = []
        for commit in self.repo.walk(head, SortMode.TOPOLOGICAL | SortMode.TIME):
            if path is not None:
                mine = self._entry_id(commit.tree, path)
                parents = [self._entry_id(p.tree, path) for p in commit.parents] or [None]
                if all(p == mine for p in parents):
                    continue
            when = datetime.fromtimestamp(commit.commit_time).astimezone()
            result.append(CommitInfo(str(commit.id), commit.author.name, commit.message.strip(), when))
            if len(result) >= limit:
                break
        return result

    @staticmethod
    def _entry_id(tree: pygit2.Tree, path: str) -> str | None:
        try:
            return str(tree[path].id)
        except KeyError:
            return None

    # --- writing ----------------------------------------------------------------------------------------------
    def commit(self, parent: str | None, changes: dict[str, bytes | None], author: str, email: str,
               message: str, when: datetime) -> str:
        """A commit on top of ``parent`` with ``changes`` ({path: new bytes, or None to remove}); no ref moves."""
        base = self._tree(parent)
        tree = self._write_tree(base, _nest(changes))
        offset = int((when.utcoffset() or (when - when)).total_seconds() // 60)
        signature = pygit2.Signature(author or "Deskbook", email, int(when.timestamp()), offset)
        parents = [parent] if parent else []
        oid = self.repo.create_commit(None, signature, signature, message, tree, parents)
        return str(oid)

    def _write_tree(self, base: pygit2.Tree | None, changes: dict[str, Any]) -> pygit2.Oid:
        builder = self.repo.TreeBuilder(base) if base is not None else self.repo.TreeBuilder()
        for name, change in changes.items():
            if isinstance(change, dict):
                sub = base[name] if base is not None and name in base else None
                sub_tree = sub if isinstance(sub, pygit2.Tree) else None
                oid = self._write_tree(sub_tree, change)
                if len(self.repo[oid].peel(pygit2.Tree)) == 0:
                    if builder.get(name) is not None:
                        builder.remove(name)
                else:
                    builder.insert(name, oid, FileMode.TREE)
            elif change is None:
                if builder.get(name) is not None:
                    builder.remove(name)
            else:
                builder.insert(name, self.repo.create_blob(change), FileMode.BLOB)
        return builder.write()

    def pack_loose_objects(self) -> int:
        """Pack loose objects once there are many (a first publish writes one per article); returns how many."""
        objects = self.path / "objects"
        loose = [p for d in objects.glob("[0-9a-f][0-9a-f]") for p in d.iterdir()]
        if len(loose) < LOOSE_OBJECTS_TO_PACK:
            return 0
        oids = [p.parent.name + p.name for p in loose]

        def add(builder: pygit2.PackBuilder) -> None:
            for oid in oids:
                builder.add(pygit2.Oid(hex=oid))

        self.repo.pack(str(objects / "pack"), add)
        for path in loose:  # now in the pack: what ``git prune-packed`` does
            path.unlink(missing_ok=True)
        return len(loose)

    def verify(self, commit: str | None) -> None:
        """Read ``commit`` and its folders: a clone with missing or broken objects fails here, not halfway."""
        tree = self._tree(commit)
        if tree is None:
            return
        for entry in tree:
            if isinstance(entry, pygit2.Tree):
                len(entry)


def _nest(changes: dict[str, bytes | None]) -> dict[str, Any]:
    nested: dict[str, Any] = {}
    for path, data in changes.items():
        parts = path.split("/")
        node = nested
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = data
    return nested

"""Desks joined to one shared library, for the team-library tests."""

from __future__ import annotations

from pathlib import Path

from app.model import Article, Kind, Status
from app.services import Deskbook


def team_desk(data_dir: Path, library: str | Path, clock, *, role: str = "owner", user: str = "王主管",
              token: str | None = None, connect: bool = True) -> Deskbook:
    desk = Deskbook(data_dir, clock=clock)
    desk.prepare_index()
    desk.reindex()
    desk.settings.user_name, desk.settings.role = user, role
    desk.save_settings()
    if connect:
        desk.team.connect(str(library), "deskbook", token)
    return desk


def case(title: str, body: str = "", **fields) -> Article:
    return Article(kind=Kind.CASE, title=title, body=body, status=Status.PUBLISHED, fields=dict(fields),
                   group="订单售后组", tags=["退款"])


def titles(desk: Deskbook, query: str) -> list[str]:
    return [r.summary.title for r in desk.search(query, log_query=False).results]


def library_files(library: Path, ref: str = "refs/heads/main") -> dict[str, bytes]:
    """Every file of the library's branch, read with pygit2 (the tests do not need a git program for this)."""
    import pygit2

    repo = pygit2.Repository(str(library))
    files: dict[str, bytes] = {}

    def walk(tree, prefix: str) -> None:
        for entry in tree:
            if isinstance(entry, pygit2.Tree):
                walk(entry, f"{prefix}{entry.name}/")
            else:
                files[f"{prefix}{entry.name}"] = entry.read_raw()

    walk(repo.revparse_single(ref).peel(pygit2.Tree), "")
    return files

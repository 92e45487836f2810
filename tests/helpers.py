"""Small builders shared by tests."""

from __future__ import annotations

import json
from pathlib import Path

from app.model import Article, Kind, Status


def make_article(title: str, body: str = "", kind: Kind = Kind.CASE, **kw) -> Article:
    kw.setdefault("status", Status.PUBLISHED)
    return Article(kind=kind, title=title, body=body, **kw)


def write_jsonl(path: Path, rows: list) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def indexed_data_dir(path: Path, clock, *titles: str) -> Path:
    """A data directory with a built index holding articles with these titles, closed again (as after a restart)."""
    from app.services import Deskbook

    desk = Deskbook(path, clock=clock)
    desk.prepare_index()
    desk.reindex()
    for title in titles:
        desk.create_article(make_article(title))
    desk.close()
    return path

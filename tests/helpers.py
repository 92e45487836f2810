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


def data_words(desk) -> frozenset[str]:
    """The Latin words of a knowledge base's own text (the demo's "Chrome 和 Edge 都一样"): the user's data, which
    the checks for English in the UI and the CLI leave alone. Only what people wrote: no keys, codes or ids."""
    import re

    def strings(value) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for item in value.values() for s in strings(item)]
        if isinstance(value, (list, tuple)):
            return [s for item in value for s in strings(item)]
        return []

    texts: list[str] = []
    for article in desk.get_articles([s.id for s in desk.list_articles()]).values():
        fields = {k: v for k, v in article.fields.items() if k != "channel"}  # a code (phone), shown in Chinese
        texts += strings([article.title, article.body, article.tags, article.group, article.owner,
                          article.phrasings, fields, list(article.fields.get("variants") or {})])
    for request in desk.records.list():
        texts += [getattr(request, name) for name in ("customer", "company", "contact", "channel", "history", "what",
                                                      "when", "where", "who", "why", "how", "assignee", "group")]
    return frozenset(re.findall(r"[A-Za-z]{4,}", " ".join(texts)))

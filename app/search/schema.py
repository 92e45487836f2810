"""The Whoosh schema and how an article becomes an index document."""

from __future__ import annotations

from whoosh.fields import ID, KEYWORD, TEXT, Schema

from app.model import Article, KIND_FIELDS
from app.search.analysis import bigram_analyzer, word_analyzer

# Bump when the schema or document mapping changes: an index with another number is rebuilt.
SCHEMA_VERSION = 1

TITLE_BOOST = 3.0
PHRASINGS_BOOST = 2.5
DETAILS_BOOST = 1.2
BODY_BOOST = 1.0


def build_schema() -> Schema:
    words = word_analyzer()
    grams = bigram_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=words, field_boost=TITLE_BOOST, phrase=False),
        phrasings=TEXT(analyzer=words, field_boost=PHRASINGS_BOOST, phrase=False),
        details=TEXT(analyzer=words, field_boost=DETAILS_BOOST, phrase=False),
        body=TEXT(analyzer=words, field_boost=BODY_BOOST, phrase=False),
        grams_title=TEXT(analyzer=grams, field_boost=1.0, phrase=False),
        grams=TEXT(analyzer=grams, field_boost=0.5, phrase=False),
        tags=KEYWORD(commas=True, lowercase=True, scorable=True, field_boost=2.0),
        group=ID,
        kind=ID,
        status=ID,
    )


def details_text(article: Article) -> str:
    """The kind-specific fields as one text (case statement, cause, solution; script reply; handbook questions)."""
    return "\n".join(article.field_text(name) for name in KIND_FIELDS[article.kind] if name != "resolved_at")


def to_document(article: Article) -> dict[str, str]:
    details = details_text(article)
    phrasings = "\n".join(article.phrasings)
    return {
        "id": article.id,
        "title": article.title,
        "phrasings": phrasings,
        "details": details,
        "body": article.body,
        "grams_title": article.title + "\n" + phrasings,
        "grams": article.body + "\n" + details,
        "tags": ",".join(article.tags),
        "group": article.group,
        "kind": article.kind.value,
        "status": article.status.value,
    }

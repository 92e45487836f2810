"""The content model: plain dataclasses and pure rules, with no storage, clock or Qt.

``app.model`` is the knowledge-base model (:mod:`app.model.articles`); the service records' model is
:mod:`app.model.records`.
"""

from app.model.articles import (
    CHANNEL_LABELS_ZH,
    DEFAULT_REVIEW_DAYS,
    FIELD_LABELS_ZH,
    KIND_FIELDS,
    Article,
    ArticleSummary,
    Kind,
    Status,
    Version,
    channel_code,
    channel_label,
    flatten_field,
    from_iso,
    is_stale,
    moment_of,
    new_id,
    to_iso,
    utcnow,
    version_note_zh,
)

__all__ = [
    "CHANNEL_LABELS_ZH",
    "DEFAULT_REVIEW_DAYS",
    "FIELD_LABELS_ZH",
    "KIND_FIELDS",
    "Article",
    "ArticleSummary",
    "Kind",
    "Status",
    "Version",
    "channel_code",
    "channel_label",
    "flatten_field",
    "from_iso",
    "is_stale",
    "moment_of",
    "new_id",
    "to_iso",
    "utcnow",
    "version_note_zh",
]

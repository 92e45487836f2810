"""What a reply script offers to fill: its reply and its named variants, in order (no Qt, no storage)."""

from __future__ import annotations

from app.model import Article


def script_variants(article: Article, standard_name: str) -> list[tuple[str, str]]:
    """``[(name, template), …]``: the reply itself first (called ``standard_name``; the body when the script has no
    reply), then each variant that has text."""
    variants = [(standard_name, article.field_text("reply") or article.body)]
    extra = article.fields.get("variants") or {}
    if isinstance(extra, dict):
        variants += [(str(name), str(text)) for name, text in extra.items() if str(text).strip()]
    return variants


def normalize_trigger(text: str) -> str:
    """Abbreviations compare without surrounding spaces and case: ``;TK`` and ``;tk `` are one trigger."""
    return text.strip().casefold()

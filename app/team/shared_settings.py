"""The team's shared settings: organisation name, synonyms, review intervals per kind, SLA hours, letter template,
and the hash of the KB owners' PIN (so an agent's desk asks for the owners' PIN, not one its agent set).

They travel as ``settings/team.yaml`` (and the template as ``settings/confirmation_letter.docx``) and merge key by
key like an article's fields. What stays per desk: the user's name, role, language, backups, the library address.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.documents.shipped_letter import is_shipped
from app.paths import DataPaths
from app.settings import Settings
from app.store.synonyms import SynonymRepository
from app.team.format import digest, yaml_file

Values = dict[str, Any]
LETTER_TEMPLATE_NAME = "confirmation_letter.docx"
KIND_ORDER = ("case", "script", "handbook")
PRIORITY_ORDER = ("紧急", "重要", "一般")


def _number(value: Any) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() else number


def _ordered(mapping: dict[str, Any], order: tuple[str, ...]) -> dict[str, int | float]:
    keys = [k for k in order if k in mapping] + sorted(k for k in mapping if k not in order)
    return {k: _number(mapping[k]) for k in keys}


def canonical_rings(rings: list[list[str]]) -> list[list[str]]:
    cleaned = [sorted(dict.fromkeys(t.strip() for t in ring if t and t.strip())) for ring in rings]
    return sorted((ring for ring in cleaned if len(ring) >= 2), key=lambda ring: ring)


class SharedSettings:
    """Reads this desk's shared settings as values and writes the team's values back into the desk."""

    def __init__(self, settings: Settings, save_settings: Callable[[], None], synonyms: SynonymRepository,
                 paths: DataPaths):
        self.settings, self.save_settings, self.synonyms, self.paths = settings, save_settings, synonyms, paths

    @property
    def letter_file(self) -> Path:
        return self.paths.templates_dir / LETTER_TEMPLATE_NAME

    def letter_bytes(self) -> bytes | None:
        """The owner's edited letter template; None while it is the shipped one (nothing to share)."""
        try:
            data = self.letter_file.read_bytes()
        except OSError:
            return None
        return None if is_shipped(data) else data  # an unedited copy of this or an earlier version's template

    def values(self) -> Values:
        letter = self.letter_bytes()
        return {
            "organization": str(self.settings.extra.get("organization") or ""),
            "review_days": _ordered(self.settings.review_days, KIND_ORDER),
            "sla_hours": _ordered(self.settings.sla_hours, PRIORITY_ORDER),
            "synonyms": canonical_rings(self.synonyms.rings()),
            "letter_template": digest(letter) if letter is not None else None,
            "owner_pin": self.settings.owner_pin,
        }

    @staticmethod
    def file(values: Values) -> bytes:
        return yaml_file({k: v for k, v in values.items() if k != "letter_template"})

    @staticmethod
    def parse(data: dict[str, Any], letter_blob: str | None) -> Values:
        """Values from a parsed ``team.yaml`` (unknown or broken keys fall back to nothing rather than fail)."""
        values: Values = {"organization": str(data.get("organization") or "")}
        for key, order in (("review_days", KIND_ORDER), ("sla_hours", PRIORITY_ORDER)):
            raw = data.get(key)
            try:
                values[key] = _ordered(raw, order) if isinstance(raw, dict) else {}
            except (TypeError, ValueError):
                values[key] = {}
        rings = data.get("synonyms")
        values["synonyms"] = canonical_rings([[str(t) for t in r] for r in rings if isinstance(r, list)]
                                             if isinstance(rings, list) else [])
        values["letter_template"] = letter_blob
        values["owner_pin"] = str(data.get("owner_pin") or "")
        return values

    def apply(self, values: Values, letter: bytes | None) -> bool:
        """Write ``values`` into this desk; ``letter`` is the template's bytes when it changes. True when the
        synonyms changed (the search engine reloads them)."""
        current = self.values()
        if values.get("organization", "") != current["organization"]:
            self.settings.extra["organization"] = values.get("organization", "")
        if values.get("review_days"):
            self.settings.review_days = {**self.settings.review_days, **values["review_days"]}
        if values.get("sla_hours"):
            self.settings.sla_hours = {**self.settings.sla_hours, **values["sla_hours"]}
        if values.get("owner_pin"):  # the team's owners' PIN replaces one set on this desk alone
            self.settings.owner_pin = values["owner_pin"]
        self.save_settings()
        if letter is not None:
            _write_atomic(self.letter_file, letter)
        if values.get("synonyms") is not None and values["synonyms"] != current["synonyms"]:
            self.synonyms.replace_all(values["synonyms"])
            return True
        return False


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".team-tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)

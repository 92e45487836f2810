"""Domain settings: typed, with defaults, stored as JSON in the data directory.

Window geometry and other view state live in QSettings (the UI's business); these are the ones the core needs.
Unknown keys in the file are kept, so a newer version's settings survive a run of an older one.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1


@dataclass
class Settings:
    version: int = SETTINGS_VERSION
    user_name: str = ""
    role: str = "agent"  # agent | owner | trainer (guides the UI; a single-user app does not enforce it)
    language: str = ""  # "" follows the system locale; "zh_CN" or "en"
    review_days: dict[str, int] = field(default_factory=lambda: {"case": 90, "script": 90, "handbook": 90})
    # Hours to first response per priority (紧急 / 重要 / 一般), the service-flow template's defaults.
    sla_hours: dict[str, float] = field(default_factory=lambda: {"紧急": 2, "重要": 24, "一般": 48})
    backup_keep: int = 7
    # Where the team publishes new installers: a folder (a share) or an http(s) address holding latest.json
    # (app/updates.py); "" checks nothing.
    update_source: str = ""
    # The quick-reply palette (app/ui/quick_reply.py): a global hotkey from any window, the filled reply pasted
    # back into the window that had the focus, the agent's own clipboard put back after restore_clipboard_ms.
    hotkey_enabled: bool = True
    hotkey: str = "Ctrl+Alt+K"
    paste_into_window: bool = True
    restore_clipboard: bool = True
    restore_clipboard_ms: int = 600
    abbreviations: bool = False  # a script's short trigger (;tk) typed into the palette opens its form at once
    # Learning from use: unreviewed (query, article) pairs lift their article a little on this desk. Off by default,
    # so what an owner sees when auditing search is what the KB itself says.
    learnt_boost: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None) -> Settings:
        if path is None or not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as error:
            log.warning("settings file unreadable, using defaults: %s", error)
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in data.items() if k in known and k != "extra"})
        settings.extra = {k: v for k, v in data.items() if k not in known} | data.get("extra", {})
        return settings

    def save(self, path: Path | None) -> None:
        if path is None:
            return
        data = asdict(self)
        extra = data.pop("extra")
        data.update(extra)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
        os.replace(tmp, path)

    def review_days_for(self, kind: str) -> int:
        return int(self.review_days.get(kind, 90))

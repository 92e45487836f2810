"""Domain settings: typed, with defaults, stored as JSON in the data directory.

Window geometry and other view state live in QSettings (the UI's business); these are the ones the core needs.
Unknown keys in the file are kept, so a newer version's settings survive a run of an older one. A known key with a
value of the wrong type (``"review_days": "x"``) is ignored and the default used, and :meth:`Settings.read` says
which were ignored and why: a restore refuses a backup whose settings have any.
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
ROLES = ("agent", "owner", "trainer")

# bge-small-zh-v1.5 (BAAI, MIT licence; 512 dimensions), the int8 ONNX export of Xenova/bge-small-zh-v1.5 at a
# fixed revision. The model file's hash is the one published with that revision (not re-checked here: no machine
# of this project reaches the model hub); the tokenizer's is not pinned yet, so its hash is reported on download.
_BGE_REVISION = "https://huggingface.co/Xenova/bge-small-zh-v1.5/resolve/75c43b069aac4d136ba6bc1122f995fedcfd2781"
PINNED_MODEL: dict[str, Any] = {
    "files": [
        {"name": "model.onnx", "url": f"{_BGE_REVISION}/onnx/model_quantized.onnx",
         "sha256": "15b717c382bcb518ba457b93ea6850ede7f4f1cd8937454aa06972366cd19bcc"},
        {"name": "tokenizer.json", "url": f"{_BGE_REVISION}/tokenizer.json", "sha256": ""},
    ],
    "config": {"name": "bge-small-zh-v1.5", "pooling": "cls", "max_length": 64, "query_max_length": 64,
               "query_prefix": "为这个句子生成表示以用于检索相关文章：", "min_similarity": 0.0},
}


@dataclass
class Settings:
    version: int = SETTINGS_VERSION
    user_name: str = ""
    role: str = "agent"  # agent | owner | trainer; becoming owner or trainer needs the owner's PIN (curation/roles.py)
    owner_pin: str = ""  # PBKDF2 hash of the PIN a KB owner set; shared through the team library
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
    # Where `deskbook model download` fetches the meaning model from: files with pinned SHA-256 (see README).
    model_download: dict[str, Any] = field(default_factory=lambda: json.loads(json.dumps(PINNED_MODEL)))
    # The team library (app/team): its address (a share path or an HTTPS/SSH URL; the token is kept elsewhere, see
    # app/team/credentials.py), the HTTPS user name, and how often to pull in the background.
    team_url: str = ""
    team_user: str = ""
    team_pull_minutes: int = 5
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None) -> Settings:
        """The settings in ``path``; what cannot be used is ignored (and logged), never a reason not to start."""
        if path is None or not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError, RecursionError) as error:
            log.warning("settings file unreadable, using defaults: %s", error)
            return cls()
        settings, ignored = cls.read(data)
        for problem in ignored:
            log.warning("settings file %s: %s; using the default", path, problem)
        return settings

    @classmethod
    def read(cls, data: Any) -> tuple[Settings, list[str]]:
        """Settings from parsed JSON, and what was ignored because of its type or value (one line each)."""
        if not isinstance(data, dict):
            return cls(), [f"设置必须是一个 JSON 对象，而不是 {_type_zh(data)}"]
        known = {f.name for f in fields(cls)}
        values, ignored = {}, []
        for name in [f.name for f in fields(cls) if f.name != "extra"]:
            if name in data:
                problem = _problem(name, data[name])
                if problem:
                    ignored.append(f"{name}: {problem}")
                else:
                    values[name] = data[name]
        extra = data.get("extra", {})
        if not isinstance(extra, dict):
            ignored.append(f"extra：必须是一个对象，而不是 {_type_zh(extra)}")
            extra = {}
        settings = cls(**values)
        settings.extra = {k: v for k, v in data.items() if k not in known} | extra
        return settings, ignored

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


def _type_zh(value: Any) -> str:
    """A JSON value's type as people call it."""
    if isinstance(value, bool):
        return "真假值"
    names = {str: "文字", int: "数字", float: "数字", list: "列表", dict: "对象", type(None): "空值（null）"}
    return names.get(type(value), type(value).__name__)


def _problem(name: str, value: Any) -> str:
    """Why ``value`` cannot be the setting ``name`` (empty when it can)."""
    if name in ("version", "backup_keep"):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            return f"必须是不小于 1 的整数，而不是 {value!r:.40}"
    elif name in ("user_name", "language", "role"):
        if not isinstance(value, str):
            return f"必须是文字，而不是 {_type_zh(value)}"
        if name == "role" and value not in ROLES:
            return f"必须是 {'、'.join(ROLES)} 之一，而不是 {value!r:.40}"
    elif name in ("review_days", "sla_hours"):
        if not isinstance(value, dict):
            return f"必须是一个对象，而不是 {_type_zh(value)}"
        for key, number in value.items():
            if not isinstance(number, (int, float)) or isinstance(number, bool) or not 0 < number <= 100_000:
                return f"{key!r:.20} 必须是正数，而不是 {number!r:.40}"
            if name == "review_days" and not isinstance(number, int):
                return f"{key!r:.20} 必须是整数天数，而不是 {number!r:.40}"
    return ""

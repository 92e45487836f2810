"""Validating a raw import row into article content. English and Chinese column names are both accepted."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from app.model import FIELD_LABELS_ZH, KIND_FIELDS, Kind, Status
from app.plain_text import InvalidText, clean_text
from app.templates.validation import script_template_problems

MAX_TITLE = 500
SHOWN_VALUE = 60  # characters of a refused value quoted in the message (a value can be megabytes long)

_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "编号", "外部编号", "external_id"),
    "title": ("title", "标题", "问题标题", "名称"),
    "body": ("body", "内容", "正文", "说明"),
    "kind": ("kind", "类型", "种类"),
    "tags": ("tags", "标签"),
    "group": ("group", "技能组", "分组", "skill_group"),
    "status": ("status", "状态"),
    "phrasings": ("phrasings", "相似问", "相似问法"),
    "owner": ("owner", "负责人", "维护人"),
    "review_interval_days": ("review_interval_days", "复核周期", "复核周期天"),
    "problem": ("problem", "问题", "客户原话", "问题描述"),
    "statement": ("statement", "标准表述"),
    "cause": ("cause", "原因"),
    "solution": ("solution", "解决方案", "解决步骤"),
    "key_points": ("key_points", "沟通要点"),
    "resolved_at": ("resolved_at", "解决日期"),
    "scenario": ("scenario", "场景"),
    "channel": ("channel", "渠道"),
    "reply": ("reply", "话术", "话术内容", "回复"),
    "variants": ("variants", "变体"),
    "trigger": ("trigger", "缩写", "快捷缩写"),
    "method": ("method", "方法"),
    "questions": ("questions", "提问清单", "问题清单"),
    "restatements": ("restatements", "转述示例"),
    "next_steps": ("next_steps", "下一步"),
}
_COLUMN_OF = {alias.lower(): name for name, aliases in _ALIASES.items() for alias in aliases}
_KIND_OF = {"case": Kind.CASE, "案例": Kind.CASE, "script": Kind.SCRIPT, "话术": Kind.SCRIPT,
            "reply": Kind.SCRIPT, "handbook": Kind.HANDBOOK, "手册": Kind.HANDBOOK, "需求识别": Kind.HANDBOOK}
_STATUS_OF = {s.value: s for s in Status} | {s.label_zh: s for s in Status} | {"in review": Status.REVIEW}
_LIST_SPLIT = re.compile(r"[,，;；|、\n]+")


class RecordError(ValueError):
    """One row cannot become an article; the message says why."""


def canonical_column(header: Any) -> str | None:
    return _COLUMN_OF.get(str(header or "").strip().lower())


@dataclass
class ArticleContent:
    """Validated content of one imported row."""

    external_id: str | None
    kind: Kind
    title: str
    body: str
    tags: list[str]
    group: str
    status: Status
    phrasings: list[str]
    owner: str
    fields: dict[str, Any] = field(default_factory=dict)
    review_interval_days: int | None = None


def parse_record(raw: dict[str, Any], default_kind: Kind = Kind.CASE) -> ArticleContent:
    data: dict[str, Any] = {}
    for key, value in raw.items():
        name = canonical_column(key)
        if name is not None and name not in data:
            data[name] = value
    nested = raw.get("fields")
    if isinstance(nested, dict):
        for key, value in nested.items():
            name = canonical_column(key)
            if name is not None:
                data.setdefault(name, value)

    title = _text(data.get("title"), "title").strip()
    if not title:
        raise RecordError("缺少标题（title / 标题）")
    if len(title) > MAX_TITLE:
        raise RecordError(f"标题超过 {MAX_TITLE} 个字")
    kind = _kind(data.get("kind"), default_kind)
    status = _status(data.get("status"))
    external_id = data.get("id")
    if external_id is not None:
        external_id = _text(external_id, "id").strip() or None

    fields: dict[str, Any] = {}
    for name in KIND_FIELDS[kind]:
        if name in data and data[name] not in (None, ""):
            fields[name] = _field_value(name, data[name])
    if kind is Kind.SCRIPT and (problems := script_template_problems(fields)):
        raise RecordError("；".join(problems))

    interval = data.get("review_interval_days")
    if interval not in (None, ""):
        try:
            interval = int(str(interval).strip())
        except ValueError:
            raise RecordError("复核周期（review_interval_days）要写整数天数") from None
        if not 1 <= interval <= 3650:
            raise RecordError("复核周期（review_interval_days）要在 1 到 3650 天之间")
    else:
        interval = None

    return ArticleContent(
        external_id=external_id,
        kind=kind,
        title=title,
        body=_text(data.get("body"), "body"),
        tags=_string_list(data.get("tags"), "tags"),
        group=_text(data.get("group"), "group").strip(),
        status=status,
        phrasings=_string_list(data.get("phrasings"), "phrasings", split_commas=False),
        owner=_text(data.get("owner"), "owner").strip(),
        fields=fields,
        review_interval_days=interval,
    )


def _text(value: Any, name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        try:
            return clean_text(str(value))
        except InvalidText as error:
            raise RecordError(f"{_label(name)}{error}") from None
        except ValueError:  # an integer too long to write out (Python refuses beyond 4300 digits)
            raise RecordError(f"{_label(name)}是一个太长的数字，不能当作文字") from None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise RecordError(f"{_label(name)}应是文字")


def _label(name: str) -> str:
    """A column as a person knows it: 标题（title）, 标签（tags） …"""
    zh = _COLUMN_LABELS_ZH.get(name) or FIELD_LABELS_ZH.get(name)
    return f"{zh}（{name}）" if zh else name


_COLUMN_LABELS_ZH = {"title": "标题", "body": "内容", "tags": "标签", "group": "技能组", "owner": "负责人",
                     "phrasings": "相似问", "id": "编号", "kind": "类型", "status": "状态"}


def _shown(value: Any) -> str:
    """A value quoted in a refusal, cut short: the message must stay readable whatever the value."""
    text = repr(value) if isinstance(value, (str, int, float)) else "（一组数据）"
    return text if len(text) <= SHOWN_VALUE else text[: SHOWN_VALUE - 1] + "…"


def _kind(value: Any, default: Kind) -> Kind:
    if value in (None, ""):
        return default
    kind = _KIND_OF.get(value.strip().lower()) if isinstance(value, str) else None
    if kind is None:
        raise RecordError(f"不认识的类型 {_shown(value)}（可用 案例/话术/手册，或 case/script/handbook）")
    return kind


def _status(value: Any) -> Status:
    if value in (None, ""):
        return Status.PUBLISHED
    status = _STATUS_OF.get(value.strip().lower()) if isinstance(value, str) else None
    if status is None:
        raise RecordError(f"不认识的状态 {_shown(value)}（可用 草稿/审核中/已发布/已归档，或 draft/review/published/archived）")
    return status


def _string_list(value: Any, name: str, split_commas: bool = True) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("["):
            try:
                value = json.loads(stripped)
            except json.JSONDecodeError:
                raise RecordError(f"{_label(name)}像是 JSON 列表，但格式不对") from None
        else:
            parts = _LIST_SPLIT.split(stripped) if split_commas else re.split(r"[\n|]+", stripped)
            return list(dict.fromkeys(p.strip() for p in parts if p.strip()))
    if isinstance(value, (list, tuple)):
        items = [_text(v, name).strip() for v in value]
        return list(dict.fromkeys(i for i in items if i))
    raise RecordError(f"{_label(name)}应是列表或文字")


def _field_value(name: str, value: Any) -> Any:
    if name == "variants":
        value = _maybe_json(value, name)
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise RecordError("变体（variants）应是“变体名: 话术”的对应表")
        return {_text(k, "variant name"): _text(v, "variant") for k, v in value.items()}
    if name == "questions":
        value = _maybe_json(value, name)
        if isinstance(value, str):
            return [{"group": "", "text": _text(line.strip(), "question")} for line in value.splitlines() if line.strip()]
        if not isinstance(value, list):
            raise RecordError("提问清单（questions）应是列表")
        questions = []
        for item in value:
            if isinstance(item, str):
                questions.append({"group": "", "text": _text(item, "question")})
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                group = item.get("group") or ""
                questions.append({"group": _text(group, "question group"), "text": _text(item["text"], "question")})
            else:
                raise RecordError("提问清单的每一项应是文字，或 {group, text}")
        return questions
    if name == "restatements":
        value = _maybe_json(value, name)
        if not isinstance(value, list) or not all(
            isinstance(i, dict) and isinstance(i.get("said"), str) and isinstance(i.get("standard"), str)
            for i in value
        ):
            raise RecordError("转述示例（restatements）应是 {said, standard} 的列表")
        return [{"said": _text(i["said"], "restatement"), "standard": _text(i["standard"], "restatement")}
                for i in value]
    return _text(value, name)


def _maybe_json(value: Any, name: str) -> Any:
    if isinstance(value, str) and value.strip()[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            raise RecordError(f"{_label(name)}不是有效的 JSON") from None
    return value

"""Turning user input (a JSON file, a form) into a valid :class:`Request`, with messages that name the field."""

from __future__ import annotations

from typing import Any

from app.model.records import CHANNELS, Priority, Request
from app.plain_text import InvalidText, clean_text

# Accepted keys: the English field names or the need-record template's Chinese labels.
KEY_ALIASES: dict[str, str] = {
    "customer": "customer", "客户": "customer", "客户姓名": "customer",
    "company": "company", "公司": "company", "企业": "company",
    "contact": "contact", "联系方式": "contact",
    "channel": "channel", "渠道": "channel",
    "history": "history", "历史": "history", "历史记录": "history",
    "what": "what", "具体问题": "what", "问题": "what",
    "when": "when", "发生时间": "when",
    "where": "where", "场景": "where",
    "who": "who", "涉及人员": "who",
    "why": "why", "客户认为的原因": "why",
    "how": "how", "期望效果": "how", "期望": "how",
    "priority": "priority", "紧急程度": "priority",
    "assignee": "assignee", "负责人": "assignee",
    "group": "group", "技能组": "group",
    "linked_articles": "linked_articles", "关联文章": "linked_articles",
    "handbook_article_id": "handbook_article_id",
}
REQUIRED = ("customer", "what")
TEXT_LIMIT = 5000


class RequestInputError(ValueError):
    """One or more fields are wrong; the message lists every problem, one per line."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def parse_priority(value: Any) -> Priority:
    text = str(value).strip()
    aliases = {"urgent": Priority.URGENT, "important": Priority.IMPORTANT, "normal": Priority.NORMAL}
    if text.lower() in aliases:
        return aliases[text.lower()]
    try:
        return Priority(text)
    except ValueError:
        raise ValueError(f"priority must be 紧急, 重要 or 一般, not {text!r}") from None


def request_from_data(data: Any) -> tuple[Request, list[str]]:
    """A new request from a dict; returns it with the linked article references (resolved by the caller).

    Raises RequestInputError naming every unknown key, missing field and wrong value at once.
    """
    if not isinstance(data, dict):
        raise RequestInputError(["the request must be a JSON object with the need-record fields"])
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = KEY_ALIASES.get(str(key).strip())
        if name is None:
            problems.append(f"unknown field {key!r} (known: {', '.join(sorted(set(KEY_ALIASES.values())))})")
            continue
        values[name] = value
    for name in REQUIRED:
        if not str(values.get(name) or "").strip():
            problems.append(f"{name!r} is required")
    for name, value in values.items():
        if name == "linked_articles":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append("'linked_articles' must be a list of article ids")
        elif value is not None and not isinstance(value, str):
            problems.append(f"{name!r} must be text, not {type(value).__name__}")
        elif value and len(value) > TEXT_LIMIT:
            problems.append(f"{name!r} is longer than {TEXT_LIMIT} characters")
        elif value:
            try:
                values[name] = clean_text(value)  # no control characters: they break the DOCX and XLSX exports
            except InvalidText as error:
                problems.append(f"{name!r} {error}")
    priority = Priority.NORMAL
    if "priority" in values and isinstance(values["priority"], str):
        try:
            priority = parse_priority(values["priority"])
        except ValueError as error:
            problems.append(str(error))
    if problems:
        raise RequestInputError(problems)
    text = {k: (v or "").strip() for k, v in values.items() if k not in ("linked_articles", "priority")}
    request = Request(
        customer=text["customer"], what=text["what"], company=text.get("company", ""),
        contact=text.get("contact", ""), channel=text.get("channel", ""), history=text.get("history", ""),
        when=text.get("when", ""), where=text.get("where", ""), who=text.get("who", ""), why=text.get("why", ""),
        how=text.get("how", ""), priority=priority, assignee=text.get("assignee", ""), group=text.get("group", ""),
        handbook_article_id=text.get("handbook_article_id") or None,
    )
    return request, list(values.get("linked_articles") or [])


def known_channels() -> tuple[str, ...]:
    return CHANNELS


# --- a handbook entry's answers into the need record -----------------------------------------------------------
# Where the customer's answer to a handbook question goes: a 5W1H question to its field, a SPIN question to the
# field that asks the same (情境 is the scene, 问题 the problem, 需求回报 the result the customer wants); 影响 and
# questions of any other group have no field of their own and join 具体问题, labelled.
ANSWER_FIELDS: dict[str, str] = {
    "What": "what", "When": "when", "Where": "where", "Who": "who", "Why": "why", "How": "how",
    "情境": "where", "问题": "what", "需求回报": "how",
}
_OWN_GROUPS = {"what": ("What", "问题"), "where": ("Where", "情境"), "how": ("How", "需求回报"),
               "when": ("When",), "who": ("Who",), "why": ("Why",)}


def fields_from_answers(answers: list[tuple[str, str, str]]) -> dict[str, str]:
    """(question group, question, answer) → need-record fields, so nothing the agent noted is lost.

    Answers to the field's own question come first, unlabelled; others follow labelled with their group (or, with
    no group, their question): ``影响：…``. Empty answers are left out.
    """
    own: dict[str, list[str]] = {}
    other: dict[str, list[str]] = {}
    for group, question, answer in answers:
        answer = answer.strip()
        if not answer:
            continue
        name = ANSWER_FIELDS.get(group.strip(), "what")
        if group.strip() in _OWN_GROUPS[name]:
            own.setdefault(name, []).append(answer)
        else:
            other.setdefault(name, []).append(f"{group.strip() or question.strip()}：{answer}")
    return {name: "\n".join(own.get(name, []) + other.get(name, [])) for name in own.keys() | other.keys()}

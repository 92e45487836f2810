"""Customers' personal data never leaves the desk through the team library.

Requests (with the customer's name and contact) are local records; an article that quotes one of those names or
contacts verbatim (a case written up from a request, a script with a real phone number pasted in) is held back
from publishing and cannot be proposed, with a message naming what was found, until the text is cleaned.
"""

from __future__ import annotations

from collections.abc import Iterable


def personal_data_in(text: str, identifiers: Iterable[str]) -> list[str]:
    """The customers' names and contacts that occur in ``text`` (sorted, each once)."""
    return sorted({value for value in identifiers if value in text})


def describe_zh(title: str, found: list[str]) -> str:
    shown = "、".join(found[:3]) + ("等" if len(found) > 3 else "")
    return f"“{title}”含有客户的个人信息（{shown}），删除后才能进入团队库"

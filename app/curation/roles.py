"""Who may act as a KB owner on this desk: the owner's PIN.

Deskbook runs on each agent's own machine, under their own OS account, so nothing local can make a role secure:
the real gate for the team is the Git host, which refuses a push to the library from anyone it does not allow
(issue 14). Locally the PIN keeps the roles honest: an agent cannot become 知识库负责人 with one click, and their
edits of published articles become suggestions. The first person to take the owner's role sets the PIN; on a
team desk the PIN travels with the team's shared settings, so an agent's desk asks for the owner's PIN.
Only a salted PBKDF2 hash is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from app.curation.workflow import Role

ITERATIONS = 200_000
MIN_PIN_LENGTH = 4
# The roles that publish (owners everything, trainers the handbook): becoming one needs the PIN.
PROTECTED = frozenset({Role.OWNER, Role.TRAINER})


class RoleRefused(ValueError):
    """The role cannot be taken: the PIN is missing or wrong (the message says which, in Chinese)."""


def hash_pin(pin: str, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), bytes.fromhex(salt), ITERATIONS).hex()
    return f"pbkdf2_sha256${ITERATIONS}${salt}${digest}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
        rounds = int(iterations)
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256":
        return False
    found = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), bytes.fromhex(salt), rounds).hex()
    return hmac.compare_digest(found, digest)


def check_new_pin(pin: str) -> None:
    if len(pin.strip()) < MIN_PIN_LENGTH:
        raise RoleRefused(f"PIN 至少 {MIN_PIN_LENGTH} 位")


def admit(role: Role, stored_pin: str, pin: str | None) -> str | None:
    """Whether ``role`` may be taken with ``pin``; returns a new PIN hash to store when this sets the first PIN.

    Raises :class:`RoleRefused` with the reason.
    """
    if role not in PROTECTED:
        return None
    if not stored_pin:
        if not pin:
            raise RoleRefused("还没有设置负责人 PIN：第一次切换为负责人时请设置一个（至少 4 位），以后切换都需要它")
        check_new_pin(pin)
        return hash_pin(pin.strip())
    if not pin:
        raise RoleRefused("切换为负责人需要知识库负责人设置的 PIN")
    if not pin_matches(pin.strip(), stored_pin):
        raise RoleRefused("PIN 不对")
    return None

"""Where the team library's access token is kept: never in settings.json.

1. ``DESKBOOK_TEAM_TOKEN`` in the environment, when set (scripts, a managed install).
2. The operating system's credential store through ``keyring``: Windows Credential Manager, the macOS Keychain,
   the Secret Service (GNOME Keyring, KWallet) on a Linux desktop. Deskbook hands the token to libgit2 itself, so no
   external Git credential helper is involved (those failed for Windows users of other Git-backed tools).
3. Where no keyring backend exists (a headless Linux, a minimal container): a file ``team/credentials.json`` in the
   data directory, readable by the user alone (mode 0600), the way Git's own ``store`` helper keeps credentials.
   ``TokenStore.location`` says which one holds the token, so the settings page and ``deskbook team status`` can
   tell the user.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

SERVICE = "Deskbook team library"
ENV_TOKEN = "DESKBOOK_TEAM_TOKEN"


class TokenStore:
    def __init__(self, fallback_file: Path):
        self.fallback_file = Path(fallback_file)

    def _keyring(self):
        """The keyring module when a real backend is available, else None."""
        try:
            import keyring
            from keyring.backends import fail
        except ImportError:  # pragma: no cover - keyring is a dependency, but a trimmed install may lack it
            return None
        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
            return None
        return keyring

    def location(self) -> str:
        """"environment", "keyring" or "file": where a token saved now goes (or comes from)."""
        if os.environ.get(ENV_TOKEN):
            return "environment"
        return "keyring" if self._keyring() is not None else "file"

    def save(self, account: str, token: str) -> str:
        """Keep ``token`` for ``account`` (the library's address); returns where it went."""
        keyring = self._keyring()
        if keyring is not None:
            try:
                keyring.set_password(SERVICE, account, token)
                self._forget_file(account)
                return "keyring"
            except Exception as error:
                log.warning("keyring refused the token, keeping it in the data folder: %s", error)
        self._write_file({**self._read_file(), account: token})
        return "file"

    def load(self, account: str) -> str | None:
        from_env = os.environ.get(ENV_TOKEN)
        if from_env:
            return from_env
        keyring = self._keyring()
        if keyring is not None:
            try:
                token = keyring.get_password(SERVICE, account)
                if token:
                    return token
            except Exception as error:
                log.warning("keyring unreadable: %s", error)
        return self._read_file().get(account)

    def forget(self, account: str) -> None:
        keyring = self._keyring()
        if keyring is not None:
            try:
                keyring.delete_password(SERVICE, account)
            except Exception as error:
                log.info("keyring kept no token to forget: %s", error)
        self._forget_file(account)

    def _forget_file(self, account: str) -> None:
        stored = self._read_file()
        if account in stored:
            del stored[account]
            self._write_file(stored)

    def _read_file(self) -> dict[str, str]:
        try:
            data = json.loads(self.fallback_file.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write_file(self, data: dict[str, str]) -> None:
        self.fallback_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.fallback_file.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        os.replace(tmp, self.fallback_file)

"""Syncing the shared settings file (and the letter template) like an article: three-way, key by key.

A desk joining a library takes the team's settings (there is no common base to merge against, and a team has one
SLA, not one per desk); from then on, a key changed on this desk is published and a key changed on both sides
becomes a conflict for a KB owner.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlite_utils import Database

from app.store.team import TeamStateRepository
from app.team.conflict_log import ConflictLog
from app.team.format import LETTER_PATH, SETTINGS_PATH, TeamFormatError, digest, parse_yaml_file
from app.team.gitrepo import TeamRepository
from app.team.merge import merge_values
from app.team.shared_settings import SharedSettings, Values

SETTINGS_BLOB = "settings_blob"
LETTER_BLOB = "letter_blob"


class SettingsSync:
    def __init__(self, db: Database, shared: SharedSettings, state: TeamStateRepository, conflicts: ConflictLog,
                 clock: Callable[[], datetime]):
        self.db, self.shared, self.state, self.conflicts, self.clock = db, shared, state, conflicts, clock

    def _read(self, repo: TeamRepository, blob: str | None, letter: str | None) -> Values | None:
        if blob is None:
            return self.shared.parse({}, letter) if letter else None
        if not repo.has_blob(blob):
            return None
        try:
            data = parse_yaml_file(repo.read(blob), SETTINGS_PATH)
        except TeamFormatError:
            return None
        return self.shared.parse(data, letter)

    def pull(self, repo: TeamRepository, remote: str, author: str) -> tuple[bool, bool]:
        """Apply the library's settings at ``remote``; (settings changed here, synonyms changed here)."""
        theirs_blob, letter_blob = repo.blob_at(remote, SETTINGS_PATH), repo.blob_at(remote, LETTER_PATH)
        if theirs_blob is None and letter_blob is None:
            return False, False  # the library has no settings yet: this desk's go up with the next publish
        theirs = self._read(repo, theirs_blob, letter_blob)
        if theirs is None:
            return False, False
        base = self._read(repo, self.state.get(SETTINGS_BLOB), self.state.get(LETTER_BLOB))
        ours = self.shared.values()
        conflicts = []
        if base is None:
            merged = theirs
        else:
            result = merge_values(base, ours, theirs)
            merged, conflicts = result.merged, result.conflicts
        letter = None
        if merged.get("letter_template") and merged["letter_template"] != ours.get("letter_template"):
            letter = repo.read(merged["letter_template"])
        changed = merged != ours
        with self.db.atomic():
            synonyms = self.shared.apply(merged, letter) if changed else False
            if conflicts:
                self.conflicts.record_settings(conflicts, remote, author, self.clock())
            self.state.set_many({SETTINGS_BLOB: theirs_blob, LETTER_BLOB: letter_blob})
        return changed, synonyms

    def pending(self, repo: TeamRepository) -> dict[str, bytes]:
        """The settings files to publish: those changed on this desk since the last sync (none while in conflict)."""
        if self.conflicts.conflicts.open_for("settings", None) is not None:
            return {}
        ours = self.shared.values()
        base = self._read(repo, self.state.get(SETTINGS_BLOB), self.state.get(LETTER_BLOB))
        files: dict[str, bytes] = {}
        plain = {k: v for k, v in ours.items() if k != "letter_template"}
        if base is None or plain != {k: v for k, v in base.items() if k != "letter_template"}:
            files[SETTINGS_PATH] = self.shared.file(ours)
        letter = self.shared.letter_bytes()
        if letter is not None and digest(letter) != self.state.get(LETTER_BLOB):
            files[LETTER_PATH] = letter
        return files

    def published(self, files: dict[str, bytes]) -> None:
        """Record pushed settings files as the new base (inside the caller's transaction)."""
        if SETTINGS_PATH in files:
            self.state.set(SETTINGS_BLOB, digest(files[SETTINGS_PATH]))
        if LETTER_PATH in files:
            self.state.set(LETTER_BLOB, digest(files[LETTER_PATH]))

    def resolve(self, repo: TeamRepository, choices: dict, by: str) -> None:
        conflict = self.conflicts.conflicts.open_for("settings", None)
        if conflict is None:
            return
        values = self.conflicts.resolved_values(self.shared.values(), conflict, choices)
        letter = None
        if values.get("letter_template") and repo.has_blob(values["letter_template"]):
            letter = repo.read(values["letter_template"])
        with self.db.atomic():
            self.shared.apply(values, letter)
            self.conflicts.mark_resolved(conflict, by, self.clock(), choices)

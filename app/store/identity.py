"""The database's identity: a random number kept in the file's header (``PRAGMA user_version``, which Deskbook
does not otherwise use), given when the database is first opened and renewed by a restore.

The search index records the identity and the journal position of the database it was built from, and is rebuilt
when it finds itself beside another one (``app/search/index.py``). The header rather than a table: nothing in the
schema changes, and the online backup API copies it with the pages (so a restore must renew it).
"""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database


@dataclass(frozen=True)
class IndexSource:
    """What an index must match to answer for a database: its identity and how far its journal has gone."""

    identity: str
    journal_seq: int


def _new_identity() -> int:
    return secrets.randbelow(2**31 - 1) + 1  # a positive 32-bit integer, never 0 ("none yet")


def database_identity(db: Database) -> str:
    value = db.execute("PRAGMA user_version").fetchone()[0]
    return f"{value:08x}" if value else ""


def ensure_identity(db: Database) -> None:
    """Give a database without an identity one (on a read-only database it stays without: the index then relies
    on the journal position alone)."""
    if db.execute("PRAGMA user_version").fetchone()[0]:
        return
    with contextlib.suppress(sqlite3.Error):  # read-only
        db.execute(f"PRAGMA user_version = {_new_identity()}")


def index_source(db: Database) -> IndexSource:
    seq = db.execute("SELECT coalesce(max(seq), 0) FROM index_journal").fetchone()[0]
    return IndexSource(database_identity(db), int(seq))


def renew_identity(database: Path) -> None:
    """Give the database file a new identity (a restored copy is not the database any index was built from)."""
    conn = sqlite3.connect(str(database))
    try:
        conn.execute(f"PRAGMA user_version = {_new_identity()}")
        conn.commit()
    finally:
        conn.close()

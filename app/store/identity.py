"""The database's identity: a random name given when it is created (migration 0011) and renewed by a restore.

The search index records the identity and the journal position of the database it was built from, and is rebuilt
when it finds itself beside another one (``app/search/index.py``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database


@dataclass(frozen=True)
class IndexSource:
    """What an index must match to answer for a database: its identity and how far its journal has gone."""

    identity: str
    journal_seq: int


def database_identity(db: Database) -> str:
    row = db.execute("SELECT identity FROM desk_identity WHERE id = 1").fetchone()
    return str(row[0]) if row else ""


def index_source(db: Database) -> IndexSource:
    seq = db.execute("SELECT coalesce(max(seq), 0) FROM index_journal").fetchone()[0]
    return IndexSource(database_identity(db), int(seq))


def renew_identity(database: Path) -> None:
    """Give the database file a new identity (a restored copy is not the database any index was built from).

    A database from before migration 0011 gets one when it is migrated on open, which is new as well.
    """
    conn = sqlite3.connect(str(database))
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'desk_identity'").fetchone():
            conn.execute("UPDATE desk_identity SET identity = lower(hex(randomblob(16))) WHERE id = 1")
            conn.commit()
    finally:
        conn.close()

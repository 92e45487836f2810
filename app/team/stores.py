"""The repositories the team library works with, on a database connection of its own.

Its own connection: a pull runs on a background thread for seconds, and its transactions must not nest into (or
wait inside) a save the GUI makes on the desk's connection at the same time; SQLite serialises the two writers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from app.store import open_database
from app.store.articles import ArticleRepository
from app.store.synonyms import SynonymRepository
from app.store.team import LocalOnlyRepository, OutboxRepository, SyncBaseRepository, TeamStateRepository
from app.store.team_queue import ConflictRepository, ProposalRepository


@dataclass(frozen=True)
class TeamStores:
    db: Database
    articles: ArticleRepository
    synonyms: SynonymRepository
    state: TeamStateRepository
    bases: SyncBaseRepository
    outbox: OutboxRepository
    local_only: LocalOnlyRepository
    conflicts: ConflictRepository
    proposals: ProposalRepository

    @classmethod
    def open(cls, database: Path) -> TeamStores:
        db = open_database(database)
        return cls(db, ArticleRepository(db), SynonymRepository(db), TeamStateRepository(db), SyncBaseRepository(db),
                   OutboxRepository(db), LocalOnlyRepository(db), ConflictRepository(db), ProposalRepository(db))

    def close(self) -> None:
        self.db.conn.close()

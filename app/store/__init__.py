"""SQLite storage (the source of truth), through sqlite-utils."""

from app.store.database import open_database
from app.store.migrations import MIGRATIONS, migrate

__all__ = ["MIGRATIONS", "migrate", "open_database"]

"""Opening the database with the pragmas every connection needs."""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
import sys
import threading
from collections.abc import Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.store.errors import classify, storage_errors


def _import_sqlite_utils():
    """sqlite-utils, without the numpy (and pandas) it imports whenever they are installed.

    It only wants them to map numpy scalar types to column types, which Deskbook never stores; importing numpy
    would add 0.1–0.3 s to every start. Blocking them is safe only while nobody has imported them yet.
    """
    blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # "import numpy" now raises ImportError
    try:
        import sqlite_utils
    finally:
        for name in blocked:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
    return sqlite_utils


if TYPE_CHECKING:
    import sqlite_utils
    import sqlite_utils.db
else:
    sqlite_utils = _import_sqlite_utils()

BUSY_TIMEOUT_MS = 10_000


def table(db: sqlite_utils.Database, name: str) -> sqlite_utils.db.Table:
    """A table (sqlite-utils types ``db[name]`` as a table or a view; ours are all tables)."""
    found = db[name]
    assert isinstance(found, sqlite_utils.db.Table), f"{name} is a view"
    return found


class Database(sqlite_utils.Database):
    """sqlite-utils' Database with write transactions that wait their turn and say clearly why they failed."""

    path: Path | None = None
    # One connection is shared by the GUI's threads (the write queue, team sync, the reindex): without this lock a
    # second thread saw the first one's transaction open, made a savepoint inside it, and lost it at the first one's
    # COMMIT ("no such savepoint"). The lock is held for a whole outermost transaction; nesting on one thread is fine.
    transaction_lock: threading.RLock

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """A transaction (a savepoint when nested) that takes the write lock up front.

        ``BEGIN IMMEDIATE``, not sqlite-utils' plain ``BEGIN``: a deferred transaction that reads and then writes
        fails at once with "database is locked" when another process (the CLI beside the GUI) committed in
        between, whatever the busy timeout. Taking the lock first makes the second writer wait instead.
        Read-only, full or failing disks come out as :class:`~app.store.errors.StorageError`.
        """
        with self.transaction_lock, storage_errors(self.path):
            if self.conn.in_transaction:
                savepoint = f"deskbook_{secrets.token_hex(8)}"
                self.conn.execute(f"SAVEPOINT {savepoint}")
                try:
                    yield self
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                        self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                    raise
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise

    def query(self, sql: str, params: Sequence | dict[str, Any] | None = None) -> Generator[dict, None, None]:
        """Rows as dictionaries, without the savepoint sqlite-utils 4.2 wraps around every query.

        That savepoint has one fixed name, and the connection is shared by threads: a search on one thread and a
        read on another made two savepoints of that name, the first RELEASE took both, and the second failed with
        "no such savepoint". Our queries are SELECTs (a write goes through :meth:`atomic`), so no savepoint is
        needed to undo one; a statement that returns no rows is refused as sqlite-utils refuses it.
        """
        cursor = self.conn.execute(sql, params or [])
        if cursor.description is None:
            raise ValueError(f"这条 SQL 不返回数据行（程序错误）：{sql[:80]}")
        keys = _unique_keys(d[0] for d in cursor.description)
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    def rollback(self) -> None:
        # A failed COMMIT on a full disk may already have ended the transaction; never mask the first error.
        with contextlib.suppress(sqlite3.Error):
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")


def open_database(path: Path | str | None) -> Database:
    """Open (or create) the database; ``None`` gives an in-memory database for tests.

    WAL lets the GUI read while the CLI writes; the busy timeout makes a second writer wait instead of failing.
    A folder that is read-only, full or failing raises :class:`~app.store.errors.StorageError`.
    """
    if path is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
    else:
        try:
            conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as error:
            raise (classify(error, path) or error) from error
    try:
        # No sqlite-utils plugins: finding them scans every installed package's entry points (~50 ms per start),
        # and a plugin from the environment has no business changing Deskbook's connection.
        db = Database(conn, execute_plugins=False)
        db.path = Path(path) if path is not None else None
        db.transaction_lock = threading.RLock()
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if path is not None:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as error:
        conn.close()  # a half-opened connection would keep the file (and a mount) busy
        raise (classify(error, path) or error) from error
    return db


def _unique_keys(names: Iterable[str]) -> list[str]:
    """Column names made unique as sqlite-utils does (a second ``id`` becomes ``id_2``)."""
    keys: list[str] = []
    for name in names:
        key, number = name, 2
        while key in keys:
            key, number = f"{name}_{number}", number + 1
        keys.append(key)
    return keys

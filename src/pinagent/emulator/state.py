"""Persistent state of an emulated Pinterest, in one SQLite database.

Entities are JSON documents keyed by ``(kind, id)`` with an indexed ``owner`` column (the user for
grants, the ad account for campaigns and, later, ad groups, ads and audiences). Tokens, auth codes,
request stats, pending faults, rate-limit counters and the clock offset live in their own tables so
that every process opening the same file sees the same emulated Pinterest.

Each request runs in exactly one ``BEGIN IMMEDIATE`` transaction (see :meth:`Store.run`); WAL mode
and a busy timeout let several processes share the file.
"""

from __future__ import annotations

import json
import pathlib
import sqlite3
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

import anyio.to_thread

T = TypeVar("T")
Doc = dict[str, Any]

SCHEMA = """
CREATE TABLE IF NOT EXISTS entities (
    kind TEXT NOT NULL, id TEXT NOT NULL, owner TEXT, data TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX IF NOT EXISTS entities_owner ON entities (kind, owner);
CREATE TABLE IF NOT EXISTS tokens (
    token_hash TEXT PRIMARY KEY, kind TEXT NOT NULL, user_id TEXT NOT NULL, app_id TEXT NOT NULL,
    scopes TEXT NOT NULL, issued_at REAL NOT NULL, expires_at REAL NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS tokens_user ON tokens (user_id);
CREATE TABLE IF NOT EXISTS auth_codes (
    code_hash TEXT PRIMARY KEY, app_id TEXT NOT NULL, user_id TEXT NOT NULL,
    redirect_uri TEXT NOT NULL, scopes TEXT NOT NULL, expires_at REAL NOT NULL,
    used INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS stats (key TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS faults (
    id INTEGER PRIMARY KEY AUTOINCREMENT, operation TEXT NOT NULL, kind TEXT NOT NULL,
    remaining INTEGER NOT NULL, latency_ms INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS rate_counters (
    user_id TEXT NOT NULL, category TEXT NOT NULL, window_start INTEGER NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (user_id, category)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
TABLES = ("entities", "tokens", "auth_codes", "stats", "faults", "rate_counters", "meta")
FIRST_CREATED_ID = 687_194_767_001


class Tx:
    """One open transaction: typed helpers over the connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._now: float | None = None

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> sqlite3.Cursor:
        """Run one statement."""
        return self.conn.execute(sql, params)

    # -- entities ---------------------------------------------------------------------------
    def get(self, kind: str, entity_id: str) -> Doc | None:
        """The document ``(kind, id)`` or ``None``."""
        row = self.execute("SELECT data FROM entities WHERE kind=? AND id=?", (kind, entity_id)).fetchone()
        return None if row is None else _load(row[0])

    def put(self, kind: str, entity_id: str, data: Doc, owner: str | None = None) -> None:
        """Insert or replace a document."""
        self.execute(
            "INSERT OR REPLACE INTO entities (kind, id, owner, data) VALUES (?, ?, ?, ?)",
            (kind, entity_id, owner, json.dumps(data, separators=(",", ":"))),
        )

    def list(self, kind: str, owner: str | None = None) -> list[Doc]:
        """All documents of a kind (optionally of one owner), in numeric id order."""
        if owner is None:
            cur = self.execute("SELECT data FROM entities WHERE kind=? ORDER BY length(id), id", (kind,))
        else:
            cur = self.execute(
                "SELECT data FROM entities WHERE kind=? AND owner=? ORDER BY length(id), id", (kind, owner)
            )
        return [_load(row[0]) for row in cur.fetchall()]

    # -- meta, ids, clock ------------------------------------------------------------------
    def meta_get(self, key: str) -> str | None:
        """A value of the meta table."""
        row = self.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def meta_set(self, key: str, value: str) -> None:
        """Set a value of the meta table."""
        self.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def new_id(self) -> str:
        """A fresh digit-string id, unique across every process sharing the state."""
        current = int(self.meta_get("next_id") or FIRST_CREATED_ID)
        self.meta_set("next_id", str(current + 1))
        return str(current)

    def clock_offset(self) -> float:
        """Seconds added to the wall clock by ``POST /_emulator/clock``."""
        return float(self.meta_get("clock_offset") or 0.0)

    def now(self) -> float:
        """The emulator's current Unix time (wall clock + offset), fixed for the transaction."""
        if self._now is None:
            self._now = time.time() + self.clock_offset()
        return self._now

    # -- stats -------------------------------------------------------------------------------
    def bump(self, key: str, n: int = 1) -> None:
        """Add ``n`` to a stats counter."""
        self.execute(
            "INSERT INTO stats (key, n) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET n = n + excluded.n",
            (key, n),
        )

    def counters(self) -> dict[str, int]:
        """Every stats counter."""
        return {str(k): int(n) for k, n in self.execute("SELECT key, n FROM stats ORDER BY key").fetchall()}

    # -- savepoints --------------------------------------------------------------------------
    def savepoint(self) -> None:
        """Start a nested unit that an operation error can undo without losing stats."""
        self.execute("SAVEPOINT op")

    def release(self) -> None:
        """Keep the nested unit's changes."""
        self.execute("RELEASE SAVEPOINT op")

    def rollback_savepoint(self) -> None:
        """Undo the nested unit's changes."""
        self.execute("ROLLBACK TO SAVEPOINT op")
        self.execute("RELEASE SAVEPOINT op")


def _load(text: str) -> Doc:
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


class Store:
    """The SQLite database behind one emulator; safe to share between threads and processes."""

    def __init__(self, path: pathlib.Path | None, seed: Callable[[Tx], None], dataset_name: str) -> None:
        self._path = path
        self._seed = seed
        self._dataset_name = dataset_name
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        if self._path is None:
            conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        else:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self._path), timeout=30, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=30000")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            tx = Tx(conn)
            if tx.meta_get("seeded") is None:
                self._seed_into(tx)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            conn.close()
            raise
        self._conn = conn
        return conn

    def _seed_into(self, tx: Tx) -> None:
        self._seed(tx)
        tx.meta_set("seeded", "1")
        tx.meta_set("dataset", self._dataset_name)

    def transaction(self, fn: Callable[[Tx], T]) -> T:
        """Run ``fn`` inside one ``BEGIN IMMEDIATE`` transaction (blocking)."""
        with self._lock:
            conn = self._connect()
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = fn(Tx(conn))
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return result

    async def run(self, fn: Callable[[Tx], T]) -> T:
        """Run ``fn`` in one transaction on a worker thread, off the event loop."""
        return await anyio.to_thread.run_sync(partial(self.transaction, fn))

    def reset(self, tx: Tx) -> None:
        """Back to the dataset's initial state: entities, tokens, stats, faults and clock."""
        for table in TABLES:
            tx.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
        self._seed_into(tx)

    def close(self) -> None:
        """Close the connection (the state file stays)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

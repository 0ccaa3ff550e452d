"""The library's SQLite file: documents, their chunks and the keyword index in one database.

One file and one transaction per write is what makes a write crash-safe: the documents and the
keyword rows of an ingest or a removal commit together or not at all, whatever kills the process.
WAL mode lets questions read the last committed state while a write is in progress.

Connections: one writer (used under :class:`~assistant.index.index.Index`'s lock) and one reader
per thread, since a sqlite3 connection must not run two statements from two threads at once.

Several processes may share the file (app processes in front of one Chroma server). Every write
transaction bumps a ``generation`` counter in ``meta``; a process compares it with the generation
its in-memory caches were built from (:meth:`Database.generation`, one indexed row read) and
reloads them when another process has committed since.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# 2: keyword rows have a scope column (province and city tokens); 3: documents keep their table
# cells (a JSON list; NULL in rows written before, filled on open)
SCHEMA_VERSION = "3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    pipeline_version TEXT NOT NULL,
    body TEXT NOT NULL,
    cells TEXT
);
CREATE TABLE IF NOT EXISTS chunks (
    row INTEGER PRIMARY KEY,
    chunk_id TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_by_doc ON chunks (doc_id);
CREATE TABLE IF NOT EXISTS vocab (id INTEGER PRIMARY KEY, token TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE IF NOT EXISTS keywords USING fts5 (tokens, scope, tokenize = 'unicode61');
"""


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we open transactions ourselves, so a reader never holds one by accident
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30.0)
    conn.execute("PRAGMA busy_timeout = 30000")
    return conn


class Database:
    """The SQLite file under the data directory, with its schema created on first open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = _connect(path)
        self._writer.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode survives a killed process; a power cut may lose the last commit
        # but never leaves a half-applied one.
        self._writer.execute("PRAGMA synchronous = NORMAL")
        self._writer.executescript(_SCHEMA)
        columns = {r[1] for r in self._writer.execute("PRAGMA table_info(documents)")}
        if "cells" not in columns:  # a library written before schema 3 (filled by the index)
            try:
                self._writer.execute("ALTER TABLE documents ADD COLUMN cells TEXT")
            except sqlite3.OperationalError as e:  # another process opening it added it first
                if "duplicate column" not in str(e):
                    raise
        self._writer.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
        )
        self._writer.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', '0')")
        self._local = threading.local()
        # the generation this process's last commit produced (see DocStore.committed)
        self.committed_generation = self.generation()

    def reader(self) -> sqlite3.Connection:
        """This thread's read connection (sees only committed data)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(self.path)
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """An exclusive write transaction: committed on success, rolled back on any exception.

        The caller holds the index lock, so only one thread writes through ``_writer`` at a time.
        """
        conn = self._writer
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
            (generation,) = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        self.committed_generation = int(generation)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the database's write lock without writing (no generation bump): no other process
        commits meanwhile, so what the store holds cannot change under a Chroma clean-up."""
        conn = self._writer
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.execute("ROLLBACK")

    def generation(self) -> int:
        """How many write transactions the file has seen (any process): cheap to poll."""
        row = self.reader().execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return 0 if row is None else int(row[0])

    def get_meta(self, key: str) -> str | None:
        row = self.reader().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def close(self) -> None:
        self._writer.close()
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

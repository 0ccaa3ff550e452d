"""Conversations of the web app, kept on the server per browser (SQLite under the data directory).

A browser holds one random session id (the web app keeps it in the browser's localStorage). The
store keys everything by a SHA-256 of that id, so the id itself is never written to disk and a
browser only ever reaches the conversations its own id opens: users are never mixed, and a copy of
the database does not hand out working ids.

What a conversation holds is the web app's business (the chat as shown, the turns for follow-ups,
the cited sources, feedback given); the store keeps it as one JSON document per conversation.
The citation basket belongs to the browser, not to a conversation, and is kept beside them.

>>> store = ConversationStore(Path("data/web.sqlite3"))       # doctest: +SKIP
>>> sid = new_session_id()                                     # doctest: +SKIP
>>> cid = store.save(sid, None, "安徽PM2.5目标？", {"chat": []})  # doctest: +SKIP
>>> [c.title for c in store.list(sid)]                         # doctest: +SKIP
['安徽PM2.5目标？']
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from assistant.citations import SourceCitation
from assistant.schema import Answer, Citation, DocumentMeta

__all__ = [
    "ConversationInfo",
    "ConversationStore",
    "answer_from_json",
    "answer_to_json",
    "citation_from_json",
    "citation_to_json",
    "is_session_id",
    "new_session_id",
    "secret_for",
    "session_key",
]

DB_NAME = "web.sqlite3"
_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{24,64}$")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    key TEXT PRIMARY KEY,          -- sha256 of the browser's session id
    created REAL NOT NULL,
    seen REAL NOT NULL,
    current TEXT NOT NULL DEFAULT '',  -- the conversation open in that browser ('' = a new one)
    basket TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    session TEXT NOT NULL,         -- sessions.key
    title TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    state TEXT NOT NULL            -- JSON, see the web app
);
CREATE INDEX IF NOT EXISTS conversations_by_session ON conversations (session, updated);
"""


def new_session_id() -> str:
    """A random id for one browser: 192 bits, URL-safe."""
    return secrets.token_urlsafe(24)


def is_session_id(value: object) -> bool:
    """Whether ``value`` looks like an id :func:`new_session_id` made (anything else is ignored)."""
    return isinstance(value, str) and bool(_SESSION_ID.match(value))


def session_key(session_id: str) -> str:
    """What the stores keep instead of the id: its SHA-256."""
    return hashlib.sha256(session_id.encode()).hexdigest()


def secret_for(data_dir: Path, name: str = "web-secret") -> str:
    """A secret kept in the data directory (created on first use, readable by the owner only), so
    what a browser stores under it stays readable across server restarts."""
    path = Path(data_dir) / name
    try:
        value = path.read_text(encoding="utf-8").strip()
        if value:
            return value
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    path.write_text(value, encoding="utf-8")
    with contextlib.suppress(OSError):
        path.chmod(0o600)
    return value


@contextlib.contextmanager
def connection(path: Path, lock: threading.Lock) -> Iterator[sqlite3.Connection]:
    """One short SQLite connection per call, committed on success: the web handlers run on many
    threads, and SQLite serialises the writes (the stores of conversations and of feedback)."""
    with lock:
        db = sqlite3.connect(path, timeout=10)
        try:
            with db:
                yield db
        finally:
            db.close()


@dataclass(frozen=True)
class ConversationInfo:
    """One line of the history list."""

    id: str
    title: str
    created: float
    updated: float


class ConversationStore:
    """Conversations and baskets per browser session, in one SQLite file.

    ``max_per_session`` bounds how many conversations a browser keeps (the oldest go first);
    conversations untouched for ``max_age_days`` are dropped when the store opens.
    """

    def __init__(self, path: Path | str, max_per_session: int = 200, max_age_days: float = 180.0) -> None:
        self.path = Path(path)
        self.max_per_session = max_per_session
        self.max_age_s = max_age_days * 86400
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.executescript(_SCHEMA)
        self.prune()

    def _db(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return connection(self.path, self._lock)

    def _touch(self, db: sqlite3.Connection, key: str, now: float) -> None:
        db.execute(
            "INSERT INTO sessions (key, created, seen) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET seen = excluded.seen",
            (key, now, now),
        )

    # -- conversations -----------------------------------------------------------------------

    def save(self, session_id: str, conv_id: str | None, title: str, state: dict[str, Any]) -> str:
        """Create (``conv_id`` None or unknown to this session) or update a conversation; it becomes
        the session's open one. Returns its id."""
        key, now = session_key(session_id), time.time()
        data = json.dumps(state, ensure_ascii=False)
        with self._db() as db:
            self._touch(db, key, now)
            row = (
                db.execute(
                    "SELECT id FROM conversations WHERE id = ? AND session = ?", (conv_id, key)
                ).fetchone()
                if conv_id
                else None
            )
            if row:
                db.execute(
                    "UPDATE conversations SET state = ?, updated = ? WHERE id = ?", (data, now, conv_id)
                )
                cid = str(conv_id)
            else:
                cid = secrets.token_hex(8)
                db.execute(
                    "INSERT INTO conversations (id, session, title, created, updated, state) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (cid, key, title[:200] or "对话", now, now, data),
                )
                db.execute(
                    "DELETE FROM conversations WHERE session = ? AND id NOT IN ("
                    "SELECT id FROM conversations WHERE session = ? ORDER BY updated DESC LIMIT ?)",
                    (key, key, self.max_per_session),
                )
            db.execute("UPDATE sessions SET current = ? WHERE key = ?", (cid, key))
        return cid

    def load(self, session_id: str, conv_id: str) -> dict[str, Any] | None:
        """The state of one of this session's conversations, or ``None``."""
        with self._db() as db:
            row = db.execute(
                "SELECT state FROM conversations WHERE id = ? AND session = ?",
                (conv_id, session_key(session_id)),
            ).fetchone()
        if not row:
            return None
        try:
            value = json.loads(row[0])
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def list(self, session_id: str) -> list[ConversationInfo]:
        """This session's conversations, the latest first."""
        with self._db() as db:
            rows = db.execute(
                "SELECT id, title, created, updated FROM conversations WHERE session = ? ORDER BY updated DESC",
                (session_key(session_id),),
            ).fetchall()
        return [ConversationInfo(*r) for r in rows]

    def delete(self, session_id: str, conv_id: str) -> bool:
        key = session_key(session_id)
        with self._db() as db:
            n = db.execute("DELETE FROM conversations WHERE id = ? AND session = ?", (conv_id, key)).rowcount
            db.execute("UPDATE sessions SET current = '' WHERE key = ? AND current = ?", (key, conv_id))
        return n > 0

    def current(self, session_id: str) -> str:
        """The conversation this browser had open ('' when it started a new one)."""
        key, now = session_key(session_id), time.time()
        with self._db() as db:
            self._touch(db, key, now)
            row = db.execute("SELECT current FROM sessions WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else ""

    def set_current(self, session_id: str, conv_id: str) -> None:
        key, now = session_key(session_id), time.time()
        with self._db() as db:
            self._touch(db, key, now)
            db.execute("UPDATE sessions SET current = ? WHERE key = ?", (conv_id, key))

    # -- basket ------------------------------------------------------------------------------

    def basket(self, session_id: str) -> str:
        with self._db() as db:
            row = db.execute(
                "SELECT basket FROM sessions WHERE key = ?", (session_key(session_id),)
            ).fetchone()
        return str(row[0]) if row else ""

    def set_basket(self, session_id: str, data: str) -> None:
        key, now = session_key(session_id), time.time()
        with self._db() as db:
            self._touch(db, key, now)
            db.execute("UPDATE sessions SET basket = ? WHERE key = ?", (data or "", key))

    # -- housekeeping ------------------------------------------------------------------------

    def prune(self, now: float | None = None) -> int:
        """Drop conversations and sessions untouched for longer than ``max_age_days``."""
        cutoff = (time.time() if now is None else now) - self.max_age_s
        with self._db() as db:
            n = db.execute("DELETE FROM conversations WHERE updated < ?", (cutoff,)).rowcount
            db.execute(
                "DELETE FROM sessions WHERE seen < ? AND key NOT IN (SELECT session FROM conversations)",
                (cutoff,),
            )
        return n


# -- what a conversation carries, as JSON ------------------------------------------------------


def citation_to_json(c: Citation | SourceCitation) -> dict[str, Any]:
    """A citation of an answer (:class:`Citation`) or a report citation (:class:`SourceCitation`)."""
    kind = "source" if isinstance(c, SourceCitation) else "answer"
    return {"kind": kind, **asdict(c)}


def citation_from_json(d: dict[str, Any]) -> Citation | SourceCitation | None:
    """The citation back, or ``None`` when it was written by an incompatible version."""
    fields = {k: v for k, v in d.items() if k != "kind"}
    try:
        if d.get("kind") == "source":
            return SourceCitation(**fields)
        meta = fields.pop("meta", None)
        return Citation(**fields, meta=DocumentMeta(**meta) if isinstance(meta, dict) else None)
    except TypeError:
        return None


def answer_to_json(a: Answer) -> dict[str, Any]:
    """What "整条回答加入引用篮" needs of an answer: question, text and citations (no passages)."""
    return {"question": a.question, "text": a.text, "citations": [citation_to_json(c) for c in a.citations]}


def answer_from_json(d: dict[str, Any] | None) -> Answer | None:
    if not d:
        return None
    cits = [c for c in (citation_from_json(x) for x in d.get("citations", [])) if isinstance(c, Citation)]
    return Answer(question=d.get("question", ""), text=d.get("text", ""), citations=cits, passages=[])

"""Feedback on answers (👍/👎 and an optional reason), kept on the server, and its export as
evaluation candidates.

Every record carries what a reviewer needs without the conversation: the question, the
conversation before it, the answer as given, and each citation as a source of the evaluation schema
(``doc`` the file under ``corpus/``, ``section``, verbatim ``quote``). A rating is one per answer:
changing it replaces it, withdrawing it deletes it.

:func:`eval_candidate` turns a record into a line of the evaluation question file
(:mod:`assistant.evaluation.dataset`): an answer marked 👍 becomes a reference answer as given; an
answer marked 👎 takes the user's reason as its reference answer when there is one. Candidates are
for a reviewer to check before they join a question set, never added automatically.

>>> store = FeedbackStore(Path("data/feedback.sqlite3"))                     # doctest: +SKIP
>>> rid = store.record(session_id, "c1", 3, "down", question="…", answer="…")  # doctest: +SKIP
>>> store.set_reason(session_id, rid, "应为95%以上")                            # doctest: +SKIP
>>> print(export_candidates(store.list("down")))                             # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from assistant.index.docstore import StoredDocument
from assistant.quantities import parse_quantities
from assistant.schema import Citation
from assistant.sessions import connection, session_key

__all__ = [
    "FeedbackRecord",
    "FeedbackStore",
    "cited_sources",
    "eval_candidate",
    "export_candidates",
]

Rating = Literal["up", "down"]
DB_NAME = "feedback.sqlite3"
MAX_REASON = 2000
MUST_INCLUDE_QUOTE = 16  # characters of a cited quote used when the answer has no figure

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session TEXT NOT NULL,        -- sha256 of the browser's session id
    conversation TEXT NOT NULL,
    message INTEGER NOT NULL,     -- index of the answer in the chat
    rating TEXT NOT NULL,         -- up | down
    reason TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    updated REAL NOT NULL,
    record TEXT NOT NULL,         -- JSON: question, answer, citations, history, abstained, mode
    UNIQUE (session, conversation, message)
);
"""


@dataclass
class FeedbackRecord:
    """One rating of one answer."""

    id: int
    rating: Rating
    question: str
    answer: str
    citations: list[dict[str, str]] = field(default_factory=list)  # {doc, section, quote, title, doc_id}
    history: list[dict[str, str]] = field(default_factory=list)  # the turns before the question
    reason: str = ""
    abstained: bool = False
    mode: str = "extractive"
    created: float = 0.0
    updated: float = 0.0
    conversation: str = ""
    message: int = 0


def cited_sources(
    citations: Iterable[Citation], lookup: Callable[[str], StoredDocument]
) -> list[dict[str, str]]:
    """Citations as evaluation sources: the document's file (as ingested), where in it (the
    pinpoint, e.g. 第二十条 or 二、（一）) and the verbatim quote."""
    from assistant.citations import from_citation

    out = []
    for c in citations:
        try:
            doc = lookup(c.doc_id)
        except Exception:  # removed since: keep what the citation itself says
            doc = None
        section = "".join(c.section_path[-1:]) or "正文"
        source = doc.meta.source_path if doc is not None else ""
        if doc is not None:
            with contextlib.suppress(Exception):
                section = from_citation(c, doc).pinpoint or section
        out.append(
            {"doc": source, "section": section, "quote": c.quote, "title": c.title, "doc_id": c.doc_id}
        )
    return out


class FeedbackStore:
    """Ratings in one SQLite file beside the conversations."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.executescript(_SCHEMA)

    def _db(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return connection(self.path, self._lock)

    def record(
        self,
        session_id: str,
        conversation: str,
        message: int,
        rating: Rating,
        *,
        question: str,
        answer: str,
        citations: list[dict[str, str]] | None = None,
        history: list[dict[str, str]] | None = None,
        abstained: bool = False,
        mode: str = "extractive",
    ) -> int:
        """Rate one answer (replacing an earlier rating of it, reason kept). Returns the record id."""
        if rating not in ("up", "down"):
            raise ValueError(f"rating must be 'up' or 'down', not {rating!r}")
        now = time.time()
        data = json.dumps(
            {
                "question": question,
                "answer": answer,
                "citations": citations or [],
                "history": history or [],
                "abstained": abstained,
                "mode": mode,
            },
            ensure_ascii=False,
        )
        with self._db() as db:
            db.execute(
                "INSERT INTO feedback (session, conversation, message, rating, created, updated, record) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (session, conversation, message) DO UPDATE SET "
                "rating = excluded.rating, updated = excluded.updated, record = excluded.record",
                (session_key(session_id), conversation, message, rating, now, now, data),
            )
            row = db.execute(
                "SELECT id FROM feedback WHERE session = ? AND conversation = ? AND message = ?",
                (session_key(session_id), conversation, message),
            ).fetchone()
        return int(row[0])

    def withdraw(self, session_id: str, conversation: str, message: int) -> bool:
        with self._db() as db:
            n = db.execute(
                "DELETE FROM feedback WHERE session = ? AND conversation = ? AND message = ?",
                (session_key(session_id), conversation, message),
            ).rowcount
        return n > 0

    def set_reason(self, session_id: str, record_id: int, reason: str) -> bool:
        """Add the reason to one of this session's ratings (another session's id does nothing)."""
        with self._db() as db:
            n = db.execute(
                "UPDATE feedback SET reason = ?, updated = ? WHERE id = ? AND session = ?",
                ((reason or "").strip()[:MAX_REASON], time.time(), record_id, session_key(session_id)),
            ).rowcount
        return n > 0

    def ratings(self, session_id: str, conversation: str) -> dict[int, Rating]:
        """message index → rating, for showing the thumbs of a reopened conversation."""
        with self._db() as db:
            rows = db.execute(
                "SELECT message, rating FROM feedback WHERE session = ? AND conversation = ?",
                (session_key(session_id), conversation),
            ).fetchall()
        return {int(m): r for m, r in rows}

    def list(self, rating: Rating | None = None) -> list[FeedbackRecord]:
        """All ratings (or those of one kind), the latest first: what the admin view shows."""
        query = "SELECT id, rating, reason, created, updated, conversation, message, record FROM feedback"
        args: tuple[Any, ...] = ()
        if rating is not None:
            query += " WHERE rating = ?"
            args = (rating,)
        with self._db() as db:
            rows = db.execute(query + " ORDER BY updated DESC", args).fetchall()
        out = []
        for rid, r, reason, created, updated, conversation, message, record in rows:
            d = json.loads(record)
            out.append(
                FeedbackRecord(
                    id=int(rid),
                    rating=r,
                    question=d.get("question", ""),
                    answer=d.get("answer", ""),
                    citations=d.get("citations", []),
                    history=d.get("history", []),
                    reason=reason,
                    abstained=bool(d.get("abstained")),
                    mode=d.get("mode", "extractive"),
                    created=created,
                    updated=updated,
                    conversation=conversation,
                    message=int(message),
                )
            )
        return out


# -- evaluation candidates -----------------------------------------------------------------------


def _must_include(text: str, sources: list[dict[str, str]]) -> list[str]:
    """Figures the reference answer states (as written), else the opening of the first quote."""
    figures = list(dict.fromkeys(q.text for q in parse_quantities(text)))[:3]
    if figures:
        return figures
    quote = next((s["quote"].strip() for s in sources if s["quote"].strip()), "")
    return [quote[:MUST_INCLUDE_QUOTE]] if quote else []


def eval_candidate(rec: FeedbackRecord) -> dict[str, Any]:
    """One line of the evaluation question file (see :mod:`assistant.evaluation.dataset`).

    👍: the answer as given is the reference. 👎: the user's reason is the reference when given
    (users write the correct answer there), else the answer is kept under a 待审核 mark. Sources are
    the citations shown; with none, the case is an unanswerable candidate.
    """
    sources = [
        {"doc": s["doc"], "section": s.get("section") or "正文", "quote": s["quote"]}
        for s in rec.citations
        if s.get("doc") and s.get("quote", "").strip()
    ]
    if rec.rating == "down":
        reference = rec.reason.strip() or f"（待审核：用户认为以下回答有误）{rec.answer}"
    else:
        reference = rec.answer
    must = _must_include(rec.reason if rec.rating == "down" and rec.reason.strip() else rec.answer, sources)
    case: dict[str, Any] = {
        "id": f"fb{rec.id:05d}-{rec.rating}",
        "question": rec.question,
        "type": "followup" if rec.history else "factoid",
        "answer": reference.strip() or "（待审核）",
        "must_include": must,
        "sources": sources,
    }
    if not sources or not must:
        case.update(type="unanswerable", must_include=[], sources=[])
    history = [
        {"role": t["role"], "content": t["content"]}
        for t in rec.history
        if t.get("role") in ("user", "assistant") and str(t.get("content", "")).strip()
    ]
    if history:
        case["history"] = history
    elif case["type"] == "followup":
        case["type"] = "factoid"
    return case


def export_candidates(records: Iterable[FeedbackRecord]) -> str:
    """JSON Lines of :func:`eval_candidate`, one per record."""
    return "".join(json.dumps(eval_candidate(r), ensure_ascii=False) + "\n" for r in records)

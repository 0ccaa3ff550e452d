"""Chinese BM25 over chunks: jieba words in an SQLite FTS5 table, ranked by FTS5's ``bm25()``.

FTS5's own tokenizers treat a whole Chinese clause as one token, so we segment with jieba (search
mode, so that 受污染耕地安全利用率 also yields 利用率) and store each chunk as the ids of its words
(``vocab`` table) separated by spaces: FTS5 then sees exactly our tokens, never splits or folds
them, and its statistics (document frequency, lengths) are kept up to date row by row. Adding or
removing a document therefore costs that document's rows, not a rebuild of the corpus, and the
rows are written in the same transaction as the document itself.

BM25 catches what the dense model misses: exact figures, indicator names and 文号.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence

from assistant.index.crashpoints import crashpoint
from assistant.index.database import Database
from assistant.schema import Chunk

_PUNCT = re.compile(r"^[\s\W_]+$")
_jieba_lock = threading.Lock()
_jieba_ready = False
_IN_BATCH = 500  # bound on the number of SQL variables in one IN (...) list


def _jieba() -> object:
    global _jieba_ready
    import jieba

    with _jieba_lock:
        if not _jieba_ready:
            jieba.setLogLevel(60)
            jieba.initialize()
            _jieba_ready = True
    return jieba


def tokenize(text: str) -> list[str]:
    """Words for BM25: jieba search-mode segmentation, punctuation dropped, Latin lower-cased."""
    jieba = _jieba()
    words = jieba.lcut_for_search(text)  # type: ignore[attr-defined]
    return [w.lower() for w in words if w.strip() and not _PUNCT.match(w)]


def _batches(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), _IN_BATCH):
        yield items[i : i + _IN_BATCH]


def _token_ids(conn: sqlite3.Connection, tokens: Iterable[str]) -> dict[str, int]:
    distinct = sorted(set(tokens))
    out: dict[str, int] = {}
    for part in _batches(distinct):
        marks = ",".join("?" * len(part))
        out.update(conn.execute(f"SELECT token, id FROM vocab WHERE token IN ({marks})", part))
    return out


class BM25Index:
    """The keyword index: chunk rows (``chunks``) and their words (``keywords``, FTS5)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- writing (inside the caller's transaction) ---------------------------------------------

    @staticmethod
    def tokens(chunks: Iterable[Chunk]) -> dict[str, list[str]]:
        """chunk id -> words, for :meth:`add` (jieba is the slow part: do it outside the lock)."""
        return {c.chunk_id: tokenize(c.embed_text) for c in chunks}

    @staticmethod
    def add(
        tx: sqlite3.Connection, chunks: Sequence[Chunk], words: dict[str, list[str]] | None = None
    ) -> None:
        """Index ``chunks`` (their ``embed_text``, as the dense side) inside transaction ``tx``;
        ``words`` from :meth:`tokens` if the caller segmented them already."""
        words = words or {}
        tokens = [words[c.chunk_id] if c.chunk_id in words else tokenize(c.embed_text) for c in chunks]
        tx.executemany(
            "INSERT OR IGNORE INTO vocab (token) VALUES (?)",
            ((w,) for w in sorted({w for t in tokens for w in t})),
        )
        ids = _token_ids(tx, (w for t in tokens for w in t))
        for i, (c, chunk_words) in enumerate(zip(chunks, tokens, strict=True)):
            cur = tx.execute("INSERT INTO chunks (chunk_id, doc_id) VALUES (?, ?)", (c.chunk_id, c.doc_id))
            tx.execute(
                "INSERT INTO keywords (rowid, tokens) VALUES (?, ?)",
                (cur.lastrowid, " ".join(str(ids[w]) for w in chunk_words)),
            )
            if i == len(chunks) // 2:
                crashpoint("store:keywords-batch")

    @staticmethod
    def remove_documents(tx: sqlite3.Connection, doc_ids: Iterable[str]) -> None:
        """Drop every chunk row of ``doc_ids`` and its keywords inside transaction ``tx``."""
        for doc_id in doc_ids:
            tx.execute(
                "DELETE FROM keywords WHERE rowid IN (SELECT row FROM chunks WHERE doc_id = ?)", (doc_id,)
            )
            tx.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))

    # -- reading ----------------------------------------------------------------------------------

    @property
    def ids(self) -> list[str]:
        """Chunk ids that have keyword rows (committed state)."""
        rows = self.db.reader().execute(
            "SELECT c.chunk_id FROM chunks c JOIN keywords k ON k.rowid = c.row ORDER BY c.row"
        )
        return [r[0] for r in rows]

    def chunk_doc_ids(self) -> dict[str, str]:
        """chunk id -> document id of every chunk row (committed state, for ``check``)."""
        return dict(self.db.reader().execute("SELECT chunk_id, doc_id FROM chunks"))

    def doc_ids_of(self, chunk_ids: Iterable[str]) -> dict[str, str]:
        """chunk id -> document id for those of ``chunk_ids`` that have a row."""
        conn = self.db.reader()
        out: dict[str, str] = {}
        for part in _batches(list(dict.fromkeys(chunk_ids))):
            marks = ",".join("?" * len(part))
            out.update(conn.execute(f"SELECT chunk_id, doc_id FROM chunks WHERE chunk_id IN ({marks})", part))
        return out

    def chunk_ids_of(self, doc_ids: Iterable[str]) -> set[str]:
        """Ids of the chunk rows of ``doc_ids`` (by the ``chunks_by_doc`` index)."""
        conn = self.db.reader()
        out: set[str] = set()
        for part in _batches(list(dict.fromkeys(doc_ids))):
            marks = ",".join("?" * len(part))
            out.update(
                r[0] for r in conn.execute(f"SELECT chunk_id FROM chunks WHERE doc_id IN ({marks})", part)
            )
        return out

    def integrity_errors(self) -> list[str]:
        """What FTS5's own integrity check and a row count comparison find wrong (empty: fine)."""
        conn = self.db.reader()
        errors = []
        try:
            conn.execute("INSERT INTO keywords (keywords, rank) VALUES ('integrity-check', 0)")
        except sqlite3.DatabaseError as e:
            errors.append(f"keywords: {e}")
        (n_chunks,) = conn.execute("SELECT count(*) FROM chunks").fetchone()
        (n_rows,) = conn.execute("SELECT count(*) FROM keywords").fetchone()
        if n_chunks != n_rows:
            errors.append(f"chunks {n_chunks} != keyword rows {n_rows}")
        return errors

    def document_frequency(self, text: str) -> int:
        """How many chunks hold every word of ``text`` (0 for a word the library never uses)."""
        conn = self.db.reader()
        words = tokenize(text)
        known = _token_ids(conn, words)
        if not words or any(w not in known for w in words):
            return 0
        match = " AND ".join(f'"{known[w]}"' for w in dict.fromkeys(words))
        row = conn.execute("SELECT count(*) FROM keywords WHERE keywords MATCH ?", (match,)).fetchone()
        return int(row[0])

    def search(
        self,
        query: str,
        k: int = 20,
        allowed: Iterable[str] | None = None,
        doc_ids: Iterable[str] | None = None,
    ) -> list[tuple[str, float]]:
        """(chunk_id, score) pairs, best first; only chunks sharing a word with the query.

        ``doc_ids`` restricts the result to those documents' chunks (a region or document scope),
        ``allowed`` to those chunk ids; both are applied inside SQL, so FTS5 scores only the rows
        in scope and Python never sees the others (at 100k chunks a region filter in Python cost
        more than the search). Equal scores are ordered by the chunk's row (insertion order) on
        every path, scoped or not: FTS5's own order of ties is unspecified, and a scope must not
        reorder the chunks it keeps.
        """
        conn = self.db.reader()
        words = tokenize(query)
        known = _token_ids(conn, words)
        # a repeated query word counts again, as it did with bm25s
        terms = [f'"{known[w]}"' for w in words if w in known]
        if not terms or k <= 0:
            return []
        sql = (
            "SELECT c.chunk_id, -bm25(keywords) AS score FROM keywords "
            "JOIN chunks c ON c.row = keywords.rowid WHERE keywords MATCH ?"
        )
        params: list[object] = [" OR ".join(terms)]
        if doc_ids is not None:
            sql += " AND c.doc_id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(list(doc_ids), ensure_ascii=False))
        if allowed is not None:
            sql += " AND c.chunk_id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(list(allowed), ensure_ascii=False))
        rows = conn.execute(sql + " ORDER BY bm25(keywords), c.row LIMIT ?", (*params, k)).fetchall()
        return [(str(cid), float(s)) for cid, s in rows if s > 0]

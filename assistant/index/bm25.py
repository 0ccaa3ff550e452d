"""Chinese BM25 over chunks: jieba words in an SQLite FTS5 table, ranked by FTS5's ``bm25()``.

FTS5's own tokenizers treat a whole Chinese clause as one token, so we segment with jieba (search
mode, so that 受污染耕地安全利用率 also yields 利用率) and store each chunk as the ids of its words
(``vocab`` table) separated by spaces: FTS5 then sees exactly our tokens, never splits or folds
them, and its statistics (document frequency, lengths) are kept up to date row by row. Adding or
removing a document therefore costs that document's rows, not a rebuild of the corpus, and the
rows are written in the same transaction as the document itself.

A second column, ``scope``, holds an ASCII token for the document's province and one for its
city (:func:`scope_tokens`). A question asked of one province or city is searched with
``tokens : (…) AND scope : <token>``: FTS5 walks only that region's rows, instead of scoring every
row that shares a word with the question and dropping the other regions' afterwards.

Words that more than half the rows hold ("的", "应当" in a library of regulations) are left out of
the search: FTS5's ``bm25()`` gives them an idf of 1e-6, so they change no order among rows that
match anything else, yet they make FTS5 score nearly every row of the library.

BM25 catches what the dense model misses: exact figures, indicator names and 文号.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence

from assistant.index.crashpoints import crashpoint
from assistant.index.database import Database
from assistant.schema import Chunk, DocumentMeta

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


def join_glued_tails(words: list[str], particles: Sequence[str], known: Callable[[str], bool]) -> list[str]:
    """A character the segmenter glued to the particle after it ("防火" "期是" of "防火期是",
    "期从" of "防火期从哪天"), given back to the word before it ("防火期"): the glued pair is no
    word of its dictionary (``known``). The word before is kept too, since the documents may
    write it without the character."""
    out: list[str] = []
    for w in words:
        glued = len(w) == 2 and w[1] in particles and not known(w)
        if glued and out and len(out[-1]) >= 2 and re.fullmatch(r"[\u4e00-\u9fa5]+", out[-1] + w[0]):
            out.append(out[-1] + w[0])
        else:
            out.append(w)
    return out


def known_word(word: str) -> bool:
    """Whether ``word`` is in the segmenter's dictionary (not a word it made up from characters
    it could not place, like "养犬要" of "养犬要办什么手续")."""
    jieba = _jieba()
    return bool(jieba.dt.FREQ.get(word))  # type: ignore[attr-defined]


def said_whole(word: str, text: str) -> bool:
    """Whether ``word`` stands in ``text`` as whole words of the segmenter: "刚买" in "刚买了辆车"
    (刚 / 买 / 了), not "买了" in "购买了" (购买 / 了). A two-character everyday word is rarely in
    the dictionary, so the segmenter cuts it into characters; this finds it without letting it
    match inside another word."""
    if word not in text:
        return False
    jieba = _jieba()
    tokens = list(jieba.tokenize(text))  # type: ignore[attr-defined]
    bounds = {0, len(text)} | {end for _, _, end in tokens}
    if any(i in bounds and i + len(word) in bounds for i in _occurrences(word, text)):
        return True
    # or glued to one character into a token the segmenter made up ("时不亮" of "检查时不亮证件")
    return any(glued_to(token, word) for token, _, _ in tokens)


def glued_to(token: str, word: str) -> bool:
    """Whether ``token`` is ``word`` with one character the segmenter stuck to it, a token its
    dictionary does not hold ("时不亮": 时 + 不亮)."""
    return (
        len(token) == len(word) + 1
        and (token.startswith(word) or token.endswith(word))
        and not known_word(token)
    )


def _occurrences(word: str, text: str) -> list[int]:
    return [i for i in range(len(text) - len(word) + 1) if text.startswith(word, i)]


def scope_token(province: str, city: str | None = None) -> str:
    """The scope column's token for a province, or for a city of it: ASCII (the ``unicode61``
    tokenizer keeps it whole) and never a word id (those are digits)."""
    name = f"{province}/{city}" if city else province
    return ("c" if city else "p") + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]


def scope_tokens(meta: DocumentMeta) -> str:
    """The scope column of a document's rows: its province's token and its city's."""
    if not meta.province:
        return ""
    return " ".join(
        [scope_token(meta.province), *([scope_token(meta.province, meta.city)] if meta.city else [])]
    )


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
        # (generation, rows, token id -> rows holding it): kept until the library changes
        self._stats: tuple[int, int, dict[str, int]] = (-1, 0, {})
        self._stats_lock = threading.Lock()

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
                "INSERT INTO keywords (rowid, tokens, scope) VALUES (?, ?, ?)",
                (cur.lastrowid, " ".join(str(ids[w]) for w in chunk_words), scope_tokens(c.meta)),
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

    @staticmethod
    def has_scope_column(conn: sqlite3.Connection) -> bool:
        return "scope" in [d[0] for d in conn.execute("SELECT * FROM keywords LIMIT 0").description]

    @staticmethod
    def add_scope_column(tx: sqlite3.Connection, scopes: Mapping[str, str], batch: int = 20_000) -> int:
        """Rewrite a library's keyword rows written before the scope column existed, inside
        transaction ``tx`` (killed half-way, the old table is untouched); ``scopes``: document id
        -> :func:`scope_tokens`. Returns the rows rewritten."""
        tx.execute("DROP TABLE IF EXISTS keywords_scoped")
        tx.execute("CREATE VIRTUAL TABLE keywords_scoped USING fts5 (tokens, scope, tokenize = 'unicode61')")
        done, last = 0, -1
        while True:
            rows = tx.execute(
                "SELECT k.rowid, k.tokens, c.doc_id FROM keywords k JOIN chunks c ON c.row = k.rowid "
                "WHERE k.rowid > ? ORDER BY k.rowid LIMIT ?",
                (last, batch),
            ).fetchall()
            if not rows:
                break
            tx.executemany(
                "INSERT INTO keywords_scoped (rowid, tokens, scope) VALUES (?, ?, ?)",
                ((r, t, scopes.get(d, "")) for r, t, d in rows),
            )
            done += len(rows)
            last = rows[-1][0]
        tx.execute("DROP TABLE keywords")
        tx.execute("ALTER TABLE keywords_scoped RENAME TO keywords")
        return done

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
        scope: str | None = None,
    ) -> list[tuple[str, float]]:
        """(chunk_id, score) pairs, best first; only chunks sharing a word with the query.

        ``scope`` (a :func:`scope_token`) restricts the result to one province's or city's rows
        through the scope column; ``doc_ids`` to those documents' chunks (any other scope),
        ``allowed`` to those chunk ids. All are applied inside SQL, so Python never sees the rows
        out of scope (at 100k chunks a region filter in Python cost more than the search). Equal
        scores are ordered by the chunk's row (insertion order) on every path, scoped or not:
        FTS5's own order of ties is unspecified, and a scope must not reorder the chunks it keeps.
        """
        conn = self.db.reader()
        words = tokenize(query)
        known = _token_ids(conn, words)
        ids = [str(known[w]) for w in words if w in known]
        if not ids or k <= 0:
            return []
        # a repeated query word counts again, as it did with bm25s
        kept = self._informative(conn, ids)
        match = " OR ".join(f'"{i}"' for i in kept)
        if scope is not None:
            match = f"tokens : ({match}) AND scope : {scope}"
        sql = (
            "SELECT c.chunk_id, -bm25(keywords, 1.0, 0.0) AS score FROM keywords "
            "JOIN chunks c ON c.row = keywords.rowid WHERE keywords MATCH ?"
        )
        params: list[object] = [match]
        if doc_ids is not None:
            sql += " AND c.doc_id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(list(doc_ids), ensure_ascii=False))
        if allowed is not None:
            sql += " AND c.chunk_id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(list(allowed), ensure_ascii=False))
        rows = conn.execute(
            sql + " ORDER BY bm25(keywords, 1.0, 0.0), c.row LIMIT ?", (*params, k)
        ).fetchall()
        return [(str(cid), float(s)) for cid, s in rows if s > 0]

    def rows(self) -> int:
        """Keyword rows (= chunks) in the library, counted once per library generation."""
        return self._current_stats()[1]

    def _current_stats(self) -> tuple[int, int, dict[str, int]]:
        generation = self.db.generation()
        with self._stats_lock:
            if self._stats[0] != generation:
                (rows,) = self.db.reader().execute("SELECT count(*) FROM chunks").fetchone()
                self._stats = (generation, int(rows), {})
            return self._stats

    def _informative(self, conn: sqlite3.Connection, ids: list[str]) -> list[str]:
        """``ids`` without the words more than half the rows hold (all of them if every word is
        that common): FTS5 scores such a word with an idf of 1e-6, so leaving it out changes no
        order among rows that match another word, and spares scoring nearly every row."""
        generation, rows, held = self._current_stats()
        with self._stats_lock:
            df = {i: held[i] for i in ids if i in held}
        missing = [i for i in dict.fromkeys(ids) if i not in df]
        found: dict[str, int] = {}
        if missing:
            conn.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.keyword_terms USING fts5vocab(main, keywords, row)"
            )
            for i in missing:
                row = conn.execute("SELECT doc FROM temp.keyword_terms WHERE term = ?", (i,)).fetchone()
                found[i] = int(row[0]) if row else 0  # a word whose rows were all removed
            with self._stats_lock:
                if self._stats[0] == generation:
                    held.update(found)
        df.update(found)
        kept = [i for i in ids if df.get(i, 0) * 2 < rows]
        return kept or ids

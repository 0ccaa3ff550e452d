"""The document store: one row per document in the library database, the source of truth for
what is indexed.

It keeps what citations and ``show`` need without the original file: metadata, the display and
search texts, the content hash (to skip unchanged files) and the document's chunks. Rows are
written inside the caller's transaction (:meth:`DocStore.put`), together with the keyword rows, and
the in-memory map follows only after the commit (:meth:`DocStore.committed`), so readers never see
a document whose keywords are not there yet. Only metadata is held for every document; texts and
chunks are read from the row when used, so serving memory does not grow with the library.

Libraries written before the database (one JSON file per document under ``docs/``) are read by
:func:`read_legacy_documents` and imported once by :mod:`assistant.index.migrate`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.chunking import table_cells
from assistant.index.database import Database
from assistant.schema import Chunk, DocumentMeta, NormalizedText


@dataclass
class StoredDocument:
    """A document with its texts and chunks, as parsed (see :class:`StoredRow` for one read back)."""

    meta: DocumentMeta
    text: NormalizedText
    content_hash: str
    pipeline_version: str
    chunks: list[Chunk]

    @classmethod
    def stored(
        cls,
        meta: DocumentMeta,
        content_hash: str,
        pipeline_version: str,
        load: Callable[[StoredDocument], tuple[NormalizedText, list[Chunk]]],
        cells: frozenset[str] | None = None,
    ) -> StoredDocument:
        """A document whose text and chunks ``load`` reads on demand."""
        return StoredRow(meta, None, content_hash, pipeline_version, None, load=load, cells=cells)

    def chunk_at(self, offset: int) -> Chunk | None:
        """The chunk that holds a display-text offset, or None."""
        return next((c for c in self.chunks if c.start <= offset < c.end), None)

    def table_cells(self) -> frozenset[str]:
        """The cells of the document's table rows (see :func:`assistant.chunking.table_cells`)."""
        return table_cells(self.chunks)

    def to_json(self) -> dict[str, Any]:
        return {
            "meta": self.meta.to_dict(),
            "display": self.text.display,
            "search": self.text.search,
            "script": self.text.script,
            "header": self.text.header,
            "content_hash": self.content_hash,
            "pipeline_version": self.pipeline_version,
            "chunks": [
                {"id": c.chunk_id, "text": c.text, "embed_text": c.embed_text, "meta": c.to_metadata()}
                for c in self.chunks
            ],
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> StoredDocument:
        meta = DocumentMeta(**d["meta"])
        text, chunks = _contents(d, meta)
        return cls(meta, text, d["content_hash"], d.get("pipeline_version", ""), chunks)


def _contents(d: dict[str, Any], meta: DocumentMeta) -> tuple[NormalizedText, list[Chunk]]:
    """The texts and chunks of a stored body; every chunk shares the document's ``meta``."""
    chunks = []
    for c in d["chunks"]:
        chunk = Chunk.from_metadata(c["id"], c["text"], c["embed_text"], c["meta"])
        chunk.meta = meta
        chunks.append(chunk)
    text = NormalizedText(d["display"], d["search"], d["script"], d.get("header", ""))
    return text, chunks


class StoredRow(StoredDocument):
    """A stored document that holds only its metadata: ``text`` and ``chunks`` are fetched from
    the database when asked for (and kept in a small cache of recent documents), so serving memory
    does not grow with the library. Callers use it as any :class:`StoredDocument`;
    ``dataclasses.replace`` on it gives a document with the values it read."""

    def __init__(
        self,
        meta: DocumentMeta,
        text: NormalizedText | None = None,
        content_hash: str = "",
        pipeline_version: str = "",
        chunks: list[Chunk] | None = None,
        *,
        load: Callable[[StoredDocument], tuple[NormalizedText, list[Chunk]]] | None = None,
        cells: frozenset[str] | None = None,
    ) -> None:
        self.meta = meta
        self.content_hash = content_hash
        self.pipeline_version = pipeline_version
        self._text = text
        self._chunks = chunks
        self._load = load
        self._cells = cells

    @property
    def text(self) -> NormalizedText:
        if self._text is not None:
            return self._text
        assert self._load is not None
        return self._load(self)[0]

    @text.setter
    def text(self, value: NormalizedText) -> None:
        self._text = value

    @property
    def chunks(self) -> list[Chunk]:
        if self._chunks is not None:
            return self._chunks
        assert self._load is not None
        return self._load(self)[1]

    @chunks.setter
    def chunks(self, value: list[Chunk]) -> None:
        self._chunks = value

    def table_cells(self) -> frozenset[str]:
        """The cells as stored beside the row: every question naming a city asks this of each
        provincial document, and reading their chunks back was most of a question's time in a
        large library (200 ms a question at 30k documents)."""
        return self._cells if self._cells is not None else super().table_cells()

    def __repr__(self) -> str:
        return f"StoredRow({self.meta.doc_id!r}, {self.content_hash[:12]!r})"


# Documents whose text and chunks stay parsed in memory: enough for every document one answer,
# comparison or page touches, a bounded fraction of a large library.
RECENT_DOCUMENTS = 64


class DocStore:
    """Documents in the ``documents`` table. Metadata of every document is held in memory (the
    catalogue, filters and statuses work on it); texts and chunks are read by document on demand
    and only the :data:`RECENT_DOCUMENTS` last used stay parsed."""

    def __init__(self, db: Database, recent: int = RECENT_DOCUMENTS) -> None:
        self.db = db
        self._cache: dict[str, StoredDocument] | None = None
        self._generation = -1  # the database generation the cache was read at
        # (the cache it was built from, content hash -> document)
        self._by_hash: tuple[dict[str, StoredDocument], dict[str, StoredDocument]] | None = None
        self._recent: OrderedDict[tuple[str, str], tuple[NormalizedText, list[Chunk]]] = OrderedDict()
        self._recent_size = recent
        self._recent_lock = threading.Lock()

    def all(self) -> dict[str, StoredDocument]:
        """Every document's metadata, read once and kept; read again when another process has
        committed (one small read per call, so a question never answers from a stale library).
        Texts and chunks are read on demand."""
        generation = self.db.generation()  # before the rows: a commit in between reloads again
        if self._cache is None or generation != self._generation:
            rows = self.db.reader().execute(
                "SELECT doc_id, content_hash, pipeline_version, json_extract(body, '$.meta'), cells "
                "FROM documents ORDER BY doc_id"
            )
            self._cache = {
                doc_id: StoredDocument.stored(
                    DocumentMeta(**json.loads(meta)), digest, version, self._load, _cells(cells)
                )
                for doc_id, digest, version, meta, cells in rows
            }
            self._generation = generation
        return self._cache

    def _load(self, doc: StoredDocument) -> tuple[NormalizedText, list[Chunk]]:
        """Text and chunks of ``doc``, from the recent cache or the database (keyed by content, so
        a document replaced meanwhile is never answered with the other version's chunks)."""
        key = (doc.meta.doc_id, doc.content_hash)
        with self._recent_lock:
            got = self._recent.get(key)
            if got is not None:
                self._recent.move_to_end(key)
                return got
        row = (
            self.db.reader()
            .execute("SELECT body FROM documents WHERE doc_id = ? AND content_hash = ?", key)
            .fetchone()
        )
        if row is None:
            from assistant.errors import UnknownDocumentError

            raise UnknownDocumentError(f"文件 {doc.meta.doc_id} 已被删除或替换 (document gone)")
        got = _contents(json.loads(row[0]), doc.meta)
        with self._recent_lock:
            self._recent[key] = got
            while len(self._recent) > self._recent_size:
                self._recent.popitem(last=False)
        return got

    def chunk_ids(self, doc_ids: Iterable[str] | None = None) -> set[str]:
        """Ids of the chunks the stored documents list (all, or of ``doc_ids``), read in SQL."""
        sql = "SELECT json_extract(c.value, '$.id') FROM documents d, json_each(d.body, '$.chunks') c"
        conn = self.db.reader()
        if doc_ids is None:
            return {r[0] for r in conn.execute(sql)}
        return {r[0] for i in doc_ids for r in conn.execute(sql + " WHERE d.doc_id = ?", (i,))}

    def get(self, doc_id: str) -> StoredDocument | None:
        return self.all().get(doc_id)

    def with_hash(self, content_hash: str) -> StoredDocument | None:
        """A document with exactly this content, if any (the index follows the swapped cache)."""
        docs = self.all()
        if self._by_hash is None or self._by_hash[0] is not docs:
            self._by_hash = (docs, {d.content_hash: d for d in docs.values()})
        return self._by_hash[1].get(content_hash)

    def ids(self) -> set[str]:
        """Document ids as committed in the database (not the cache: used by ``check``)."""
        return {r[0] for r in self.db.reader().execute("SELECT doc_id FROM documents")}

    @staticmethod
    def put(tx: sqlite3.Connection, doc: StoredDocument) -> None:
        """Write ``doc`` inside the open transaction ``tx`` (replacing a row with its id)."""
        tx.execute(
            "INSERT OR REPLACE INTO documents (doc_id, content_hash, pipeline_version, body, cells) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                doc.meta.doc_id,
                doc.content_hash,
                doc.pipeline_version,
                json.dumps(doc.to_json(), ensure_ascii=False),
                json.dumps(sorted(doc.table_cells()), ensure_ascii=False),
            ),
        )

    @staticmethod
    def fill_cells(tx: sqlite3.Connection) -> int:
        """Store the table cells of rows written before documents kept them (inside ``tx``).
        Documents without a table chunk are found in SQL; only the others are parsed. Returns
        the rows filled."""
        tx.execute(
            "UPDATE documents SET cells = '[]' WHERE cells IS NULL AND NOT EXISTS (SELECT 1 FROM "
            "json_each(documents.body, '$.chunks') c WHERE json_extract(c.value, '$.meta.table') != '')"
        )
        filled = tx.execute("SELECT changes()").fetchone()[0]
        with_tables = [r[0] for r in tx.execute("SELECT doc_id FROM documents WHERE cells IS NULL")]
        for doc_id in with_tables:  # one body in memory at a time
            (body,) = tx.execute("SELECT body FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
            doc = StoredDocument.from_json(json.loads(body))
            cells = json.dumps(sorted(doc.table_cells()), ensure_ascii=False)
            tx.execute("UPDATE documents SET cells = ? WHERE doc_id = ?", (cells, doc_id))
        return int(filled) + len(with_tables)

    @staticmethod
    def delete(tx: sqlite3.Connection, doc_id: str) -> None:
        tx.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))

    def committed(self, put: Iterable[StoredDocument], deleted: Iterable[str]) -> None:
        """Bring the cache in line with a committed transaction (only what it changed).

        The new cache is a copy swapped in whole, so a reader iterating the old one is unaffected.
        If another process committed before this one, the cache misses that commit: read it again.
        """
        generation = self.db.committed_generation
        if generation == self._generation:
            return  # a reader of this process has read this very commit already
        if self._cache is None or generation != self._generation + 1:
            self._cache = None
            return
        cache = dict(self._cache)
        for doc_id in deleted:
            cache.pop(doc_id, None)
        for d in put:
            # kept as metadata only, like every other stored document
            cache[d.meta.doc_id] = StoredDocument.stored(
                d.meta, d.content_hash, d.pipeline_version, self._load, d.table_cells()
            )
        self._cache = cache
        self._generation = generation

    def reload(self) -> None:
        self._cache = None
        with self._recent_lock:
            self._recent.clear()


def _cells(stored: str | None) -> frozenset[str] | None:
    return None if stored is None else frozenset(json.loads(stored))


def read_legacy_documents(root: Path) -> list[StoredDocument]:
    """The documents of a pre-database library (``docs/*.json``); half-written ``.tmp`` files
    are ignored, as the old store did."""
    return [
        StoredDocument.from_json(json.loads(p.read_text(encoding="utf-8")))
        for p in sorted(root.glob("*.json"))
    ]

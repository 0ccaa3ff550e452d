"""The document store: one row per document in the library database, the source of truth for
what is indexed.

It keeps what citations and ``show`` need without the original file: metadata, the display and
search texts, the content hash (to skip unchanged files) and the document's chunks. Rows are
written inside the caller's transaction (:meth:`DocStore.put`), together with the keyword rows, and
the in-memory cache follows only after the commit (:meth:`DocStore.committed`), so readers never see
a document whose keywords are not there yet.

Libraries written before the database (one JSON file per document under ``docs/``) are read by
:func:`read_legacy_documents` and imported once by :mod:`assistant.index.migrate`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.index.database import Database
from assistant.schema import Chunk, DocumentMeta, NormalizedText


@dataclass
class StoredDocument:
    meta: DocumentMeta
    text: NormalizedText
    content_hash: str
    pipeline_version: str
    chunks: list[Chunk]

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
        chunks = []
        for c in d["chunks"]:
            chunk = Chunk.from_metadata(c["id"], c["text"], c["embed_text"], c["meta"])
            chunk.meta = meta
            chunks.append(chunk)
        return cls(
            meta=meta,
            text=NormalizedText(d["display"], d["search"], d["script"], d.get("header", "")),
            content_hash=d["content_hash"],
            pipeline_version=d.get("pipeline_version", ""),
            chunks=chunks,
        )


class DocStore:
    """Documents in the ``documents`` table, all held in memory once read (the rest of the app
    works on whole documents)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._cache: dict[str, StoredDocument] | None = None
        self._generation = -1  # the database generation the cache was read at
        # (the cache it was built from, content hash -> document)
        self._by_hash: tuple[dict[str, StoredDocument], dict[str, StoredDocument]] | None = None

    def all(self) -> dict[str, StoredDocument]:
        """Every document, read once and kept; read again when another process has committed
        (one small read per call, so a question never answers from a stale library)."""
        generation = self.db.generation()  # before the rows: a commit in between reloads again
        if self._cache is None or generation != self._generation:
            rows = self.db.reader().execute("SELECT body FROM documents ORDER BY doc_id").fetchall()
            docs = (StoredDocument.from_json(json.loads(body)) for (body,) in rows)
            self._cache = {d.meta.doc_id: d for d in docs}
            self._generation = generation
        return self._cache

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
            "INSERT OR REPLACE INTO documents (doc_id, content_hash, pipeline_version, body) "
            "VALUES (?, ?, ?, ?)",
            (
                doc.meta.doc_id,
                doc.content_hash,
                doc.pipeline_version,
                json.dumps(doc.to_json(), ensure_ascii=False),
            ),
        )

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
            cache[d.meta.doc_id] = d
        self._cache = cache
        self._generation = generation

    def reload(self) -> None:
        self._cache = None


def read_legacy_documents(root: Path) -> list[StoredDocument]:
    """The documents of a pre-database library (``docs/*.json``); half-written ``.tmp`` files
    are ignored, as the old store did."""
    return [
        StoredDocument.from_json(json.loads(p.read_text(encoding="utf-8")))
        for p in sorted(root.glob("*.json"))
    ]

"""One index = document store + BM25 (one SQLite file) + Chroma, changed together or not at all.

An ingest first does all the work that can fail on bad input or a broken model (parse, chunk,
embed) without touching anything on disk. Only then are the stores written, in one database
transaction that also wraps the Chroma changes: a failed write leaves the index as it was, and a
killed process leaves nothing half-committed (Chroma is reconciled with the database on open).
Chroma is written first and the SQL rows last, so a server's questions wait only for the SQL part
and the commit (``commit_lock``), not for the vector writes.
A write costs what it changes: the rows of the documents added or removed, never the corpus.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from assistant.config import Settings
from assistant.embeddings.base import Embedder, get_embedder
from assistant.errors import UnknownDocumentError
from assistant.index.bm25 import BM25Index, scope_token, scope_tokens
from assistant.index.chroma import DENSE_BATCH, ChromaIndex, make_client
from assistant.index.crashpoints import crashpoint
from assistant.index.database import SCHEMA_VERSION, Database
from assistant.index.docstore import DocStore, StoredDocument
from assistant.index.health import LibraryHealth, Reconciled, inspect
from assistant.index.migrate import migrate_legacy
from assistant.schema import Chunk

Progress = Callable[[int, int], None]
CommitLock = Callable[[], AbstractContextManager[object]]
# Vectors per Chroma call while questions are answered beside the write, and the pause after each
# call relative to its duration (see ChromaIndex.add): the questions have the GIL between two calls
# at least as long as a call holds it. With Chroma's pending log kept short (chroma.SYNC_THRESHOLD)
# a call costs about its vectors (measured on the dev library, 512 dimensions, one idle core: 32
# vectors 36–110 ms, 64 vectors 67–190 ms, 256 vectors 250–430 ms), so small calls make short
# stalls at no cost in total. Before, a call cost a large fixed part (16 vectors 160–210 ms) and
# 256 a call was the better trade (eval/reports/load.md, runs 13 and 14).
SERVING_DENSE_BATCH = 32
SERVING_DENSE_PACE = 1.0


@dataclass
class IngestReport:
    """What an ingest did and how long each stage took (seconds)."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # path -> message
    # path -> "已存在：《…》": the same bytes are already in the library under another id
    duplicates: dict[str, str] = field(default_factory=dict)
    # path -> ids of older versions of the same document in the library (same title and issuer,
    # earlier date, or the same 文号 but its year; see versions.older_versions); ``versions`` holds the message offering the replacement, ``removed`` the ids
    # replaced when the caller asked for it
    older_versions: dict[str, list[str]] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    documents: int = 0
    sections: int = 0
    chunks: int = 0
    chars: int = 0
    parse_s: float = 0.0
    embed_s: float = 0.0
    write_s: float = 0.0
    total_s: float = 0.0


class Index:
    """The library: documents and keywords in one SQLite file, vectors in Chroma.

    The database is the source of truth. Chroma follows it: a write changes Chroma inside the open
    database transaction (so an error undoes both), and :meth:`reconcile` (run on open) deletes
    vectors whose chunk is gone; chunks without a vector are *pending* and
    :meth:`complete_dense` embeds them (``serve`` does so in the background).
    """

    def __init__(
        self,
        settings: Settings | None = None,
        embedder: Embedder | str | None = None,
        client: Any | None = None,
        reconcile: bool = True,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self.embedder = get_embedder(embedder if embedder is not None else self.settings.embedder)
        self.db = Database(self.settings.store_path)
        self.migrated = migrate_legacy(self.db, self.settings.data_dir)
        self.docstore = DocStore(self.db)
        self.client = client if client is not None else make_client(self.settings)
        self.dense = ChromaIndex(
            self.client, self.settings.collection, self.embedder.model_id, self.embedder.dimension
        )
        self.bm25 = BM25Index(self.db)
        self._lock = threading.RLock()  # one writer at a time (ingest, removal, background dense)
        self._regions: tuple[object, dict[tuple[str, str | None], frozenset[str]]] | None = None
        self._documents: tuple[dict[str, StoredDocument], tuple[StoredDocument, ...]] | None = None
        self._add_scope_column()
        self._fill_cells()
        if reconcile:
            self.reconcile()

    # -- reading ---------------------------------------------------------------------------

    def documents(self) -> tuple[StoredDocument, ...]:
        """Every document, in id order: one tuple per library version, the same object until a
        write, so what is worked out from the whole library (the titles questions are matched
        against) is kept by its identity instead of being redone per question."""
        docs = self.docstore.all()
        held = self._documents
        if held is None or held[0] is not docs:
            held = (docs, tuple(docs.values()))
            self._documents = held
        return held[1]

    def document(self, doc_id: str) -> StoredDocument:
        doc = self.docstore.get(doc_id)
        if doc is None:
            raise UnknownDocumentError(f"文库中没有编号为 {doc_id} 的文件 (no document with id {doc_id})")
        return doc

    def chunk_ids(self) -> set[str]:
        """Ids of every chunk the documents hold (read from the database, not kept)."""
        return self.docstore.chunk_ids()

    def doc_ids_of(self, chunk_ids: Iterable[str]) -> dict[str, str]:
        """chunk id → document id, for the given chunks that exist (committed state)."""
        return self.bm25.doc_ids_of(chunk_ids)

    def get_chunks(self, chunk_ids: Iterable[str]) -> dict[str, Chunk]:
        """The chunks with these ids that exist, read document by document."""
        wanted = self.doc_ids_of(chunk_ids)
        out: dict[str, Chunk] = {}
        docs = self.docstore.all()
        for doc_id in dict.fromkeys(wanted.values()):
            doc = docs.get(doc_id)
            if doc is not None:
                out.update((c.chunk_id, c) for c in doc.chunks if c.chunk_id in wanted)
        return out

    def scope_chunk_ids(self, doc_ids: Iterable[str]) -> set[str]:
        """Ids of the chunks of ``doc_ids`` (a region or document scope)."""
        return self.bm25.chunk_ids_of(doc_ids)

    def region_scope(self, doc_ids: Sequence[str]) -> tuple[str, str | None] | None:
        """(province, city or None) when ``doc_ids`` are exactly the documents of one province or
        of one city (what a region filter gives), else None.

        Such a scope is searched by one field instead of a list of document ids: vectors carry
        their document's province and city (``doc_province``, ``doc_city``), keyword rows a scope
        token (:func:`~assistant.index.bm25.scope_tokens`). An ``$in`` over hundreds of document
        ids cost more than the vector search itself at 100k chunks, and a keyword search filtered
        by document ids scores every row of the library first. The sets are rebuilt when the
        library changes (``docstore.all()`` is a new map after every write).
        """
        docs = self.docstore.all()
        held = self._regions
        if held is None or held[0] is not docs:
            by: dict[tuple[str, str | None], set[str]] = {}
            for d in docs.values():
                if d.meta.province:
                    by.setdefault((d.meta.province, None), set()).add(d.meta.doc_id)
                    if d.meta.city:
                        by.setdefault((d.meta.province, d.meta.city), set()).add(d.meta.doc_id)
            held = (docs, {r: frozenset(ids) for r, ids in by.items()})
            self._regions = held
        first = docs.get(doc_ids[0]) if doc_ids else None
        if first is None or not first.meta.province:
            return None
        wanted = set(doc_ids)
        for region in ((first.meta.province, None), (first.meta.province, first.meta.city)):
            if region in held[1] and held[1][region] == wanted:
                return region
        return None

    @staticmethod
    def keyword_scope(region: tuple[str, str | None]) -> str:
        """The keyword rows' scope token of a :meth:`region_scope`."""
        return scope_token(*region)

    def _add_scope_column(self) -> None:
        """Give a library written before keyword rows had a scope column one (one transaction;
        a killed upgrade runs again on the next open)."""
        if BM25Index.has_scope_column(self.db.reader()):
            return
        scopes = {doc_id: scope_tokens(d.meta) for doc_id, d in self.docstore.all().items()}
        with self._lock, self.db.transaction() as tx:
            if not BM25Index.has_scope_column(tx):
                BM25Index.add_scope_column(tx, scopes)
                tx.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
                )

    def _fill_cells(self) -> None:
        """Store the table cells of a library written before documents kept them (one
        transaction; a killed upgrade runs again on the next open)."""
        if self.db.reader().execute("SELECT 1 FROM documents WHERE cells IS NULL LIMIT 1").fetchone() is None:
            return
        with self._lock, self.db.transaction() as tx:
            DocStore.fill_cells(tx)
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
            )
        self.docstore.reload()

    def chunk_count(self) -> int:
        """Chunks in the library (committed), counted by the database."""
        (n,) = self.db.reader().execute("SELECT count(*) FROM chunks").fetchone()
        return int(n)

    def document_with_hash(self, content_hash: str) -> StoredDocument | None:
        """A document holding exactly this content, if any."""
        return self.docstore.with_hash(content_hash)

    def is_current(self, doc_id: str, content_hash: str, pipeline_version: str) -> bool:
        d = self.docstore.get(doc_id)
        return d is not None and d.content_hash == content_hash and d.pipeline_version == pipeline_version

    # -- writing ---------------------------------------------------------------------------

    def write(
        self,
        new_docs: Sequence[StoredDocument],
        remove_ids: Sequence[str] = (),
        progress: Progress | None = None,
        report: IngestReport | None = None,
        dense: bool = True,
        vectors: np.ndarray | None = None,
        words: dict[str, list[str]] | None = None,
        commit_lock: CommitLock | None = None,
    ) -> IngestReport:
        """Add or replace ``new_docs`` and remove ``remove_ids``, all or nothing.

        With ``dense=False`` the new chunks go into the document store and BM25 only (seconds for
        the whole corpus); :meth:`complete_dense` embeds them later, e.g. in the background while
        the app already answers from BM25. ``vectors`` from :meth:`embed` and ``words`` from
        ``BM25Index.tokens``, if the caller computed them already (outside its own lock).

        ``commit_lock`` (the web app's write lock, which keeps questions out) is taken only for
        the SQL rows and the commit; the Chroma writes before it run beside the questions, in
        small batches. A caller that holds ``commit_lock`` must not call this (take
        :meth:`writing` first, then let this method take ``commit_lock``: one lock order).
        """
        report = report or IngestReport()
        new_chunks = [c for d in new_docs for c in d.chunks]

        t0 = time.perf_counter()
        if dense and vectors is None:
            vectors = self.embed(new_docs, progress)
        report.embed_s += time.perf_counter() - t0
        crashpoint("write:embedded")
        t1 = time.perf_counter()
        words = words if words is not None else BM25Index.tokens(new_chunks)
        with self._lock:
            self._write(new_docs, remove_ids, new_chunks, vectors, words, commit_lock)
        report.write_s += time.perf_counter() - t1
        crashpoint("write:done")
        return report

    def writing(self) -> AbstractContextManager[object]:
        """No other writer of this process until the block ends (re-entrant): a caller that
        checks what to write against the library takes it before it calls :meth:`write`."""
        return self._lock

    def _write(
        self,
        new_docs: Sequence[StoredDocument],
        remove_ids: Sequence[str],
        new_chunks: list[Chunk],
        vectors: np.ndarray | None,
        words: dict[str, list[str]],
        commit_lock: CommitLock | None = None,
    ) -> None:
        """One database transaction around the Chroma changes: Chroma first, then the SQL rows
        and the commit, only these under ``commit_lock``.

        The transaction is opened first (``BEGIN IMMEDIATE``): no other process writes or
        reconciles meanwhile, so vectors added before the commit are not taken for orphans.
        Questions that run meanwhile may find a new vector before its chunk is committed; the
        retriever keeps only chunks the database holds, so they see the old library.

        An exception anywhere rolls the database back and undoes the Chroma steps taken; a killed
        process leaves the database as it was (nothing committed) and Chroma at worst with vectors
        of uncommitted chunks (deleted by :meth:`reconcile`) or without the vectors of kept chunks
        (pending, embedded again).
        """
        new_ids = {d.meta.doc_id for d in new_docs}
        replaced_ids = new_ids | set(remove_ids)
        old_chunks: list[Chunk] = []
        done: list[str] = []
        old_vectors: dict[str, np.ndarray] = {}
        try:
            with ExitStack() as exclusive:
                with self.db.transaction() as tx:
                    crashpoint("store:begun")
                    # read under the database's write lock: another process may have committed
                    # these documents since this one last looked
                    old_docs = {i: d for i in replaced_ids if (d := self.docstore.get(i)) is not None}
                    old_chunks = [c for d in old_docs.values() for c in d.chunks]
                    old_chunk_ids = [c.chunk_id for c in old_chunks]
                    old_vectors = self.dense.get_vectors(old_chunk_ids) if old_chunk_ids else {}
                    crashpoint("dense:fetched")
                    done.append("dense-delete")
                    if old_chunk_ids:
                        self.dense.delete(old_chunk_ids)
                    crashpoint("dense:deleted")
                    done.append("dense-add")
                    if new_chunks and vectors is not None:
                        self.dense.add(
                            [c.chunk_id for c in new_chunks],
                            vectors,
                            [c.to_metadata() for c in new_chunks],
                            batch=SERVING_DENSE_BATCH if commit_lock is not None else DENSE_BATCH,
                            pace=SERVING_DENSE_PACE if commit_lock is not None else 0.0,
                        )
                    crashpoint("dense:added")
                    # only the rows and the commit keep the questions out
                    exclusive.enter_context(commit_lock() if commit_lock is not None else nullcontext())
                    BM25Index.remove_documents(tx, replaced_ids)
                    crashpoint("store:keywords-removed")
                    for i in replaced_ids - new_ids:
                        DocStore.delete(tx, i)
                    crashpoint("store:removed")
                    for d in new_docs:
                        DocStore.put(tx, d)
                        crashpoint("store:document")
                    BM25Index.add(tx, new_chunks, words)
                    crashpoint("store:keywords")
                crashpoint("store:committed")
                self.docstore.committed(new_docs, replaced_ids - new_ids)
        except BaseException:
            self._undo_dense(done, new_chunks, old_chunks, old_vectors)
            raise

    # -- dense vectors added after the fact --------------------------------------------------

    def dense_pending(self) -> list[Chunk]:
        """Chunks in the document store that have no vector yet."""
        missing = self.chunk_ids() - self.dense.ids()
        if not missing:
            return []
        owners = set(self.doc_ids_of(missing).values())
        return [
            c for d in self.documents() if d.meta.doc_id in owners for c in d.chunks if c.chunk_id in missing
        ]

    def dense_counts(self) -> tuple[int, int]:
        """(chunks with a vector, all chunks), from ids alone."""
        store = self.chunk_ids()
        return len(store) - len(store - self.dense.ids()), len(store)

    def complete_dense(self, progress: Progress | None = None, batch: int = 256) -> int:
        """Embed the chunks that have no vector yet; returns how many were added.

        Safe beside queries and other writes: each batch is written under the index lock and only
        for chunks that still exist, so a document removed meanwhile leaves no stray vectors.
        """
        pending = self.dense_pending()
        crashpoint("backfill:pending")
        added = 0
        for i in range(0, len(pending), batch):
            part = pending[i : i + batch]
            vectors = self.embedder.embed_documents([c.embed_text for c in part])
            crashpoint("backfill:embedded")
            # the database lock too: a document another process removes meanwhile leaves no vectors
            with self._lock, self.db.exclusive():
                current = self.doc_ids_of(c.chunk_id for c in part)
                crashpoint("backfill:locked")
                keep = [j for j, c in enumerate(part) if c.chunk_id in current]
                if keep:
                    self.dense.add(
                        [part[j].chunk_id for j in keep],
                        vectors[keep],
                        [part[j].to_metadata() for j in keep],
                    )
                crashpoint("backfill:written")
            crashpoint("backfill:batch")
            added += len(part)
            if progress:
                progress(added, len(pending))
        crashpoint("backfill:done")
        return added

    def remove(self, doc_ids: Sequence[str], commit_lock: CommitLock | None = None) -> IngestReport:
        """Remove documents; ``commit_lock`` as in :meth:`write` (taken by this method, never
        held by the caller)."""
        for i in doc_ids:
            self.document(i)  # raises a clear error for an unknown id, before anything changes
        report = self.write([], doc_ids, commit_lock=commit_lock)
        report.removed = list(doc_ids)
        return report

    def embed(self, docs: Sequence[StoredDocument], progress: Progress | None = None) -> np.ndarray:
        """One vector per chunk of ``docs``, in order (touches no store: no lock needed)."""
        return self._embed([c.embed_text for d in docs for c in d.chunks], progress)

    def _embed(self, texts: list[str], progress: Progress | None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.embedder.dimension), dtype=np.float32)
        step = 256
        parts = []
        for i in range(0, len(texts), step):
            parts.append(self.embedder.embed_documents(texts[i : i + step]))
            if progress:
                progress(min(i + step, len(texts)), len(texts))
        return np.vstack(parts)

    def _undo_dense(
        self,
        done: list[str],
        new_chunks: list[Chunk],
        old_chunks: list[Chunk],
        old_vectors: dict[str, np.ndarray],
    ) -> None:
        """Undo the Chroma steps listed in ``done``, newest first (the database rolls itself back).

        Each step is marked before it starts: undoing a step that did not (fully) happen is
        harmless, because every undo is idempotent.
        """
        if "dense-add" in done and new_chunks:
            self.dense.delete([c.chunk_id for c in new_chunks])
        if "dense-delete" in done and old_chunks:
            restorable = [c for c in old_chunks if c.chunk_id in old_vectors]
            if restorable:
                self.dense.add(
                    [c.chunk_id for c in restorable],
                    np.vstack([old_vectors[c.chunk_id] for c in restorable]),
                    [c.to_metadata() for c in restorable],
                )

    # -- consistency ------------------------------------------------------------------------

    def health(self) -> LibraryHealth:
        """Do documents, keyword index and vectors agree? (read only; see :meth:`reconcile`)"""
        return inspect(self)

    def reconcile(self, embed: bool = False, progress: Progress | None = None) -> Reconciled:
        """Make Chroma follow the database: delete vectors without a chunk, and with ``embed``
        also embed the chunks without a vector (otherwise they stay pending for the background)."""
        # under the database's write lock: vectors another process has added for a write it has not
        # committed yet are not orphans, and such a write holds that lock until it commits
        with self._lock, self.db.exclusive():
            crashpoint("reconcile:locked")
            store_ids = self.chunk_ids()
            orphans = sorted(self.dense.ids() - store_ids)
            crashpoint("reconcile:orphans-listed")
            if orphans:
                self.dense.delete(orphans)
            crashpoint("reconcile:orphans-deleted")
        added = self.complete_dense(progress) if embed else 0
        return Reconciled(orphans_deleted=len(orphans), embedded=added)

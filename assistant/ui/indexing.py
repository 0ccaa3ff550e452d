"""A usable first start: keyword index now, vectors in the background.

Embedding the bundled corpus with the default model takes several minutes on two cores, but
parsing it and building the BM25 index takes seconds, and retrieval already leans on BM25 (dense
weight 0.1, see :mod:`assistant.retrieve`). So ``serve`` on an empty data directory:

1. runs the normal :meth:`Assistant.ingest` with the dense store deferred (:func:`ingest_sparse_first`):
   documents, chunks and BM25 are written; no vectors;
2. starts :class:`DenseBackfill`, which embeds every chunk that has no vector yet, in batches,
   while the app answers from BM25 plus whatever vectors already exist. The same backfill resumes
   after a restart, because "missing" is computed from the stores, not remembered.

This lives in the UI layer only because the core is owned elsewhere; the clean home is the core
(``Assistant.ingest(..., dense="later")`` and ``Assistant.backfill_dense(progress)``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.core import Assistant
from assistant.index import IngestReport
from assistant.schema import Chunk

log = logging.getLogger(__name__)


class RWLock:
    """Many readers (questions) or one writer (upload, removal, vector batch) at a time."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            while self._writer:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            while self._writer or self._readers:
                self._cond.wait()
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


class _DeferredDense:
    """Stands in for the Chroma store during a sparse-first ingest: writes nothing."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def delete(self, ids: list[str]) -> None:
        self.real.delete(ids)  # replacing a document must still drop its old vectors

    def add(self, *args: Any, **kwargs: Any) -> None:
        return None

    def get_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        return dict(self.real.get_vectors(ids))

    def count(self) -> int:
        return int(self.real.count())


class _ZeroEmbedder:
    """Same id and dimension as the real model; its vectors are never stored."""

    def __init__(self, real: Any) -> None:
        self.model_id = real.model_id
        self.dimension = real.dimension

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return np.zeros((len(texts), self.dimension), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return np.zeros(self.dimension, dtype=np.float32)


def ingest_sparse_first(
    assistant: Assistant, on_file: Callable[[Any, int, int], None] | None = None
) -> IngestReport:
    """:meth:`Assistant.ingest` of the bundled corpus with vectors deferred to :class:`DenseBackfill`."""
    index = assistant.index
    real_dense, real_embedder = index.dense, index.embedder
    index.dense = _DeferredDense(real_dense)  # type: ignore[assignment]
    index.embedder = _ZeroEmbedder(real_embedder)
    try:
        return assistant.ingest(on_file=on_file)
    finally:
        index.dense, index.embedder = real_dense, real_embedder


@dataclass
class BackfillStatus:
    total: int = 0  # chunks in the library
    missing: int = 0  # chunks without a vector when the backfill started
    done: int = 0  # of those, embedded so far
    running: bool = False
    error: str = ""
    started: float = 0.0
    finished: float = 0.0

    @property
    def complete(self) -> bool:
        return not self.running and not self.error and self.done >= self.missing


class DenseBackfill:
    """Embeds, in a daemon thread, every chunk that has no vector in the dense store yet."""

    def __init__(self, assistant: Assistant, lock: RWLock, batch: int = 32) -> None:
        self.assistant = assistant
        self.lock = lock
        self.batch = batch
        self.status = BackfillStatus()
        self._thread: threading.Thread | None = None

    def missing(self) -> list[Chunk]:
        index = self.assistant.index
        have = index.dense.ids()
        return [c for c in index.chunks().values() if c.chunk_id not in have]

    def start(self) -> bool:
        """Start if anything is missing; return whether a backfill is running."""
        with self.lock.read():
            todo = self.missing()
            total = len(self.assistant.index.chunks())
        self.status = BackfillStatus(total=total, missing=len(todo), started=time.time())
        if not todo:
            return False
        self.status.running = True
        self._thread = threading.Thread(target=self._run, args=(todo,), name="dense-backfill", daemon=True)
        self._thread.start()
        return True

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self, todo: list[Chunk]) -> None:
        index = self.assistant.index
        try:
            for i in range(0, len(todo), self.batch):
                part = todo[i : i + self.batch]
                vectors = index.embedder.embed_documents([c.embed_text for c in part])
                with self.lock.write():
                    # Documents may have been replaced or removed meanwhile: store only live chunks.
                    live = index.chunks()
                    keep = [j for j, c in enumerate(part) if c.chunk_id in live]
                    if keep:
                        index.dense.add(
                            [part[j].chunk_id for j in keep],
                            vectors[keep],
                            [part[j].text for j in keep],
                            [part[j].to_metadata() for j in keep],
                        )
                self.status.done = min(self.status.missing, i + len(part))
        except Exception as e:  # reported in the UI; answers keep working from BM25
            log.exception("dense backfill failed")
            self.status.error = str(e)
        finally:
            self.status.running = False
            self.status.finished = time.time()


def status_html(backfill: DenseBackfill | None) -> str:
    """The line at the top of the page: how complete the index is."""
    if backfill is None:
        return ""
    s = backfill.status
    if s.error:
        return (
            '<div class="index-status error">向量索引构建失败：'
            f"{_esc(s.error)}。问答仍可使用关键词检索（BM25）。</div>"
        )
    if s.running:
        pct = s.done / s.missing if s.missing else 1.0
        return (
            '<div class="index-status building">正在后台构建向量索引：'
            f'<progress max="{s.missing}" value="{s.done}"></progress>{s.done}/{s.missing} 个片段'
            f"（{pct:.0%}）。全部文件已可检索：当前主要依靠关键词检索（BM25），完成后自动启用语义检索。</div>"
        )
    if s.missing and s.finished:
        return f'<div class="index-status ready">向量索引已完成（{s.missing} 个片段，用时 {s.finished - s.started:.0f} 秒）。</div>'
    return ""


def _esc(s: str) -> str:
    import html

    return html.escape(s)

"""A usable first start: keyword index now, vectors in the background.

Embedding the bundled corpus with the default model takes several minutes on two cores, but
parsing it and building the BM25 index takes seconds, and retrieval already leans on BM25 (dense
weight 0.1, see :mod:`assistant.retrieve`). So ``serve`` on an empty data directory:

1. runs :meth:`Assistant.ingest` with ``dense=False``: documents, chunks and BM25 are written;
2. starts :class:`DenseBackfill`, which runs the core's ``complete_dense`` in a daemon thread
   while the app answers from BM25 plus whatever vectors already exist; the page shows progress.
   It resumes after a restart, because what is missing is read from the stores.
"""

from __future__ import annotations

import html
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from assistant.core import Assistant

log = logging.getLogger(__name__)
# Vectors per background batch. The embedding model serves one call at a time, so a question
# waits for the batch in progress: small batches keep that wait well under a second.
BACKFILL_BATCH = 32


class RWLock:
    """Many readers (questions) or one writer (upload commit, removal) at a time.

    A waiting writer goes first: new readers wait behind it, else a steady stream of questions
    (ten chat users) would keep an upload's commit out indefinitely. A thread that already reads
    may read again (nested reads never wait for a writer that waits for them).
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False
        self._writers_waiting = 0
        self._mine = threading.local()  # this thread's read depth

    @contextmanager
    def read(self) -> Iterator[None]:
        depth = getattr(self._mine, "depth", 0)
        with self._cond:
            while self._writer or (self._writers_waiting and not depth):
                self._cond.wait()
            self._readers += 1
        self._mine.depth = depth + 1
        try:
            yield
        finally:
            self._mine.depth = depth
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            try:
                while self._writer or self._readers:
                    self._cond.wait()
            finally:
                self._writers_waiting -= 1
            self._writer = True
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()


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

    def __init__(self, assistant: Assistant, batch: int = BACKFILL_BATCH) -> None:
        self.assistant = assistant
        self.batch = batch
        self.status = BackfillStatus()
        self._thread: threading.Thread | None = None

    def start(self) -> bool:
        """Start if anything is missing; return whether a backfill is running."""
        have, total = self.assistant.dense_status()
        self.status = BackfillStatus(total=total, missing=total - have, started=time.time())
        if have >= total:
            return False
        self.status.running = True
        self._thread = threading.Thread(target=self._run, name="dense-backfill", daemon=True)
        self._thread.start()
        return True

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _progress(self, done: int, missing: int) -> None:
        self.status.done, self.status.missing = done, missing

    def _run(self) -> None:
        try:
            self.assistant.complete_dense(self._progress, batch=self.batch)
            self.status.done = self.status.missing
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
            f"{html.escape(s.error)}。问答仍可使用关键词检索（BM25）。</div>"
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

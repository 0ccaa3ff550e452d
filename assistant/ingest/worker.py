"""Embedding and keyword segmentation of an upload in a separate worker process.

Both are CPU-bound Python/numpy work. Run in the serving process they compete with the questions
for its one GIL: while eight files were imported, chat p95 rose to 4× the single-user p95
(eval/reports/load.md) although only the commit holds the write lock. In a worker process they
use the other core and the serving process keeps answering; the commit stays in the serving
process, exclusive as before.

One worker, started on first use (``spawn``: the server has threads, which a fork would copy in
an unknown state) and kept, so the model is loaded once per server, not once per upload.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from assistant.embeddings.base import Embedder

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


def _worker() -> ProcessPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
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

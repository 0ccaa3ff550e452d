"""The embedder protocol and the factory that builds one from a spec string."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

Vectors = NDArray[np.float32]


@runtime_checkable
class Embedder(Protocol):
    """Turns text into L2-normalised vectors.

    ``model_id`` is stored with the index: vectors of two different models must never be mixed.
    Documents and queries are separate calls because some models embed them differently.
    """

    @property
    def model_id(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def embed_documents(self, texts: list[str]) -> Vectors: ...

    def embed_query(self, text: str) -> Vectors: ...


def get_embedder(spec: str | Embedder) -> Embedder:
    """Build an embedder from ``"use-multilingual"`` or ``"st:/path/to/model"``, or pass one through."""
    if not isinstance(spec, str):
        return spec
    if spec in ("use-multilingual", "use"):
        from assistant.embeddings.use import USEEmbedder

        return USEEmbedder()
    if spec.startswith("st:"):
        from assistant.embeddings.sentence_transformers import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(spec[3:])
    if spec.startswith("hash"):
        from assistant.embeddings.hashing import HashingEmbedder

        return HashingEmbedder()
    raise ValueError(
        f"未知的向量模型设置 (unknown embedder spec): {spec!r}; "
        "use 'use-multilingual' or 'st:/path/to/sentence-transformers-model'"
    )

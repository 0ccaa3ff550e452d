"""Any local sentence-transformers model directory (bge, m3e, e5 … in a real deployment).

Only a local path is accepted: nothing may be downloaded at run time.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from assistant.embeddings.base import Vectors


class SentenceTransformerEmbedder:
    def __init__(self, model_path: str | Path, batch_size: int = 32) -> None:
        path = Path(model_path)
        if not path.is_dir():
            raise ValueError(f"向量模型目录不存在 (model directory not found): {path}")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.batch_size = batch_size
        self.model_id = f"st:{path.name}"
        get_dim = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        dim = get_dim()
        if dim is None:
            raise ValueError(f"cannot determine the embedding size of {path}")
        self.dimension = int(dim)
        self._lock = threading.Lock()

    def _encode(self, texts: list[str]) -> Vectors:
        with self._lock:
            vecs = self._model.encode(
                texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
            )
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), self.dimension)

    def embed_documents(self, texts: list[str]) -> Vectors:
        return self._encode(texts)

    def embed_query(self, text: str) -> Vectors:
        return self._encode([text])[0]

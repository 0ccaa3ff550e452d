"""Dense vectors in Chroma, embedded by us.

We always hand Chroma ready vectors (``embeddings=``/``query_embeddings=``), so its default
embedding function, which would download a model, is never used. The collection's metadata records
the embedder's id and dimension; opening it with another embedder raises
:class:`~assistant.errors.IndexMismatchError` instead of silently mixing vector spaces.

Where the vectors live is the one choice :func:`make_client` makes: the embedded store under the
data directory (one process), or a Chroma server (``chroma run``) that several app processes share
when ``POLICY_ASSISTANT_CHROMA_URL`` is set. Everything above the client is the same for both.
"""

from __future__ import annotations

import os
from pathlib import Path
from time import perf_counter, sleep
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from assistant.embeddings.base import Vectors
from assistant.errors import IndexMismatchError, RuntimeFailure
from assistant.index.crashpoints import crashpoint

if TYPE_CHECKING:
    from assistant.config import Settings

DENSE_BATCH = 2000  # Chroma refuses very large single writes
# Vector updates Chroma keeps in its log before it writes them into the HNSW files (its default is
# 1000). Every write in the embedded store costs time in proportion to the updates still pending
# (measured 2026-12-04 on the dev library, 14.6k vectors, 512 dimensions, one idle core: a
# 16-vector upsert took 180–310 ms with 580–1000 updates pending and 24–57 ms just after the files
# were written), and holds the GIL throughout; at 100 the same upserts took 23–79 ms, a bulk ingest
# of 16,000 vectors no longer (14.6 s against 15.4 s) and questions were as fast (2 ms a query).
SYNC_THRESHOLD = 100


def persistent_client(path: Path) -> Any:
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))


def http_client(url: str, headers: dict[str, str] | None = None) -> Any:
    """A client of the Chroma server at ``url`` (``http://host:port``; ``https://`` behind a TLS
    proxy). Chroma checks the server when the client is built, so a server that is down is
    reported here, at start, in words an operator can act on."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise ValueError(f"Chroma 服务地址应形如 http://主机:端口 (expected http(s)://host:port): {url!r}")
    ssl = parts.scheme == "https"
    port = parts.port or (443 if ssl else 8000)
    try:
        return chromadb.HttpClient(
            host=parts.hostname,
            port=port,
            ssl=ssl,
            headers=headers or None,
            settings=ChromaSettings(anonymized_telemetry=False),
        )
    except ValueError as e:  # chromadb's "Could not connect to a Chroma server"
        raise RuntimeFailure(
            f"无法连接向量库服务 {parts.hostname}:{port}，请确认 chroma run 已启动 "
            f"(cannot reach the Chroma server: {e})"
        ) from e


def make_client(settings: Settings) -> Any:
    """The Chroma client the settings ask for: a server if ``chroma_url`` is set, else the embedded
    store under the data directory. The auth header's value is read from the environment only here."""
    if settings.chroma_url:
        auth = os.environ.get(settings.chroma_auth_env)
        return http_client(settings.chroma_url, {"Authorization": auth} if auth else None)
    return persistent_client(settings.chroma_dir)


class ChromaIndex:
    def __init__(self, client: Any, name: str, model_id: str, dimension: int) -> None:
        self.client = client
        self.model_id = model_id
        self.collection = client.get_or_create_collection(
            name=name,
            embedding_function=None,
            metadata={"embedder": model_id, "dimension": dimension, "hnsw:space": "cosine"},
        )
        stored = (self.collection.metadata or {}).get("embedder")
        if stored and stored != model_id:
            raise IndexMismatchError(
                f"索引是用向量模型 {stored} 建立的，当前设置为 {model_id}；请删除数据目录后重新导入，"
                f"或改回原模型。(index was built with embedder {stored}, current embedder is {model_id})"
            )
        hnsw = (getattr(self.collection, "configuration_json", None) or {}).get("hnsw") or {}
        if hnsw and hnsw.get("sync_threshold") != SYNC_THRESHOLD:
            # also a library built before the setting existed: the change is one metadata write
            self.collection.modify(configuration={"hnsw": {"sync_threshold": SYNC_THRESHOLD}})

    def count(self) -> int:
        return int(self.collection.count())

    def ids(self) -> set[str]:
        got = self.collection.get(include=[])
        return set(got["ids"])

    def add(
        self,
        ids: list[str],
        vectors: Vectors,
        metadatas: list[dict[str, Any]],
        batch: int = DENSE_BATCH,
        pace: float = 0.0,
    ) -> None:
        """Upsert the vectors, ``batch`` per call. The embedded Chroma holds the GIL for a whole
        call (about 1 ms a vector, see SYNC_THRESHOLD), so nothing else in the process runs meanwhile: a server
        writing beside questions passes a small ``batch`` and a ``pace``, and after each call
        sleeps ``pace`` times as long as the call took, leaving the GIL to the questions. Without
        the pause the writer asks for the GIL back as soon as a call returns, and CPython hands it
        over within its 5 ms switch interval, so questions barely advance between calls (measured
        2026-12-03 in the served app under ten users: questions that arrived during a 270-vector
        write in 64-vector calls waited 1.5–1.9 s; with the pause, p95 fell to 0.8–0.9 s).

        The chunk texts stay in the document store: Chroma gets an empty document for each
        vector. It would otherwise index every text in its own full-text table, a second copy of
        the corpus (measured on 2026-12-02: 4,000 random 512-dimension vectors upserted 270 at a
        time into an embedded store, with 600-character regulation texts ~440 vectors/s, with
        empty documents ~2,200 vectors/s). The document cannot be left out altogether:
        langchain-chroma drops hits whose document is ``None``."""
        # calls of even size: a short last call would pay a call's fixed cost for a few vectors
        calls = max(1, -(-len(ids) // batch))
        size = -(-len(ids) // calls)
        for i in range(0, len(ids), size):
            part = ids[i : i + size]
            started = perf_counter()
            self.collection.upsert(
                ids=part,
                embeddings=np.asarray(vectors[i : i + size], dtype=np.float32),
                documents=[""] * len(part),
                metadatas=metadatas[i : i + size],
            )
            crashpoint("dense:batch")
            if pace and i + size < len(ids):
                sleep(pace * (perf_counter() - started))

    def delete(self, ids: list[str]) -> None:
        for i in range(0, len(ids), DENSE_BATCH):
            self.collection.delete(ids=ids[i : i + DENSE_BATCH])
            crashpoint("dense:delete-batch")

    def get_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """Stored vectors by id (used to restore chunks when a write must be rolled back)."""
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(ids), DENSE_BATCH):
            got = self.collection.get(ids=ids[i : i + DENSE_BATCH], include=["embeddings"])
            for cid, vec in zip(got["ids"], got["embeddings"], strict=True):
                out[cid] = np.asarray(vec, dtype=np.float32)
        return out

    def query(
        self, vector: Vectors, k: int = 20, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """(chunk_id, cosine similarity) pairs, best first.

        Chroma answers a ``k`` above what it holds with what it holds (none from an empty
        collection), so the count is not asked first: it took 73 ms at 1M vectors."""
        res = self.collection.query(
            query_embeddings=[np.asarray(vector, dtype=np.float32)],
            n_results=k,
            where=where,
            include=["distances"],
        )
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)]

